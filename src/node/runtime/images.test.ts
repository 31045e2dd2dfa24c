import { describe, it, expect } from 'vitest';
import { CATALOGUE, defaultPullPolicy, normalizeImage } from './images';
import { pullDurationMs, resolveImage } from './registry';

describe('normalizeImage', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['library/nginx', 'docker.io/library/nginx:latest'],
    ['docker.io/nginx', 'docker.io/library/nginx:latest'],
    ['polinux/stress', 'docker.io/polinux/stress:latest'],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10'],
    ['registry.k8s.io/e2e-test-images/agnhost:2.53', 'registry.k8s.io/e2e-test-images/agnhost:2.53'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    [
      'registry.k8s.io/redis@sha256:cb111d1bd870a6a471385a4a69ad17469d326e9dd91e0e455350cacf36e1b3ee',
      'registry.k8s.io/redis@sha256:cb111d1bd870a6a471385a4a69ad17469d326e9dd91e0e455350cacf36e1b3ee',
    ],
  ])('%s → %s', (raw, full) => expect(normalizeImage(raw).full).toBe(full));

  it.each(['Nginx', 'nginx:', 'nginx@sha256:abc', ' nginx', ''])('rejects %j', (raw) =>
    expect(() => normalizeImage(raw)).toThrow(`couldn't parse image name "${raw}": invalid reference format`),
  );

  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
  ])('default pull policy of %s is %s', (raw, p) => expect(defaultPullPolicy(raw)).toBe(p));
});

describe('resolveImage (the simulated registry)', () => {
  it('serves catalogue images with size and a stable digest', () => {
    const r = resolveImage('nginx');
    expect(r.ok && r.image.sizeBytes).toBe(72223946);
    expect(r.ok && r.image.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(resolveImage('nginx')).toEqual(r);
    expect(pullDurationMs(72223946)).toBe(4815);
  });
  it('resolves a pinned digest to its tag', () => {
    const r = resolveImage(
      'registry.k8s.io/redis@sha256:cb111d1bd870a6a471385a4a69ad17469d326e9dd91e0e455350cacf36e1b3ee',
    );
    expect(r.ok && r.image.tag).toBe('e2e');
  });
  it.each([
    [
      'nginx:doesnotexist',
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:doesnotexist": failed to resolve reference "docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found',
    ],
    [
      'nginxx',
      'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginxx:latest": failed to resolve reference "docker.io/library/nginxx:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    ],
    [
      'registry.k8s.io/pause:0.0',
      'rpc error: code = NotFound desc = failed to pull and unpack image "registry.k8s.io/pause:0.0": failed to resolve reference "registry.k8s.io/pause:0.0": registry.k8s.io/pause:0.0: not found',
    ],
    [
      'example.invalid/app:1',
      'rpc error: code = Unknown desc = failed to pull and unpack image "example.invalid/app:1": failed to resolve reference "example.invalid/app:1": failed to do request: Head "https://example.invalid/v2/app/manifests/1": dial tcp: lookup example.invalid: no such host',
    ],
  ])('%s fails as containerd reports it', (raw, msg) =>
    expect(resolveImage(raw)).toEqual({ ok: false, reason: 'ErrImagePull', message: msg }),
  );

  it('has every image the docs examples use', () => {
    for (const img of [
      'nginx',
      'nginx:1.14.2',
      'busybox:1.28',
      'alpine:latest',
      'registry.k8s.io/busybox:1.27.2',
      'mysql:5.7',
      'redis:5',
      'polinux/stress',
      'perl',
      'k8s.gcr.io/liveness',
      'registry.k8s.io/pause:3.1',
      'quay.io/fluentd_elasticsearch/fluentd:v2.5.2',
      'gcr.io/google-samples/gb-frontend:v4',
      'registry.k8s.io/nginx-slim:0.8',
      'registry.k8s.io/e2e-test-images/agnhost:2.53',
      'httpd',
      'postgres',
      'node',
      'python',
      'fluentd',
    ])
      expect(resolveImage(img).ok, img).toBe(true);
    expect(Object.keys(CATALOGUE).length).toBeGreaterThan(30);
  });
});
