/**
 * The page's view of the cluster: component health from the supervisor and a few live object lists
 * from the apiserver (through the same client library the components use). Views read snapshots.
 */
import type { Node, Namespace } from 'kubernetes-types/core/v1';
import { Clientset } from '../client/rest-client';
import type { WatchEvent } from '../api/types';
import type { ComponentStatus, Supervisor } from '../runtime/supervisor';

/** Live state for the shell page. */
export class ClusterState {
  components = $state.raw<ComponentStatus[]>([]);
  nodes = $state.raw<Node[]>([]);
  namespaces = $state.raw<Namespace[]>([]);
  revision = $state(0);
  error = $state<string | undefined>(undefined);
  readonly client: Clientset;
  private stops: Array<() => void> = [];

  constructor(readonly supervisor: Supervisor) {
    this.client = new Clientset(supervisor.connect('ui'), { from: 'ui' });
    this.stops.push(supervisor.onStatus((s) => (this.components = s)));
  }

  /** Lists and watches nodes and namespaces. */
  start(): void {
    this.follow<Node>('nodes', (l) => (this.nodes = l));
    this.follow<Namespace>('namespaces', (l) => (this.namespaces = l));
  }

  private follow<T extends { metadata?: { name?: string; resourceVersion?: string } }>(
    resource: 'nodes' | 'namespaces',
    set: (l: T[]) => void,
  ): void {
    const rc = this.client.resource<T & { metadata: { name?: string } }>('', 'v1', resource);
    // A private index; views get immutable snapshots through $state.raw, so no SvelteMap is needed.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const items = new Map<string, T>();
    const publish = () =>
      set([...items.values()].sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1)));
    let cancel: (() => void) | undefined;
    let stopped = false;
    const run = async () => {
      try {
        const list = await rc.list(undefined);
        items.clear();
        for (const it of list.items) items.set(it.metadata!.name!, it);
        this.revision = Math.max(this.revision, Number(list.metadata?.resourceVersion ?? 0));
        publish();
        this.error = undefined;
        cancel = rc.watch(
          undefined,
          { resourceVersion: list.metadata?.resourceVersion },
          (ev: WatchEvent) => {
            const o = ev.object as unknown as T;
            if (ev.type === 'ADDED' || ev.type === 'MODIFIED') items.set(o.metadata!.name!, o);
            else if (ev.type === 'DELETED') items.delete(o.metadata!.name!);
            this.revision = Math.max(this.revision, Number(o.metadata?.resourceVersion ?? 0));
            publish();
          },
          () => {
            if (!stopped) setTimeout(run, 500);
          },
        );
      } catch (e) {
        this.error = e instanceof Error ? e.message : String(e);
        if (!stopped) setTimeout(run, 1000);
      }
    };
    void run();
    this.stops.push(() => {
      stopped = true;
      cancel?.();
    });
  }

  /** Stops every watch. */
  dispose(): void {
    for (const s of this.stops) s();
  }
}

/** Node readiness as `kubectl get nodes` shows it. */
export function nodeStatus(n: Node): string {
  const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
  let s = ready?.status === 'True' ? 'Ready' : ready?.status === 'False' ? 'NotReady' : 'Unknown';
  if (n.spec?.unschedulable) s += ',SchedulingDisabled';
  return s;
}
