import { describe, it, expect } from 'vitest';
import { applyStrategicMergePatch, createTwoWayMergePatch } from './strategic-merge';
import { patchMetaForPath } from './patch-meta';

const c = (name: string, image = '1', extra: Record<string, unknown> = {}) => ({ name, image, ...extra });
const pod = (containers: unknown[], extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec: { containers, ...extra },
});

describe('applyStrategicMergePatch', () => {
  const cases: { name: string; kind: string; original: object; patch: object; want: object }[] = [
    {
      name: 'maps merge recursively; null deletes',
      kind: 'Pod',
      original: { metadata: { name: 'a', labels: { x: '1', y: '2' } } },
      patch: { metadata: { labels: { y: null, z: '3' } } },
      want: { metadata: { name: 'a', labels: { x: '1', z: '3' } } },
    },
    {
      name: 'null for a missing key is ignored; nulls inside new values are dropped',
      kind: 'Pod',
      original: { metadata: { name: 'a' } },
      patch: { metadata: { missing: null, annotations: { a: '1', b: null } } },
      want: { metadata: { name: 'a', annotations: { a: '1' } } },
    },
    {
      name: 'containers merge by name',
      kind: 'Pod',
      original: pod([c('a'), c('b')]),
      patch: { spec: { containers: [{ name: 'b', image: '2' }] } },
      want: pod([c('a'), c('b', '2')]),
    },
    {
      name: 'a new list item without ordering info goes before server-only items',
      kind: 'Pod',
      original: pod([c('a'), c('b')]),
      patch: { spec: { containers: [c('c', '3')] } },
      want: pod([c('c', '3'), c('a'), c('b')]),
    },
    {
      name: '$setElementOrder decides the order',
      kind: 'Pod',
      original: pod([c('a'), c('b')]),
      patch: {
        spec: {
          containers: [c('c', '3')],
          '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }, { name: 'c' }],
        },
      },
      want: pod([c('a'), c('b'), c('c', '3')]),
    },
    {
      name: '$patch: delete removes a list item by merge key',
      kind: 'Pod',
      original: pod([c('a'), c('b')]),
      patch: { spec: { containers: [{ name: 'a', $patch: 'delete' }] } },
      want: pod([c('b')]),
    },
    {
      name: '$patch: replace in a list replaces the whole list',
      kind: 'Pod',
      original: pod([c('a'), c('b')]),
      patch: { spec: { containers: [c('z', '9'), { $patch: 'replace' }] } },
      want: pod([c('z', '9')]),
    },
    {
      name: '$patch: replace in a map replaces the map',
      kind: 'Pod',
      original: { metadata: { name: 'a', labels: { x: '1', y: '2' } } },
      patch: { metadata: { labels: { $patch: 'replace', only: 'x' } } },
      want: { metadata: { name: 'a', labels: { only: 'x' } } },
    },
    {
      name: '$patch: delete in a map empties it',
      kind: 'Pod',
      original: { metadata: { name: 'a', labels: { x: '1' } } },
      patch: { metadata: { labels: { $patch: 'delete' } } },
      want: { metadata: { name: 'a', labels: {} } },
    },
    {
      name: 'finalizers merge as a set',
      kind: 'Pod',
      original: { metadata: { name: 'a', finalizers: ['x', 'y'] } },
      patch: { metadata: { finalizers: ['y', 'z'] } },
      want: { metadata: { name: 'a', finalizers: ['x', 'y', 'z'] } },
    },
    {
      name: '$deleteFromPrimitiveList removes primitives',
      kind: 'Pod',
      original: { metadata: { name: 'a', finalizers: ['x', 'y'] } },
      patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['x'] } },
      want: { metadata: { name: 'a', finalizers: ['y'] } },
    },
    {
      name: 'untagged lists (tolerations) are replaced',
      kind: 'Pod',
      original: pod([c('a')], { tolerations: [{ key: 'x', operator: 'Exists' }] }),
      patch: { spec: { tolerations: [{ key: 'y', operator: 'Exists' }] } },
      want: pod([c('a')], { tolerations: [{ key: 'y', operator: 'Exists' }] }),
    },
    {
      name: 'env merges by name inside a Deployment template; ports by containerPort',
      kind: 'Deployment',
      original: {
        spec: {
          template: {
            spec: {
              containers: [
                c('web', '1', {
                  env: [{ name: 'A', value: '1' }],
                  ports: [{ containerPort: 80, protocol: 'TCP' }],
                }),
              ],
            },
          },
        },
      },
      patch: {
        spec: {
          template: {
            spec: {
              containers: [
                { name: 'web', env: [{ name: 'A', value: '2' }], ports: [{ containerPort: 443 }] },
              ],
            },
          },
        },
      },
      want: {
        spec: {
          template: {
            spec: {
              containers: [
                c('web', '1', {
                  env: [{ name: 'A', value: '2' }],
                  ports: [{ containerPort: 443 }, { containerPort: 80, protocol: 'TCP' }],
                }),
              ],
            },
          },
        },
      },
    },
    {
      name: '$retainKeys clears the other keys (Deployment strategy)',
      kind: 'Deployment',
      original: { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } },
      patch: { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } },
      want: { spec: { strategy: { type: 'Recreate' } } },
    },
    {
      name: 'volumes: merge by name with retainKeys',
      kind: 'Pod',
      original: pod([c('a')], {
        volumes: [
          { name: 'v', emptyDir: {} },
          { name: 'w', emptyDir: {} },
        ],
      }),
      patch: {
        spec: { volumes: [{ name: 'v', configMap: { name: 'cm' }, $retainKeys: ['configMap', 'name'] }] },
      },
      want: pod([c('a')], {
        volumes: [
          { name: 'v', configMap: { name: 'cm' } },
          { name: 'w', emptyDir: {} },
        ],
      }),
    },
    {
      name: 'status conditions merge by type',
      kind: 'Pod',
      original: {
        status: {
          conditions: [
            { type: 'Ready', status: 'False' },
            { type: 'PodScheduled', status: 'True' },
          ],
        },
      },
      patch: { status: { conditions: [{ type: 'Ready', status: 'True' }] } },
      want: {
        status: {
          conditions: [
            { type: 'Ready', status: 'True' },
            { type: 'PodScheduled', status: 'True' },
          ],
        },
      },
    },
    {
      name: '$patch: replace at the top replaces the object',
      kind: 'ConfigMap',
      original: { metadata: { name: 'a' }, data: { x: '1' } },
      patch: { $patch: 'replace', metadata: { name: 'b' } },
      want: { metadata: { name: 'b' } },
    },
    {
      name: 'a type change replaces the value',
      kind: 'ConfigMap',
      original: { data: { x: '1' } },
      patch: { data: 'oops' },
      want: { data: 'oops' },
    },
  ];
  it.each(cases)('$name', ({ kind, original, patch, want }) => {
    const o = JSON.stringify(original);
    const p = JSON.stringify(patch);
    expect(applyStrategicMergePatch(original, patch, kind)).toEqual(want);
    expect(JSON.stringify(original)).toBe(o);
    expect(JSON.stringify(patch)).toBe(p);
  });

  const errors: { name: string; patch: object; msg: string; kind?: string }[] = [
    {
      name: 'missing merge key',
      patch: { spec: { containers: [{ image: 'x' }] } },
      msg: 'map: map[image:x] does not contain declared merge key: name',
    },
    {
      name: '$patch: merge in a list',
      patch: { spec: { containers: [{ name: 'a', $patch: 'merge' }] } },
      msg: 'merging lists cannot yet be specified in the patch',
    },
    {
      name: 'unknown map directive',
      patch: { metadata: { labels: { $patch: 'foo' } } },
      msg: 'unknown patch type: foo in map: map[$patch:foo]',
    },
    {
      name: 'retainKeys not covering the patch',
      patch: { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: {} } } },
      msg: "patch content doesn't match retainKeys list",
      kind: 'Deployment',
    },
  ];
  it.each(errors)('error: $name', ({ patch, msg, kind }) => {
    const original = {
      metadata: { labels: { a: 'b' } },
      spec: { containers: [c('a')], strategy: { type: 'x' } },
    };
    expect(() => applyStrategicMergePatch(original, patch, kind ?? 'Pod')).toThrow(msg);
  });
});

