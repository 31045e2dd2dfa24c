import { describe, it, expect } from 'vitest';
import type { ApiRequest, ApiTransport } from '../api/rest';
import type { KubeObject } from '../api/types';
import { apiReader, cachedReader, describeRef, evaluateCheck, jsonPathValue, resolveKind, usesUi, type ClusterReader } from './checks';
import type { Check } from './types';

const pod = (name: string, labels: Record<string, string>, phase: string, ns = 'default'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns, labels },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
  status: { phase, conditions: [{ type: 'Ready', status: phase === 'Running' ? 'True' : 'False' }] },
});

const objects: KubeObject[] = [
  pod('web-1', { app: 'web' }, 'Running'),
  pod('web-2', { app: 'web' }, 'Pending'),
  pod('db-1', { app: 'db' }, 'Running', 'prod'),
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 2 } },
  { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, spec: { unschedulable: true } },
  {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'e1', namespace: 'default' },
    involvedObject: { kind: 'Pod', name: 'web-2', namespace: 'default' },
    reason: 'FailedScheduling',
    type: 'Warning',
    message: '0/2 nodes are available: 1 Insufficient cpu.',
  },
];

/** Selectors as equality lists (`a=b,c=d`) — enough for these tests; the apiserver parses real ones. */
function matches(o: KubeObject, sel: string | undefined, field: (o: KubeObject, k: string) => string): boolean {
  if (!sel) return true;
  return sel.split(',').every((t) => {
    const [k, v] = t.split('=');
    return field(o, k) === v;
  });
}
const fake: ClusterReader = {
  async list(kind, ns, opts) {
    const info = resolveKind(kind)!;
    return objects.filter(
      (o) =>
        o.kind === info.kind &&
        (ns === undefined || o.metadata.namespace === ns) &&
        matches(o, opts.labelSelector, (x, k) => x.metadata.labels?.[k] ?? '') &&
        matches(o, opts.fieldSelector, (x, k) => String(jsonPathValue(x, `{.${k}}`))),
    );
  },
  async get(kind, ns, name) {
    const info = resolveKind(kind)!;
    return objects.find(
      (o) => o.kind === info.kind && o.metadata.name === name && (!info.namespaced || o.metadata.namespace === ns),
    );
  },
};

const ui = { clockPaused: true, traceSeen: (q: { verb?: string }) => q.verb === 'create' };

describe('resolveKind', () => {
  it.each([
    ['Pod', 'pods'],
    ['pods', 'pods'],
    ['po', 'pods'],
    ['pod', 'pods'],
    ['deploy', 'deployments'],
    ['Deployment', 'deployments'],
    ['deployments.apps', 'deployments'],
    ['no', 'nodes'],
    ['ev', 'events'],
    ['hpa', 'horizontalpodautoscalers'],
  ])('%s → %s', (k, r) => expect(resolveKind(k)?.resource).toBe(r));
  it('returns undefined for unknown kinds', () => expect(resolveKind('Pdo')).toBeUndefined());
  it('names objects as kubectl does', () => {
    expect(describeRef({ kind: 'deploy', name: 'web' })).toBe('deployment.apps/web');
    expect(describeRef({ kind: 'Pod', name: 'x', namespace: 'prod' })).toBe('pod/x in namespace "prod"');
    expect(describeRef({ kind: 'Node', name: 'node-1', namespace: 'ignored' })).toBe('node/node-1');
  });
});

