import { describe, it, expect } from 'vitest';
import { rejection, tableFromAnnotations, tableFromDecision } from './scheduler-table';

const TAINT = 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';
const detail = {
  filter: {
    'control-plane': { NodeUnschedulable: 'passed', TaintToleration: TAINT },
    'node-1': { NodeUnschedulable: 'passed', TaintToleration: 'passed' },
    'node-2': { NodeUnschedulable: 'passed', TaintToleration: 'passed' },
  },
  score: {
    'node-1': { TaintToleration: 0, NodeResourcesFit: 90 },
    'node-2': { TaintToleration: 0, NodeResourcesFit: 80 },
  },
  normalizedScore: {
    'node-1': { TaintToleration: 100, NodeResourcesFit: 90 },
    'node-2': { TaintToleration: 100, NodeResourcesFit: 80 },
  },
  finalScore: {
    'node-1': { TaintToleration: 300, NodeResourcesFit: 90 },
    'node-2': { TaintToleration: 300, NodeResourcesFit: 80 },
  },
  total: { 'node-1': 390, 'node-2': 380 },
  selected: 'node-1',
};

describe('tableFromDecision', () => {
  it('builds the node × plugin table with derived weights', () => {
    const t = tableFromDecision(detail)!;
    expect(t.nodes).toEqual(['control-plane', 'node-1', 'node-2']);
    expect(t.filterPlugins).toEqual(['NodeUnschedulable', 'TaintToleration']);
    expect(t.feasible).toEqual(['node-1', 'node-2']);
    expect(t.scorePlugins).toEqual([
      { name: 'TaintToleration', weight: 3 },
      { name: 'NodeResourcesFit', weight: 1 },
    ]);
    expect(t.score['node-2']).toEqual({
      TaintToleration: { raw: 0, final: 300 },
      NodeResourcesFit: { raw: 80, final: 80 },
    });
    expect(t.total).toEqual({ 'node-1': 390, 'node-2': 380 });
    expect(t.selected).toBe('node-1');
    expect(t.source).toBe('trace');
    expect(rejection(t, 'control-plane')).toEqual({ plugin: 'TaintToleration', reason: TAINT });
    expect(rejection(t, 'node-1')).toBeUndefined();
  });
  it('ignores records that are not scheduler decisions', () => {
    expect(tableFromDecision(undefined)).toBeUndefined();
    expect(tableFromDecision({ note: 'x' })).toBeUndefined();
  });
});

describe('tableFromAnnotations', () => {
  it('reads the simulator annotations, totals summed, default weights', () => {
    const p = 'kube-scheduler-simulator.sigs.k8s.io/';
    const t = tableFromAnnotations({
      [`${p}filter-result`]: JSON.stringify(detail.filter),
      [`${p}score-result`]: JSON.stringify({ 'node-1': { TaintToleration: '0', NodeResourcesFit: '90' } }),
      [`${p}finalscore-result`]: JSON.stringify({
        'node-1': { TaintToleration: '300', NodeResourcesFit: '90' },
      }),
      [`${p}selected-node`]: 'node-1',
    })!;
    expect(t.total).toEqual({ 'node-1': 390 });
    expect(t.scorePlugins).toEqual([
      { name: 'TaintToleration', weight: 3 },
      { name: 'NodeResourcesFit', weight: 1 },
    ]);
    expect(t.selected).toBe('node-1');
    expect(t.source).toBe('annotations');
  });
  it('is undefined without annotations', () => {
    expect(tableFromAnnotations({})).toBeUndefined();
  });
});
