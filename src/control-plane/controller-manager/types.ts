/**
 * What kube-controller-manager gives each controller (upstream cmd/kube-controller-manager/app:
 * ControllerContext and the controller descriptors): one shared informer factory, a clientset, the
 * clock, the random source, a tracer and an event recorder. Controllers are level-triggered loops over
 * informers and a rate-limited workqueue, one file each, listed in `registry.ts`.
 */
import type { Clientset } from '../../client/rest-client';
import type { SharedInformerFactory } from '../../client/informer';
import type { Clock } from '../../runtime/clock';
import type { Rng } from '../../runtime/rng';
import type { Tracer } from '../../runtime/trace';

/** Shared services for every controller. */
export interface ControllerContext {
  /** Requests go out with `from: kube-controller-manager`. */
  client: Clientset;
  informers: SharedInformerFactory;
  clock: Clock;
  rng: Rng;
  tracer: Tracer;
}

/** A running controller. */
export interface Controller {
  /** Starts `workers` workers (after the informers it uses have synced). */
  run(workers: number): Promise<void> | void;
  stop(): void;
}

/** A registry entry: the upstream controller name (e.g. `replicaset-controller`) and its constructor. */
export interface ControllerDescriptor {
  name: string;
  /** Default number of concurrent workers (upstream `--concurrent-*-syncs`). */
  workers: number;
  create(ctx: ControllerContext): Controller;
}
