/**
 * The simulated container registry: answers a pull the way containerd reports it to the kubelet,
 * with the exact CRI error texts for a missing tag, a repository that does not exist, a registry
 * host that does not resolve, or an unparsable name. Pull time comes from the image size at a fixed
 * bandwidth. Leaves out private registries, credentials and rate limits.
 */
import { CATALOGUE, InvalidImageNameError, catalogueDigest, normalizeImage, type ImageRef } from './images';

/** Download bandwidth of every simulated node (decimal megabytes per second). nginx (72 MB) takes ~4.8 s. */
export const PULL_BANDWIDTH_BYTES_PER_S = 15_000_000;
/** Time an `Always` pull of an image already on the node takes (only the manifest is fetched). */
export const CACHED_PULL_MS = 420;

/** A successful resolution: what the node will store. */
export interface ResolvedImage {
  ref: ImageRef;
  /** `docker.io/library/nginx` */
  repository: string;
  /** Tag served (for digest references, the catalogue tag that has that digest). */
  tag: string;
  /** Content digest `sha256:...`. */
  digest: string;
  sizeBytes: number;
}

/** The outcome of asking the registry for an image. */
export type ResolveResult =
  | { ok: true; image: ResolvedImage }
  | { ok: false; reason: 'ErrImagePull' | 'InvalidImageName'; message: string };

const KNOWN_REGISTRIES = new Set(Object.keys(CATALOGUE).map((r) => r.split('/')[0]));

/** Resolves an image reference against the catalogue. */
export function resolveImage(raw: string): ResolveResult {
  let ref: ImageRef;
  try {
    ref = normalizeImage(raw);
  } catch (e) {
    if (e instanceof InvalidImageNameError)
      return {
        ok: false,
        reason: 'InvalidImageName',
        message: `Failed to apply default image tag "${raw}": ${e.message}`,
      };
    throw e;
  }
  const full = ref.full;
  const prefix = `failed to pull and unpack image "${full}": failed to resolve reference "${full}": `;
  if (!KNOWN_REGISTRIES.has(ref.registry)) {
    const ver = ref.digest ?? ref.tag;
    return {
      ok: false,
      reason: 'ErrImagePull',
      message: `rpc error: code = Unknown desc = ${prefix}failed to do request: Head "https://${ref.registry}/v2/${ref.path}/manifests/${ver}": dial tcp: lookup ${ref.registry}: no such host`,
    };
  }
  const entry = CATALOGUE[ref.repository];
  const notFound = (): ResolveResult => ({
    ok: false,
    reason: 'ErrImagePull',
    message: `rpc error: code = NotFound desc = ${prefix}${full}: not found`,
  });
  if (!entry) {
    if (ref.registry === 'docker.io')
      return {
        ok: false,
        reason: 'ErrImagePull',
        message: `rpc error: code = Unknown desc = ${prefix}pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
      };
    return notFound();
  }
  let tag = ref.tag;
  if (ref.digest) {
    const match = Object.keys(entry.tags).find((t) => catalogueDigest(ref.repository, t) === ref.digest);
    if (!match || (tag && tag !== match)) return notFound();
    tag = match;
  }
  if (!tag || entry.tags[tag] === undefined) return notFound();
  return {
    ok: true,
    image: {
      ref,
      repository: ref.repository,
      tag,
      digest: catalogueDigest(ref.repository, tag),
      sizeBytes: entry.tags[tag],
    },
  };
}

/** Milliseconds a fresh pull of `sizeBytes` takes at the node bandwidth (before jitter). */
export function pullDurationMs(sizeBytes: number): number {
  return Math.round((sizeBytes / PULL_BANDWIDTH_BYTES_PER_S) * 1000);
}
