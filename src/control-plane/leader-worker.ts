/**
 * Shared main for control-plane components that run under leader election (kube-scheduler,
 * kube-controller-manager): hold the `kube-system/<name>` Lease and run `lead()` while leading.
 */
import { Clientset } from '../client/rest-client';
import { LeaderElector } from '../client/leader-election';
import type { Component, WorkerContext } from '../runtime/worker-host';

/** Runs `lead` while this instance holds the component's leader Lease. */
export function runWithLeaderElection(
  ctx: WorkerContext,
  component: string,
  lead: (client: Clientset) => Component | undefined,
): Component {
  const client = new Clientset(ctx.api, { from: component });
  let running: Component | undefined;
  const identity = `${component}-${ctx.spec.seed.slice(0, 8)}_${ctx.rng.int(2 ** 31).toString(16)}`;
  const elector = new LeaderElector({
    leases: client.leases,
    clock: ctx.clock,
    rng: ctx.rng,
    namespace: 'kube-system',
    name: component,
    identity,
    releaseOnCancel: true,
    callbacks: {
      onStartedLeading: () => {
        ctx.tracer.emit({
          to: component,
          kind: 'lifecycle',
          verb: 'leading',
          resource: 'leases',
          namespace: 'kube-system',
          name: component,
        });
        running = lead(client);
      },
      onStoppedLeading: () => {
        void running?.stop();
        running = undefined;
      },
    },
    onError: (message) => ctx.log('warn', message),
  });
  void elector.run();
  return {
    stop() {
      elector.stop();
      void running?.stop();
    },
  };
}
