import { describe, it, expect } from 'vitest';
import { fitErrorMessage, newDiagnosis, truncateMessage } from './fit-error';
import type { Status } from './interface';

const taint = 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';
const u = (...reasons: string[]): Status => ({ code: 'Unschedulable', reasons });

describe('fitErrorMessage', () => {
  it.each<[string, number, Array<[string, Status]>, string | undefined, string | undefined, string]>([
    [
      'the reference example',
      3,
      [
        ['cp', { code: 'UnschedulableAndUnresolvable', reasons: [taint] }],
        ['n1', u('Insufficient cpu')],
        ['n2', u('Insufficient cpu')],
      ],
      undefined,
      'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
      `0/3 nodes are available: 1 ${taint}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`,
    ],
    [
      'several reasons of one node all count; sorted as strings ("10" before "2")',
      12,
      [
        ...Array.from({ length: 10 }, (_, i): [string, Status] => [`a${i}`, u('Insufficient memory')]),
        ['b', u('Insufficient cpu', 'Insufficient memory')],
        ['c', u('Too many pods')],
      ],
      undefined,
      undefined,
      '0/12 nodes are available: 1 Insufficient cpu, 1 Too many pods, 11 Insufficient memory.',
    ],
    [
      'a PreFilter rejection replaces the histogram',
      2,
      [],
      'persistentvolumeclaim "data" not found',
      'preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
      '0/2 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    ],
  ])('%s', (_name, n, statuses, preFilterMsg, postFilterMsg, want) => {
    const d = newDiagnosis();
    for (const [node, s] of statuses) d.nodeToStatus.set(node, s);
    d.preFilterMsg = preFilterMsg;
    d.postFilterMsg = postFilterMsg;
    expect(fitErrorMessage(n, d)).toBe(want);
  });

  it('counts absent nodes with the absent status', () => {
    const d = newDiagnosis();
    d.nodeToStatus.set('n1', u('Insufficient cpu'));
    d.absentNodesStatus = {
      code: 'UnschedulableAndUnresolvable',
      reasons: ['Preemption is not helpful for scheduling'],
    };
    expect(fitErrorMessage(4, d)).toBe(
      '0/4 nodes are available: 1 Insufficient cpu, 3 Preemption is not helpful for scheduling.',
    );
  });

  it('truncates event notes to 1024 characters', () => {
    expect(truncateMessage('x'.repeat(1024))).toBe('x'.repeat(1024));
    const t = truncateMessage('y'.repeat(2000));
    expect(t.length).toBe(1024);
    expect(t.endsWith('y ...')).toBe(true);
  });
});
