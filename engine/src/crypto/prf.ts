/**
 * crypto/prf.ts: the pseudo-random functions IKE negotiates and RFC 7296's prf+.
 * Owns: PRF names to HMAC hashes (IKEv1 uses the HMAC of the negotiated hash; IKEv2 transform type 2),
 *   plain hashes for IKEv1's phase-1 IV, prf+ (RFC 7296 section 2.13).
 * Must not know: which keys are derived from it (ikev1-keys.ts, ikev2-keys.ts).
 * Invariants: output lengths are the hash lengths; prf+ returns exactly the requested length or a problem
 *   when more than 255 blocks would be needed.
 * Tests: test/src/engine/prf.test.ts
 */
import { createHash, createHmac } from 'node:crypto';

/** Hash algorithms as IKE names them (Junos `authentication-algorithm md5|sha1|sha-256|sha-384`). */
export type HashAlgorithm = 'md5' | 'sha1' | 'sha256' | 'sha384' | 'sha512';

export const HASH_LENGTH: Readonly<Record<HashAlgorithm, number>> = { md5: 16, sha1: 20, sha256: 32, sha384: 48, sha512: 64 };

/** prf(key, data) = HMAC-hash(key, data). */
export function prf(hash: HashAlgorithm, key: Buffer, ...data: Buffer[]): Buffer {
  const mac = createHmac(hash, key);
  for (const part of data) mac.update(part);
  return mac.digest();
}

/** A plain hash of the concatenated parts. */
export function digest(hash: HashAlgorithm, ...data: Buffer[]): Buffer {
  const h = createHash(hash);
  for (const part of data) h.update(part);
  return h.digest();
}

/**
 * prf+(K, S) = T1 | T2 | ..., T1 = prf(K, S | 0x01), Tn = prf(K, Tn-1 | S | n), cut to `length` bytes.
 * Throws only on a programming error (length needing more than 255 blocks).
 */
export function prfPlus(hash: HashAlgorithm, key: Buffer, seed: Buffer, length: number): Buffer {
  const blockCount = Math.ceil(length / HASH_LENGTH[hash]);
  if (blockCount > 255) throw new RangeError(`prf+ cannot produce ${length} bytes with ${hash}`);
  const blocks: Buffer[] = [];
  let previous: Buffer = Buffer.alloc(0);
  for (let counter = 1; counter <= blockCount; counter++) {
    previous = prf(hash, key, previous, seed, Buffer.from([counter]));
    blocks.push(previous);
  }
  return Buffer.concat(blocks).subarray(0, length);
}
