/**
 * Admission plugins as a pod create sees them: DefaultTolerationSeconds, ServiceAccount, Priority,
 * LimitRanger (defaults, annotation, min/max), ResourceQuota and NamespaceLifecycle.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { KubeObject } from '../../../src/api/types';
import { startHarness, pod, status, PODS, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.c.stop();
});

interface Spec {
  tolerations?: unknown[];
  serviceAccountName?: string;
  serviceAccount?: string;
  volumes?: Array<{ name: string; projected?: unknown }>;
  containers: Array<{ name: string; volumeMounts?: unknown[]; resources?: unknown }>;
  priority?: number;
  priorityClassName?: string;
  preemptionPolicy?: string;
}
const specOf = (o: KubeObject) => o.spec as Spec;

describe('DefaultTolerationSeconds', () => {
  it('adds the not-ready and unreachable NoExecute tolerations for 300 s', async () => {
    const p = await h.ok('POST', PODS, pod('p'));
    expect(specOf(p).tolerations).toEqual([
      {
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ]);
  });

  it('keeps a toleration the pod already has for one of them', async () => {
    const own = {
      key: 'node.kubernetes.io/not-ready',
      operator: 'Exists',
      effect: 'NoExecute',
      tolerationSeconds: 10,
    };
    const p = await h.ok('POST', PODS, pod('p', { spec: { tolerations: [own] } }));
    expect(specOf(p).tolerations).toEqual([
      own,
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ]);
  });
});

describe('ServiceAccount', () => {
  it('sets the default service account and mounts the kube-api-access volume', async () => {
    const p = await h.ok(
      'POST',
      PODS,
      pod('p', {
        containers: [
          { name: 'a', image: 'x' },
          { name: 'b', image: 'x' },
        ],
      }),
    );
    const s = specOf(p);
    expect(s.serviceAccountName).toBe('default');
    expect(s.serviceAccount).toBe('default');
    expect(s.volumes).toHaveLength(1);
    const vol = s.volumes![0];
    expect(vol.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(vol.projected).toEqual({
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
    });
    for (const c of s.containers)
      expect(c.volumeMounts).toEqual([
        { name: vol.name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' },
      ]);
  });

  it('automountServiceAccountToken: false mounts nothing; an unknown account is refused', async () => {
    const p = await h.ok('POST', PODS, pod('p', { spec: { automountServiceAccountToken: false } }));
    expect(specOf(p).volumes).toBeUndefined();
    const r = await h.call('POST', PODS, pod('q', { spec: { serviceAccountName: 'robot' } }));
    expect(r.status).toBe(403);
    expect(status(r).message).toBe(
      'pods "q" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found',
    );
  });
});

describe('Priority', () => {
  it('resolves a class name to its value and preemption policy', async () => {
    const p = await h.ok('POST', PODS, pod('p', { spec: { priorityClassName: 'system-node-critical' } }));
    expect(specOf(p)).toMatchObject({
      priorityClassName: 'system-node-critical',
      priority: 2000001000,
      preemptionPolicy: 'PreemptLowerPriority',
    });
    const d = await h.ok('POST', PODS, pod('d'));
    expect(specOf(d).priority).toBe(0);
    expect(specOf(d).priorityClassName).toBeUndefined();
  });

  it('a globalDefault class applies to pods without a class', async () => {
    await h.ok('POST', '/apis/scheduling.k8s.io/v1/priorityclasses', {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'normal' },
      value: 1000,
      globalDefault: true,
      preemptionPolicy: 'Never',
    });
    const p = await h.ok('POST', PODS, pod('p'));
    expect(specOf(p)).toMatchObject({
      priorityClassName: 'normal',
      priority: 1000,
      preemptionPolicy: 'Never',
    });
  });

  it('refuses an unknown class and a hand-set priority', async () => {
    const r = await h.call('POST', PODS, pod('p', { spec: { priorityClassName: 'nope' } }));
    expect(r.status).toBe(403);
    expect(status(r)).toMatchObject({
      reason: 'Forbidden',
      message: 'pods "p" is forbidden: no PriorityClass with name nope was found',
    });
    const r2 = await h.call('POST', PODS, pod('q', { spec: { priority: 5 } }));
    expect(r2.status).toBe(403);
    expect(status(r2).message).toBe(
      'pods "q" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
    );
  });
});

describe('LimitRanger', () => {
  const LR = '/api/v1/namespaces/default/limitranges';
  it('fills defaults and records them in the kubernetes.io/limit-ranger annotation', async () => {
    await h.ok('POST', LR, {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'lr' },
      spec: {
        limits: [
          { type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m' } },
        ],
      },
    });
    const p = await h.ok('POST', PODS, pod('p'));
    expect(specOf(p).containers[0].resources).toEqual({
      limits: { cpu: '500m', memory: '256Mi' },
      requests: { cpu: '100m', memory: '256Mi' },
    });
    expect(p.metadata.annotations).toEqual({
      'kubernetes.io/limit-ranger':
        'LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx',
    });
    expect((p.status as { qosClass: string }).qosClass).toBe('Burstable');
  });

  it('refuses requests under min and limits over max with upstream messages', async () => {
    await h.ok('POST', LR, {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'lr' },
      spec: { limits: [{ type: 'Container', min: { cpu: '100m' }, max: { cpu: '1' } }] },
    });
    const low = await h.call(
      'POST',
      PODS,
      pod('low', {
        containers: [
          { name: 'c', image: 'x', resources: { requests: { cpu: '50m' }, limits: { cpu: '500m' } } },
        ],
      }),
    );
    expect(low.status).toBe(403);
    expect(status(low).message).toBe(
      'pods "low" is forbidden: minimum cpu usage per Container is 100m, but request is 50m',
    );
    const high = await h.call(
      'POST',
      PODS,
      pod('high', {
        containers: [
          { name: 'c', image: 'x', resources: { requests: { cpu: '200m' }, limits: { cpu: '2' } } },
        ],
      }),
    );
    expect(status(high).message).toBe(
      'pods "high" is forbidden: maximum cpu usage per Container is 1, but limit is 2',
    );
    const both = await h.call(
      'POST',
      PODS,
      pod('both', {
        containers: [
          { name: 'c', image: 'x', resources: { requests: { cpu: '50m' }, limits: { cpu: '2' } } },
        ],
      }),
    );
    expect(status(both).message).toBe(
      'pods "both" is forbidden: [minimum cpu usage per Container is 100m, but request is 50m, maximum cpu usage per Container is 1, but limit is 2]',
    );
  });
});

describe('ResourceQuota', () => {
  it('refuses a create over the quota with the exceeded quota message', async () => {
    await h.ok('POST', '/api/v1/namespaces/default/resourcequotas', {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'q' },
      spec: { hard: { pods: '2', 'requests.cpu': '1' } },
    });
    const withCpu = (name: string, cpu: string) =>
      pod(name, {
        containers: [{ name: 'c', image: 'x', resources: { requests: { cpu }, limits: { cpu } } }],
      });
    await h.ok('POST', PODS, withCpu('a', '600m'));
    const r = await h.call('POST', PODS, withCpu('b', '500m'));
    expect(r.status).toBe(403);
    expect(status(r).message).toBe(
      'pods "b" is forbidden: exceeded quota: q, requested: requests.cpu=500m, used: requests.cpu=600m, limited: requests.cpu=1',
    );
    await h.ok('POST', PODS, withCpu('b', '400m'));
    const c = await h.call('POST', PODS, withCpu('c', '0'));
    expect(status(c).message).toBe(
      'pods "c" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2',
    );
    const none = await h.call('POST', PODS, pod('d'));
    expect(status(none).message).toBe(
      'pods "d" is forbidden: failed quota: q: must specify requests.cpu for: nginx',
    );
  });
});