describe('createTwoWayMergePatch', () => {
  const cases: { name: string; kind: string; original: object; modified: object; want: object }[] = [
    {
      name: 'change and remove containers',
      kind: 'Pod',
      original: pod([c('a'), c('b')]),
      modified: pod([c('a', '2')]),
      want: {
        spec: {
          containers: [
            { name: 'a', image: '2' },
            { name: 'b', $patch: 'delete' },
          ],
          '$setElementOrder/containers': [{ name: 'a' }],
        },
      },
    },
    {
      name: 'labels removed and added',
      kind: 'Pod',
      original: { metadata: { name: 'a', labels: { x: '1', y: '2' } } },
      modified: { metadata: { name: 'a', labels: { x: '1', z: '3' } } },
      want: { metadata: { labels: { y: null, z: '3' } } },
    },
    {
      name: 'finalizers use parallel lists',
      kind: 'Pod',
      original: { metadata: { finalizers: ['a', 'b'] } },
      modified: { metadata: { finalizers: ['b', 'c'] } },
      want: {
        metadata: {
          finalizers: ['c'],
          '$deleteFromPrimitiveList/finalizers': ['a'],
          '$setElementOrder/finalizers': ['b', 'c'],
        },
      },
    },
    {
      name: 'untagged list replaced whole',
      kind: 'Pod',
      original: pod([c('a')], { tolerations: [{ key: 'x' }] }),
      modified: pod([c('a')], { tolerations: [{ key: 'y' }] }),
      want: { spec: { tolerations: [{ key: 'y' }] } },
    },
    {
      name: 'retainKeys for a changed Deployment strategy',
      kind: 'Deployment',
      original: { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } },
      modified: { spec: { strategy: { type: 'Recreate' } } },
      want: { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' } } },
    },
    { name: 'no change gives {}', kind: 'Pod', original: pod([c('a')]), modified: pod([c('a')]), want: {} },
  ];
  it.each(cases)('$name', ({ kind, original, modified, want }) => {
    const patch = createTwoWayMergePatch(original, modified, kind);
    expect(patch).toEqual(want);
    expect(applyStrategicMergePatch(original, patch, kind)).toEqual(modified);
  });
});

