/** Every controller kube-controller-manager runs, in start order (upstream NewControllerDescriptors). */
import type { ControllerDescriptor } from './types';
import { WORKLOAD_CONTROLLERS } from './controllers/workloads';
import { CLUSTER_CONTROLLERS } from './controllers/cluster';

/** The controllers, by upstream name. */
export const CONTROLLERS: readonly ControllerDescriptor[] = [...CLUSTER_CONTROLLERS, ...WORKLOAD_CONTROLLERS];
