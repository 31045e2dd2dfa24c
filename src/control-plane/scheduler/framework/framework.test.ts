import { describe, it, expect } from 'vitest';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { SeededRng } from '../../../runtime/rng';
import { CacheSnapshot, SchedulerCache } from '../cache/cache';
import { VirtualClock } from '../../../runtime/clock';
import { ScheduleAlgorithm, numFeasibleNodesToFind, selectHost } from '../schedule-one';
import { Framework, attachRecord, newAttemptRecord, type PluginEntry } from './framework';
import { CycleState, status, type Handle, type NodeInfo, type NodeScore, type Plugin } from './interface';
import { recordAnnotations, ANNOTATIONS } from '../record';

const pod: Pod = { metadata: { name: 'p', namespace: 'default', uid: 'p' }, spec: { containers: [] } };

function handle(snap: CacheSnapshot): Handle {
  return { snapshot: () => snap, lister: () => ({ list: () => [], get: () => undefined }), now: () => 0 };
}

function snapshotOf(names: string[]): CacheSnapshot {
  const cache = new SchedulerCache({ clock: new VirtualClock() });
  for (const name of names)
    cache.addNode({ metadata: { name }, status: { allocatable: { cpu: '1', pods: '10' } } } as Node);
  const s = new CacheSnapshot();
  cache.updateSnapshot(s);
  return s;
}

/** Plugins that log every call into `log`. */
function tracingPlugins(log: string[]): PluginEntry[] {
  const mk = (name: string, impl: object): PluginEntry => ({
    name,
    factory: () => ({ name, ...impl }) as Plugin,
  });
  return [
    mk('Gate', { preEnqueue: () => (log.push('PreEnqueue'), status.success()) }),
    mk('Sort', { less: () => (log.push('QueueSort'), false) }),
    mk('A', {
      preFilter: () => (log.push('PreFilter'), { status: status.success() }),
      filter: (_s: CycleState, _p: Pod, n: NodeInfo) => (log.push(`Filter:${n.name}`), status.success()),
      preScore: () => (log.push('PreScore'), status.success()),
      score: (_s: CycleState, _p: Pod, n: NodeInfo) => (
        log.push(`Score:${n.name}`),
        { score: 1, status: status.success() }
      ),
      normalizeScore: () => (log.push('NormalizeScore'), status.success()),
      reserve: () => (log.push('Reserve'), status.success()),
      unreserve: () => log.push('Unreserve'),
      permit: () => (log.push('Permit'), { status: status.success(), timeoutMs: 0 }),
      preBind: async () => (log.push('PreBind'), status.success()),
      bind: async () => (log.push('Bind'), status.success()),
      postBind: () => log.push('PostBind'),
    }),
  ];
}

