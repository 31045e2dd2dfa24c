/**
 * The simulated registry's catalogue and image-reference normalisation (mirrors
 * github.com/distribution/reference's `ParseNormalizedNamed` as containerd and the kubelet use it:
 * `nginx` → `docker.io/library/nginx:latest`). Sizes are real-looking compressed sizes of the public
 * images; digests are synthetic but stable (a hash of the reference), so they look like
 * `sha256:<64 hex>` and never change between runs. Leaves out multi-arch manifests and registries'
 * authentication.
 */

/** A parsed, normalised image reference. */
export interface ImageRef {
  /** What the pod spec said (`nginx`, `nginx:1.27`, `registry.k8s.io/pause:3.10`). */
  raw: string;
  /** Registry host (`docker.io`, `registry.k8s.io`). */
  registry: string;
  /** Repository path inside the registry (`library/nginx`). */
  path: string;
  /** `docker.io/library/nginx`. */
  repository: string;
  /** Tag (`latest` when neither tag nor digest is given; undefined for digest-only references). */
  tag?: string;
  /** `sha256:...` when the reference pins a digest. */
  digest?: string;
  /** Fully qualified reference: `docker.io/library/nginx:latest` (or `...@sha256:...`). */
  full: string;
}

/** What a container from an image does when neither command nor args override it. */
export interface ImageDefaults {
  /** The image's ENTRYPOINT. */
  entrypoint: string[];
  /** The image's CMD. */
  cmd: string[];
  /** Memory the main process uses when nothing says otherwise (bytes). */
  memoryBytes: number;
  /** busybox-style (`cat: can't open 'x': ...`) or GNU-style (`cat: x: ...`) error texts. */
  flavor: 'busybox' | 'gnu';
  /** False for images without a shell (pause, distroless): `sh` is then not found. */
  shell: boolean;
  /** Environment the image sets (PATH etc.). */
  env: Record<string, string>;
}

/** One repository of the catalogue. */
export interface CatalogueEntry {
  /** tag → compressed size in bytes. */
  tags: Record<string, number>;
  defaults: ImageDefaults;
  /** Digests fixed by hand (to match a digest used in a well-known manifest); others are synthetic. */
  pinnedDigests?: Record<string, string>;
}

const MiB = 1024 * 1024;
const PATH_ENV = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' };

const shellImage = (flavor: 'busybox' | 'gnu', cmd = ['sh']): ImageDefaults => ({
  entrypoint: [],
  cmd,
  memoryBytes: 1 * MiB,
  flavor,
  shell: true,
  env: PATH_ENV,
});
const server = (
  entrypoint: string[],
  cmd: string[],
  memMiB: number,
  env: Record<string, string> = {},
): ImageDefaults => ({
  entrypoint,
  cmd,
  memoryBytes: memMiB * MiB,
  flavor: 'gnu',
  shell: true,
  env: { ...PATH_ENV, ...env },
});
const nginxDefaults = server(['/docker-entrypoint.sh'], ['nginx', '-g', 'daemon off;'], 8, {
  NGINX_VERSION: '1.29.1',
  NJS_VERSION: '0.9.1',
});
const pauseDefaults: ImageDefaults = {
  entrypoint: ['/pause'],
  cmd: [],
  memoryBytes: 256 * 1024,
  flavor: 'busybox',
  shell: false,
  env: {},
};
const agnhostDefaults: ImageDefaults = { ...server(['/agnhost'], [], 12), flavor: 'busybox' };
const frontend = server([], ['apache2-foreground'], 24);
/** A distroless Go binary of a Kubernetes system image (no shell). */
const goBinary = (entrypoint: string[], memMiB: number): ImageDefaults => ({
  entrypoint,
  cmd: [],
  memoryBytes: memMiB * MiB,
  flavor: 'busybox',
  shell: false,
  env: PATH_ENV,
});

/**
 * The catalogue: repository (fully qualified) → tags and sizes, plus how containers of it behave by
 * default. Images of the Kubernetes documentation examples are all here.
 */
