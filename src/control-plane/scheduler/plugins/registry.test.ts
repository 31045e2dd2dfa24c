import { describe, it, expect } from 'vitest';
import { fakeHandle } from '../testing/fake-handle';
import { DEFAULT_PLUGINS, IN_TREE_REGISTRY } from './registry';

const instances = () => {
  const h = fakeHandle();
  return DEFAULT_PLUGINS.map((p) => ({
    entry: p,
    plugin: p.factory(h) as unknown as Record<string, unknown> & { name: string },
  }));
};
const at = (point: string) => instances().filter((i) => typeof i.plugin[point] === 'function');

describe('default profile', () => {
  it('each factory builds the plugin it is registered under', () => {
    for (const { entry, plugin } of instances()) expect(plugin.name).toBe(entry.name);
    expect(Object.keys(IN_TREE_REGISTRY)).toHaveLength(DEFAULT_PLUGINS.length);
  });

  it('filters run in upstream order', () => {
    expect(at('filter').map((i) => i.entry.name)).toEqual([
      'NodeUnschedulable',
      'NodeName',
      'TaintToleration',
      'NodeAffinity',
      'NodePorts',
      'NodeResourcesFit',
      'VolumeRestrictions',
      'NodeVolumeLimits',
      'VolumeBinding',
      'VolumeZone',
      'PodTopologySpread',
      'InterPodAffinity',
    ]);
  });

  it('score plugins and weights', () => {
    expect(at('score').map((i) => [i.entry.name, i.entry.weight])).toEqual([
      ['TaintToleration', 3],
      ['NodeAffinity', 2],
      ['NodeResourcesFit', 1],
      ['VolumeBinding', 1],
      ['PodTopologySpread', 2],
      ['InterPodAffinity', 2],
      ['NodeResourcesBalancedAllocation', 1],
      ['ImageLocality', 1],
    ]);
  });

  it('the other extension points', () => {
    expect(at('preEnqueue').map((i) => i.entry.name)).toEqual(['SchedulingGates']);
    expect(at('less').map((i) => i.entry.name)).toEqual(['PrioritySort']);
    expect(at('postFilter').map((i) => i.entry.name)).toEqual(['DefaultPreemption']);
    expect(at('bind').map((i) => i.entry.name)).toEqual(['DefaultBinder']);
    expect(at('preFilter').map((i) => i.entry.name)).toEqual([
      'NodeAffinity',
      'NodePorts',
      'NodeResourcesFit',
      'VolumeRestrictions',
      'NodeVolumeLimits',
      'VolumeBinding',
      'VolumeZone',
      'PodTopologySpread',
      'InterPodAffinity',
    ]);
  });
});
