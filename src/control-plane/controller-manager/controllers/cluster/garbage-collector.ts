/**
 * The garbage collector (upstream pkg/controller/garbagecollector, `garbage-collector-controller`): an
 * ownerReferences graph over every deletable resource discovery lists (events excluded, as upstream),
 * fed by one informer per resource, and two kinds of work (attemptToDelete / attemptToOrphan):
 *  - Background: a dependent whose owners are all gone (or whose owner uid does not match, a dangling
 *    reference, checked with a live GET) is deleted; with other owners left, the dangling references
 *    are removed instead.
 *  - Foreground: an owner with a deletionTimestamp and the `foregroundDeletion` finalizer gets its
 *    dependents deleted (Foreground again when they have dependents themselves); once no dependent with
 *    `blockOwnerDeletion: true` is left the finalizer is removed and the apiserver deletes the owner.
 *  - Orphan: an owner with the `orphan` finalizer gets its ownerReference removed from every dependent,
 *    then the finalizer removed.
 * Left out: virtual nodes for owners of unknown kinds (such references are kept), cross-namespace
 * owner-reference events, and the graph's absent-owner cache.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { RESOURCES, type ResourceInfo } from '../../../../api/resources';
import { unwrapTombstone } from '../../../../client/informer';
import type { ApiObject, ResourceClient } from '../../../../client/rest-client';
import type { ControllerContext, ControllerDescriptor } from '../../types';
import { QueueController, isConflict, isNotFound } from './util';

/** The finalizer of a Foreground deletion. */
export const FOREGROUND_FINALIZER = 'foregroundDeletion';
/** The finalizer of an Orphan deletion. */
export const ORPHAN_FINALIZER = 'orphan';

interface GraphNode {
  uid: string;
  info: ResourceInfo;
  namespace?: string;
  name: string;
  owners: OwnerReference[];
  finalizers: string[];
  deleting: boolean;
}

/** Resources the collector watches: listable, watchable, deletable; not events. */
export function gcResources(): ResourceInfo[] {
  return RESOURCES.filter(
    (r) => ['list', 'watch', 'delete'].every((v) => r.verbs.includes(v as never)) && r.resource !== 'events',
  );
}

/** The garbage-collector-controller. */
export class GarbageCollector extends QueueController {
  private readonly graph = new Map<string, GraphNode>();
  private readonly dependents = new Map<string, Set<string>>();

  constructor(ctx: ControllerContext) {
    super(ctx, 'garbage-collector-controller');
    for (const info of gcResources()) {
      const inf = this.use(ctx.informers.informerFor(ctx.client.forInfo(info)));
      inf.addEventHandler({
        onAdd: (o) => this.upsert(info, o),
        onUpdate: (_o, n) => this.upsert(info, n),
        onDelete: (o) => this.remove(unwrapTombstone(o)),
      });
    }
  }

  private upsert(info: ResourceInfo, o: ApiObject): void {
    const m = o.metadata!;
    const uid = m.uid!;
    const old = this.graph.get(uid);
    const node: GraphNode = {
      uid,
      info,
      namespace: m.namespace,
      name: m.name!,
      owners: [...(m.ownerReferences ?? [])],
      finalizers: [...(m.finalizers ?? [])],
      deleting: !!m.deletionTimestamp,
    };
    for (const r of old?.owners ?? []) {
      this.dependents.get(r.uid)?.delete(uid);
      // An owner waiting on this dependent may be unblocked now.
      if (this.isForeground(this.graph.get(r.uid))) this.queue.add(`del:${r.uid}`);
    }
    this.graph.set(uid, node);
    for (const r of node.owners) {
      let s = this.dependents.get(r.uid);
      if (!s) this.dependents.set(r.uid, (s = new Set()));
      s.add(uid);
      const owner = this.graph.get(r.uid);
      if (!owner || this.isForeground(owner)) this.queue.add(`del:${uid}`);
    }
    if (node.deleting && node.finalizers.includes(FOREGROUND_FINALIZER)) this.queue.add(`del:${uid}`);
    if (node.deleting && node.finalizers.includes(ORPHAN_FINALIZER)) this.queue.add(`orphan:${uid}`);
  }

  private remove(o: ApiObject): void {
    const uid = o.metadata!.uid!;
    const node = this.graph.get(uid);
    this.graph.delete(uid);
    for (const d of this.dependents.get(uid) ?? []) this.queue.add(`del:${d}`);
    for (const r of node?.owners ?? []) {
      this.dependents.get(r.uid)?.delete(uid);
      if (this.graph.has(r.uid)) this.queue.add(`del:${r.uid}`);
    }
  }

  private isForeground(n: GraphNode | undefined): boolean {
    return !!n && n.deleting && n.finalizers.includes(FOREGROUND_FINALIZER);
  }

  private clientFor(n: GraphNode): ResourceClient<ApiObject> {
    return this.ctx.client.forInfo(n.info);
  }

  protected async sync(key: string): Promise<void> {
    const [verb, uid] = key.split(':');
    const node = this.graph.get(uid);
    if (!node) return;
    if (verb === 'orphan') await this.orphan(node);
    else await this.attemptToDelete(node);
  }

