import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base32Std, chainHash, sha256 } from './hash';
import { servicePortEndpointChain, servicePortPolicyClusterChain, serviceExternalChain } from './rules';

const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('sha256', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ])('matches the FIPS 180-4 example for %j', (input, want) => {
    expect(hexOf(sha256(input))).toBe(want);
  });

  it.each([1, 55, 56, 63, 64, 65, 119, 120, 1000])('matches node:crypto for %i bytes', (n) => {
    const s = Array.from({ length: n }, (_, i) => String.fromCharCode(97 + ((i * 7) % 26))).join('');
    expect(hexOf(sha256(s))).toBe(createHash('sha256').update(s).digest('hex'));
  });

  it('hashes strings as UTF-8 bytes', () => {
    const s = 'ns/ünïcödé:port✓';
    expect(hexOf(sha256(s))).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
  });
});

describe('base32Std (RFC 4648 test vectors, as Go base32.StdEncoding)', () => {
  it.each([
    ['', ''],
    ['f', 'MY======'],
    ['fo', 'MZXQ===='],
    ['foo', 'MZXW6==='],
    ['foob', 'MZXW6YQ='],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI======'],
  ])('%j → %j', (input, want) => {
    expect(base32Std(new TextEncoder().encode(input))).toBe(want);
  });

  it('encodes a 32-byte digest in 56 characters with 4 padding characters', () => {
    const out = base32Std(sha256('x'));
    expect(out).toHaveLength(56);
    expect(out.endsWith('====')).toBe(true);
    expect(out.slice(0, 52)).not.toContain('=');
  });
});

// Chain names seen in `iptables-save` output of real clusters (kubeadm/kind, Kubernetes docs and blogs).
describe('chain names match real clusters', () => {
  it.each([
    ['default/kubernetes:https', 'tcp', 'KUBE-SVC-NPX46M4PTMTKRN6Y'],
    ['kube-system/kube-dns:dns', 'udp', 'KUBE-SVC-TCOU7JCQXEZGVUNU'],
    ['kube-system/kube-dns:dns-tcp', 'tcp', 'KUBE-SVC-ERIFXISQEP7F7OF4'],
    ['kube-system/kube-dns:metrics', 'tcp', 'KUBE-SVC-JD5MR3NA4I4DYORP'],
    ['default/jtest', 'tcp', 'KUBE-SVC-FXJ34XFJ55FJZHFP'],
  ] as const)('%s %s → %s', (spn, proto, want) => {
    expect(servicePortPolicyClusterChain(spn, proto)).toBe(want);
  });

  it('uses the same hash for KUBE-EXT', () => {
    expect(serviceExternalChain('default/jtest', 'tcp')).toBe('KUBE-EXT-FXJ34XFJ55FJZHFP');
  });

  it.each([
    ['kube-system/kube-dns:dns', 'udp', '10.244.0.3:53', 'KUBE-SEP-6E7XQMQ4RAYOWTTM'],
    ['kube-system/kube-dns:dns', 'udp', '10.244.0.2:53', 'KUBE-SEP-YIL6JZP7A3QYXJU2'],
    ['kube-system/kube-dns:dns-tcp', 'tcp', '10.244.0.2:53', 'KUBE-SEP-IT2ZTR26TO4XFPTO'],
    ['kube-system/kube-dns:dns', 'udp', '10.244.2.2:53', 'KUBE-SEP-TCIZBYBD3WWXNWF5'],
    ['kube-system/kube-dns:dns-tcp', 'tcp', '10.244.2.3:53', 'KUBE-SEP-DLP2S2N3HX5UKLVP'],
    ['kube-system/kube-dns:metrics', 'tcp', '10.244.2.2:9153', 'KUBE-SEP-CLAGU7VMF4VCXE4X'],
    ['default/kubernetes:https', 'tcp', '192.168.20.100:6443', 'KUBE-SEP-U7HH75UFG3U5VGYY'],
    ['default/jtest', 'tcp', '10.244.2.17:8080', 'KUBE-SEP-FWCNVWTS6ZPOZ3BF'],
  ] as const)('%s %s %s → %s', (spn, proto, ep, want) => {
    expect(servicePortEndpointChain(spn, proto, ep)).toBe(want);
  });

  it('chainHash is the first 16 base32 characters of the digest', () => {
    expect(chainHash('default/kubernetes:httpstcp')).toBe('NPX46M4PTMTKRN6Y');
  });
});
