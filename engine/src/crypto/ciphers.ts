/**
 * crypto/ciphers.ts: the encryption algorithms IKE and ESP negotiate, as data, with raw encrypt/decrypt.
 * Owns: Junos names to Node cipher names, key/block/IV sizes, CBC without padding (callers pad: IKE and
 *   ESP each have their own rule), AES-GCM with a 16-byte ICV (RFC 4106 layout: key material = key ||
 *   4-byte salt, nonce = salt || 8-byte explicit IV).
 * Single DES: OpenSSL 3 moved `des-cbc` to the legacy provider (absent from crypto.getCiphers() here), so
 *   des-cbc runs as `des-ede3-cbc` with K1 = K2 = K3 = K, which EDE reduces to single DES.
 * Must not know: IKE or ESP framing.
 * Invariants: CBC input must be a multiple of the block size (a problem otherwise, never a throw);
 *   GCM open returns a problem on a bad tag.
 * Tests: test/src/engine/ciphers.test.ts
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';

export type CipherName =
  | 'des-cbc' | '3des-cbc' | 'aes-128-cbc' | 'aes-192-cbc' | 'aes-256-cbc'
  | 'aes-128-gcm' | 'aes-192-gcm' | 'aes-256-gcm';

export interface CipherSpec {
  readonly name: CipherName;
  readonly mode: 'cbc' | 'gcm';
  /** Key length in bytes (without the GCM salt). */
  readonly keyLength: number;
  /** Block size in bytes (the CBC padding unit; 4 for GCM as ESP aligns it). */
  readonly blockSize: number;
  /** Bytes of IV carried in each packet. */
  readonly ivLength: number;
  /** GCM only: salt bytes appended to the key material (RFC 4106). */
  readonly saltLength: number;
  /** GCM only: ICV bytes. */
  readonly icvLength: number;
  readonly nodeName: string;
}

function cbc(name: CipherName, keyLength: number, blockSize: number, nodeName: string): CipherSpec {
  return { name, mode: 'cbc', keyLength, blockSize, ivLength: blockSize, saltLength: 0, icvLength: 0, nodeName };
}
function gcm(name: CipherName, keyLength: number): CipherSpec {
  return { name, mode: 'gcm', keyLength, blockSize: 4, ivLength: 8, saltLength: 4, icvLength: 16, nodeName: `aes-${keyLength * 8}-gcm` };
}

export const CIPHERS: ReadonlyMap<CipherName, CipherSpec> = new Map<CipherName, CipherSpec>([
  ['des-cbc', cbc('des-cbc', 8, 8, 'des-ede3-cbc')],
  ['3des-cbc', cbc('3des-cbc', 24, 8, 'des-ede3-cbc')],
  ['aes-128-cbc', cbc('aes-128-cbc', 16, 16, 'aes-128-cbc')],
  ['aes-192-cbc', cbc('aes-192-cbc', 24, 16, 'aes-192-cbc')],
  ['aes-256-cbc', cbc('aes-256-cbc', 32, 16, 'aes-256-cbc')],
  ['aes-128-gcm', gcm('aes-128-gcm', 16)],
  ['aes-192-gcm', gcm('aes-192-gcm', 24)],
  ['aes-256-gcm', gcm('aes-256-gcm', 32)],
]);

export function cipherSpec(name: CipherName): CipherSpec {
  const spec = CIPHERS.get(name);
  if (spec === undefined) throw new RangeError(`unknown cipher ${name}`);
  return spec;
}

export type CipherResult = { readonly ok: true; readonly output: Buffer } | { readonly ok: false; readonly problem: string };

function nodeKey(spec: CipherSpec, key: Buffer): Buffer {
  return spec.name === 'des-cbc' ? Buffer.concat([key, key, key]) : key;
}

