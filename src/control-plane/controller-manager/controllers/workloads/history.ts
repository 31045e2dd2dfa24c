/**
 * ControllerRevision history shared by the DaemonSet and StatefulSet controllers (upstream
 * pkg/controller/history: NewControllerRevision, HashControllerRevision, FindEqualRevisions, plus the
 * "bump an equal old revision to the next number, else create" step of both controllers). A revision's
 * data is the strategic-merge patch `{"spec":{"template":{…,"$patch":"replace"}}}`; its name is
 * `<owner>-<hash>` and it carries the label `controller.kubernetes.io/hash`. The hash is FNV-32a over a
 * canonical JSON of the data (upstream hashes Go's JSON bytes), so values differ from a real cluster's.
 */
import type { ControllerRevision } from 'kubernetes-types/apps/v1';
import type { ApiObject, ResourceClient } from '../../../../client/rest-client';
import { clone, computeHash, deepEqual, errorCode, getControllerOf, newControllerRef } from './util';

/** Label every ControllerRevision carries (upstream ControllerRevisionHashLabel). */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';

/** The revision data of a pod template (upstream getPatch). */
export function revisionData(template: unknown): { spec: { template: unknown } } {
  return { spec: { template: { ...(clone(template) as object), $patch: 'replace' } } };
}

/** Revisions in `list` controlled by `owner`, oldest revision number first. */
export function ownedRevisions(owner: ApiObject, list: readonly ControllerRevision[]): ControllerRevision[] {
  return list
    .filter((r) => getControllerOf(r)?.uid === owner.metadata?.uid)
    .sort((a, b) => a.revision - b.revision || (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
}

/** Options of `currentRevision`. */
export interface RevisionOptions {
  client: ResourceClient<ControllerRevision>;
  owner: ApiObject;
  ownerApiVersion: string;
  ownerKind: string;
  template: unknown;
  /** Owned revisions (see `ownedRevisions`). */
  revisions: ControllerRevision[];
  collisionCount: number;
  /** Extra labels for a new revision (DaemonSet: controller-revision-hash). */
  extraLabels?: (hash: string) => Record<string, string>;
}

/** The revision of the current template and the (possibly raised) collision count. */
export interface RevisionResult {
  revision: ControllerRevision;
  collisionCount: number;
  /** The hash part of the name. */
  hash: string;
}

/** Error thrown when a revision name is taken by different data; the caller persists `collisionCount`. */
export class HashCollisionError extends Error {
  constructor(
    readonly collisionCount: number,
    name: string,
  ) {
    super(`controllerrevision "${name}" already exists with different data`);
  }
}

/**
 * Finds the revision equal to the current template (bumping it to the newest revision number when it
 * is an older one, as a rollback does) or creates a new one.
 */
export async function currentRevision(o: RevisionOptions): Promise<RevisionResult> {
  const data = revisionData(o.template);
  const max = o.revisions.reduce((m, r) => Math.max(m, r.revision), 0);
  const equal = o.revisions.filter((r) => deepEqual(r.data, data));
  const ns = o.owner.metadata?.namespace;
  if (equal.length) {
    let rev = equal[equal.length - 1];
    if (rev.revision < max) rev = await o.client.update({ ...clone(rev), revision: max + 1 });
    return { revision: rev, collisionCount: o.collisionCount, hash: hashOf(rev, o.owner) };
  }
  const hash = computeHash(data, o.collisionCount);
  const name = `${o.owner.metadata?.name}-${hash}`;
  const labels: Record<string, string> = {
    ...(((o.template as { metadata?: { labels?: Record<string, string> } })?.metadata?.labels ??
      {}) as Record<string, string>),
    [CONTROLLER_REVISION_HASH_LABEL]: hash,
    ...(o.extraLabels?.(hash) ?? {}),
  };
  const cr: ControllerRevision = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      namespace: ns,
      labels,
      ownerReferences: [newControllerRef(o.owner, o.ownerApiVersion, o.ownerKind)],
    },
    data,
    revision: max + 1,
  };
  try {
    return { revision: await o.client.create(ns, cr), collisionCount: o.collisionCount, hash };
  } catch (e) {
    if (errorCode(e) !== 409) throw e;
    const found = await o.client.get(ns, name);
    if (getControllerOf(found)?.uid === o.owner.metadata?.uid && deepEqual(found.data, data))
      return { revision: found, collisionCount: o.collisionCount, hash };
    throw new HashCollisionError(o.collisionCount + 1, name);
  }
}

/** The hash of a revision: its `controller.kubernetes.io/hash` label, else the name suffix. */
export function hashOf(rev: ControllerRevision, owner: ApiObject): string {
  return (
    rev.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] ??
    (rev.metadata?.name ?? '').slice((owner.metadata?.name ?? '').length + 1)
  );
}

/** Deletes the oldest revisions not in `live` beyond `limit` (upstream cleanupHistory / truncateHistory). */
export async function truncateHistory(
  client: ResourceClient<ControllerRevision>,
  revisions: ControllerRevision[],
  live: Set<string>,
  limit: number,
): Promise<void> {
  const dead = revisions.filter((r) => !live.has(r.metadata?.name ?? ''));
  for (let i = 0; i < dead.length - limit; i++) {
    try {
      await client.delete(dead[i].metadata?.namespace, dead[i].metadata!.name!);
    } catch (e) {
      if (errorCode(e) !== 404) throw e;
    }
  }
}
