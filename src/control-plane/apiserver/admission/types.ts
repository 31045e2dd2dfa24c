/**
 * Admission control (upstream k8s.io/apiserver/pkg/admission): plugins that may change (mutating) or
 * reject (validating) a request after authentication and authorization and before storage.
 */
import type { KubeObject } from '../../../api/types';
import type { ResourceInfo } from '../../../api/resources';
import type { UserInfo } from '../../../api/rest';
import type { Clock } from '../../../runtime/clock';
import type { Rng } from '../../../runtime/rng';

/** What a plugin sees of a request. */
export interface AdmissionAttributes {
  operation: 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';
  info: ResourceInfo;
  subresource?: string;
  namespace?: string;
  name: string;
  /** The object to store (mutable for mutating plugins). */
  object?: KubeObject;
  oldObject?: KubeObject;
  user?: UserInfo;
  dryRun: boolean;
}

/** Read access to the cluster's current objects (from the watch cache). */
export interface AdmissionContext {
  get(resource: string, group: string, namespace: string | undefined, name: string): KubeObject | undefined;
  list(resource: string, group: string, namespace?: string): KubeObject[];
  clock: Clock;
  rng: Rng;
}

/** A plugin. Implement `admit` (mutating), `validate` (validating) or both. */
export interface AdmissionPlugin {
  /** Upstream plugin name, e.g. `NamespaceLifecycle`. */
  name: string;
  admit?(a: AdmissionAttributes, ctx: AdmissionContext): void | Promise<void>;
  validate?(a: AdmissionAttributes, ctx: AdmissionContext): void | Promise<void>;
}
