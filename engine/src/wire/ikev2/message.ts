/**
 * wire/ikev2/message.ts: whole IKEv2 messages (RFC 7296 3.1) and the Encrypted and Authenticated (SK)
 * payload (RFC 7296 3.14; RFC 5282 for AES-GCM): header + payload chain, encryption with padding and the
 * pad-length byte, the integrity checksum over the whole message, decryption that checks it first.
 * Owns: typed payload dispatch with an `unknown` fallback that keeps the critical bit, SK framing.
 * Must not know: exchanges and their state, key derivation (crypto/ikev2-keys.ts).
 * Invariants: decode never throws; the header length must equal the datagram length; an SK payload ends
 *   the outer chain; a bad checksum is reported before anything is decrypted.
 * Tests: test/src/engine/ike-codecs.test.ts
 */
import { cbcDecrypt, cbcEncrypt, gcmOpen, gcmSeal, type CipherSpec } from '../../crypto/ciphers';
import { computeIcv, verifyIcv, type IntegritySpec } from '../../crypto/integrity';
import type { Ikev2SaKeys } from '../../crypto/ikev2-keys';
import { decodePayloadChain, encodePayloadChain, IKE_HEADER_LENGTH, ikeHeaderCodec, type RawPayload } from '../ike-header';
import { wireProblem, type DecodeResult, type WireProblem } from '../problems';
import { CRITICAL_FLAG, IKEV2_VERSION, Ikev2PayloadType } from './constants';
import { IKEV2_PAYLOADS, type Ikev2Payload, type Ikev2PayloadKind } from './payloads';

export interface Ikev2Message {
  readonly initiatorSpi: Buffer;
  readonly responderSpi: Buffer;
  readonly exchangeType: number;
  /** Initiator (0x08) and Response (0x20) bits. */
  readonly flags: number;
  readonly messageId: number;
  readonly payloads: readonly Ikev2Payload[];
}

const KIND_BY_TYPE = new Map<number, Ikev2PayloadKind>(
  (Object.keys(IKEV2_PAYLOADS) as Ikev2PayloadKind[]).map((kind) => [IKEV2_PAYLOADS[kind].type, kind]),
);

/** The body bytes of one payload (for AUTH: the ID payload body is what prf(SK_p, ...) covers). */
export function ikev2PayloadBody(payload: Ikev2Payload): Buffer {
  if (payload.kind === 'unknown') return payload.body;
  return IKEV2_PAYLOADS[payload.kind].codec.encode(payload as never);
}

function toRaw(payload: Ikev2Payload): RawPayload {
  if (payload.kind === 'unknown') return { type: payload.type, flags: payload.critical ? CRITICAL_FLAG : 0, body: payload.body };
  return { type: IKEV2_PAYLOADS[payload.kind].type, flags: 0, body: ikev2PayloadBody(payload) };
}

function header(message: Ikev2Message, nextPayload: number, length: number): Buffer {
  return ikeHeaderCodec.encode({
    initiatorSpi: message.initiatorSpi, responderSpi: message.responderSpi, nextPayload, version: IKEV2_VERSION,
    exchangeType: message.exchangeType, flags: message.flags, messageId: message.messageId, length,
  });
}

/** A plaintext message (IKE_SA_INIT). */
export function encodeIkev2Message(message: Ikev2Message): Buffer {
  const chain = encodePayloadChain(message.payloads.map(toRaw));
  return Buffer.concat([header(message, chain.firstType, IKE_HEADER_LENGTH + chain.bytes.length), chain.bytes]);
}

function decodePayloads(raw: readonly RawPayload[]): DecodeResult<Ikev2Payload[]> {
  const payloads: Ikev2Payload[] = [];
  for (const item of raw) {
    const kind = KIND_BY_TYPE.get(item.type);
    if (kind === undefined) {
      payloads.push({ kind: 'unknown', type: item.type, critical: (item.flags & CRITICAL_FLAG) !== 0, body: item.body });
      continue;
    }
    const decoded = IKEV2_PAYLOADS[kind].codec.decode(item.body);
    if (!decoded.ok) return { ok: false, problem: { ...decoded.problem, message: `${IKEV2_PAYLOADS[kind].codec.name}: ${decoded.problem.message}` } };
    payloads.push({ kind, ...(decoded.value as object) } as Ikev2Payload);
  }
  return { ok: true, value: payloads };
}

