/**
 * The cluster controllers of kube-controller-manager (upstream NewControllerDescriptors, minus the
 * workload controllers in ../workloads): Job, TTL-after-finished, CronJob, Endpoints, EndpointSlice,
 * pod garbage collector, node lifecycle, taint eviction, garbage collector, namespace, ServiceAccount, root CA publisher,
 * PersistentVolume binder, ResourceQuota and HorizontalPodAutoscaler.
 */
import type { ControllerDescriptor } from '../../types';
import { cronJobDescriptor } from './cronjob';
import { endpointsDescriptor } from './endpoints';
import { endpointSliceDescriptor } from './endpointslice';
import { garbageCollectorDescriptor } from './garbage-collector';
import { hpaDescriptor } from './hpa';
import { jobControllerDescriptor } from './job';
import { namespaceDescriptor } from './namespace';
import { nodeLifecycleDescriptor } from './node-lifecycle';
import { podGcDescriptor } from './pod-gc';
import { pvBinderDescriptor } from './pv-binder';
import { resourceQuotaDescriptor } from './resource-quota';
import { rootCaPublisherDescriptor, serviceAccountDescriptor } from './serviceaccount';
import { taintEvictionDescriptor } from './taint-eviction';
import { ttlAfterFinishedDescriptor } from './ttl-after-finished';

/** Every cluster controller, in upstream's start order. */
export const CLUSTER_CONTROLLERS: ControllerDescriptor[] = [
  serviceAccountDescriptor,
  rootCaPublisherDescriptor,
  endpointsDescriptor,
  endpointSliceDescriptor,
  podGcDescriptor,
  resourceQuotaDescriptor,
  namespaceDescriptor,
  garbageCollectorDescriptor,
  jobControllerDescriptor,
  cronJobDescriptor,
  ttlAfterFinishedDescriptor,
  nodeLifecycleDescriptor,
  taintEvictionDescriptor,
  pvBinderDescriptor,
  hpaDescriptor,
];
