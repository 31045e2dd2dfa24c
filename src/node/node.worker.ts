/**
 * A node worker's main: hosts a NodePool (one or more simulated nodes, as KWOK does), a kube-proxy
 * per node keeping that node's iptables rule table, and, when `options.manageNodes` is set, the
 * NodeManager that turns user-created Node objects into nodes.
 */
import { hostComponent } from '../runtime/worker-host';
import { Tracer } from '../runtime/trace';
import { KubeProxy } from './kube-proxy/kube-proxy';
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
  const proxies = nodes.map(
    (n) =>
      new KubeProxy({
        api: ctx.api,
        clock: ctx.clock,
        rng: ctx.rng.fork(`kube-proxy/${n.name}`),
        tracer: new Tracer(`kube-proxy/${n.name}`, ctx.bus, () => ctx.clock.now()),
        nodeName: n.name,
        nodeIPs: [n.internalIP ?? '172.18.0.2'],
        clusterCIDR: '10.244.0.0/16',
      }),
  );
  await pool.start();
  for (const p of proxies) p.start();
  return {
    stop() {
      for (const p of proxies) p.stop();
      pool.stop();
    },
  };
});
