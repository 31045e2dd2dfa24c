/**
 * ServiceAccount admission: pods run as a service account (`default` unless named) and, unless
 * automounting is off, get the projected `kube-api-access-xxxxx` volume with the token, the cluster CA
 * and the namespace, mounted in every container at /var/run/secrets/kubernetes.io/serviceaccount.
 *
 * Left out: token issuance (the token is never used by a simulated container). Upstream refuses a pod
 * whose service account does not exist yet; KubeLab accepts `default` while the ServiceAccount
 * controller has not made it, so pods created right after a namespace are not refused.
 */
import { errors } from '../../../api/errors';
import { randomSuffix } from '../../../runtime/rng';
import type { AdmissionPlugin } from './types';

interface VolumeMount {
  name: string;
  mountPath: string;
  readOnly?: boolean;
}
interface Container {
  volumeMounts?: VolumeMount[];
}
interface PodSpec {
  serviceAccountName?: string;
  serviceAccount?: string;
  automountServiceAccountToken?: boolean;
  containers?: Container[];
  initContainers?: Container[];
  volumes?: Array<{ name: string; projected?: unknown }>;
}

const MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

/** The ServiceAccount plugin. */
export const serviceAccount: AdmissionPlugin = {
  name: 'ServiceAccount',
  admit(a, ctx) {
    if (a.info.kind !== 'Pod' || a.operation !== 'CREATE' || a.subresource || !a.object) return;
    // Mirror pods (static pods) are left alone, as upstream does.
    if (a.object.metadata.annotations?.['kubernetes.io/config.mirror']) return;
    const spec = (a.object.spec ??= {}) as PodSpec;
    const name = spec.serviceAccountName || spec.serviceAccount || 'default';
    spec.serviceAccountName = name;
    spec.serviceAccount = name;
    const sa = ctx.get('serviceaccounts', '', a.namespace, name);
    if (!sa && name !== 'default') {
      throw errors.forbidden(
        { group: '', resource: 'pods' },
        a.name,
        `error looking up service account ${a.namespace}/${name}: serviceaccount "${name}" not found`,
      );
    }
    const automount =
      spec.automountServiceAccountToken ?? (sa?.automountServiceAccountToken as boolean | undefined) ?? true;
    if (!automount) return;
    const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
    if (containers.some((c) => c.volumeMounts?.some((m) => m.mountPath === MOUNT))) return;
    const volName = `kube-api-access-${randomSuffix(ctx.rng, 5)}`;
    (spec.volumes ??= []).push({
      name: volName,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          {
            downwardAPI: {
              items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
            },
          },
        ],
      },
    });
    for (const c of containers)
      (c.volumeMounts ??= []).push({ name: volName, readOnly: true, mountPath: MOUNT });
  },
};
