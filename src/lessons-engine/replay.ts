/**
 * Headless replay of a lesson (the proof that it can be finished): set the cluster up, record which
 * checks already hold on the untouched starting state (none should, unless marked `initiallyPasses`),
 * then run each step's solution in order and evaluate that step's check. `ui` checks are skipped.
 */
import type { FileSource } from '../kubectl/framework/command';
import { cachedReader, evaluateCheck, type ClusterReader } from './checks';
import { scriptCommands, type ClusterControl } from './runner';
import type { Lesson } from './types';

/** What happened to one step in a replay. */
export interface ReplayStep {
  id: string;
  passed: boolean;
  /** The check needs the page's state and was not evaluated. */
  skipped: boolean;
  detail: string;
  /** Transcript of the solution commands. */
  output: string;
}

/** The outcome of a replay. */
export interface ReplayReport {
  /** Transcript of the setup commands. */
  setupOutput: string;
  /** Steps whose check held right after setup although they are not marked `initiallyPasses`. */
  initiallyPassing: Array<{ id: string; detail: string }>;
  steps: ReplayStep[];
}

async function runAll(control: ClusterControl, lines: string[], files: FileSource): Promise<string> {
  let out = '';
  for (const c of scriptCommands(lines)) {
    await control.settle?.();
    out += `$ ${c.source}\n`;
    out += await control.run(c.source, { argv: c.argv, stdin: c.stdin, files });
  }
  await control.settle?.();
  return out;
}

/** Replays a lesson against a fresh cluster from `control`. */
export async function replayLesson(
  lesson: Lesson,
  control: ClusterControl,
  reader: () => ClusterReader,
  files: FileSource,
): Promise<ReplayReport> {
  const { setup, steps } = lesson.meta;
  await control.reset(setup);
  const setupOutput = await runAll(control, setup.commands, files);
  const initiallyPassing: ReplayReport['initiallyPassing'] = [];
  const first = cachedReader(reader());
  for (const s of steps) {
    if (s.initiallyPasses) continue;
    const r = await evaluateCheck(s.check, first);
    if (r.passed) initiallyPassing.push({ id: s.id, detail: r.detail });
  }
  const out: ReplayStep[] = [];
  for (const s of steps) {
    const output = await runAll(control, s.solution, files);
    const r = await evaluateCheck(s.check, reader());
    out.push({ id: s.id, passed: r.passed, skipped: r.skipped === true, detail: r.detail, output });
  }
  return { setupOutput, initiallyPassing, steps: out };
}
