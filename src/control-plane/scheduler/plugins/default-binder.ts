/**
 * DefaultBinder (upstream pkg/scheduler/framework/plugins/defaultbinder): binds the pod by POSTing a
 * Binding to `pods/<name>/binding` through the scheduler's client. Leaves out nothing else: upstream
 * does exactly this one call.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import {
  CAUSE_KEY,
  status,
  type BindPlugin,
  type CycleState,
  type Handle,
  type PluginFactory,
  type Status,
} from '../framework/interface';

/** The plugin's name. */
export const DEFAULT_BINDER = 'DefaultBinder';

/** DefaultBinder: POST pods/binding. */
export class DefaultBinder implements BindPlugin {
  readonly name = DEFAULT_BINDER;
  constructor(private readonly handle: Handle) {}

  async bind(state: CycleState, pod: Pod, nodeName: string): Promise<Status> {
    const client = this.handle.clientset;
    if (!client) return status.error('DefaultBinder needs a clientset on the framework handle');
    try {
      const ns = pod.metadata?.namespace ?? 'default';
      const name = pod.metadata?.name ?? '';
      await client.pods.bind(ns, name, nodeName, { cause: state.read<string>(CAUSE_KEY) });
      return status.success();
    } catch (e) {
      return status.error(e instanceof Error ? e.message : String(e));
    }
  }
}

/** Factory for the registry. */
export const defaultBinder: PluginFactory = (handle) => new DefaultBinder(handle);