export const CATALOGUE: Readonly<Record<string, CatalogueEntry>> = {
  'docker.io/library/nginx': {
    tags: {
      latest: 72223946,
      '1.29': 72223946,
      '1.29.1': 72223946,
      '1.27': 72195292,
      '1.27.5': 72195292,
      '1.25': 70544635,
      '1.14.2': 44710204,
      alpine: 21483019,
      stable: 72195292,
    },
    defaults: nginxDefaults,
  },
  'docker.io/library/busybox': {
    tags: {
      latest: 2155523,
      '1.37': 2155523,
      '1.36': 2160406,
      '1.36.1': 2160406,
      '1.35': 2152264,
      '1.28': 727869,
    },
    defaults: shellImage('busybox'),
  },
  'docker.io/library/alpine': {
    tags: { latest: 3653068, '3.22': 3653068, '3.21': 3641715, '3.20': 3625449, '3.19': 3418430 },
    defaults: shellImage('busybox', ['/bin/sh']),
  },
  'docker.io/library/debian': {
    tags: { latest: 48490219, bookworm: 48490219, '12': 48490219, 'bookworm-slim': 28230149 },
    defaults: shellImage('gnu', ['bash']),
  },
  'docker.io/library/ubuntu': {
    tags: { latest: 29723147, '24.04': 29723147, '22.04': 29534055, noble: 29723147 },
    defaults: shellImage('gnu', ['/bin/bash']),
  },
  'docker.io/library/fedora': {
    tags: { latest: 63123841, '42': 63123841 },
    defaults: shellImage('gnu', ['/bin/bash']),
  },
  'docker.io/library/bash': {
    tags: { latest: 6112342, '5': 6112342, '5.2': 6112342 },
    defaults: { ...shellImage('busybox', ['bash']), entrypoint: ['docker-entrypoint.sh'] },
  },
  'docker.io/library/redis': {
    tags: {
      latest: 52457302,
      '8': 52457302,
      '7': 45183522,
      '7.4': 45183522,
      '7.2': 44829573,
      '6': 40153612,
      '5': 35478322,
      alpine: 17233910,
    },
    defaults: server(['docker-entrypoint.sh'], ['redis-server'], 4),
  },
  'docker.io/library/httpd': {
    tags: { latest: 58247123, '2.4': 58247123, alpine: 21998375 },
    defaults: server([], ['httpd-foreground'], 10),
  },
  'docker.io/library/postgres': {
    tags: { latest: 161284632, '17': 161284632, '16': 159932721, '15': 157205634, alpine: 105627184 },
    defaults: server(['docker-entrypoint.sh'], ['postgres'], 40),
  },
  'docker.io/library/mysql': {
    tags: { latest: 235694361, '9': 235694361, '8.4': 230847127, '8.0': 173520137, '5.7': 137909886 },
    defaults: server(['docker-entrypoint.sh'], ['mysqld'], 360),
  },
  'docker.io/library/node': {
    tags: {
      latest: 412582637,
      '24': 412582637,
      '22': 397102839,
      '20': 392773544,
      '22-alpine': 55877214,
      '20-alpine': 47833202,
    },
    defaults: server(['docker-entrypoint.sh'], ['node'], 40),
  },
  'docker.io/library/python': {
    tags: {
      latest: 383142087,
      '3.13': 383142087,
      '3.12': 381044122,
      '3.12-slim': 44874362,
      '3.13-slim': 43177238,
      alpine: 17659325,
    },
    defaults: server([], ['python3'], 12),
  },
  'docker.io/library/perl': {
    tags: { latest: 355862117, '5': 355862117, '5.40': 355862117, slim: 43127754 },
    defaults: server([], ['perl', '-de0'], 6),
  },
  'docker.io/library/fluentd': {
    tags: { latest: 42175290, 'v1.16-1': 42175290, 'v1.18-1': 43551208 },
    defaults: server(['tini', '--', '/bin/entrypoint.sh'], ['fluentd'], 60),
  },
  'docker.io/polinux/stress': {
    tags: { latest: 4045413 },
    defaults: { ...shellImage('busybox', ['stress', '--help']) },
  },
  'docker.io/vish/stress': {
    tags: { latest: 1529124 },
    defaults: { ...pauseDefaults, entrypoint: ['/stress'], cmd: ['-logtostderr'] },
  },
  'docker.io/paulczar/gb-frontend': { tags: { v5: 128412536 }, defaults: frontend },
  'registry.k8s.io/pause': {
    tags: { '3.10': 320368, '3.10.1': 320448, '3.9': 321520, '3.6': 301773, '3.1': 317164, '2.0': 110744 },
    defaults: pauseDefaults,
  },
  // The images of a kubeadm v1.34 cluster's system pods (kubeadm config images list).
  'registry.k8s.io/kube-apiserver': {
    tags: { 'v1.34.0': 27066504 },
    defaults: goBinary(['/usr/local/bin/kube-apiserver'], 220),
  },
  'registry.k8s.io/kube-controller-manager': {
    tags: { 'v1.34.0': 22819474 },
    defaults: goBinary(['/usr/local/bin/kube-controller-manager'], 50),
  },
  'registry.k8s.io/kube-scheduler': {
    tags: { 'v1.34.0': 17385568 },
    defaults: goBinary(['/usr/local/bin/kube-scheduler'], 22),
  },
  'registry.k8s.io/kube-proxy': {
    tags: { 'v1.34.0': 25963718 },
    defaults: goBinary(['/usr/local/bin/kube-proxy'], 16),
  },
  'registry.k8s.io/etcd': {
    tags: { '3.6.4-0': 22871747, '3.5.21-0': 23467223 },
    defaults: { ...goBinary([], 45), cmd: ['/usr/local/bin/etcd'] },
  },
  'registry.k8s.io/coredns/coredns': {
    tags: { 'v1.12.1': 20392204, 'v1.11.3': 18562039 },
    defaults: goBinary(['/coredns'], 14),
  },
  'registry.k8s.io/e2e-test-images/agnhost': {
    tags: { '2.56': 55081214, '2.53': 53880135, '2.52': 53451274, '2.39': 51141735 },
    defaults: agnhostDefaults,
  },
  'registry.k8s.io/busybox': {
    tags: { latest: 1144547, '1.27.2': 1144547, '1.24': 675992 },
    defaults: shellImage('busybox'),
  },
  'registry.k8s.io/nginx-slim': {
    tags: { '0.8': 51152453, '0.24': 51493421, '0.27': 52311208 },
    defaults: server([], ['nginx', '-g', 'daemon off;'], 6),
  },
  'registry.k8s.io/hpa-example': {
    tags: { latest: 180963405 },
    defaults: server([], ['apache2-foreground'], 20),
  },
  'registry.k8s.io/goproxy': {
    tags: { '0.1': 2471219 },
    defaults: { ...pauseDefaults, entrypoint: ['/goproxy'] },
  },
  'registry.k8s.io/kubernetes-zookeeper': {
    tags: { '1.0-3.4.10': 275912543 },
    defaults: server([], ['start-zookeeper'], 200),
  },
  'registry.k8s.io/redis': {
    tags: { e2e: 98317742 },
    defaults: server([], ['redis-server'], 4),
    pinnedDigests: { e2e: 'sha256:cb111d1bd870a6a471385a4a69ad17469d326e9dd91e0e455350cacf36e1b3ee' },
  },
  'registry.k8s.io/liveness': {
    tags: { latest: 2465326 },
    defaults: { ...pauseDefaults, entrypoint: ['/server'] },
  },
  'k8s.gcr.io/busybox': { tags: { latest: 1144547 }, defaults: shellImage('busybox') },
  'k8s.gcr.io/pause': { tags: { '3.1': 317164, '3.2': 299513 }, defaults: pauseDefaults },
  'k8s.gcr.io/liveness': {
    tags: { latest: 2465326 },
    defaults: { ...pauseDefaults, entrypoint: ['/server'] },
  },
  'k8s.gcr.io/fluentd-elasticsearch': { tags: { '1.20': 109742371 }, defaults: server([], ['td-agent'], 60) },
  'quay.io/fluentd_elasticsearch/fluentd': {
    tags: { 'v2.5.2': 139520312 },
    defaults: server([], ['/run.sh'], 60),
  },
  'gcr.io/google-samples/gb-frontend': { tags: { v4: 128412536 }, defaults: frontend },
  'gcr.io/google-samples/hello-go-gke': {
    tags: { '1.0': 4327541 },
    defaults: { ...pauseDefaults, entrypoint: ['/hello'] },
  },
  'gcr.io/google-samples/hello-app': {
    tags: { '1.0': 4327741, '2.0': 4327811 },
    defaults: { ...pauseDefaults, entrypoint: ['/hello-app'] },
  },
  'gcr.io/google-samples/xtrabackup': { tags: { '1.0': 89117433 }, defaults: shellImage('gnu', ['bash']) },
  'gcr.io/google-samples/cassandra': { tags: { v13: 106254913 }, defaults: server([], ['/run.sh'], 400) },
  'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend': {
    tags: { v5: 137151260 },
    defaults: frontend,
  },
  'us-docker.pkg.dev/google-samples/containers/gke/gb-redis-follower': {
    tags: { v2: 40541318 },
    defaults: server([], ['redis-server'], 4),
  },
};

