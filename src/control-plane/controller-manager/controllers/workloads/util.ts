/**
 * Helpers shared by the workload controllers, mirroring pieces of upstream pkg/controller
 * (controller_utils.go: FilterActivePods, ComputeHash, ControllerExpectations; pkg/api/v1/pod:
 * IsPodReady, IsPodAvailable; apimachinery's rand.SafeEncodeString and metav1.GetControllerOf).
 * Leaves out: the expectations' metrics, the Go-spew deep print ComputeHash hashes (we hash a canonical
 * JSON instead, so hashes differ from a real cluster's for the same template).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { ApiObject } from '../../../../client/rest-client';
import type { Clock } from '../../../../runtime/clock';
import { NAME_ALPHABET } from '../../../../runtime/rng';

/** A loosely typed JSON object. */
export type Obj = Record<string, unknown>;

/** Deep copy of a JSON value (cached objects are frozen: clone before changing). */
export function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** Milliseconds of an RFC 3339 time, or undefined when unset. */
export function parseTime(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

/** RFC 3339 with second precision, as metav1.Time serialises. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** JSON with object keys sorted, so equal values always give equal text. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonicalJson(x))).join(',')}]`;
  const keys = Object.keys(v as Obj)
    .filter((k) => (v as Obj)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Obj)[k])}`).join(',')}}`;
}

/** Structural equality of two JSON values (key order ignored), like apiequality.Semantic.DeepEqual. */
export function deepEqual(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** FNV-32a over bytes, continuing from `h` (offset basis by default). */
export function fnv32a(bytes: Uint8Array, h = 0x811c9dc5): number {
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** apimachinery `rand.SafeEncodeString`: each byte mapped into the vowel-free alphabet. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of new TextEncoder().encode(s)) out += NAME_ALPHABET[ch % NAME_ALPHABET.length];
  return out;
}

/**
 * `controller.ComputeHash`: FNV-32a of the template plus (when set) the collision count as 8
 * little-endian bytes, printed in decimal and safe-encoded. Upstream hashes Go-spew's deep print of the
 * PodTemplateSpec; we hash a canonical JSON of it, so the value differs from a real cluster's.
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  let h = fnv32a(new TextEncoder().encode(canonicalJson(template ?? {})));
  if (collisionCount !== undefined && collisionCount !== null) {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(b, h);
  }
  return safeEncodeString(String(h));
}

/** `metav1.GetControllerOf`: the owner reference with `controller: true`. */
export function getControllerOf(o: ApiObject): OwnerReference | undefined {
  return o.metadata?.ownerReferences?.find((r) => r.controller === true);
}

/** `metav1.NewControllerRef`: a controlling owner reference that blocks the owner's deletion. */
export function newControllerRef(owner: ApiObject, apiVersion: string, kind: string): OwnerReference {
  return {
    apiVersion,
    kind,
    name: owner.metadata?.name ?? '',
    uid: owner.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** `controller.IsPodActive`: not Succeeded/Failed and not being deleted. */
export function isPodActive(p: Pod): boolean {
  const phase = p.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !p.metadata?.deletionTimestamp;
}

/** `podutil.IsPodReady`: the Ready condition is True. */
export function isPodReady(p: Pod): boolean {
  return p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** When the pod became Ready (the Ready condition's lastTransitionTime), if it is ready. */
export function podReadyTime(p: Pod): number | undefined {
  const c = p.status?.conditions?.find((x) => x.type === 'Ready' && x.status === 'True');
  return parseTime(c?.lastTransitionTime);
}

/** `podutil.IsPodAvailable`: ready for at least `minReadySeconds` at `now`. */
export function isPodAvailable(p: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(p)) return false;
  if (!minReadySeconds) return true;
  const t = podReadyTime(p);
  return t !== undefined && t + minReadySeconds * 1000 <= now;
}

/** `int-or-string` scaled against `total`: `25%` rounds up or down as asked; integers as they are. */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) {
    const n = Number(v);
    if (Number.isInteger(n)) return n;
    throw new Error(
      `invalid value for IntOrString: invalid value "${v}": strconv.Atoi: parsing "${v}": invalid syntax`,
    );
  }
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/** One controller's expectation record (creations and deletions in flight). */
interface Expectation {
  add: number;
  del: number;
  timestamp: number;
  deleteKeys: Set<string>;
}

/** How long expectations are trusted before a sync goes ahead anyway (upstream: 5 minutes). */
export const EXPECTATIONS_TTL_MS = 5 * 60 * 1000;

/**
 * `controller.UIDTrackingControllerExpectations`: creations/deletions a controller has asked for and not
 * yet seen in its informer. A controller only manages replicas when its expectations are satisfied, so
 * it does not create twice while earlier creates are still travelling.
 */
export class Expectations {
  private m = new Map<string, Expectation>();
  constructor(private readonly clock: Clock) {}

  /** True when nothing is pending for `key` (or the record has expired). */
  satisfied(key: string): boolean {
    const e = this.m.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return this.clock.now() - e.timestamp > EXPECTATIONS_TTL_MS;
  }
  /** Expects `add` creations and the deletion of `podKeys` (`SetExpectations`). */
  expect(key: string, add: number, podKeys: string[] = []): void {
    this.m.set(key, { add, del: podKeys.length, timestamp: this.clock.now(), deleteKeys: new Set(podKeys) });
  }
  /** Expects `n` pod creations for `key`. */
  expectCreations(key: string, n: number): void {
    this.expect(key, n);
  }
  /** Expects deletion of the given pod keys. */
  expectDeletions(key: string, podKeys: string[]): void {
    this.expect(key, 0, podKeys);
  }
  /** A creation was observed (or will never happen). */
  creationObserved(key: string): void {
    const e = this.m.get(key);
    if (e) e.add--;
  }
  /** Lowers pending creations by `n` (creates that were skipped or failed). */
  lowerCreations(key: string, n: number): void {
    const e = this.m.get(key);
    if (e) e.add -= n;
  }
  /** The deletion of `podKey` was observed (or failed). */
  deletionObserved(key: string, podKey: string): void {
    const e = this.m.get(key);
    if (e && e.deleteKeys.delete(podKey)) e.del--;
  }
  /** Forgets `key` (its controller was deleted). */
  delete(key: string): void {
    this.m.delete(key);
  }
}

/** Runs `fn` `count` times in batches of 1, 2, 4, … (upstream slowStartBatch); stops at the first failing batch. */
export async function slowStartBatch(
  count: number,
  initialBatchSize: number,
  fn: () => Promise<void>,
): Promise<{ successes: number; error?: unknown }> {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: batch }, () => fn()));
    const failed = results.find((r) => r.status === 'rejected');
    successes += results.filter((r) => r.status === 'fulfilled').length;
    if (failed) return { successes, error: (failed as PromiseRejectedResult).reason };
    remaining -= batch;
  }
  return { successes };
}

/** The message of an error (ApiError messages are the server's). */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** HTTP status code of an ApiError-like error. */
export function errorCode(e: unknown): number | undefined {
  const x = e as { code?: number; status?: { code?: number } };
  return x?.status?.code ?? x?.code;
}

/** Deletes the listed fields when they are 0 (Go's `omitempty` on int32 status fields). */
export function omitZero<T extends object>(o: T, keys: (keyof T)[]): T {
  for (const k of keys) if ((o[k] as unknown) === 0) delete o[k];
  return o;
}
