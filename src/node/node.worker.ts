/** A node worker's main: hosts one or more simulated nodes (a pool at large scale, as KWOK does). */
import { Clientset } from '../client/rest-client';
import { hostComponent } from '../runtime/worker-host';
import { NodeRegistration, type NodeConfig } from './kubelet/node-registration';

hostComponent(async (ctx) => {
  const nodes = (Array.isArray(ctx.spec.options.nodes) ? ctx.spec.options.nodes : []) as NodeConfig[];
  const regs = nodes.map(
    (cfg) =>
      new NodeRegistration(
        new Clientset(ctx.api, { from: `kubelet/${cfg.name}` }),
        ctx.clock,
        ctx.tracer,
        cfg,
      ),
  );
  await Promise.all(regs.map((r) => r.start()));
  return {
    stop() {
      for (const r of regs) r.stop();
    },
  };
});
