/** `kubelab serve`: a cluster on the real clock, its API on 127.0.0.1, until interrupted. */
import { ScaledClock } from '../runtime/clock';
import { SimCluster } from '../runtime/sim-cluster';
import { serve } from './serve';

/** Starts the cluster and the HTTP server; resolves with the exit code when interrupted. */
export async function runServe(o: { port: number; nodes: number }): Promise<number> {
  const cluster = await SimCluster.start({ clock: new ScaledClock(), workers: o.nodes });
  const server = await serve({ port: o.port, cluster, log: (s) => process.stderr.write(s + '\n') });
  process.stdout.write(
    `KubeLab API serving on http://127.0.0.1:${server.port}\n` +
      `Try: kubectl --server http://127.0.0.1:${server.port} get nodes\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  await cluster.stop();
  return 0;
}
