/**
 * crypto/ikev1-keys.ts: IKEv1 key derivation and authentication hashes (RFC 2409).
 * Owns: SKEYID for pre-shared keys, SKEYID_d/a/e, the cipher key from SKEYID_e (with the appendix B
 *   expansion when SKEYID_e is too short), the phase-1 IV and the per-exchange phase-2 IV, HASH_I/HASH_R,
 *   Quick Mode HASH(1)/(2)/(3), the informational-exchange HASH, and Quick Mode KEYMAT (with and without
 *   PFS, expanded to any length).
 * Must not know: payload encodings (callers pass payload bodies as bytes), state machines.
 * Invariants: pure functions of their inputs; all byte order is network order.
 * Tests: test/src/engine/ikev1-keys.test.ts
 */
import { digest, prf, type HashAlgorithm } from './prf';

export interface Ikev1Phase1Input {
  readonly hash: HashAlgorithm;
  readonly preSharedKey: Buffer;
  readonly nonceI: Buffer;
  readonly nonceR: Buffer;
  /** g^xy, padded to the group length. */
  readonly sharedSecret: Buffer;
  readonly cookieI: Buffer;
  readonly cookieR: Buffer;
  /** Bytes of cipher key needed (24 for 3DES, 16/24/32 for AES). */
  readonly encryptionKeyLength: number;
}

export interface Ikev1Phase1Keys {
  readonly skeyid: Buffer;
  readonly skeyidD: Buffer;
  readonly skeyidA: Buffer;
  readonly skeyidE: Buffer;
  /** The key the phase-1 cipher uses (SKEYID_e cut or expanded). */
  readonly encryptionKey: Buffer;
}

const byte = (value: number): Buffer => Buffer.from([value]);

function uint32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value >>> 0);
  return out;
}

/** RFC 2409 appendix B: the cipher key from SKEYID_e, expanded with K1 = prf(SKEYID_e, 0), Kn = prf(SKEYID_e, Kn-1). */
export function ikev1EncryptionKey(hash: HashAlgorithm, skeyidE: Buffer, keyLength: number): Buffer {
  if (skeyidE.length >= keyLength) return skeyidE.subarray(0, keyLength);
  const blocks: Buffer[] = [];
  let previous: Buffer = prf(hash, skeyidE, byte(0));
  blocks.push(previous);
  let produced = previous.length;
  while (produced < keyLength) {
    previous = prf(hash, skeyidE, previous);
    blocks.push(previous);
    produced += previous.length;
  }
  return Buffer.concat(blocks).subarray(0, keyLength);
}

/** SKEYID for pre-shared key authentication: prf(pre-shared-key, Ni_b | Nr_b). */
export function ikev1SkeyidPreSharedKey(hash: HashAlgorithm, preSharedKey: Buffer, nonceI: Buffer, nonceR: Buffer): Buffer {
  return prf(hash, preSharedKey, nonceI, nonceR);
}

/** SKEYID for signature authentication: prf(Ni_b | Nr_b, g^xy) (known-answer tests use it). */
export function ikev1SkeyidSignature(hash: HashAlgorithm, nonceI: Buffer, nonceR: Buffer, sharedSecret: Buffer): Buffer {
  return prf(hash, Buffer.concat([nonceI, nonceR]), sharedSecret);
}

export interface Ikev1SkeyidInput {
  readonly hash: HashAlgorithm;
  readonly skeyid: Buffer;
  readonly sharedSecret: Buffer;
  readonly cookieI: Buffer;
  readonly cookieR: Buffer;
  readonly encryptionKeyLength: number;
}

/** SKEYID_d = prf(SKEYID, g^xy | CKY-I | CKY-R | 0), SKEYID_a = prf(SKEYID, SKEYID_d | ... | 1), SKEYID_e = prf(SKEYID, SKEYID_a | ... | 2). */
export function deriveIkev1KeysFromSkeyid(input: Ikev1SkeyidInput): Ikev1Phase1Keys {
  const { hash, skeyid, sharedSecret, cookieI, cookieR } = input;
  const skeyidD = prf(hash, skeyid, sharedSecret, cookieI, cookieR, byte(0));
  const skeyidA = prf(hash, skeyid, skeyidD, sharedSecret, cookieI, cookieR, byte(1));
  const skeyidE = prf(hash, skeyid, skeyidA, sharedSecret, cookieI, cookieR, byte(2));
  return { skeyid, skeyidD, skeyidA, skeyidE, encryptionKey: ikev1EncryptionKey(hash, skeyidE, input.encryptionKeyLength) };
}