describe('Framework', () => {
  it('runs the extension points in upstream order', async () => {
    const log: string[] = [];
    const snap = snapshotOf(['n1', 'n2']);
    const fwk = new Framework(tracingPlugins(log), handle(snap));
    fwk.runPreEnqueuePlugins(pod);
    fwk.queueSortLess()!({ pod } as never, { pod } as never);
    const state = new CycleState();
    const alg = new ScheduleAlgorithm(fwk, new SeededRng(1));
    const r = alg.schedulePod(state, pod, snap);
    expect(r.kind).toBe('scheduled');
    const host = (r as { host: string }).host;
    fwk.runReservePluginsReserve(state, pod, host);
    fwk.runPermitPlugins(state, pod, host);
    await fwk.runPreBindPlugins(state, pod, host);
    await fwk.runBindPlugins(state, pod, host);
    fwk.runPostBindPlugins(state, pod, host);
    expect(log).toEqual([
      'PreEnqueue',
      'QueueSort',
      'PreFilter',
      'Filter:n1',
      'Filter:n2',
      'PreScore',
      'Score:n1',
      'Score:n2',
      'NormalizeScore',
      'Reserve',
      'Permit',
      'PreBind',
      'Bind',
      'PostBind',
    ]);
  });

  it('stops filtering a node at the first rejection, normalises and weights scores, and records it all', () => {
    const snap = snapshotOf(['n1', 'n2', 'n3']);
    const entries: PluginEntry[] = [
      {
        name: 'Reject3',
        factory: () =>
          ({
            name: 'Reject3',
            filter: (_s: CycleState, _p: Pod, n: NodeInfo) =>
              n.name === 'n3' ? status.unschedulable('too hot') : status.success(),
          }) as Plugin,
      },
      {
        name: 'Never',
        factory: () =>
          ({
            name: 'Never',
            filter: (_s: CycleState, _p: Pod, n: NodeInfo) =>
              n.name === 'n3' ? status.unschedulable('must not run') : status.success(),
          }) as Plugin,
      },
      {
        name: 'Raw',
        weight: 2,
        factory: () =>
          ({
            name: 'Raw',
            score: (_s: CycleState, _p: Pod, n: NodeInfo) => ({
              score: n.name === 'n1' ? 10 : 40,
              status: status.success(),
            }),
            // Scale to 0..100 by the max.
            normalizeScore: (_s: CycleState, _p: Pod, scores: NodeScore[]) => {
              const max = Math.max(...scores.map((s) => s.score));
              for (const s of scores) s.score = Math.trunc((s.score * 100) / max);
              return status.success();
            },
          }) as Plugin,
      },
      {
        name: 'Flat',
        weight: 3,
        factory: () => ({ name: 'Flat', score: () => ({ score: 7, status: status.success() }) }) as Plugin,
      },
    ];
    const fwk = new Framework(entries, handle(snap));
    const state = new CycleState();
    const rec = newAttemptRecord();
    attachRecord(state, rec);
    const alg = new ScheduleAlgorithm(fwk, new SeededRng(1));
    const r = alg.schedulePod(state, pod, snap);
    expect(r).toEqual({ kind: 'scheduled', host: 'n2', evaluatedNodes: 3, feasibleNodes: 2 });
    expect(rec.filter).toEqual({
      n1: { Reject3: 'passed', Never: 'passed' },
      n2: { Reject3: 'passed', Never: 'passed' },
      n3: { Reject3: 'too hot' },
    });
    expect(rec.score).toEqual({ n1: { Raw: 10, Flat: 7 }, n2: { Raw: 40, Flat: 7 } });
    expect(rec.normalizedScore).toEqual({ n1: { Raw: 25, Flat: 7 }, n2: { Raw: 100, Flat: 7 } });
    expect(rec.finalScore).toEqual({ n1: { Raw: 50, Flat: 21 }, n2: { Raw: 200, Flat: 21 } });
    expect(rec.total).toEqual({ n1: 71, n2: 221 });
    rec.selected = 'n2';
    const a = recordAnnotations(rec);
    expect(JSON.parse(a[ANNOTATIONS.finalScore])).toEqual({
      n1: { Raw: '50', Flat: '21' },
      n2: { Raw: '200', Flat: '21' },
    });
    expect(JSON.parse(a[ANNOTATIONS.filter]).n3).toEqual({ Reject3: 'too hot' });
    expect(a[ANNOTATIONS.selectedNode]).toBe('n2');
  });

  it('rejects a score outside 0..100 after normalisation', () => {
    const snap = snapshotOf(['n1', 'n2']);
    const fwk = new Framework(
      [
        {
          name: 'Big',
          factory: () => ({ name: 'Big', score: () => ({ score: 101, status: status.success() }) }) as Plugin,
        },
      ],
      handle(snap),
    );
    const r = new ScheduleAlgorithm(fwk, new SeededRng(1)).schedulePod(new CycleState(), pod, snap);
    expect(r).toEqual({
      kind: 'error',
      status: {
        code: 'Error',
        reasons: [
          'plugin "Big" returns an invalid score 101, it should in the range of [0, 100] after normalizing',
        ],
        plugin: 'Big',
      },
    });
  });

  it('takes a plain number as a successful score and stops at a Score error', () => {
    const snap = snapshotOf(['n1', 'n2']);
    const mk = (fail: boolean) =>
      new Framework(
        [
          {
            name: 'Num',
            factory: () =>
              ({
                name: 'Num',
                score: (_s: CycleState, _p: Pod, n: NodeInfo) => (n.name === 'n2' ? 60 : 40),
              }) as Plugin,
          },
          {
            name: 'Err',
            factory: () =>
              ({
                name: 'Err',
                score: () =>
                  fail ? { score: 0, status: status.error('boom') } : { score: 1, status: status.success() },
              }) as Plugin,
          },
        ],
        handle(snap),
      );
    const state = new CycleState();
    const rec = newAttemptRecord();
    attachRecord(state, rec);
    expect(new ScheduleAlgorithm(mk(false), new SeededRng(1)).schedulePod(state, pod, snap)).toEqual({
      kind: 'scheduled',
      host: 'n2',
      evaluatedNodes: 2,
      feasibleNodes: 2,
    });
    expect(rec.total).toEqual({ n1: 41, n2: 61 });
    expect(
      new ScheduleAlgorithm(mk(true), new SeededRng(1)).schedulePod(new CycleState(), pod, snap),
    ).toEqual({
      kind: 'error',
      status: { code: 'Error', reasons: ['boom'], plugin: 'Err' },
    });
  });

  it("PreFilter Skip disables that plugin's Filter and extensions; PreScore Skip its Score; per cycle only", () => {
    const snap = snapshotOf(['n1', 'n2']);
    const calls: string[] = [];
    let skip = true;
    const fwk = new Framework(
      [
        {
          name: 'S',
          weight: 2,
          factory: () =>
            ({
              name: 'S',
              preFilter: () => ({ status: skip ? status.skip() : status.success() }),
              filter: (_s: CycleState, _p: Pod, n: NodeInfo) => (
                calls.push(`S.filter:${n.name}`),
                status.success()
              ),
              addPod: () => (calls.push('S.addPod'), status.success()),
              removePod: () => (calls.push('S.removePod'), status.success()),
              preScore: () => (skip ? status.skip() : status.success()),
              score: (_s: CycleState, _p: Pod, n: NodeInfo) => (
                calls.push(`S.score:${n.name}`),
                { score: n.name === 'n1' ? 100 : 0, status: status.success() }
              ),
            }) as Plugin,
        },
        {
          name: 'T',
          factory: () =>
            ({
              name: 'T',
              filter: (_s: CycleState, _p: Pod, n: NodeInfo) => (
                calls.push(`T.filter:${n.name}`),
                status.success()
              ),
              score: (_s: CycleState, _p: Pod, n: NodeInfo) => (
                calls.push(`T.score:${n.name}`),
                { score: n.name === 'n2' ? 10 : 0, status: status.success() }
              ),
            }) as Plugin,
        },
      ],
      handle(snap),
    );
    const alg = new ScheduleAlgorithm(fwk, new SeededRng(1));
    const run = () => {
      calls.length = 0;
      const state = new CycleState();
      const rec = newAttemptRecord();
      attachRecord(state, rec);
      const r = alg.schedulePod(state, pod, snap);
      const ni = snap.get('n1')!;
      fwk.runPreFilterExtensionAddPod(state, pod, { pod } as never, ni);
      fwk.runPreFilterExtensionRemovePod(state, pod, { pod } as never, ni);
      return { r, rec, state };
    };

    const skipped = run();
    expect(skipped.r).toEqual({ kind: 'scheduled', host: 'n2', evaluatedNodes: 2, feasibleNodes: 2 });
    expect(calls).toEqual(['T.filter:n1', 'T.filter:n2', 'T.score:n1', 'T.score:n2']);
    expect([...skipped.state.skipFilterPlugins]).toEqual(['S']);
    expect([...skipped.state.skipScorePlugins]).toEqual(['S']);
    expect(skipped.rec.preFilterStatus).toEqual({ S: 'skip' });
    expect(skipped.rec.preScore).toEqual({ S: 'skip' });
    expect(skipped.rec.filter).toEqual({ n1: { T: 'passed' }, n2: { T: 'passed' } });
    expect(skipped.rec.finalScore).toEqual({ n1: { T: 0 }, n2: { T: 10 } });

    // The next cycle's PreFilter/PreScore succeed: S runs again everywhere.
    skip = false;
    const ran = run();
    expect(ran.r).toEqual({ kind: 'scheduled', host: 'n1', evaluatedNodes: 2, feasibleNodes: 2 });
    expect(calls).toEqual([
      'S.filter:n1',
      'T.filter:n1',
      'S.filter:n2',
      'T.filter:n2',
      'S.score:n1',
      'S.score:n2',
      'T.score:n1',
      'T.score:n2',
      'S.addPod',
      'S.removePod',
    ]);
    expect(ran.state.skipFilterPlugins.size).toBe(0);
    expect(ran.rec.total).toEqual({ n1: 200, n2: 10 });
    // A what-if copy (preemption) keeps the cycle's skips.
    expect([...skipped.state.clone().skipFilterPlugins]).toEqual(['S']);
  });

  it('wraps a PreBind error with the plugin name, as upstream RunPreBindPlugins', async () => {
    const snap = snapshotOf(['n1']);
    const fwk = new Framework(
      [
        {
          name: 'Vol',
          factory: () =>
            ({
              name: 'Vol',
              preBind: async () => status.error('binding volumes: context deadline exceeded'),
            }) as Plugin,
        },
      ],
      handle(snap),
    );
    expect(await fwk.runPreBindPlugins(new CycleState(), pod, 'n1')).toEqual({
      code: 'Error',
      reasons: ['running PreBind plugin "Vol": binding volumes: context deadline exceeded'],
      plugin: 'Vol',
    });
  });
});