describe('patch meta table', () => {
  const cases: [string, string[], string[], string][] = [
    ['Pod', ['spec', 'containers'], ['merge'], 'name'],
    ['Deployment', ['spec', 'template', 'spec', 'initContainers'], ['merge'], 'name'],
    ['CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers', 'env'], ['merge'], 'name'],
    ['Pod', ['spec', 'containers', 'ports'], ['merge'], 'containerPort'],
    ['Pod', ['spec', 'containers', 'volumeMounts'], ['merge'], 'mountPath'],
    ['Pod', ['spec', 'volumes'], ['merge', 'retainKeys'], 'name'],
    ['Pod', ['spec', 'tolerations'], [], ''],
    ['Pod', ['spec', 'containers', 'envFrom'], [], ''],
    ['Node', ['spec', 'taints'], [], ''],
    ['Node', ['status', 'addresses'], ['merge'], 'type'],
    ['Service', ['spec', 'ports'], ['merge'], 'port'],
    ['ConfigMap', ['metadata', 'ownerReferences'], ['merge'], 'uid'],
    ['StatefulSet', ['status', 'conditions'], ['merge'], 'type'],
  ];
  it.each(cases)('%s %j', (kind, path, strategies, mergeKey) => {
    const m = patchMetaForPath(kind, path);
    expect([m.strategies, m.mergeKey]).toEqual([strategies, mergeKey]);
  });
});