/** A received message: plaintext payloads, and the SK payload still sealed when there is one. */
export interface ReceivedIkev2Message {
  readonly message: Ikev2Message;
  readonly encrypted?: {
    /** Type of the first payload inside SK. */
    readonly firstInnerType: number;
    /** SK body: IV || ciphertext || ICV. */
    readonly body: Buffer;
    /** Offset of the SK generic header in the datagram (the GCM AAD ends 4 bytes after it). */
    readonly offset: number;
  };
  /** The datagram as received (checksum and AUTH computations need the exact bytes). */
  readonly bytes: Buffer;
}

export function decodeIkev2Message(bytes: Buffer): DecodeResult<ReceivedIkev2Message> {
  if (bytes.length < IKE_HEADER_LENGTH) return { ok: false, problem: wireProblem('truncated', `${bytes.length} bytes is shorter than the IKE header`) };
  const head = ikeHeaderCodec.decode(bytes.subarray(0, IKE_HEADER_LENGTH));
  if (!head.ok) return head;
  const h = head.value;
  if (h.version >> 4 !== 2) return { ok: false, problem: wireProblem('unsupported', `major version ${h.version >> 4} is not IKEv2`, 17) };
  if (h.length !== bytes.length) return { ok: false, problem: wireProblem('bad-length', `header length ${h.length} but datagram has ${bytes.length} bytes`, 24) };
  const chain = decodePayloadChain(h.nextPayload, bytes.subarray(IKE_HEADER_LENGTH), new Set([Ikev2PayloadType.encrypted]));
  if (!chain.ok) return chain;
  if (chain.value.trailing.length > 0) return { ok: false, problem: wireProblem('trailing-bytes', `${chain.value.trailing.length} bytes after the last payload`) };
  const raw = chain.value.payloads;
  const last = raw[raw.length - 1];
  const sealed = last !== undefined && last.type === Ikev2PayloadType.encrypted ? last : undefined;
  const payloads = decodePayloads(sealed === undefined ? raw : raw.slice(0, -1));
  if (!payloads.ok) return payloads;
  const message = { initiatorSpi: h.initiatorSpi, responderSpi: h.responderSpi, exchangeType: h.exchangeType, flags: h.flags, messageId: h.messageId, payloads: payloads.value };
  if (sealed === undefined) return { ok: true, value: { message, bytes } };
  const offset = bytes.length - sealed.body.length - 4;
  return { ok: true, value: { message, bytes, encrypted: { firstInnerType: sealed.innerFirstType ?? 0, body: sealed.body, offset } } };
}

/** Keys protecting one direction of an IKE SA: SK_ei/SK_ai (initiator sends) or SK_er/SK_ar. */
export interface Ikev2SkKeys {
  readonly cipher: CipherSpec;
  /** Cipher key (GCM: key || 4-byte salt). */
  readonly encryptionKey: Buffer;
  /** Absent for AES-GCM. */
  readonly integrity?: IntegritySpec;
  readonly integrityKey?: Buffer;
}

/** The keys a sender uses: SK_ei/SK_ai when the original initiator sends, SK_er/SK_ar otherwise. */
export function skKeysForSender(keys: Ikev2SaKeys, sender: 'initiator' | 'responder', cipher: CipherSpec, integrity?: IntegritySpec): Ikev2SkKeys {
  const encryptionKey = sender === 'initiator' ? keys.skEi : keys.skEr;
  if (integrity === undefined) return { cipher, encryptionKey };
  return { cipher, encryptionKey, integrity, integrityKey: sender === 'initiator' ? keys.skAi : keys.skAr };
}

/** Seals every payload of `message` into one SK payload; `iv` is the per-message IV (block size, or 8 for GCM). */
export function encryptIkev2Message(message: Ikev2Message, keys: Ikev2SkKeys, iv: Buffer): DecodeResult<Buffer> {
  const inner = encodePayloadChain(message.payloads.map(toRaw));
  const block = keys.cipher.mode === 'cbc' ? keys.cipher.blockSize : 4;
  const padLength = (block - ((inner.bytes.length + 1) % block)) % block;
  const plaintext = Buffer.concat([inner.bytes, Buffer.alloc(padLength), Buffer.from([padLength])]);
  const icvLength = keys.cipher.mode === 'gcm' ? keys.cipher.icvLength : keys.integrity?.icvLength ?? 0;
  const bodyLength = iv.length + plaintext.length + icvLength;
  const total = IKE_HEADER_LENGTH + 4 + bodyLength;
  const skHeader = Buffer.alloc(4);
  skHeader.writeUInt8(inner.firstType, 0);
  skHeader.writeUInt16BE(4 + bodyLength, 2);
  const head = header(message, Ikev2PayloadType.encrypted, total);
  if (keys.cipher.mode === 'gcm') {
    const sealed = gcmSeal(keys.cipher, keys.encryptionKey, iv, Buffer.concat([head, skHeader]), plaintext);
    if (!sealed.ok) return { ok: false, problem: wireProblem('bad-value', sealed.problem) };
    return { ok: true, value: Buffer.concat([head, skHeader, iv, sealed.output]) };
  }
  if (keys.integrity === undefined || keys.integrityKey === undefined) return { ok: false, problem: wireProblem('bad-value', 'a CBC cipher needs an integrity algorithm') };
  const encrypted = cbcEncrypt(keys.cipher, keys.encryptionKey, iv, plaintext);
  if (!encrypted.ok) return { ok: false, problem: wireProblem('bad-value', encrypted.problem) };
  const covered = Buffer.concat([head, skHeader, iv, encrypted.output]);
  return { ok: true, value: Buffer.concat([covered, computeIcv(keys.integrity, keys.integrityKey, covered)]) };
}

