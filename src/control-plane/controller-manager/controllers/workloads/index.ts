/**
 * The workload controllers of kube-controller-manager (upstream pkg/controller/{replicaset,
 * replication,deployment,daemon,statefulset}), in upstream start order.
 */
import type { ControllerDescriptor } from '../../types';
import { DAEMON_SET_CONTROLLER } from './daemon-set';
import { DEPLOYMENT_CONTROLLER } from './deployment';
import { STATEFUL_SET_CONTROLLER } from './stateful-set';
import { REPLICA_SET_CONTROLLER, REPLICATION_CONTROLLER_CONTROLLER } from './replica-set';

/** Descriptors of the workload controllers. */
export const WORKLOAD_CONTROLLERS: ControllerDescriptor[] = [
  REPLICATION_CONTROLLER_CONTROLLER,
  REPLICA_SET_CONTROLLER,
  DEPLOYMENT_CONTROLLER,
  DAEMON_SET_CONTROLLER,
  STATEFUL_SET_CONTROLLER,
];
