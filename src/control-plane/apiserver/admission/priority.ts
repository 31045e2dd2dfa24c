/**
 * Priority admission: resolves `priorityClassName` to `spec.priority` (and preemptionPolicy), applies
 * the global default PriorityClass, and refuses unknown classes or a hand-set priority.
 */
import { errors } from '../../../api/errors';
import type { AdmissionPlugin } from './types';

/** The built-in classes every cluster has. */
export const SYSTEM_PRIORITY_CLASSES = [
  {
    name: 'system-node-critical',
    value: 2000001000,
    description: 'Used for system critical pods that must not be moved from their current node.',
  },
  {
    name: 'system-cluster-critical',
    value: 2000000000,
    description:
      'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
  },
];

interface PodSpec {
  priorityClassName?: string;
  priority?: number;
  preemptionPolicy?: string;
}

/** The Priority plugin. */
export const priority: AdmissionPlugin = {
  name: 'Priority',
  admit(a, ctx) {
    if (a.info.kind !== 'Pod' || a.operation !== 'CREATE' || a.subresource || !a.object) return;
    const spec = (a.object.spec ??= {}) as PodSpec;
    let value = 0;
    let policy: string | undefined;
    if (spec.priorityClassName) {
      const pc = ctx.get('priorityclasses', 'scheduling.k8s.io', undefined, spec.priorityClassName);
      if (!pc) {
        throw errors.forbidden(
          { group: '', resource: 'pods' },
          a.name,
          `no PriorityClass with name ${spec.priorityClassName} was found`,
        );
      }
      value = pc.value as number;
      policy = pc.preemptionPolicy as string | undefined;
    } else {
      const def = ctx
        .list('priorityclasses', 'scheduling.k8s.io')
        .filter((pc) => pc.globalDefault === true)
        .sort((x, y) => (y.value as number) - (x.value as number))[0];
      if (def) {
        spec.priorityClassName = def.metadata.name;
        value = def.value as number;
        policy = def.preemptionPolicy as string | undefined;
      }
    }
    if (spec.priority !== undefined && spec.priority !== value) {
      throw errors.forbidden(
        { group: '', resource: 'pods' },
        a.name,
        `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`,
      );
    }
    spec.priority = value;
    spec.preemptionPolicy = spec.preemptionPolicy ?? policy ?? 'PreemptLowerPriority';
  },
};
