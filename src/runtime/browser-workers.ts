/** The browser's worker factory: one entry file per component kind (Vite bundles each as a worker). */
import type { ComponentKind } from './protocol';

/** Creates the Web Worker for a component kind. */
export function createBrowserWorker(kind: ComponentKind): Worker {
  switch (kind) {
    case 'etcd':
      return new Worker(new URL('../control-plane/etcd/etcd.worker.ts', import.meta.url), {
        type: 'module',
        name: 'etcd',
      });
    case 'kube-apiserver':
      return new Worker(new URL('../control-plane/apiserver/apiserver.worker.ts', import.meta.url), {
        type: 'module',
        name: 'kube-apiserver',
      });
    case 'kube-scheduler':
      return new Worker(new URL('../control-plane/scheduler/scheduler.worker.ts', import.meta.url), {
        type: 'module',
        name: 'kube-scheduler',
      });
    case 'kube-controller-manager':
      return new Worker(
        new URL('../control-plane/controller-manager/controller-manager.worker.ts', import.meta.url),
        {
          type: 'module',
          name: 'kube-controller-manager',
        },
      );
    case 'node':
      return new Worker(new URL('../node/node.worker.ts', import.meta.url), { type: 'module', name: 'node' });
  }
}
