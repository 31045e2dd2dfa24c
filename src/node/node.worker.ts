/**
 * A node worker's main: hosts a NodePool (one or more simulated nodes, as KWOK does) and, when
 * `options.manageNodes` is set, the NodeManager that turns user-created Node objects into nodes.
 */
import { hostComponent } from '../runtime/worker-host';
import type { NodeConfig } from './kubelet/node-registration';
import { NodePool } from './node-pool';

hostComponent(async (ctx) => {
  const nodes = (Array.isArray(ctx.spec.options.nodes) ? ctx.spec.options.nodes : []) as NodeConfig[];
  const pool = new NodePool({
    api: ctx.api,
    clock: ctx.clock,
    rng: ctx.rng,
    tracer: ctx.tracer,
    nodes,
    name: ctx.spec.name,
    manageNodes: ctx.spec.options.manageNodes === true,
  });
  await pool.start();
  return {
    stop() {
      pool.stop();
    },
  };
});