export type SkFailure = 'integrity' | 'decryption' | 'malformed';

/** Opens the SK payload: the checksum first, then decryption, padding and the inner chain. */
export function decryptIkev2Message(received: ReceivedIkev2Message, keys: Ikev2SkKeys): DecodeResult<Ikev2Message> & { readonly failure?: SkFailure } {
  const sealed = received.encrypted;
  if (sealed === undefined) return { ok: false, problem: wireProblem('bad-value', 'message has no SK payload'), failure: 'malformed' };
  const ivLength = keys.cipher.ivLength;
  const icvLength = keys.cipher.mode === 'gcm' ? keys.cipher.icvLength : keys.integrity?.icvLength ?? 0;
  if (sealed.body.length < ivLength + icvLength + 1) return { ok: false, problem: wireProblem('truncated', 'SK payload shorter than IV and checksum'), failure: 'malformed' };
  const iv = sealed.body.subarray(0, ivLength);
  let plaintext: Buffer;
  if (keys.cipher.mode === 'gcm') {
    const aad = received.bytes.subarray(0, sealed.offset + 4);
    const opened = gcmOpen(keys.cipher, keys.encryptionKey, iv, aad, sealed.body.subarray(ivLength));
    if (!opened.ok) return { ok: false, problem: wireProblem('bad-checksum', `SK payload: ${opened.problem}`), failure: 'integrity' };
    plaintext = opened.output;
  } else {
    if (keys.integrity === undefined || keys.integrityKey === undefined) return { ok: false, problem: wireProblem('bad-value', 'a CBC cipher needs an integrity algorithm'), failure: 'malformed' };
    const covered = received.bytes.subarray(0, received.bytes.length - icvLength);
    const icv = received.bytes.subarray(received.bytes.length - icvLength);
    if (!verifyIcv(keys.integrity, keys.integrityKey, icv, covered)) return { ok: false, problem: wireProblem('bad-checksum', 'SK payload integrity checksum does not verify'), failure: 'integrity' };
    const decrypted = cbcDecrypt(keys.cipher, keys.encryptionKey, iv, sealed.body.subarray(ivLength, sealed.body.length - icvLength));
    if (!decrypted.ok) return { ok: false, problem: wireProblem('bad-length', decrypted.problem), failure: 'decryption' };
    plaintext = decrypted.output;
  }
  const padLength = plaintext[plaintext.length - 1] ?? 0;
  if (padLength + 1 > plaintext.length) return { ok: false, problem: wireProblem('bad-padding', `pad length ${padLength} exceeds the plaintext`), failure: 'decryption' };
  const chain = decodePayloadChain(sealed.firstInnerType, plaintext.subarray(0, plaintext.length - padLength - 1));
  if (!chain.ok) return { ...chain, failure: 'malformed' };
  if (chain.value.trailing.length > 0) return { ok: false, problem: wireProblem('trailing-bytes', 'bytes between the inner payloads and the padding'), failure: 'malformed' };
  const payloads = decodePayloads(chain.value.payloads);
  if (!payloads.ok) return { ...payloads, failure: 'malformed' };
  return { ok: true, value: { ...received.message, payloads: [...received.message.payloads, ...payloads.value] } };
}

export function verifyIkev2Message(message: Ikev2Message): WireProblem[] {
  const problems: WireProblem[] = [];
  for (const payload of message.payloads) {
    if (payload.kind === 'unknown') continue;
    problems.push(...IKEV2_PAYLOADS[payload.kind].codec.verify(payload as never));
  }
  return problems;
}
