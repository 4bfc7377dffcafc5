/**
 * crypto/ikev2-keys.ts: IKEv2 key derivation and PSK authentication (RFC 7296 sections 2.14, 2.17, 2.15).
 * Owns: SKEYSEED, SK_d/ai/ar/ei/er/pi/pr, child SA KEYMAT (with and without a new DH exchange), the AUTH
 *   payload data for shared-key authentication.
 * Must not know: payload encodings (callers pass the ID payload body and the signer's first message as bytes).
 * Invariants: pure functions; HMAC PRFs only (their preferred key length is the output length).
 * Tests: test/src/engine/ikev2-keys.test.ts
 */
import { HASH_LENGTH, prf, prfPlus, type HashAlgorithm } from './prf';

export interface Ikev2SaKeyInput {
  readonly prf: HashAlgorithm;
  readonly nonceI: Buffer;
  readonly nonceR: Buffer;
  /** g^ir, padded to the group length (ECP: x coordinate). */
  readonly sharedSecret: Buffer;
  readonly spiI: Buffer;
  readonly spiR: Buffer;
  /** Bytes of SK_ai / SK_ar (the integrity algorithm's key length; 0 for an AEAD cipher). */
  readonly integrityKeyLength: number;
  /** Bytes of SK_ei / SK_er (cipher key, plus salt for AEAD). */
  readonly encryptionKeyLength: number;
}

export interface Ikev2SaKeys {
  readonly skeyseed: Buffer;
  readonly skD: Buffer;
  readonly skAi: Buffer;
  readonly skAr: Buffer;
  readonly skEi: Buffer;
  readonly skEr: Buffer;
  readonly skPi: Buffer;
  readonly skPr: Buffer;
}

/** SKEYSEED = prf(Ni | Nr, g^ir); {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr} = prf+(SKEYSEED, Ni | Nr | SPIi | SPIr). */
export function deriveIkev2SaKeys(input: Ikev2SaKeyInput): Ikev2SaKeys {
  const prfLength = HASH_LENGTH[input.prf];
  const skeyseed = prf(input.prf, Buffer.concat([input.nonceI, input.nonceR]), input.sharedSecret);
  const sizes = [prfLength, input.integrityKeyLength, input.integrityKeyLength, input.encryptionKeyLength, input.encryptionKeyLength, prfLength, prfLength];
  const stream = prfPlus(input.prf, skeyseed, Buffer.concat([input.nonceI, input.nonceR, input.spiI, input.spiR]), sizes.reduce((a, b) => a + b, 0));
  const parts: Buffer[] = [];
  let offset = 0;
  for (const size of sizes) {
    parts.push(stream.subarray(offset, offset + size));
    offset += size;
  }
  const [skD, skAi, skAr, skEi, skEr, skPi, skPr] = parts as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
  return { skeyseed, skD, skAi, skAr, skEi, skEr, skPi, skPr };
}

/** SKEYSEED when an IKE SA is rekeyed: prf(SK_d (old), g^ir (new) | Ni | Nr). */
export function ikev2RekeySkeyseed(prfHash: HashAlgorithm, oldSkD: Buffer, newSharedSecret: Buffer, nonceI: Buffer, nonceR: Buffer): Buffer {
  return prf(prfHash, oldSkD, newSharedSecret, nonceI, nonceR);
}

export interface Ikev2ChildKeyInput {
  readonly prf: HashAlgorithm;
  readonly skD: Buffer;
  readonly nonceI: Buffer;
  readonly nonceR: Buffer;
  /** g^ir (new) when the CHILD_SA ran its own DH exchange. */
  readonly pfsSharedSecret?: Buffer;
  readonly encryptionKeyLength: number;
  readonly integrityKeyLength: number;
}

export interface ChildSaKeys {
  /** Keys protecting initiator-to-responder traffic. */
  readonly encryptionKeyI: Buffer;
  readonly integrityKeyI: Buffer;
  /** Keys protecting responder-to-initiator traffic. */
  readonly encryptionKeyR: Buffer;
  readonly integrityKeyR: Buffer;
}

/** KEYMAT = prf+(SK_d, [g^ir (new) |] Ni | Nr), taken as encr_i, integ_i, encr_r, integ_r. */
export function deriveIkev2ChildKeys(input: Ikev2ChildKeyInput): ChildSaKeys {
  const e = input.encryptionKeyLength;
  const a = input.integrityKeyLength;
  const seed = Buffer.concat([input.pfsSharedSecret ?? Buffer.alloc(0), input.nonceI, input.nonceR]);
  const keymat = prfPlus(input.prf, input.skD, seed, 2 * (e + a));
  return {
    encryptionKeyI: keymat.subarray(0, e),
    integrityKeyI: keymat.subarray(e, e + a),
    encryptionKeyR: keymat.subarray(e + a, 2 * e + a),
    integrityKeyR: keymat.subarray(2 * e + a, 2 * (e + a)),
  };
}

const KEY_PAD = Buffer.from('Key Pad for IKEv2', 'ascii');

export interface Ikev2PskAuthInput {
  readonly prf: HashAlgorithm;
  readonly preSharedKey: Buffer;
  /** The signer's first message as sent (IKE_SA_INIT request for the initiator, response for the responder). */
  readonly firstMessage: Buffer;
  /** The peer's nonce data (Nr for the initiator, Ni for the responder). */
  readonly peerNonce: Buffer;
  /** SK_pi for the initiator, SK_pr for the responder. */
  readonly skP: Buffer;
  /** The signer's ID payload body after the generic header (ID type, reserved, data). */
  readonly idBody: Buffer;
}

/** AUTH = prf(prf(Shared Secret, "Key Pad for IKEv2"), firstMessage | peerNonce | prf(SK_p, IDBody)). */
export function ikev2PskAuth(input: Ikev2PskAuthInput): Buffer {
  const macedId = prf(input.prf, input.skP, input.idBody);
  const padKey = prf(input.prf, input.preSharedKey, KEY_PAD);
  return prf(input.prf, padKey, input.firstMessage, input.peerNonce, macedId);
}
