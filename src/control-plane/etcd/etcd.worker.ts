/** etcd's worker main: opens the store (IndexedDB or memory) and serves it to the apiserver. */
import { hostComponent } from '../../runtime/worker-host';
import { serveEtcd } from '../../runtime/remote';
import type { RpcServer } from '../../runtime/rpc';
import { IdbBackend } from './idb-backend';
import { MemoryBackend } from './memory-backend';
import { MvccStore } from './mvcc-store';

hostComponent(async (ctx) => {
  const dbName = typeof ctx.spec.options.dbName === 'string' ? ctx.spec.options.dbName : 'kubelab-etcd';
  const backend = ctx.spec.options.backend === 'memory' ? new MemoryBackend() : new IdbBackend(dbName);
  const store = await MvccStore.open({ backend, clock: ctx.clock });
  const servers: RpcServer[] = [];
  ctx.onAccept((_client, ep) => servers.push(serveEtcd(ep, store)));
  return {
    async stop() {
      for (const s of servers) s.close();
      await store.close();
    },
  };
});
