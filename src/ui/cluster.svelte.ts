/**
 * The page's view of the cluster: component health from the supervisor and live lists of nodes, pods
 * and namespaces from the apiserver (list + watch through the same client library the components
 * use, as the hidden client `ui`). Views read immutable snapshots (`$state.raw`); bursts of watch
 * events are coalesced into one snapshot every 200 ms.
 */
import type { Node, Namespace, Pod } from 'kubernetes-types/core/v1';
import { Clientset } from '../client/rest-client';
import type { WatchEvent } from '../api/types';
import type { ComponentStatus, Supervisor } from '../runtime/supervisor';

/** Bursts of watch events are published as one snapshot at most this often (ms). */
const PUBLISH_MS = 500;

type Named = { metadata?: { name?: string; namespace?: string; resourceVersion?: string } };

/** Live state for the page. */
export class ClusterState {
  components = $state.raw<ComponentStatus[]>([]);
  nodes = $state.raw<Node[]>([]);
  pods = $state.raw<Pod[]>([]);
  namespaces = $state.raw<Namespace[]>([]);
  revision = $state(0);
  error = $state<string | undefined>(undefined);
  readonly client: Clientset;
  private stops: Array<() => void> = [];

  constructor(readonly supervisor: Supervisor) {
    this.client = new Clientset(supervisor.connect('ui'), { from: 'ui' });
    this.stops.push(supervisor.onStatus((s) => (this.components = s)));
  }

  /** Lists and watches nodes, pods and namespaces. */
  start(): void {
    this.follow<Node>('nodes', (l) => (this.nodes = l));
    this.follow<Namespace>('namespaces', (l) => (this.namespaces = l));
    this.follow<Pod>('pods', (l) => (this.pods = l));
  }

  /** The worker state of a component by name, if the supervisor runs one of that name. */
  componentState(name: string): ComponentStatus['state'] | undefined {
    return this.components.find((c) => c.name === name)?.state;
  }

  private follow<T extends Named>(resource: 'nodes' | 'namespaces' | 'pods', set: (l: T[]) => void): void {
    const rc = this.client.resource<T & { metadata: { name?: string } }>('', 'v1', resource);
    const key = (o: T) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
    // A private index; views get immutable snapshots through $state.raw, so no SvelteMap is needed.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const items = new Map<string, T>();
    let pending: ReturnType<typeof setTimeout> | undefined;
    const publishNow = () => {
      pending = undefined;
      set([...items.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[1]));
    };
    const publish = () => {
      if (pending === undefined) pending = setTimeout(publishNow, PUBLISH_MS);
    };
    let cancel: (() => void) | undefined;
    let stopped = false;
    const run = async () => {
      try {
        const list = await rc.list(undefined);
        items.clear();
        for (const it of list.items) items.set(key(it), it);
        this.revision = Math.max(this.revision, Number(list.metadata?.resourceVersion ?? 0));
        publishNow();
        this.error = undefined;
        cancel = rc.watch(
          undefined,
          { resourceVersion: list.metadata?.resourceVersion },
          (ev: WatchEvent) => {
            const o = ev.object as unknown as T;
            if (ev.type === 'ADDED' || ev.type === 'MODIFIED') items.set(key(o), o);
            else if (ev.type === 'DELETED') items.delete(key(o));
            else return;
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
      if (pending !== undefined) clearTimeout(pending);
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

/** A pod's phase as the picture colours it (`Terminating` once it has a deletionTimestamp). */
export function podPhase(p: Pod): string {
  if (p.metadata?.deletionTimestamp) return 'Terminating';
  return p.status?.phase ?? 'Pending';
}
