/**
 * `kubelab script`: plays a shell-like script against a fresh in-process cluster on the virtual clock
 * and returns the transcript — for each command a `$ ` line with the command as written, then what it
 * printed (stdout and stderr in order). Before each command the cluster settles; `sleep` advances the
 * virtual clock with everything that falls due meanwhile; commands that wait (kubectl wait, rollout
 * status, delete --wait) advance the clock until they are done or time out. The same seed gives the
 * same transcript byte for byte.
 */
import { runKubectl, type FileSource } from '../kubectl/kubectl';
import { SimCluster } from '../runtime/sim-cluster';
import { parseDuration, parseScript, type ScriptCommand } from './script-parser';

/** Options of a script run. */
export interface ScriptOptions {
  /** Worker nodes (default 2, plus the control-plane node); 0: no nodes at all. */
  nodes?: number;
  seed?: number | string;
  /** Reads files named by `-f` (paths relative to the script's folder). */
  files: FileSource;
}

/** Runs a script; resolves with the transcript. Throws ScriptError only when the script can't be run. */
export async function runScript(text: string, opts: ScriptOptions): Promise<string> {
  const commands = parseScript(text);
  const cluster = await SimCluster.start({ seed: opts.seed ?? 1, workers: opts.nodes ?? 2 });
  const api = cluster.connect('kubectl');
  let out = '';
  try {
    for (const cmd of commands) {
      out += `$ ${cmd.source}\n`;
      await cluster.settle();
      out += await runCommand(cmd, cluster, api, opts);
    }
  } finally {
    await cluster.stop();
  }
  return out;
}

/**
 * Runs one script command (`kubectl …`, `sleep D`, `kubelab node stop|start NAME`, `echo`) against a
 * running cluster and returns what it printed; used by `runScript` and the lessons' headless replay.
 */
export async function runCommand(
  cmd: ScriptCommand,
  cluster: SimCluster,
  api: ReturnType<SimCluster['connect']>,
  opts: Pick<ScriptOptions, 'files'>,
): Promise<string> {
  const [name, ...args] = cmd.argv;
  let text = '';
  switch (name) {
    case 'kubectl': {
      const io = {
        stdout: (s: string) => (text += s),
        stderr: (s: string) => (text += s),
        stdin: cmd.stdin,
        files: opts.files,
      };
      await cluster.drive(runKubectl(args, io, { api, clock: cluster.clock }));
      return text;
    }
    case 'sleep': {
      if (args.length !== 1) return 'sleep: usage: sleep DURATION\n';
      let ms: number;
      try {
        ms = parseDuration(args[0]);
      } catch (e) {
        return `sleep: ${(e as Error).message}\n`;
      }
      await cluster.advance(ms);
      return '';
    }
    case 'kubelab': {
      if (args[0] === 'node' && (args[1] === 'stop' || args[1] === 'start') && args.length === 3) {
        const node = args[2];
        if (!cluster.nodes.kubelets.has(node)) return `kubelab: node "${node}" not found\n`;
        if (args[1] === 'stop') cluster.nodes.stopNode(node);
        else await cluster.drive(cluster.nodes.startNode(node));
        return '';
      }
      if (args[0] === 'component' && (args[1] === 'stop' || args[1] === 'start') && args.length === 3) {
        const comp = args[2];
        if (comp !== 'kube-scheduler' && comp !== 'kube-controller-manager')
          return `kubelab: component "${comp}" cannot be stopped here (kube-scheduler, kube-controller-manager)\n`;
        if (args[1] === 'stop') return cluster.stopComponent(comp) ? '' : `kubelab: ${comp} is not running\n`;
        return (await cluster.startComponent(comp)) ? '' : `kubelab: ${comp} is already running\n`;
      }
      return `kubelab: unknown command "${args.join(' ')}" (in scripts: kubelab node stop|start NODE, kubelab component stop|start COMPONENT)\n`;
    }
    case 'echo':
      return args.join(' ') + '\n';
    default:
      return `kubelab: ${name}: command not found\n`;
  }
}