  private async attemptToDelete(node: GraphNode): Promise<void> {
    if (node.deleting) {
      if (node.finalizers.includes(FOREGROUND_FINALIZER)) await this.processDeletingDependents(node);
      return;
    }
    if (!node.owners.length) return;
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of node.owners) {
      const state = await this.ownerState(node, ref);
      if (state === 'absent') dangling.push(ref);
      else if (state === 'waiting') waiting.push(ref);
      else solid.push(ref);
    }
    if (solid.length) {
      if (!dangling.length && !waiting.length) return;
      const drop = new Set(dangling.map((r) => r.uid));
      const unblock = new Set(waiting.map((r) => r.uid));
      await this.patchOwners(node, (refs) =>
        refs
          .filter((r) => !drop.has(r.uid))
          .map((r) => (unblock.has(r.uid) ? { ...r, blockOwnerDeletion: false } : r)),
      );
      return;
    }
    let policy: 'Background' | 'Foreground' | 'Orphan' = 'Background';
    if (node.finalizers.includes(ORPHAN_FINALIZER)) policy = 'Orphan';
    else if (node.finalizers.includes(FOREGROUND_FINALIZER)) policy = 'Foreground';
    else if (waiting.length && (this.dependents.get(node.uid)?.size ?? 0) > 0) policy = 'Foreground';
    try {
      await this.clientFor(node).delete(node.namespace, node.name, {
        propagationPolicy: policy,
        preconditions: { uid: node.uid },
      });
    } catch (e) {
      if (!isNotFound(e) && !isConflict(e)) throw e;
    }
  }

  /** `solid` (exists), `waiting` (being deleted in the foreground) or `absent`. */
  private async ownerState(dep: GraphNode, ref: OwnerReference): Promise<'solid' | 'waiting' | 'absent'> {
    const cached = this.graph.get(ref.uid);
    if (cached) return this.isForeground(cached) ? 'waiting' : 'solid';
    let client: ResourceClient<ApiObject>;
    try {
      client = this.ctx.client.forKind(ref.apiVersion, ref.kind);
    } catch {
      return 'solid'; // an owner of a kind discovery does not know: left alone
    }
    try {
      const live = await client.get(client.info.namespaced ? dep.namespace : undefined, ref.name);
      if (live.metadata?.uid !== ref.uid) return 'absent';
      const m = live.metadata;
      return m.deletionTimestamp && m.finalizers?.includes(FOREGROUND_FINALIZER) ? 'waiting' : 'solid';
    } catch (e) {
      if (isNotFound(e)) return 'absent';
      throw e;
    }
  }

  private async processDeletingDependents(owner: GraphNode): Promise<void> {
    const blocking: GraphNode[] = [];
    for (const d of this.dependents.get(owner.uid) ?? []) {
      const dn = this.graph.get(d);
      if (!dn) continue;
      const ref = dn.owners.find((r) => r.uid === owner.uid);
      if (ref?.blockOwnerDeletion) blocking.push(dn);
      if (!dn.deleting) this.queue.add(`del:${d}`);
    }
    if (blocking.length) return;
    await this.removeFinalizer(owner, FOREGROUND_FINALIZER);
  }

  private async orphan(owner: GraphNode): Promise<void> {
    if (!owner.deleting || !owner.finalizers.includes(ORPHAN_FINALIZER)) return;
    for (const d of [...(this.dependents.get(owner.uid) ?? [])]) {
      const dn = this.graph.get(d);
      if (dn) await this.patchOwners(dn, (refs) => refs.filter((r) => r.uid !== owner.uid));
    }
    await this.removeFinalizer(owner, ORPHAN_FINALIZER);
  }

  private async patchOwners(
    node: GraphNode,
    edit: (refs: OwnerReference[]) => OwnerReference[],
  ): Promise<void> {
    const c = this.clientFor(node);
    try {
      const live = await c.get(node.namespace, node.name);
      if (live.metadata?.uid !== node.uid) return;
      const refs = edit([...(live.metadata.ownerReferences ?? [])]);
      await c.patch(node.namespace, node.name, 'merge', {
        metadata: {
          ownerReferences: refs.length ? refs : null,
          resourceVersion: live.metadata.resourceVersion,
        },
      });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  private async removeFinalizer(node: GraphNode, finalizer: string): Promise<void> {
    const c = this.clientFor(node);
    try {
      const live = await c.get(node.namespace, node.name);
      if (live.metadata?.uid !== node.uid || !live.metadata.finalizers?.includes(finalizer)) return;
      const rest = live.metadata.finalizers.filter((f) => f !== finalizer);
      await c.patch(node.namespace, node.name, 'merge', {
        metadata: { finalizers: rest.length ? rest : null, resourceVersion: live.metadata.resourceVersion },
      });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}

/** Registry entry. */
export const garbageCollectorDescriptor: ControllerDescriptor = {
  name: 'garbage-collector-controller',
  workers: 20,
  create: (ctx) => new GarbageCollector(ctx),
};
