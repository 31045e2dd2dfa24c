/**
 * kube-controller-manager: starts every registered controller over one shared informer factory and
 * one clientset, while it holds the leader Lease (the worker main does the election).
 */
import type { ApiTransport } from '../../api/rest';
import { SharedInformerFactory } from '../../client/informer';
import { Clientset } from '../../client/rest-client';
import type { Clock } from '../../runtime/clock';
import type { Rng } from '../../runtime/rng';
import type { Tracer } from '../../runtime/trace';
import { CONTROLLERS } from './registry';
import type { Controller, ControllerContext, ControllerDescriptor } from './types';

/** Options of a controller manager. */
export interface ControllerManagerOptions {
  api: ApiTransport;
  clock: Clock;
  rng: Rng;
  tracer: Tracer;
  /** Run only these controllers (by name); all by default. */
  only?: string[];
  /** Descriptors to run instead of the registry (tests). */
  descriptors?: readonly ControllerDescriptor[];
}

/** Runs the controllers. */
export class ControllerManager {
  private running: Controller[] = [];
  private factory: SharedInformerFactory | undefined;
  constructor(private readonly o: ControllerManagerOptions) {}

  /** Creates and starts the controllers. */
  async start(): Promise<void> {
    const client = new Clientset(this.o.api, { from: 'kube-controller-manager' });
    const informers = new SharedInformerFactory(client, { clock: this.o.clock, rng: this.o.rng.fork('informers') });
    this.factory = informers;
    const ctx: ControllerContext = { client, informers, clock: this.o.clock, rng: this.o.rng, tracer: this.o.tracer };
    const list = (this.o.descriptors ?? CONTROLLERS).filter((d) => !this.o.only || this.o.only.includes(d.name));
    const created = list.map((d) => [d, d.create(ctx)] as const);
    informers.start();
    for (const [d, c] of created) {
      this.running.push(c);
      await c.run(d.workers);
    }
  }

  /** Stops every controller and informer. */
  stop(): void {
    for (const c of this.running) c.stop();
    this.running = [];
    this.factory?.shutdown();
  }
}
