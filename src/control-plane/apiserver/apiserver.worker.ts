/** kube-apiserver's worker main: connects to etcd, fills its caches, serves every client connection. */
import { hostComponent } from '../../runtime/worker-host';
import { remoteEtcd, serveApi } from '../../runtime/remote';
import type { RpcServer } from '../../runtime/rpc';
import { ApiServer } from './apiserver';

hostComponent(async (ctx) => {
  await ctx.etcd.get();
  const api = new ApiServer({
    etcd: remoteEtcd(() => ctx.etcd.now()),
    clock: ctx.clock,
    rng: ctx.rng,
    tracer: ctx.tracer,
  });
  const servers: RpcServer[] = [];
  ctx.onAccept((client, ep) => {
    const groups =
      client === 'kubectl' || client === 'ui'
        ? ['system:masters', 'system:authenticated']
        : ['system:authenticated'];
    servers.push(serveApi(ep, api, { name: client, user: { username: client, groups } }));
  });
  await api.start();
  return {
    stop() {
      for (const s of servers) s.close();
      api.stop();
    },
  };
});