function checkCbc(spec: CipherSpec, key: Buffer, iv: Buffer, input: Buffer): string | undefined {
  if (spec.mode !== 'cbc') return `${spec.name} is not a CBC cipher`;
  if (key.length !== spec.keyLength) return `${spec.name} needs a ${spec.keyLength}-byte key, got ${key.length}`;
  if (iv.length !== spec.blockSize) return `${spec.name} needs a ${spec.blockSize}-byte IV, got ${iv.length}`;
  if (input.length % spec.blockSize !== 0) return `${input.length} bytes is not a multiple of the ${spec.blockSize}-byte block`;
  return undefined;
}

/** CBC encryption without padding. */
export function cbcEncrypt(spec: CipherSpec, key: Buffer, iv: Buffer, plaintext: Buffer): CipherResult {
  const problem = checkCbc(spec, key, iv, plaintext);
  if (problem !== undefined) return { ok: false, problem };
  const cipher = createCipheriv(spec.nodeName, nodeKey(spec, key), iv).setAutoPadding(false);
  return { ok: true, output: Buffer.concat([cipher.update(plaintext), cipher.final()]) };
}

/** CBC decryption without padding removal. */
export function cbcDecrypt(spec: CipherSpec, key: Buffer, iv: Buffer, ciphertext: Buffer): CipherResult {
  const problem = checkCbc(spec, key, iv, ciphertext);
  if (problem !== undefined) return { ok: false, problem };
  const decipher = createDecipheriv(spec.nodeName, nodeKey(spec, key), iv).setAutoPadding(false);
  return { ok: true, output: Buffer.concat([decipher.update(ciphertext), decipher.final()]) };
}

function checkGcm(spec: CipherSpec, keyMaterial: Buffer, iv: Buffer): string | undefined {
  if (spec.mode !== 'gcm') return `${spec.name} is not an AEAD cipher`;
  if (keyMaterial.length !== spec.keyLength + spec.saltLength) return `${spec.name} needs ${spec.keyLength + spec.saltLength} bytes of key material (key || salt), got ${keyMaterial.length}`;
  if (iv.length !== spec.ivLength) return `${spec.name} needs an ${spec.ivLength}-byte explicit IV, got ${iv.length}`;
  return undefined;
}

/** AES-GCM seal: returns ciphertext || 16-byte ICV. keyMaterial = key || salt. */
export function gcmSeal(spec: CipherSpec, keyMaterial: Buffer, iv: Buffer, aad: Buffer, plaintext: Buffer): CipherResult {
  const problem = checkGcm(spec, keyMaterial, iv);
  if (problem !== undefined) return { ok: false, problem };
  const key = keyMaterial.subarray(0, spec.keyLength);
  const nonce = Buffer.concat([keyMaterial.subarray(spec.keyLength), iv]);
  const cipher = createCipheriv(spec.nodeName as 'aes-128-gcm', key, nonce, { authTagLength: spec.icvLength });
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ok: true, output: Buffer.concat([body, cipher.getAuthTag()]) };
}

/** AES-GCM open of ciphertext || ICV; a problem when the ICV does not verify. */
export function gcmOpen(spec: CipherSpec, keyMaterial: Buffer, iv: Buffer, aad: Buffer, sealed: Buffer): CipherResult {
  const problem = checkGcm(spec, keyMaterial, iv);
  if (problem !== undefined) return { ok: false, problem };
  if (sealed.length < spec.icvLength) return { ok: false, problem: 'shorter than the ICV' };
  const key = keyMaterial.subarray(0, spec.keyLength);
  const nonce = Buffer.concat([keyMaterial.subarray(spec.keyLength), iv]);
  const decipher = createDecipheriv(spec.nodeName as 'aes-128-gcm', key, nonce, { authTagLength: spec.icvLength });
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - spec.icvLength));
  try {
    const plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - spec.icvLength)), decipher.final()]);
    return { ok: true, output: plain };
  } catch {
    return { ok: false, problem: 'ICV does not verify' };
  }
}
