import { describe, it, expect } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { ApiError } from '../api/errors';
import type { ApiRequest } from '../api/rest';
import { Clientset } from './rest-client';
import { FakeTransport } from './testing/fake-transport';

const pod = (name: string, ns = 'default', labels?: Record<string, string>): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns, labels },
  spec: { containers: [{ name: 'c', image: 'nginx' }] },
});

function setup() {
  const t = new FakeTransport();
  const cs = new Clientset(t, { from: 'kube-scheduler' });
  return { t, cs };
}

describe('Clientset request shapes', () => {
  const cases: { name: string; run: (cs: Clientset) => Promise<unknown>; want: ApiRequest }[] = [
    {
      name: 'get pod',
      run: (cs) => cs.pods.get('default', 'web', { cause: 't1' }),
      want: {
        method: 'GET',
        path: '/api/v1/namespaces/default/pods/web',
        cause: 't1',
        from: 'kube-scheduler',
      },
    },
    {
      name: 'list pods in all namespaces with every list option',
      run: (cs) =>
        cs.pods.list(undefined, {
          labelSelector: 'app=web',
          fieldSelector: 'spec.nodeName=node-1',
          resourceVersion: '0',
          resourceVersionMatch: 'NotOlderThan',
          limit: 500,
          continue: '3',
        }),
      want: {
        method: 'GET',
        path: '/api/v1/pods',
        query: {
          labelSelector: 'app=web',
          fieldSelector: 'spec.nodeName=node-1',
          resourceVersion: '0',
          resourceVersionMatch: 'NotOlderThan',
          limit: '500',
          continue: '3',
        },
        from: 'kube-scheduler',
      },
    },
    {
      name: 'list nodes (cluster-scoped ignores the namespace)',
      run: (cs) => cs.nodes.list('default'),
      want: { method: 'GET', path: '/api/v1/nodes', from: 'kube-scheduler' },
    },
    {
      name: 'create with dryRun and fieldValidation',
      run: (cs) =>
        cs.pods.create('default', pod('web'), { dryRun: true, fieldValidation: 'Strict', cause: 'c9' }),
      want: {
        method: 'POST',
        path: '/api/v1/namespaces/default/pods',
        query: { dryRun: 'All', fieldValidation: 'Strict' },
        body: pod('web'),
        cause: 'c9',
        from: 'kube-scheduler',
      },
    },
    {
      name: 'delete with DeleteOptions body',
      run: (cs) =>
        cs.deployments.delete('prod', 'api', {
          gracePeriodSeconds: 0,
          propagationPolicy: 'Foreground',
          preconditions: { uid: 'u1' },
        }),
      want: {
        method: 'DELETE',
        path: '/apis/apps/v1/namespaces/prod/deployments/api',
        body: {
          kind: 'DeleteOptions',
          apiVersion: 'v1',
          gracePeriodSeconds: 0,
          preconditions: { uid: 'u1' },
          propagationPolicy: 'Foreground',
        },
        from: 'kube-scheduler',
      },
    },
    {
      name: 'delete dry-run',
      run: (cs) => cs.configMaps.delete('default', 'cfg', { dryRun: true }),
      want: {
        method: 'DELETE',
        path: '/api/v1/namespaces/default/configmaps/cfg',
        query: { dryRun: 'All' },
        body: { kind: 'DeleteOptions', apiVersion: 'v1', dryRun: ['All'] },
        from: 'kube-scheduler',
      },
    },
    {
      name: 'deleteCollection with a label selector',
      run: (cs) =>
        cs.pods.deleteCollection(
          'default',
          { propagationPolicy: 'Background' },
          { labelSelector: 'app=web' },
        ),
      want: {
        method: 'DELETE',
        path: '/api/v1/namespaces/default/pods',
        query: { labelSelector: 'app=web' },
        body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' },
        from: 'kube-scheduler',
      },
    },
    {
      name: 'strategic merge patch',
      run: (cs) =>
        cs.deployments.patch(
          'x',
          'y',
          'strategic',
          { spec: { replicas: 3 } },
          { fieldManager: 'kubectl-patch' },
        ),
      want: {
        method: 'PATCH',
        path: '/apis/apps/v1/namespaces/x/deployments/y',
        query: { fieldManager: 'kubectl-patch' },
        body: { spec: { replicas: 3 } },
        headers: { contentType: 'application/strategic-merge-patch+json' },
        from: 'kube-scheduler',
      },
    },
    {
      name: 'merge patch of the status subresource',
      run: (cs) => cs.nodes.patch(undefined, 'node-1', 'merge', { status: {} }, { subresource: 'status' }),
      want: {
        method: 'PATCH',
        path: '/api/v1/nodes/node-1/status',
        body: { status: {} },
        headers: { contentType: 'application/merge-patch+json' },
        from: 'kube-scheduler',
      },
    },
    {
      name: 'json patch',
      run: (cs) => cs.pods.patch('default', 'web', 'json', [{ op: 'remove', path: '/metadata/labels/a' }]),
      want: {
        method: 'PATCH',
        path: '/api/v1/namespaces/default/pods/web',
        body: [{ op: 'remove', path: '/metadata/labels/a' }],
        headers: { contentType: 'application/json-patch+json' },
        from: 'kube-scheduler',
      },
    },
    {
      name: 'bind',
      run: (cs) => cs.pods.bind('default', 'web', 'node-2', { cause: 'sched-1' }),
      want: {
        method: 'POST',
        path: '/api/v1/namespaces/default/pods/web/binding',
        body: {
          apiVersion: 'v1',
          kind: 'Binding',
          metadata: { name: 'web', namespace: 'default' },
          target: { kind: 'Node', apiVersion: 'v1', name: 'node-2' },
        },
        cause: 'sched-1',
        from: 'kube-scheduler',
      },
    },
    {
      name: 'getScale',
      run: (cs) => cs.deployments.getScale('x', 'y'),
      want: { method: 'GET', path: '/apis/apps/v1/namespaces/x/deployments/y/scale', from: 'kube-scheduler' },
    },
    {
      name: 'updateScale',
      run: (cs) => cs.deployments.updateScale('x', 'y', { spec: { replicas: 5 } }),
      want: {
        method: 'PUT',
        path: '/apis/apps/v1/namespaces/x/deployments/y/scale',
        body: { spec: { replicas: 5 } },
        from: 'kube-scheduler',
      },
    },
    {
      name: 'evict with options',
      run: (cs) => cs.pods.evict('default', 'web', { gracePeriodSeconds: 10 }),
      want: {
        method: 'POST',
        path: '/api/v1/namespaces/default/pods/web/eviction',
        body: {
          apiVersion: 'policy/v1',
          kind: 'Eviction',
          metadata: { name: 'web', namespace: 'default' },
          deleteOptions: { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 10 },
        },
        from: 'kube-scheduler',
      },
    },
    {
      name: 'evict without options',
      run: (cs) => cs.pods.evict('default', 'web'),
      want: {
        method: 'POST',
        path: '/api/v1/namespaces/default/pods/web/eviction',
        body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'web', namespace: 'default' } },
        from: 'kube-scheduler',
      },
    },
    {
      name: 'logs with every option',
      run: (cs) =>
        cs.pods.logs('default', 'web', {
          container: 'c',
          previous: true,
          tailLines: 20,
          sinceSeconds: 60,
          timestamps: true,
        }),
      want: {
        method: 'GET',
        path: '/api/v1/namespaces/default/pods/web/log',
        query: { container: 'c', previous: 'true', sinceSeconds: '60', tailLines: '20', timestamps: 'true' },
        from: 'kube-scheduler',
      },
    },
    {
      name: 'lease get (coordination.k8s.io)',
      run: (cs) => cs.leases.get('kube-system', 'kube-scheduler'),
      want: {
        method: 'GET',
        path: '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-scheduler',
        from: 'kube-scheduler',
      },
    },
    {
      name: 'endpointslices list',
      run: (cs) => cs.endpointSlices.list('default'),
      want: {
        method: 'GET',
        path: '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices',
        from: 'kube-scheduler',
      },
    },
    {
      name: 'forKind batch/v1 CronJob',
      run: (cs) => cs.forKind('batch/v1', 'CronJob').list('ns1'),
      want: { method: 'GET', path: '/apis/batch/v1/namespaces/ns1/cronjobs', from: 'kube-scheduler' },
    },
    {
      name: 'resource() by group and plural',
      run: (cs) => cs.resource('', undefined, 'persistentvolumes').get(undefined, 'pv-1'),
      want: { method: 'GET', path: '/api/v1/persistentvolumes/pv-1', from: 'kube-scheduler' },
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const { t, cs } = setup();
      await c.run(cs).catch(() => undefined);
      expect(t.requests).toEqual([c.want]);
    });
  }

  it('update and updateStatus PUT to the object and its status', async () => {
    const { t, cs } = setup();
    const created = await cs.pods.create('default', pod('web'));
    expect(created.metadata?.resourceVersion).toBe('1');
    const upd = await cs.pods.update(
      { ...created, metadata: { ...created.metadata, labels: { a: 'b' } } },
      { cause: 'u' },
    );
    expect(upd.metadata?.resourceVersion).toBe('2');
    await cs.pods.updateStatus({ ...upd, status: { phase: 'Running' } });
    expect(t.requests.slice(1).map((r) => [r.method, r.path, r.cause])).toEqual([
      ['PUT', '/api/v1/namespaces/default/pods/web', 'u'],
      ['PUT', '/api/v1/namespaces/default/pods/web/status', undefined],
    ]);
    expect((await cs.pods.get('default', 'web')).status).toEqual({ phase: 'Running' });
  });

  it('watch sends watch=true, allowWatchBookmarks and the timeout', () => {
    const { t, cs } = setup();
    const cancel = cs.pods.watch(
      'default',
      { resourceVersion: '7', allowWatchBookmarks: true, timeoutSeconds: 300 },
      () => {},
      () => {},
    );
    cancel();
    expect(t.requests).toEqual([
      {
        method: 'GET',
        path: '/api/v1/namespaces/default/pods',
        query: { resourceVersion: '7', timeoutSeconds: '300', watch: 'true', allowWatchBookmarks: 'true' },
        from: 'kube-scheduler',
      },
    ]);
  });

  it('logs returns the text body', async () => {
    const { t, cs } = setup();
    await cs.pods.create('default', pod('web'));
    t.logs.set('default/web', 'line 1\nline 2\n');
    expect(await cs.pods.logs('default', 'web')).toBe('line 1\nline 2\n');
  });
});

