/**
 * Static pods (upstream pkg/kubelet/config/common.go + pkg/kubelet/pod/mirror_client.go): a pod the
 * kubelet reads from its manifest directory instead of the API. The file source names it
 * `<name>-<node>`, gives it a UID that is the hash of the manifest, puts `spec.nodeName` and the
 * `kubernetes.io/config.{hash,seen,source}` annotations on it and a `NoExecute` toleration for every
 * taint; the kubelet runs it itself (no scheduler) and keeps a MIRROR pod in the API — the same pod
 * plus `kubernetes.io/config.mirror: <hash>` and an ownerReference to its Node — so that `kubectl`
 * can see it. The mirror pod cannot be deleted for good: the kubelet creates it again.
 *
 * Left out: http and directory watching (manifests are fixed when the kubelet is built), manifest
 * updates while running, the full internal defaulting (the apiserver defaults the mirror pod).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { stableHex } from '../runtime/images';

/** Annotation holding the hash of a static pod's manifest (its UID inside the kubelet). */
export const CONFIG_HASH = 'kubernetes.io/config.hash';
/** Annotation marking a mirror pod; its value is the static pod's hash. */
export const CONFIG_MIRROR = 'kubernetes.io/config.mirror';
/** Annotation naming where the kubelet found the pod (`file` for static pods, `api` otherwise). */
export const CONFIG_SOURCE = 'kubernetes.io/config.source';
/** Annotation with the time the kubelet first saw the pod (RFC 3339 with nanoseconds). */
export const CONFIG_SEEN = 'kubernetes.io/config.seen';

/** Go's RFC3339Nano: fractional seconds with trailing zeros trimmed. */
export function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.replace(/\.(\d{3})Z$/, (_m, frac: string) => {
    const f = `${frac}000000`.replace(/0+$/, '');
    return f ? `.${f}Z` : 'Z';
  });
}

/** The hash the file source gives a manifest on a node (32 hex digits, like the md5 upstream uses). */
export function staticPodHash(manifest: Pod, nodeName: string): string {
  return stableHex(`${nodeName}/${JSON.stringify(manifest)}`, 32);
}

/** True when `pod` is a mirror pod. */
export function isMirrorPod(pod: Pod): boolean {
  return pod.metadata?.annotations?.[CONFIG_MIRROR] !== undefined;
}

/** True when `pod` is a static pod (read from a file) rather than from the API. */
export function isStaticPod(pod: Pod): boolean {
  const src = pod.metadata?.annotations?.[CONFIG_SOURCE];
  return src !== undefined && src !== 'api';
}

/** The static pod the kubelet runs for `manifest` on `nodeName`, first seen at `seenMs`. */
export function staticPodFromManifest(manifest: Pod, nodeName: string, seenMs: number): Pod {
  const hash = staticPodHash(manifest, nodeName);
  const meta = manifest.metadata ?? {};
  const spec = structuredClone(manifest.spec!);
  spec.nodeName = nodeName;
  const tolerations = [...(spec.tolerations ?? [])];
  if (!tolerations.some((t) => t.operator === 'Exists' && !t.key && t.effect === 'NoExecute'))
    tolerations.push({ operator: 'Exists', effect: 'NoExecute' });
  spec.tolerations = tolerations;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...structuredClone(meta),
      name: `${meta.name}-${nodeName}`,
      namespace: meta.namespace || 'default',
      uid: hash,
      annotations: {
        ...(meta.annotations ?? {}),
        [CONFIG_HASH]: hash,
        [CONFIG_SEEN]: rfc3339Nano(seenMs),
        [CONFIG_SOURCE]: 'file',
      },
    },
    spec,
    status: { phase: 'Pending' },
  };
}

/** The mirror pod the kubelet creates in the API for a static pod (owner: its Node). */
export function mirrorPodFor(staticPod: Pod, nodeUid: string): Pod {
  const m = staticPod.metadata!;
  const meta = structuredClone(m);
  delete (meta as { uid?: string }).uid;
  delete (meta as { resourceVersion?: string }).resourceVersion;
  delete (meta as { creationTimestamp?: string }).creationTimestamp;
  meta.annotations = { ...(meta.annotations ?? {}), [CONFIG_MIRROR]: m.annotations![CONFIG_HASH] };
  meta.ownerReferences = [
    { apiVersion: 'v1', kind: 'Node', name: staticPod.spec!.nodeName!, uid: nodeUid, controller: true },
  ];
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: structuredClone(staticPod.spec) };
}

/** True when `mirror` is the mirror pod of `staticPod` (same hash in `config.mirror`). */
export function isMirrorPodOf(mirror: Pod, staticPod: Pod): boolean {
  const hash = staticPod.metadata?.annotations?.[CONFIG_HASH];
  return (
    !!hash &&
    mirror.metadata?.name === staticPod.metadata?.name &&
    mirror.metadata?.namespace === staticPod.metadata?.namespace &&
    mirror.metadata?.annotations?.[CONFIG_MIRROR] === hash
  );
}