describe('numFeasibleNodesToFind', () => {
  it.each([
    [0, 0],
    [99, 99],
    [100, 100],
    [1000, 420],
    [5000, 500],
    [5250, 420],
    [6000, 300],
    [10000, 500],
    [20000, 1000],
    [100000, 5000],
  ])('%i nodes → %i', (n, want) => expect(numFeasibleNodesToFind(n)).toBe(want));

  it('uses a fixed percentage when given, but at least 100 nodes', () => {
    expect(numFeasibleNodesToFind(1000, 50)).toBe(500);
    expect(numFeasibleNodesToFind(1000, 5)).toBe(100);
  });

  it('rotates the start node across cycles', () => {
    const names = Array.from({ length: 200 }, (_, i) => `n${i}`);
    const snap = snapshotOf(names);
    const seen: string[] = [];
    const fwk = new Framework(
      [
        {
          name: 'F',
          factory: () =>
            ({
              name: 'F',
              filter: (_s: CycleState, _p: Pod, n: NodeInfo) => (seen.push(n.name), status.success()),
            }) as Plugin,
        },
      ],
      handle(snap),
    );
    const alg = new ScheduleAlgorithm(fwk, new SeededRng(1));
    alg.schedulePod(new CycleState(), pod, snap);
    expect(seen.length).toBe(100);
    expect(seen[0]).toBe('n0');
    expect(alg.nextStartNodeIndex).toBe(100);
    seen.length = 0;
    alg.schedulePod(new CycleState(), pod, snap);
    expect(seen[0]).toBe('n100');
    expect(alg.nextStartNodeIndex).toBe(0);
  });
});

describe('selectHost', () => {
  it('picks the highest total and spreads ties evenly', () => {
    const rng = new SeededRng(42);
    const scores = [
      { name: 'a', scores: [], totalScore: 5 },
      { name: 'b', scores: [], totalScore: 9 },
      { name: 'c', scores: [], totalScore: 9 },
      { name: 'd', scores: [], totalScore: 9 },
    ];
    const counts: Record<string, number> = {};
    for (let i = 0; i < 3000; i++) {
      const h = selectHost(scores, rng)!;
      counts[h] = (counts[h] ?? 0) + 1;
    }
    expect(counts.a).toBeUndefined();
    for (const n of ['b', 'c', 'd']) expect(Math.abs(counts[n] - 1000)).toBeLessThan(100);
  });
});