const DOMAIN_RE = /^(localhost|[^/]*[.:][^/]*)$/;
const NAME_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG_RE = /^[\w][\w.-]{0,127}$/;
const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;

/** `couldn't parse image name "X": invalid reference format` (the kubelet's InvalidImageName text). */
export class InvalidImageNameError extends Error {}

/** Parses and normalises an image reference as containerd does; throws InvalidImageNameError. */
export function normalizeImage(raw: string): ImageRef {
  const bad = () => new InvalidImageNameError(`couldn't parse image name "${raw}": invalid reference format`);
  if (!raw || raw !== raw.trim()) throw bad();
  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST_RE.test(digest)) throw bad();
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG_RE.test(tag)) throw bad();
  }
  let registry = 'docker.io';
  let path = rest;
  const first = rest.indexOf('/');
  if (first >= 0 && DOMAIN_RE.test(rest.slice(0, first))) {
    registry = rest.slice(0, first);
    path = rest.slice(first + 1);
  }
  if (registry === 'index.docker.io') registry = 'docker.io';
  if (registry === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  if (!path || !path.split('/').every((c) => NAME_COMPONENT.test(c))) throw bad();
  if (!tag && !digest) tag = 'latest';
  const repository = `${registry}/${path}`;
  const full = digest ? `${repository}${tag ? `:${tag}` : ''}@${digest}` : `${repository}:${tag}`;
  return { raw, registry, path, repository, tag, digest, full };
}