/** All phase-1 keys for pre-shared key authentication. */
export function deriveIkev1Phase1Keys(input: Ikev1Phase1Input): Ikev1Phase1Keys {
  const skeyid = ikev1SkeyidPreSharedKey(input.hash, input.preSharedKey, input.nonceI, input.nonceR);
  return deriveIkev1KeysFromSkeyid({ ...input, skeyid });
}

/** IV for the first encrypted phase-1 message: hash(g^xi | g^xr) cut to the block size. */
export function ikev1Phase1Iv(hash: HashAlgorithm, publicI: Buffer, publicR: Buffer, blockSize: number): Buffer {
  return digest(hash, publicI, publicR).subarray(0, blockSize);
}

/** IV for a Quick Mode or informational exchange: hash(last phase-1 CBC output block | M-ID). */
export function ikev1Phase2Iv(hash: HashAlgorithm, lastPhase1Block: Buffer, messageId: number, blockSize: number): Buffer {
  return digest(hash, lastPhase1Block, uint32(messageId)).subarray(0, blockSize);
}

export interface Ikev1AuthInput {
  readonly hash: HashAlgorithm;
  readonly skeyid: Buffer;
  readonly publicI: Buffer;
  readonly publicR: Buffer;
  readonly cookieI: Buffer;
  readonly cookieR: Buffer;
  /** The initiator's SA payload body (without its generic header). */
  readonly saBodyI: Buffer;
  /** The sender's ID payload body (without its generic header). */
  readonly idBody: Buffer;
}

/** HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b). */
export function ikev1HashI(input: Ikev1AuthInput): Buffer {
  return prf(input.hash, input.skeyid, input.publicI, input.publicR, input.cookieI, input.cookieR, input.saBodyI, input.idBody);
}

/** HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b). */
export function ikev1HashR(input: Ikev1AuthInput): Buffer {
  return prf(input.hash, input.skeyid, input.publicR, input.publicI, input.cookieR, input.cookieI, input.saBodyI, input.idBody);
}

/** Quick Mode HASH(1) = prf(SKEYID_a, M-ID | every payload after HASH, with generic headers). */
export function quickModeHash1(hash: HashAlgorithm, skeyidA: Buffer, messageId: number, payloadsAfterHash: Buffer): Buffer {
  return prf(hash, skeyidA, uint32(messageId), payloadsAfterHash);
}

/** Quick Mode HASH(2) = prf(SKEYID_a, M-ID | Ni_b | every payload after HASH). */
export function quickModeHash2(hash: HashAlgorithm, skeyidA: Buffer, messageId: number, nonceI: Buffer, payloadsAfterHash: Buffer): Buffer {
  return prf(hash, skeyidA, uint32(messageId), nonceI, payloadsAfterHash);
}

/** Quick Mode HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b). */
export function quickModeHash3(hash: HashAlgorithm, skeyidA: Buffer, messageId: number, nonceI: Buffer, nonceR: Buffer): Buffer {
  return prf(hash, skeyidA, byte(0), uint32(messageId), nonceI, nonceR);
}

/** Informational exchange HASH(1) = prf(SKEYID_a, M-ID | N/D payload). */
export function informationalHash(hash: HashAlgorithm, skeyidA: Buffer, messageId: number, payloadsAfterHash: Buffer): Buffer {
  return prf(hash, skeyidA, uint32(messageId), payloadsAfterHash);
}

export interface QuickModeKeymatInput {
  readonly hash: HashAlgorithm;
  readonly skeyidD: Buffer;
  /** IPsec protocol number of the SA (3 = ESP, 2 = AH). */
  readonly protocol: number;
  /** The SPI of the SA whose key this is (the receiver's chosen SPI), 4 bytes. */
  readonly spi: Buffer;
  readonly nonceI: Buffer;
  readonly nonceR: Buffer;
  /** g(qm)^xy when the Quick Mode ran a PFS exchange. */
  readonly pfsSharedSecret?: Buffer;
  /** Bytes needed: encryption key + integrity key. */
  readonly length: number;
}

/**
 * KEYMAT = K1 | K2 | ..., K1 = prf(SKEYID_d, [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b),
 * Kn = prf(SKEYID_d, Kn-1 | [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b).
 */
export function quickModeKeymat(input: QuickModeKeymatInput): Buffer {
  const tail = [input.pfsSharedSecret ?? Buffer.alloc(0), byte(input.protocol), input.spi, input.nonceI, input.nonceR];
  const blocks: Buffer[] = [];
  let previous: Buffer = Buffer.alloc(0);
  let produced = 0;
  while (produced < input.length) {
    previous = prf(input.hash, input.skeyidD, previous, ...tail);
    blocks.push(previous);
    produced += previous.length;
  }
  return Buffer.concat(blocks).subarray(0, input.length);
}