describe('evaluateCheck', () => {
  const cases: Array<[string, Check, boolean, string]> = [
    ['object equals', { type: 'object', object: { kind: 'Pod', name: 'web-1' }, jsonpath: '{.status.phase}', equals: 'Running' }, true, 'pod/web-1 {.status.phase} is "Running"'],
    ['object equals (mismatch)', { type: 'object', object: { kind: 'Pod', name: 'web-2' }, jsonpath: '{.status.phase}', equals: 'Running' }, false, 'pod/web-2 {.status.phase} is "Pending", want "Running"'],
    ['object filter', { type: 'object', object: { kind: 'po', name: 'web-1' }, jsonpath: '{.status.conditions[?(@.type=="Ready")].status}', equals: 'True' }, true, 'pod/web-1 {.status.conditions[?(@.type=="Ready")].status} is "True"'],
    ['object missing', { type: 'object', object: { kind: 'Pod', name: 'nope' }, jsonpath: '{.status.phase}', equals: 'Running' }, false, 'pod/nope not found'],
    ['object other namespace', { type: 'object', object: { kind: 'Pod', name: 'db-1', namespace: 'prod' }, jsonpath: '{.metadata.labels.app}', matches: '^d' }, true, 'pod/db-1 in namespace "prod" {.metadata.labels.app} is "db"'],
    ['matches (mismatch)', { type: 'object', object: { kind: 'Pod', name: 'web-1' }, jsonpath: '{.metadata.name}', matches: '^db' }, false, 'pod/web-1 {.metadata.name} is "web-1", want a match of /^db/'],
    ['notEquals', { type: 'object', object: { kind: 'Pod', name: 'web-2' }, jsonpath: '{.status.phase}', notEquals: 'Pending' }, false, 'pod/web-2 {.status.phase} is "Pending", want anything else'],
    ['atLeast', { type: 'object', object: { kind: 'deploy', name: 'web' }, jsonpath: '{.spec.replicas}', atLeast: 3 }, false, 'deployment.apps/web {.spec.replicas} is "2", want at least 3'],
    ['atLeast on a missing value', { type: 'object', object: { kind: 'deploy', name: 'web' }, jsonpath: '{.status.readyReplicas}', atLeast: 1 }, false, 'deployment.apps/web {.status.readyReplicas} is "", want a number of at least 1'],
    ['bool as kubectl prints it', { type: 'object', object: { kind: 'Node', name: 'node-1' }, jsonpath: '{.spec.unschedulable}', equals: 'true' }, true, 'node/node-1 {.spec.unschedulable} is "true"'],
    ['exists', { type: 'exists', ref: { kind: 'Pod', name: 'web-1' } }, true, 'pod/web-1 exists'],
    ['absent', { type: 'absent', ref: { kind: 'Pod', name: 'web-1' } }, false, 'pod/web-1 exists'],
    ['absent (holds)', { type: 'absent', ref: { kind: 'Pod', name: 'db-1' } }, true, 'pod/db-1 not found'],
    ['count', { type: 'count', count: { kind: 'Pod', selector: 'app=web' }, equals: 2 }, true, '2 pods -l app=web in namespace "default"'],
    ['count with fieldSelector', { type: 'count', count: { kind: 'Pod', selector: 'app=web', fieldSelector: 'status.phase=Running' }, atLeast: 2 }, false, '1 pod -l app=web --field-selector status.phase=Running in namespace "default", want at least 2'],
    ['count jsonpath', { type: 'count', count: { kind: 'Pod', allNamespaces: true, jsonpath: '{.status.phase}', equals: 'Running' }, equals: 2, atMost: 2 }, true, '2 pods with {.status.phase} = "Running" in all namespaces'],
    ['count atMost', { type: 'count', count: { kind: 'Pod' }, atMost: 1 }, false, '2 pods in namespace "default", want at most 1'],
    ['event', { type: 'event', event: { reason: 'FailedScheduling', type: 'Warning', object: { kind: 'Pod', name: 'web-2' }, messageMatches: 'Insufficient cpu' } }, true, 'Warning event FailedScheduling for pod/web-2: 0/2 nodes are available: 1 Insufficient cpu.'],
    ['event (message)', { type: 'event', event: { reason: 'FailedScheduling', messageMatches: 'memory' } }, false, 'no event FailedScheduling yet (1 without a message matching /memory/)'],
    ['event (none)', { type: 'event', event: { reason: 'Killing', object: { kind: 'Pod', name: 'web-1' } } }, false, 'no event Killing for pod/web-1 yet'],
    ['ui clockPaused', { type: 'ui', ui: { clockPaused: true } }, true, 'the clock is paused'],
    ['ui traceSeen', { type: 'ui', ui: { traceSeen: { verb: 'delete', kind: 'Pod' } } }, false, 'trace of delete Pod not opened yet'],
    ['all', { type: 'all', checks: [{ type: 'exists', ref: { kind: 'Pod', name: 'web-1' } }, { type: 'absent', ref: { kind: 'Pod', name: 'web-2' } }] }, false, 'pod/web-2 exists'],
    ['any', { type: 'any', checks: [{ type: 'absent', ref: { kind: 'Pod', name: 'web-1' } }, { type: 'exists', ref: { kind: 'Pod', name: 'web-2' } }] }, true, 'pod/web-2 exists'],
    ['not', { type: 'not', check: { type: 'exists', ref: { kind: 'Pod', name: 'web-1' } } }, false, 'not wanted: pod/web-1 exists'],
    ['unknown kind', { type: 'exists', ref: { kind: 'Pdo', name: 'x' } }, false, 'cannot check: the server doesn\'t have a resource type "Pdo"'],
  ];
  it.each(cases)('%s', async (_n, check, passed, detail) => {
    expect(await evaluateCheck(check, fake, ui)).toEqual({ passed, detail });
  });

  it('skips ui checks headlessly, also inside combinations', async () => {
    const u: Check = { type: 'ui', ui: { clockPaused: true } };
    expect(await evaluateCheck(u, fake)).toEqual({ passed: false, skipped: true, detail: 'page state (not checked headlessly)' });
    expect((await evaluateCheck({ type: 'all', checks: [{ type: 'exists', ref: { kind: 'Pod', name: 'web-1' } }, u] }, fake)).skipped).toBe(true);
    expect((await evaluateCheck({ type: 'not', check: u }, fake)).skipped).toBe(true);
    expect(usesUi({ type: 'any', checks: [{ type: 'not', check: u }] })).toBe(true);
    expect(usesUi({ type: 'exists', ref: { kind: 'Pod', name: 'x' } })).toBe(false);
  });
});

