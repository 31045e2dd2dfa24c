/**
 * Core API object shapes shared by every component. Kubernetes' own types come from
 * `kubernetes-types`; this module adds the loose "any object" shape the apiserver stores.
 */
import type { ObjectMeta as K8sObjectMeta, OwnerReference, Status, ListMeta } from 'kubernetes-types/meta/v1';

/** Removes `readonly` (kubernetes-types marks server-set fields readonly; the server sets them). */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** ObjectMeta with every field writable (the apiserver and controllers write server-set fields). */
export type ObjectMeta = Mutable<K8sObjectMeta>;

export type { OwnerReference, Status, ListMeta };
export type { Pod, Node, Namespace, Service, Event, ConfigMap, Secret } from 'kubernetes-types/core/v1';

/** Any Kubernetes object: apiVersion, kind, metadata and whatever fields its kind defines. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** A list as the API returns it (`PodList`, `NodeList`, ...). */
export interface KubeList<T extends KubeObject = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: ListMeta;
  items: T[];
}

/** Watch event types as the API streams them. */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** One event on a watch stream. `object` is a Status for ERROR events. */
export interface WatchEvent<T = KubeObject> {
  type: WatchEventType;
  object: T;
  /** Trace id of the write that caused this event (KubeLab addition, not on the wire of real Kubernetes). */
  cause?: string;
}

/** A plain JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
