/**
 * Subresources: pods/binding, deployments/scale (autoscaling/v1 Scale), pods/eviction with
 * PodDisruptionBudgets, pods/log through a registered kubelet, and the legacy bindings collection.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { KubeObject } from '../../../src/api/types';
import {
  startHarness,
  pod,
  deployment,
  node,
  binding,
  status,
  PODS,
  DEPLOYS,
  NODES,
  type Harness,
} from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  await h.ok('POST', NODES, node('n1'));
});
afterEach(async () => {
  await h.c.stop();
});

describe('pods/binding', () => {
  it('sets spec.nodeName and PodScheduled=True, answers a 201 Success Status', async () => {
    await h.ok('POST', PODS, pod('p'));
    const r = await h.call('POST', `${PODS}/p/binding`, binding('p', 'n1'));
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
    const p = await h.ok('GET', `${PODS}/p`);
    expect((p.spec as { nodeName: string }).nodeName).toBe('n1');
    expect((p.status as { conditions: unknown[] }).conditions).toEqual([
      {
        type: 'PodScheduled',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: '2026-01-01T00:00:00Z',
      },
    ]);
  });

  it('binding an already bound pod is 409 with upstream message', async () => {
    await h.ok('POST', PODS, pod('p'));
    await h.ok('POST', `${PODS}/p/binding`, binding('p', 'n1'));
    const r = await h.call('POST', `${PODS}/p/binding`, binding('p', 'n2'));
    expect(r.status).toBe(409);
    expect(status(r)).toMatchObject({
      reason: 'Conflict',
      message: 'Operation cannot be fulfilled on pods/binding "p": pod p is already assigned to node "n1"',
      details: { name: 'p', kind: 'pods/binding' },
    });
  });

  it('binding a missing pod is 404; GET on binding is 405', async () => {
    const r = await h.call('POST', `${PODS}/nope/binding`, binding('nope', 'n1'));
    expect(r.status).toBe(404);
    expect(status(r).message).toBe('pods "nope" not found');
    await h.ok('POST', PODS, pod('p'));
    const g = await h.call('GET', `${PODS}/p/binding`);
    expect(g.status).toBe(405);
    expect(status(g).reason).toBe('MethodNotAllowed');
  });

  it('the legacy /bindings collection binds by metadata.name', async () => {
    await h.ok('POST', PODS, pod('p'));
    const r = await h.call('POST', '/api/v1/namespaces/default/bindings', binding('p', 'n1'));
    expect(r.status).toBe(201);
    expect(((await h.ok('GET', `${PODS}/p`)).spec as { nodeName: string }).nodeName).toBe('n1');
  });
});

describe('deployments/scale', () => {
  it('GET, PUT and PATCH an autoscaling/v1 Scale', async () => {
    const d = await h.ok('POST', DEPLOYS, deployment('web', 2));
    const s = await h.ok('GET', `${DEPLOYS}/web/scale`);
    expect(s).toEqual({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name: 'web',
        namespace: 'default',
        uid: d.metadata.uid,
        resourceVersion: d.metadata.resourceVersion,
        creationTimestamp: d.metadata.creationTimestamp,
      },
      spec: { replicas: 2 },
      status: { replicas: 0, selector: 'app=web' },
    });
    const put = await h.ok('PUT', `${DEPLOYS}/web/scale`, { ...s, spec: { replicas: 5 } });
    expect((put.spec as { replicas: number }).replicas).toBe(5);
    const dep = await h.ok('GET', `${DEPLOYS}/web`);
    expect((dep.spec as { replicas: number }).replicas).toBe(5);
    expect(dep.metadata.generation).toBe(2);
    expect(put.metadata.resourceVersion).toBe(dep.metadata.resourceVersion);
    const stale = await h.call('PUT', `${DEPLOYS}/web/scale`, { ...s, spec: { replicas: 7 } });
    expect(stale.status).toBe(409);
    expect(status(stale).message).toBe(
      'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    );
    const patched = await h.ok('PATCH', `${DEPLOYS}/web/scale`, { spec: { replicas: 1 } }, undefined, {
      contentType: 'application/merge-patch+json',
    });
    expect((patched.spec as { replicas: number }).replicas).toBe(1);
    const neg = await h.call('PATCH', `${DEPLOYS}/web/scale`, { spec: { replicas: -1 } }, undefined, {
      contentType: 'application/merge-patch+json',
    });
    expect(neg.status).toBe(422);
    expect(status(neg).message).toBe(
      'Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
  });

  it('scale of a missing deployment is 404', async () => {
    const r = await h.call('GET', `${DEPLOYS}/nope/scale`);
    expect(r.status).toBe(404);
    expect(status(r).message).toBe('deployments.apps "nope" not found');
  });
});

describe('pods/eviction', () => {
  const eviction = (name: string) => ({
    apiVersion: 'policy/v1',
    kind: 'Eviction',
    metadata: { name, namespace: 'default' },
  });
  async function runningPod(name: string): Promise<void> {
    await h.ok('POST', PODS, pod(name, { labels: { app: 'web' } }));
    await h.ok('POST', `${PODS}/${name}/binding`, binding(name, 'n1'));
    const cur = await h.ok('GET', `${PODS}/${name}`);
    await h.ok('PUT', `${PODS}/${name}/status`, {
      ...cur,
      status: { ...(cur.status as object), phase: 'Running' },
    });
  }
  async function pdb(allowed: number): Promise<void> {
    const p = await h.ok('POST', '/apis/policy/v1/namespaces/default/poddisruptionbudgets', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web-pdb' },
      spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } },
    });
    await h.ok('PUT', '/apis/policy/v1/namespaces/default/poddisruptionbudgets/web-pdb/status', {
      ...p,
      status: {
        observedGeneration: 1,
        disruptionsAllowed: allowed,
        currentHealthy: 1 + allowed,
        desiredHealthy: 1,
        expectedPods: 1 + allowed,
      },
    });
  }

  it('without a budget the pod is deleted (gracefully, it is bound)', async () => {
    await runningPod('p');
    const r = await h.call('POST', `${PODS}/p/eviction`, eviction('p'));
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
    expect((await h.ok('GET', `${PODS}/p`)).metadata.deletionTimestamp).toBe('2026-01-01T00:00:30Z');
  });

  it('a budget with disruptionsAllowed 0 → 429 TooManyRequests', async () => {
    await runningPod('p');
    await pdb(0);
    const r = await h.call('POST', `${PODS}/p/eviction`, eviction('p'));
    expect(r.status).toBe(429);
    expect(r.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      reason: 'TooManyRequests',
      details: {
        causes: [
          {
            reason: 'DisruptionBudget',
            message: 'The disruption budget web-pdb needs 1 healthy pods and has 1 currently',
          },
        ],
      },
      code: 429,
    });
    expect((await h.ok('GET', `${PODS}/p`)).metadata.deletionTimestamp).toBeUndefined();
  });

  it('an allowed eviction spends the budget: the next one is refused', async () => {
    await runningPod('p');
    await runningPod('q');
    await pdb(1);
    expect((await h.call('POST', `${PODS}/p/eviction`, eviction('p'))).status).toBe(201);
    const b = await h.ok('GET', '/apis/policy/v1/namespaces/default/poddisruptionbudgets/web-pdb');
    expect(b.status).toMatchObject({ disruptionsAllowed: 0, disruptedPods: { p: '2026-01-01T00:00:00Z' } });
    expect((await h.call('POST', `${PODS}/q/eviction`, eviction('q'))).status).toBe(429);
  });

  it('a Pending pod ignores the budget', async () => {
    await h.ok('POST', PODS, pod('p', { labels: { app: 'web' } }));
    await pdb(0);
    expect((await h.call('POST', `${PODS}/p/eviction`, eviction('p'))).status).toBe(201);
    expect((await h.call('GET', `${PODS}/p`)).status).toBe(404);
  });
});

describe('pods/log', () => {
  it('reaches the kubelet of the pod node with the container and options', async () => {
    const calls: Array<Record<string, unknown>> = [];
    h.c.apiserver.registerKubelet('n1', async (kind, params) => {
      calls.push({ kind, ...params });
      return 'line 1\nline 2\n';
    });
    const p = await h.ok('POST', PODS, pod('p'));
    await h.ok('POST', `${PODS}/p/binding`, binding('p', 'n1'));
    const r = await h.call('GET', `${PODS}/p/log`, undefined, { tailLines: '2' });
    expect(r).toMatchObject({ status: 200, body: 'line 1\nline 2\n' });
    expect(calls).toEqual([
      {
        kind: 'log',
        namespace: 'default',
        pod: 'p',
        uid: p.metadata.uid,
        container: 'nginx',
        tailLines: '2',
      },
    ]);
  });

  it.each([
    [
      'several containers, none named',
      {
        containers: [
          { name: 'a', image: 'x' },
          { name: 'b', image: 'x' },
        ],
      },
      {},
      'a container name must be specified for pod p, choose one of: [a b]',
    ],
    [
      'several containers and init containers',
      {
        containers: [
          { name: 'a', image: 'x' },
          { name: 'b', image: 'x' },
        ],
        spec: { initContainers: [{ name: 'init', image: 'x' }] },
      },
      {},
      'a container name must be specified for pod p, choose one of: [a b] or one of the init containers: [init]',
    ],
    ['an unknown container', {}, { container: 'zzz' }, 'container zzz is not valid for pod p'],
  ])('400 for %s', async (_what, podExtra, query, message) => {
    await h.ok('POST', PODS, pod('p', podExtra));
    const r = await h.call('GET', `${PODS}/p/log`, undefined, query);
    expect(r.status).toBe(400);
    expect(status(r)).toMatchObject({ reason: 'BadRequest', message });
  });

  it('an init container may be named; an unscheduled pod has an empty log', async () => {
    await h.ok('POST', PODS, pod('p', { spec: { initContainers: [{ name: 'init', image: 'x' }] } }));
    const r = await h.call('GET', `${PODS}/p/log`, undefined, { container: 'init' });
    expect(r).toMatchObject({ status: 200, body: '' });
  });
});

describe('status subresource of other kinds', () => {
  it('node status PUT writes status only', async () => {
    const n = await h.ok('GET', `${NODES}/n1`);
    const next: KubeObject = {
      ...n,
      metadata: { ...n.metadata, labels: { a: 'b' } },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    };
    const after = await h.ok('PUT', `${NODES}/n1/status`, next);
    expect(after.metadata.labels).toBeUndefined();
    expect((after.status as { conditions: unknown[] }).conditions).toEqual([
      { type: 'Ready', status: 'True' },
    ]);
  });
});
