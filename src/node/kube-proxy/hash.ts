/**
 * The hashing behind kube-proxy's chain names (pkg/proxy/iptables/proxier.go `portProtoHash`,
 * `servicePortEndpointChainName`): SHA-256 and Go's `base32.StdEncoding`, both synchronous so rules
 * can be built the same way in Node and in browser workers (Web Crypto's digest is asynchronous).
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

/** SHA-256 of `data` (a string is hashed as its UTF-8 bytes, as Go's `[]byte(s)`), by @noble/hashes. */
export function sha256(data: string | Uint8Array): Uint8Array {
  return nobleSha256(typeof data === 'string' ? new TextEncoder().encode(data) : data);
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Base32 with Go's `base32.StdEncoding` (RFC 4648 alphabet, `=` padding). */
export function base32Std(bytes: Uint8Array): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const byte of bytes) {
    acc = ((acc << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += B32[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(acc << (5 - bits)) & 31];
  while (out.length % 8) out += '=';
  return out;
}

/** The 16-character hash kube-proxy puts after `KUBE-SVC-`, `KUBE-SEP-`, ... (`portProtoHash`). */
export function chainHash(text: string): string {
  return base32Std(sha256(text)).slice(0, 16);
}