/** The tag the kubelet's default pull policy looks at (`latest` when none is given). */
export function imageTag(raw: string): string | undefined {
  try {
    return normalizeImage(raw).tag;
  } catch {
    return undefined;
  }
}

/** The default imagePullPolicy for an image: Always for `:latest` (or no tag), else IfNotPresent. */
export function defaultPullPolicy(raw: string): 'Always' | 'IfNotPresent' {
  const r = (() => {
    try {
      return normalizeImage(raw);
    } catch {
      return undefined;
    }
  })();
  return r && !r.digest && r.tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/** A stable, synthetic content digest for `repository:tag`. */
export function syntheticDigest(repository: string, tag: string): string {
  return `sha256:${stableHex(`${repository}:${tag}`, 64)}`;
}

/** The digest the catalogue serves for `repository:tag`. */
export function catalogueDigest(repository: string, tag: string): string {
  return CATALOGUE[repository]?.pinnedDigests?.[tag] ?? syntheticDigest(repository, tag);
}

/** `n` hex characters derived from `seed` (FNV-1a rounds). */
export function stableHex(seed: string, n: number): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < n; round++) {
    const s = `${seed}#${round}`;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    h = Math.imul(h ^ (h >>> 12), 0x297a2d39) >>> 0;
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, n);
}
