/**
 * NamespaceLifecycle: refuses objects in a namespace that does not exist or is being deleted, and the
 * deletion of the immortal namespaces (default, kube-system, kube-public).
 */
import { errors } from '../../../api/errors';
import type { AdmissionPlugin } from './types';

const IMMORTAL = new Set(['default', 'kube-system', 'kube-public']);

/** The NamespaceLifecycle plugin. */
export const namespaceLifecycle: AdmissionPlugin = {
  name: 'NamespaceLifecycle',
  validate(a, ctx) {
    const gr = { group: a.info.group, resource: a.info.resource };
    if (a.info.kind === 'Namespace') {
      if (a.operation === 'DELETE' && IMMORTAL.has(a.name)) {
        throw errors.forbidden(gr, a.name, 'this namespace may not be deleted');
      }
      return;
    }
    if (!a.info.namespaced || !a.namespace || a.operation !== 'CREATE') return;
    const ns = ctx.get('namespaces', '', undefined, a.namespace);
    if (!ns) throw errors.notFound({ group: '', resource: 'namespaces' }, a.namespace);
    const phase = (ns.status as { phase?: string } | undefined)?.phase;
    if (phase === 'Terminating' || ns.metadata.deletionTimestamp) {
      // Events about the namespace's own teardown are still allowed upstream; keep that exception.
      if (a.info.kind === 'Event') return;
      const err = errors.forbidden(
        gr,
        a.name,
        `unable to create new content in namespace ${a.namespace} because it is being terminated`,
      );
      // Upstream adds a NamespaceTerminating cause so clients can tell this refusal from others.
      const details = (err.status.details ??= {});
      (details.causes ??= []).push({
        reason: 'NamespaceTerminating',
        message: `namespace ${a.namespace} is being terminated`,
        field: 'metadata.namespace',
      });
      throw err;
    }
  },
};