describe('Clientset errors', () => {
  it('turns a Status body into an ApiError', async () => {
    const { cs } = setup();
    const err = await cs.deployments.get('default', 'web').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe(404);
    expect((err as ApiError).reason).toBe('NotFound');
    expect((err as ApiError).message).toBe('deployments.apps "web" not found');
  });

  it('reports a 409 Conflict on a stale update', async () => {
    const { cs } = setup();
    const p = await cs.pods.create('default', pod('web'));
    await cs.pods.update(p);
    const err = (await cs.pods.update(p).catch((e: unknown) => e)) as ApiError;
    expect([err.code, err.reason, err.message]).toEqual([
      409,
      'Conflict',
      'Operation cannot be fulfilled on pods "web": the object has been modified; please apply your changes to the latest version and try again',
    ]);
  });

  it('refuses an empty name or a missing namespace', () => {
    const { cs } = setup();
    expect(() => cs.pods.objectPath('default', '')).toThrow('resource name may not be empty');
    expect(() => cs.pods.objectPath(undefined, 'x')).toThrow(
      'an empty namespace may not be set when a resource name is provided',
    );
  });

  it('forKind rejects an unknown kind', () => {
    const { cs } = setup();
    expect(() => cs.forKind('v1', 'Widget')).toThrow('no matches for kind "Widget" in version "v1"');
  });
});
