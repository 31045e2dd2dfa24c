/**
 * The ServiceAccount controller (upstream pkg/controller/serviceaccount, `serviceaccount-controller`)
 * and the root CA publisher (upstream pkg/controller/certificates/rootcacertpublisher,
 * `root-ca-cert-publisher`): every active namespace gets a `default` ServiceAccount and a
 * `kube-root-ca.crt` ConfigMap holding the cluster CA (here a fixed, fake PEM: KubeLab has no TLS).
 * Left out: token Secrets (legacy), the CA's real bytes.
 */
import type { ConfigMap, Namespace, ServiceAccount } from 'kubernetes-types/core/v1';
import { unwrapTombstone } from '../../../../client/informer';
import type { ControllerContext, ControllerDescriptor } from '../../types';
import { QueueController, isConflict } from './util';

/** The root CA ConfigMap's name. */
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';

/** The fake cluster CA certificate KubeLab publishes. */
export const FAKE_CA_PEM = [
  '-----BEGIN CERTIFICATE-----',
  'MIIDBTCCAe2gAwIBAgIIS3ViZUxhYjAwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE',
  'AxMKa3ViZXJuZXRlczAeFw0yNjAxMDEwMDAwMDBaFw0zNjAxMDEwMDAwMDBaMBUx',
  'EzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK',
  'AoIBAQDKdWJlbGFiLWZha2UtY2EtY2VydGlmaWNhdGUtbm90LWZvci11c2Ugb25s',
  'eS1mb3ItbGVhcm5pbmcta3ViZXJuZXRlcy1pbi1hLWJyb3dzZXItdGFiAgMBAAGj',
  'WTBXMA4GA1UdDwEB/wQEAwICpDAPBgNVHRMBAf8EBTADAQH/MB0GA1UdDgQWBBRr',
  'dWJlbGFiLWNhLWtleS1pZDAVBgNVHREEDjAMggprdWJlcm5ldGVzMA0GCSqGSIb3',
  'DQEBCwUAA4IBAQBrdWJlbGFiLXNpZ25hdHVyZS1wbGFjZWhvbGRlcg==',
  '-----END CERTIFICATE-----',
  '',
].join('\n');

const CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

/** The serviceaccount-controller. */
export class ServiceAccountController extends QueueController {
  private readonly namespaces;
  private readonly accounts;
  constructor(ctx: ControllerContext) {
    super(ctx, 'serviceaccount-controller');
    this.namespaces = this.use(ctx.informers.informerFor(ctx.client.namespaces));
    this.accounts = this.use(
      ctx.informers.informerFor(ctx.client.resource<ServiceAccount>('', 'v1', 'serviceaccounts')),
    );
    const add = (n: Namespace) => this.queue.add(n.metadata!.name!);
    this.namespaces.addEventHandler({ onAdd: add, onUpdate: (_o, n) => add(n) });
    this.accounts.addEventHandler({
      onDelete: (o) => this.queue.add(unwrapTombstone(o).metadata!.namespace!),
    });
  }

  protected async sync(ns: string): Promise<void> {
    const n = this.namespaces.lister().get(undefined, ns);
    if (!n || n.metadata?.deletionTimestamp || n.status?.phase === 'Terminating') return;
    if (this.accounts.lister().get(ns, 'default')) return;
    try {
      await this.ctx.client.resource<ServiceAccount>('', 'v1', 'serviceaccounts').create(ns, {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: 'default', namespace: ns },
      });
    } catch (e) {
      if (!isConflict(e)) throw e;
    }
  }
}

/** The root-ca-cert-publisher. */
export class RootCaPublisher extends QueueController {
  private readonly namespaces;
  private readonly configMaps;
  constructor(ctx: ControllerContext) {
    super(ctx, 'root-ca-cert-publisher');
    this.namespaces = this.use(ctx.informers.informerFor(ctx.client.namespaces));
    this.configMaps = this.use(ctx.informers.informerFor(ctx.client.configMaps));
    const add = (n: Namespace) => this.queue.add(n.metadata!.name!);
    this.namespaces.addEventHandler({ onAdd: add, onUpdate: (_o, n) => add(n) });
    const onCm = (c: ConfigMap) => {
      if (c.metadata?.name === ROOT_CA_CONFIGMAP) this.queue.add(c.metadata.namespace!);
    };
    this.configMaps.addEventHandler({
      onUpdate: (_o, c) => onCm(c),
      onDelete: (o) => onCm(unwrapTombstone(o)),
    });
  }

  protected async sync(ns: string): Promise<void> {
    const n = this.namespaces.lister().get(undefined, ns);
    if (!n || n.metadata?.deletionTimestamp || n.status?.phase === 'Terminating') return;
    const cm = this.configMaps.lister().get(ns, ROOT_CA_CONFIGMAP);
    const annotations = { 'kubernetes.io/description': CA_DESCRIPTION };
    if (!cm) {
      try {
        await this.ctx.client.configMaps.create(ns, {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: ROOT_CA_CONFIGMAP, namespace: ns, annotations },
          data: { 'ca.crt': FAKE_CA_PEM },
        });
      } catch (e) {
        if (!isConflict(e)) throw e;
      }
      return;
    }
    if (
      cm.data?.['ca.crt'] === FAKE_CA_PEM &&
      cm.metadata?.annotations?.['kubernetes.io/description'] === CA_DESCRIPTION
    )
      return;
    await this.ctx.client.configMaps.update({
      ...cm,
      metadata: { ...cm.metadata, annotations: { ...(cm.metadata?.annotations ?? {}), ...annotations } },
      data: { ...(cm.data ?? {}), 'ca.crt': FAKE_CA_PEM },
    });
  }
}

/** Registry entries. */
export const serviceAccountDescriptor: ControllerDescriptor = {
  name: 'serviceaccount-controller',
  workers: 1,
  create: (ctx) => new ServiceAccountController(ctx),
};

/** Registry entry of the root CA publisher. */
export const rootCaPublisherDescriptor: ControllerDescriptor = {
  name: 'root-ca-cert-publisher',
  workers: 1,
  create: (ctx) => new RootCaPublisher(ctx),
};
