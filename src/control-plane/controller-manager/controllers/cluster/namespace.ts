/**
 * The namespace controller (upstream pkg/controller/namespace, `namespace-controller`): a namespace
 * with a deletionTimestamp (phase Terminating) is emptied — every namespaced, listable, deletable kind
 * is deleted with DeleteCollection — while its status conditions say what is left
 * (NamespaceDeletionDiscoveryFailure, NamespaceDeletionGroupVersionParsingFailure,
 * NamespaceDeletionContentFailure, NamespaceContentRemaining, NamespaceFinalizersRemaining, with
 * upstream's reasons and messages); once nothing is left the `kubernetes` finalizer is removed through
 * PUT `namespaces/{name}/finalize` and the apiserver deletes the namespace.
 * Left out: the per-resource "estimate" for pods is the largest remaining grace period only.
 */
import type { Namespace, NamespaceCondition } from 'kubernetes-types/core/v1';
import { RESOURCES } from '../../../../api/resources';
import { checkResponse, type ApiObject } from '../../../../client/rest-client';
import type { ControllerContext, ControllerDescriptor } from '../../types';
import { QueueController, clone, isNotFound, parseTime, setCondition, type Condition } from './util';

/** Namespaced kinds the controller empties. */
function namespacedResources() {
  return RESOURCES.filter(
    (r) =>
      r.namespaced &&
      r.verbs.includes('list') &&
      r.verbs.includes('delete') &&
      r.verbs.includes('deletecollection'),
  );
}

/** The namespace-controller. */
export class NamespaceController extends QueueController {
  private readonly namespaces;
  constructor(ctx: ControllerContext) {
    super(ctx, 'namespace-controller');
    this.namespaces = this.use(ctx.informers.informerFor(ctx.client.namespaces));
    const add = (n: Namespace) => {
      if (n.metadata?.deletionTimestamp) this.queue.add(n.metadata.name!);
    };
    this.namespaces.addEventHandler({ onAdd: add, onUpdate: (_o, n) => add(n) });
  }

  protected async sync(name: string): Promise<void> {
    const cached = this.namespaces.lister().get(undefined, name);
    if (!cached?.metadata?.deletionTimestamp) return;
    if (!(cached.spec?.finalizers ?? []).includes('kubernetes')) return;
    const now = this.ctx.clock.now();
    // Delete everything, then count what is left.
    for (const info of namespacedResources()) {
      const c = this.ctx.client.forInfo(info);
      try {
        await c.deleteCollection(name);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
    const remaining: Array<{ resource: string; count: number }> = [];
    const finalizers = new Map<string, number>();
    let estimateMs = 0;
    for (const info of namespacedResources()) {
      const list = await this.ctx.client.forInfo<ApiObject>(info).list(name);
      if (!list.items.length) continue;
      remaining.push({
        resource: info.group ? `${info.resource}.${info.group}` : info.resource,
        count: list.items.length,
      });
      for (const o of list.items) {
        for (const f of o.metadata?.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
        const dt = parseTime(o.metadata?.deletionTimestamp);
        if (dt !== undefined) estimateMs = Math.max(estimateMs, dt - now);
      }
    }
    const ns = clone(cached);
    let conds = (ns.status?.conditions ?? []) as Condition[];
    const set = (type: string, status: string, reason: string, message: string) => {
      conds = setCondition(conds, { type, status, reason, message }, now);
    };
    set(
      'NamespaceDeletionDiscoveryFailure',
      'False',
      'ResourcesDiscovered',
      'All resources successfully discovered',
    );
    set(
      'NamespaceDeletionGroupVersionParsingFailure',
      'False',
      'ParsedGroupVersions',
      'All legacy kube types successfully parsed',
    );
    set(
      'NamespaceDeletionContentFailure',
      'False',
      'ContentDeleted',
      'All content successfully deleted, may be waiting on finalization',
    );
    if (remaining.length)
      set(
        'NamespaceContentRemaining',
        'True',
        'SomeResourcesRemain',
        `Some resources are remaining: ${remaining
          .sort((a, b) => a.resource.localeCompare(b.resource))
          .map((r) => `${r.resource} has ${r.count} resource instances`)
          .join(', ')}`,
      );
    else set('NamespaceContentRemaining', 'False', 'ContentRemoved', 'All content successfully removed');
    if (finalizers.size)
      set(
        'NamespaceFinalizersRemaining',
        'True',
        'SomeFinalizersRemain',
        `Some content in the namespace has finalizers remaining: ${[...finalizers]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([f, n]) => `${f} in ${n} resource instances`)
          .join(', ')}`,
      );
    else
      set(
        'NamespaceFinalizersRemaining',
        'False',
        'ContentHasNoFinalizers',
        'All content-preserving finalizers finished',
      );
    let current: Namespace = ns;
    if (JSON.stringify(conds) !== JSON.stringify(ns.status?.conditions ?? [])) {
      try {
        current = await this.ctx.client.namespaces.updateStatus({
          ...ns,
          status: { ...ns.status, conditions: conds as NamespaceCondition[] },
        });
      } catch (e) {
        if (isNotFound(e)) return;
        throw e;
      }
    }
    if (remaining.length) {
      this.queue.addAfter(name, Math.max(1000, estimateMs + 1000));
      return;
    }
    const rest = (current.spec?.finalizers ?? []).filter((f) => f !== 'kubernetes');
    try {
      const c = this.ctx.client.namespaces;
      checkResponse(
        await c.raw('PUT', c.objectPath(undefined, name, 'finalize'), {
          body: { ...current, spec: { ...current.spec, finalizers: rest } },
        }),
      );
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}

/** Registry entry. */
export const namespaceDescriptor: ControllerDescriptor = {
  name: 'namespace-controller',
  workers: 10,
  create: (ctx) => new NamespaceController(ctx),
};
