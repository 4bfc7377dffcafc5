/**
 * wire/ikev1/message.ts: whole IKEv1 (ISAKMP) messages: header + payload chain, and the encrypted form
 * (RFC 2408 3.1, RFC 2409 section 5 / appendix B) with CBC and IV chaining.
 * Owns: typed payload dispatch (unknown payloads kept as bytes), payload body bytes for hashing
 *   (`payloadBody`), encryption of everything after the header with RFC 2409 padding, decryption that
 *   returns the last ciphertext block for the next IV.
 * Must not know: exchanges and their state, key derivation (crypto/ikev1-keys.ts).
 * Invariants: decode never throws; the header length must equal the datagram length; trailing bytes after
 *   the chain are accepted only in decrypted messages (padding).
 * Tests: test/src/engine/ike-codecs.test.ts
 */
import { cbcDecrypt, cbcEncrypt, type CipherSpec } from '../../crypto/ciphers';
import { decodePayloadChain, encodePayloadChain, IKE_HEADER_LENGTH, ikeHeaderCodec, type RawPayload } from '../ike-header';
import { wireProblem, type DecodeResult, type WireProblem } from '../problems';
import { Ikev1Flag, IKEV1_VERSION } from './constants';
import { IKEV1_PAYLOADS, type Ikev1Payload, type Ikev1PayloadKind } from './payloads';

export interface Ikev1Message {
  readonly initiatorCookie: Buffer;
  readonly responderCookie: Buffer;
  readonly exchangeType: number;
  /** Header flags; the encryption bit is set by encryptIkev1Message, not here. */
  readonly flags: number;
  readonly messageId: number;
  readonly payloads: readonly Ikev1Payload[];
}

const KIND_BY_TYPE = new Map<number, Ikev1PayloadKind>(
  (Object.keys(IKEV1_PAYLOADS) as Ikev1PayloadKind[]).map((kind) => [IKEV1_PAYLOADS[kind].type, kind]),
);

/** The body bytes of one payload (what HASH_I, HASH(1) and friends cover, without the generic header). */
export function payloadBody(payload: Ikev1Payload): Buffer {
  if (payload.kind === 'unknown') return payload.body;
  return IKEV1_PAYLOADS[payload.kind].codec.encode(payload as never);
}

function toRaw(payload: Ikev1Payload): RawPayload {
  return { type: payload.kind === 'unknown' ? payload.type : IKEV1_PAYLOADS[payload.kind].type, flags: 0, body: payloadBody(payload) };
}

/** The payload chain bytes, generic headers included (what Quick Mode HASH(1) covers after HASH). */
export function encodeIkev1Payloads(payloads: readonly Ikev1Payload[]): { firstType: number; bytes: Buffer } {
  return encodePayloadChain(payloads.map(toRaw));
}

function header(message: Ikev1Message, nextPayload: number, flags: number, length: number): Buffer {
  return ikeHeaderCodec.encode({
    initiatorSpi: message.initiatorCookie, responderSpi: message.responderCookie, nextPayload, version: IKEV1_VERSION,
    exchangeType: message.exchangeType, flags, messageId: message.messageId, length,
  });
}

/** A plaintext message. */
export function encodeIkev1Message(message: Ikev1Message): Buffer {
  const chain = encodeIkev1Payloads(message.payloads);
  const flags = message.flags & ~Ikev1Flag.encryption;
  return Buffer.concat([header(message, chain.firstType, flags, IKE_HEADER_LENGTH + chain.bytes.length), chain.bytes]);
}

function decodePayloads(raw: readonly RawPayload[]): DecodeResult<Ikev1Payload[]> {
  const payloads: Ikev1Payload[] = [];
  for (const item of raw) {
    const kind = KIND_BY_TYPE.get(item.type);
    if (kind === undefined) {
      payloads.push({ kind: 'unknown', type: item.type, body: item.body });
      continue;
    }
    const decoded = IKEV1_PAYLOADS[kind].codec.decode(item.body);
    if (!decoded.ok) return { ok: false, problem: { ...decoded.problem, message: `${IKEV1_PAYLOADS[kind].codec.name}: ${decoded.problem.message}` } };
    payloads.push({ kind, ...(decoded.value as object) } as Ikev1Payload);
  }
  return { ok: true, value: payloads };
}

/** A received message split into header fields, and either payloads (plaintext) or the ciphertext. */
export interface ReceivedIkev1Message {
  readonly message: Ikev1Message;
  /** Set when the encryption flag is on: everything after the header, still encrypted. */
  readonly ciphertext?: Buffer;
  /** The first payload type from the header (needed to walk the chain after decryption). */
  readonly firstPayloadType: number;
}

