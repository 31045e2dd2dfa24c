/**
 * The inspector's state for one selected API object: the object itself (live, through a watch on its
 * name), its Events (list + watch with an involvedObject field selector), its owners and its
 * dependents (objects whose ownerReferences name it; for a Node, the pods bound to it).
 */
import type { Event as KubeEvent } from 'kubernetes-types/core/v1';
import type { ApiObject, Clientset } from '../../client/rest-client';
import type { WatchEvent } from '../../api/types';

/** A reference the inspector can link to. */
export interface ObjectLink {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** The kinds searched for dependents, and which owner kinds they may have. */
const DEPENDENT_KINDS: Array<{ apiVersion: string; kind: string; owners: string[] }> = [
  { apiVersion: 'apps/v1', kind: 'ReplicaSet', owners: ['Deployment'] },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    owners: ['ReplicaSet', 'Job', 'DaemonSet', 'StatefulSet', 'ReplicationController'],
  },
  { apiVersion: 'batch/v1', kind: 'Job', owners: ['CronJob'] },
  { apiVersion: 'apps/v1', kind: 'ControllerRevision', owners: ['DaemonSet', 'StatefulSet'] },
  { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', owners: ['Service'] },
];

/** Live state of the selected object. */
export class InspectorState {
  object = $state.raw<ApiObject | undefined>(undefined);
  events = $state.raw<KubeEvent[]>([]);
  owners = $state.raw<ObjectLink[]>([]);
  dependents = $state.raw<ObjectLink[]>([]);
  error = $state<string | undefined>(undefined);
  gone = $state(false);
  private cancels: Array<() => void> = [];
  private generation = 0;
  private depsTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly client: Clientset) {}

  /** Starts following one object (stops following the previous one). */
  select(ref: ObjectLink | undefined): void {
    this.close();
    const gen = ++this.generation;
    this.object = undefined;
    this.events = [];
    this.owners = [];
    this.dependents = [];
    this.error = undefined;
    this.gone = false;
    if (!ref) return;
    let rc;
    try {
      rc = this.client.forKind(ref.apiVersion, ref.kind);
    } catch (e) {
      this.error = (e as Error).message;
      return;
    }
    const live = () => gen === this.generation;
    const onObject = (o: ApiObject) => {
      if (!live()) return;
      this.object = o;
      this.gone = false;
      this.owners = (o.metadata?.ownerReferences ?? []).map((r) => ({
        apiVersion: r.apiVersion,
        kind: r.kind,
        name: r.name,
        namespace: ref.namespace,
      }));
      this.scheduleDependents(ref, o, gen);
    };
    void rc.get(ref.namespace, ref.name).then(
      (o) => {
        onObject(o);
        this.cancels.push(
          rc.watch(
            ref.namespace,
            { fieldSelector: `metadata.name=${ref.name}`, resourceVersion: o.metadata?.resourceVersion },
            (ev: WatchEvent<ApiObject>) => {
              if (ev.type === 'DELETED') {
                if (live()) this.gone = true;
              } else if (ev.type === 'ADDED' || ev.type === 'MODIFIED') onObject(ev.object);
            },
            () => {},
          ),
        );
      },
      (e: unknown) => {
        if (live()) this.error = (e as Error).message;
      },
    );
    this.followEvents(ref, gen);
  }

  private followEvents(ref: ObjectLink, gen: number): void {
    const ev = this.client.resource<KubeEvent & ApiObject>('', 'v1', 'events');
    const ns = ref.namespace ?? 'default';
    const fieldSelector = `involvedObject.kind=${ref.kind},involvedObject.name=${ref.name}`;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const items = new Map<string, KubeEvent>();
    const publish = () => {
      if (gen !== this.generation) return;
      this.events = [...items.values()].sort((a, b) => eventTime(a).localeCompare(eventTime(b)));
    };
    void ev.list(ns, { fieldSelector }).then(
      (list) => {
        for (const e of list.items) items.set(e.metadata?.name ?? '', e);
        publish();
        if (gen !== this.generation) return;
        this.cancels.push(
          ev.watch(
            ns,
            { fieldSelector, resourceVersion: list.metadata?.resourceVersion },
            (w: WatchEvent<KubeEvent & ApiObject>) => {
              if (w.type === 'DELETED') items.delete(w.object.metadata?.name ?? '');
              else if (w.type === 'ADDED' || w.type === 'MODIFIED')
                items.set(w.object.metadata?.name ?? '', w.object);
              publish();
            },
            () => {},
          ),
        );
      },
      () => {},
    );
  }

  private scheduleDependents(ref: ObjectLink, o: ApiObject, gen: number): void {
    if (this.depsTimer !== undefined) return;
    this.depsTimer = setTimeout(() => {
      this.depsTimer = undefined;
      void this.loadDependents(ref, o, gen);
    }, 300);
  }

  private async loadDependents(ref: ObjectLink, o: ApiObject, gen: number): Promise<void> {
    const out: ObjectLink[] = [];
    try {
      if (ref.kind === 'Node') {
        const pods = await this.client.pods.list(undefined, { fieldSelector: `spec.nodeName=${ref.name}` });
        for (const p of pods.items)
          out.push({
            apiVersion: 'v1',
            kind: 'Pod',
            namespace: p.metadata?.namespace,
            name: p.metadata?.name ?? '',
          });
      } else {
        const uid = o.metadata?.uid;
        for (const d of DEPENDENT_KINDS) {
          if (!d.owners.includes(ref.kind)) continue;
          const list = await this.client.forKind(d.apiVersion, d.kind).list(ref.namespace);
          for (const it of list.items)
            if (it.metadata?.ownerReferences?.some((r) => r.uid === uid))
              out.push({
                apiVersion: d.apiVersion,
                kind: d.kind,
                namespace: it.metadata?.namespace,
                name: it.metadata?.name ?? '',
              });
        }
      }
    } catch {
      // a kind the apiserver does not serve: no dependents of that kind
    }
    if (gen === this.generation) this.dependents = out;
  }

  /** Stops following. */
  close(): void {
    for (const c of this.cancels) c();
    this.cancels = [];
    if (this.depsTimer !== undefined) clearTimeout(this.depsTimer);
    this.depsTimer = undefined;
  }
}

function eventTime(e: KubeEvent): string {
  return e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp ?? '';
}