describe('apiReader', () => {
  function transport(reply: (r: ApiRequest) => { status: number; body: unknown }): { api: ApiTransport; seen: ApiRequest[] } {
    const seen: ApiRequest[] = [];
    return {
      seen,
      api: {
        async request<T>(r: ApiRequest) {
          seen.push(r);
          return reply(r) as { status: number; body: T };
        },
        watch: () => () => {},
      },
    };
  }

  it('lists with the selectors as query parameters and fills kind/apiVersion of items', async () => {
    const { api, seen } = transport(() => ({ status: 200, body: { items: [{ metadata: { name: 'web' } }] } }));
    const r = apiReader(api);
    expect(await r.list('deploy', 'prod', { labelSelector: 'app in (web)', fieldSelector: 'metadata.name=web' })).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } },
    ]);
    await r.list('nodes', 'default', {});
    await r.list('Pod', undefined, {});
    expect(seen.map((s) => [s.path, s.query])).toEqual([
      ['/apis/apps/v1/namespaces/prod/deployments', { labelSelector: 'app in (web)', fieldSelector: 'metadata.name=web' }],
      ['/api/v1/nodes', {}],
      ['/api/v1/pods', {}],
    ]);
  });

  it('gets one object; 404 is undefined, other errors are reported', async () => {
    const { api, seen } = transport((r) =>
      r.path.endsWith('/missing')
        ? { status: 404, body: { kind: 'Status', message: 'pods "missing" not found' } }
        : r.path.endsWith('/bad')
          ? { status: 403, body: { kind: 'Status', message: 'forbidden' } }
          : { status: 200, body: { metadata: { name: 'x' } } },
    );
    const r = apiReader(api);
    expect(await r.get('Pod', undefined, 'x')).toEqual({ metadata: { name: 'x' } });
    expect(await r.get('Pod', 'default', 'missing')).toBeUndefined();
    await expect(r.get('no', undefined, 'bad')).rejects.toThrow('forbidden');
    expect(seen.map((s) => s.path)).toEqual(['/api/v1/namespaces/default/pods/x', '/api/v1/namespaces/default/pods/missing', '/api/v1/nodes/bad']);
    const c = cachedReader(r);
    await c.get('Pod', 'default', 'x');
    await c.get('Pod', 'default', 'x');
    expect(seen.length).toBe(4);
  });
});
