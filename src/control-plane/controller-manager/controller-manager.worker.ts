/**
 * kube-controller-manager's worker main: while it holds the `kube-system/kube-controller-manager`
 * leader Lease it runs every registered controller.
 */
import { hostComponent } from '../../runtime/worker-host';
import { runWithLeaderElection } from '../leader-worker';
import { ControllerManager } from './controller-manager';

hostComponent((ctx) =>
  runWithLeaderElection(ctx, 'kube-controller-manager', () => {
    const kcm = new ControllerManager({
      api: ctx.api,
      clock: ctx.clock,
      rng: ctx.rng.fork('controllers'),
      tracer: ctx.tracer,
    });
    void kcm
      .start()
      .catch((e: unknown) => ctx.log('error', `controllers failed to start: ${(e as Error).message}`));
    return { stop: () => kcm.stop() };
  }),
);
