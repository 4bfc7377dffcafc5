/**
 * crypto/integrity.ts: truncated-HMAC integrity algorithms for ESP (Junos `authentication-algorithm`)
 * and IKEv2 (transform type 3).
 * Owns: names to hash, key length and ICV length (RFC 2403 hmac-md5-96, RFC 2404 hmac-sha1-96,
 *   RFC 4868 hmac-sha-256-128 / -384-192 / -512-256, and Junos's hmac-sha-256-96: SHA-256 cut to 96 bits),
 *   computing and checking (constant time) an ICV.
 * Must not know: what is being authenticated.
 * Invariants: ICVs have exactly the spec's length; verify never throws on a short ICV.
 * Tests: test/src/engine/ciphers.test.ts
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { HashAlgorithm } from './prf';

export type IntegrityName =
  | 'hmac-md5-96' | 'hmac-sha1-96' | 'hmac-sha-256-128' | 'hmac-sha-256-96' | 'hmac-sha-384-192' | 'hmac-sha-512-256';

export interface IntegritySpec {
  readonly name: IntegrityName;
  readonly hash: HashAlgorithm;
  readonly keyLength: number;
  readonly icvLength: number;
}

export const INTEGRITY_ALGORITHMS: ReadonlyMap<IntegrityName, IntegritySpec> = new Map<IntegrityName, IntegritySpec>([
  ['hmac-md5-96', { name: 'hmac-md5-96', hash: 'md5', keyLength: 16, icvLength: 12 }],
  ['hmac-sha1-96', { name: 'hmac-sha1-96', hash: 'sha1', keyLength: 20, icvLength: 12 }],
  ['hmac-sha-256-128', { name: 'hmac-sha-256-128', hash: 'sha256', keyLength: 32, icvLength: 16 }],
  ['hmac-sha-256-96', { name: 'hmac-sha-256-96', hash: 'sha256', keyLength: 32, icvLength: 12 }],
  ['hmac-sha-384-192', { name: 'hmac-sha-384-192', hash: 'sha384', keyLength: 48, icvLength: 24 }],
  ['hmac-sha-512-256', { name: 'hmac-sha-512-256', hash: 'sha512', keyLength: 64, icvLength: 32 }],
]);

export function integritySpec(name: IntegrityName): IntegritySpec {
  const spec = INTEGRITY_ALGORITHMS.get(name);
  if (spec === undefined) throw new RangeError(`unknown integrity algorithm ${name}`);
  return spec;
}

/** The truncated HMAC of the concatenated parts. */
export function computeIcv(spec: IntegritySpec, key: Buffer, ...data: Buffer[]): Buffer {
  const mac = createHmac(spec.hash, key);
  for (const part of data) mac.update(part);
  return mac.digest().subarray(0, spec.icvLength);
}

/** True when `icv` is the ICV of the data (constant-time comparison). */
export function verifyIcv(spec: IntegritySpec, key: Buffer, icv: Buffer, ...data: Buffer[]): boolean {
  if (icv.length !== spec.icvLength) return false;
  return timingSafeEqual(computeIcv(spec, key, ...data), icv);
}
