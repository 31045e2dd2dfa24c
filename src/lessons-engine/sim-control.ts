/**
 * `ClusterControl` over an in-process SimCluster on the virtual clock (Node: the lessons' headless
 * replay). `reset` starts a fresh cluster with the lesson's nodes; `run` plays one command exactly as
 * `kubelab script` does (src/cli/script.ts `runCommand`: kubectl, sleep, kubelab node stop|start).
 */
import type { ApiTransport } from '../api/rest';
import { runCommand } from '../cli/script';
import { SimCluster } from '../runtime/sim-cluster';
import { apiReader, type ClusterReader } from './checks';
import { nodeConfigs, type ClusterControl, type RunOptions } from './runner';
import type { LessonSetup } from './types';

/** A headless cluster for lessons. */
export class SimClusterControl implements ClusterControl {
  private sim: SimCluster | undefined;
  private api: ApiTransport | undefined;

  constructor(private readonly seed: number | string = 1) {}

  /** The running cluster (after `reset`). */
  get cluster(): SimCluster {
    if (!this.sim) throw new Error('the cluster is not started (call reset first)');
    return this.sim;
  }

  /** Replaces the cluster with a fresh one of the setup's nodes. */
  async reset(setup: LessonSetup): Promise<void> {
    await this.stop();
    this.sim = await SimCluster.start({ seed: this.seed, nodes: nodeConfigs(setup) });
    this.api = this.sim.connect('kubectl');
  }

  /** Runs one script command. */
  async run(commandLine: string, opts: RunOptions): Promise<string> {
    const c = this.cluster;
    await c.settle();
    return runCommand({ source: commandLine, line: 1, argv: opts.argv, stdin: opts.stdin }, c, this.api!, {
      files: opts.files,
    });
  }

  /** Runs everything due now. */
  settle(): Promise<void> {
    return this.cluster.settle();
  }

  /** A reader for checks over its own connection. */
  reader(): ClusterReader {
    return apiReader(this.cluster.connect('lessons'));
  }

  /** Stops the cluster. */
  async stop(): Promise<void> {
    const s = this.sim;
    this.sim = undefined;
    this.api = undefined;
    await s?.stop();
  }
}
