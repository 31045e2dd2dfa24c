import { describe, it, expect } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { CycleState } from '../framework/interface';
import { fakeHandle, filterAll, nodeInfos } from '../testing/fake-handle';
import { makeNode, makePod } from '../testing/wrappers';
import { nodePorts, portConflicts } from './node-ports';

const h = fakeHandle();

describe('NodePorts', () => {
  it.each([
    { used: [], want: 'TCP/0.0.0.0/80', conflict: false },
    { used: ['TCP/0.0.0.0/80'], want: 'TCP/0.0.0.0/80', conflict: true },
    { used: ['UDP/0.0.0.0/80'], want: 'TCP/0.0.0.0/80', conflict: false },
    { used: ['TCP/127.0.0.1/80'], want: 'TCP/0.0.0.0/80', conflict: true },
    { used: ['TCP/127.0.0.1/80'], want: 'TCP/127.0.0.2/80', conflict: false },
    { used: ['TCP/0.0.0.0/80'], want: 'TCP/127.0.0.1/80', conflict: true },
    { used: ['TCP/127.0.0.1/80'], want: 'TCP/127.0.0.1/80', conflict: true },
    { used: ['TCP/0.0.0.0/8080'], want: 'TCP/0.0.0.0/80', conflict: false },
  ])('$used vs $want', ({ used, want, conflict }) => {
    expect(portConflicts(new Set(used), want)).toBe(conflict);
  });

  it('filters nodes whose host port is taken and skips pods without host ports', () => {
    const pl = nodePorts(h);
    const nodes = [makeNode().name('busy').obj(), makeNode().name('free').obj()];
    const pods = [makePod().name('old').node('busy').hostPort(80).obj()];
    const infos = nodeInfos(nodes, pods);
    expect(filterAll(pl as never, makePod().name('p').hostPort(80).obj(), infos)).toEqual({
      busy: {
        code: 'Unschedulable',
        reasons: ["node(s) didn't have free ports for the requested pod ports"],
      },
      free: { code: 'Success', reasons: [] },
    });
    const state = new CycleState();
    expect(
      (pl as never as { preFilter: (s: CycleState, p: Pod) => { status: { code: string } } }).preFilter(
        state,
        makePod().name('q').container().obj(),
      ).status.code,
    ).toBe('Skip');
  });
});