/** Decodes a datagram; an encrypted message comes back with `ciphertext` and no payloads. */
export function decodeIkev1Message(bytes: Buffer): DecodeResult<ReceivedIkev1Message> {
  if (bytes.length < IKE_HEADER_LENGTH) return { ok: false, problem: wireProblem('truncated', `${bytes.length} bytes is shorter than the ISAKMP header`) };
  const head = ikeHeaderCodec.decode(bytes.subarray(0, IKE_HEADER_LENGTH));
  if (!head.ok) return head;
  const h = head.value;
  if (h.version >> 4 !== 1) return { ok: false, problem: wireProblem('unsupported', `major version ${h.version >> 4} is not IKEv1`, 17) };
  if (h.length !== bytes.length) return { ok: false, problem: wireProblem('bad-length', `header length ${h.length} but datagram has ${bytes.length} bytes`, 24) };
  const base = { initiatorCookie: h.initiatorSpi, responderCookie: h.responderSpi, exchangeType: h.exchangeType, flags: h.flags, messageId: h.messageId };
  const rest = Buffer.from(bytes.subarray(IKE_HEADER_LENGTH));
  if (h.flags & Ikev1Flag.encryption) {
    return { ok: true, value: { message: { ...base, payloads: [] }, ciphertext: rest, firstPayloadType: h.nextPayload } };
  }
  const chain = decodePayloadChain(h.nextPayload, rest);
  if (!chain.ok) return chain;
  if (chain.value.trailing.length > 0) return { ok: false, problem: wireProblem('trailing-bytes', `${chain.value.trailing.length} bytes after the last payload`) };
  const payloads = decodePayloads(chain.value.payloads);
  if (!payloads.ok) return payloads;
  return { ok: true, value: { message: { ...base, payloads: payloads.value }, firstPayloadType: h.nextPayload } };
}

export interface Ikev1Encryption {
  readonly cipher: CipherSpec;
  readonly key: Buffer;
  readonly iv: Buffer;
}

/** A message on the wire plus the last ciphertext block (the IV for the next message of this exchange). */
export interface EncryptedIkev1Message {
  readonly bytes: Buffer;
  readonly lastBlock: Buffer;
}

/**
 * Encrypts everything after the header (RFC 2409 section 5.3 padding: zeros, the last pad byte holding
 * the number of other pad bytes, so there is always at least one pad byte) and sets the E flag.
 */
export function encryptIkev1Message(message: Ikev1Message, encryption: Ikev1Encryption): DecodeResult<EncryptedIkev1Message> {
  const chain = encodeIkev1Payloads(message.payloads);
  const block = encryption.cipher.blockSize;
  const padLength = block - (chain.bytes.length % block);
  const padding = Buffer.alloc(padLength);
  padding[padLength - 1] = padLength - 1;
  const encrypted = cbcEncrypt(encryption.cipher, encryption.key, encryption.iv, Buffer.concat([chain.bytes, padding]));
  if (!encrypted.ok) return { ok: false, problem: wireProblem('bad-value', encrypted.problem) };
  const flags = message.flags | Ikev1Flag.encryption;
  const bytes = Buffer.concat([header(message, chain.firstType, flags, IKE_HEADER_LENGTH + encrypted.output.length), encrypted.output]);
  return { ok: true, value: { bytes, lastBlock: Buffer.from(encrypted.output.subarray(encrypted.output.length - block)) } };
}

export interface DecryptedIkev1Message {
  readonly message: Ikev1Message;
  readonly lastBlock: Buffer;
  /** Raw payload bytes after decryption, generic headers included (Quick Mode hashes cover them). */
  readonly payloadBytes: Buffer;
}

/** Decrypts a received encrypted message with the current IV; a problem when it does not parse. */
export function decryptIkev1Message(received: ReceivedIkev1Message, encryption: Ikev1Encryption): DecodeResult<DecryptedIkev1Message> {
  const ciphertext = received.ciphertext;
  if (ciphertext === undefined) return { ok: false, problem: wireProblem('bad-value', 'message is not encrypted') };
  const block = encryption.cipher.blockSize;
  if (ciphertext.length === 0 || ciphertext.length % block !== 0) {
    return { ok: false, problem: wireProblem('bad-length', `ciphertext of ${ciphertext.length} bytes is not a whole number of ${block}-byte blocks`) };
  }
  const plain = cbcDecrypt(encryption.cipher, encryption.key, encryption.iv, ciphertext);
  if (!plain.ok) return { ok: false, problem: wireProblem('bad-value', plain.problem) };
  const chain = decodePayloadChain(received.firstPayloadType, plain.output);
  if (!chain.ok) return { ok: false, problem: { ...chain.problem, message: `after decryption: ${chain.problem.message}` } };
  const payloads = decodePayloads(chain.value.payloads);
  if (!payloads.ok) return payloads;
  const payloadBytes = Buffer.from(plain.output.subarray(0, plain.output.length - chain.value.trailing.length));
  return {
    ok: true,
    value: { message: { ...received.message, payloads: payloads.value }, lastBlock: Buffer.from(ciphertext.subarray(ciphertext.length - block)), payloadBytes },
  };
}

/** Runs every known payload's verify rules. */
export function verifyIkev1Message(message: Ikev1Message): WireProblem[] {
  const problems: WireProblem[] = [];
  for (const payload of message.payloads) {
    if (payload.kind === 'unknown') continue;
    problems.push(...IKEV1_PAYLOADS[payload.kind].codec.verify(payload as never));
  }
  return problems;
}
