/** kube-scheduler's worker main: the Scheduler, which runs while holding `kube-system/kube-scheduler`. */
import { hostComponent } from '../../runtime/worker-host';
import { Scheduler } from './scheduler';

hostComponent((ctx) => {
  const scheduler = new Scheduler({
    api: ctx.api,
    clock: ctx.clock,
    rng: ctx.rng,
    tracer: ctx.tracer,
    identity: `kube-scheduler-${ctx.spec.seed.slice(0, 8)}_${ctx.rng.int(2 ** 31).toString(16)}`,
    onError: (m) => ctx.log('warn', m),
  });
  void scheduler.start();
  return scheduler;
});
