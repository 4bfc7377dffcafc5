/**
 * dpd/messages.ts: the dead peer detection messages as they go on the wire, protected with the keys of
 *   the IKE SA they probe.
 *   - IKEv1 (RFC 3706 section 5): an Informational exchange (type 5) with a fresh random Message ID carrying
 *     HASH(1) and one Notification payload: protocol ISAKMP, SPI = CKY-I | CKY-R (16 bytes), type
 *     R-U-THERE (36136) or R-U-THERE-ACK (36137), data = the 32-bit sequence number (the ACK repeats the
 *     request's). HASH(1) = prf(SKEYID_a, M-ID | N) (RFC 2409 5.7); everything after the header is
 *     encrypted with the phase-1 cipher and key; the IV is hash(last phase-1 CBC block | M-ID) cut to the
 *     block size, as for Quick Mode (RFC 2409 5.5 and appendix B: each informational exchange starts its own
 *     IV chain from the phase-1 IV).
 *   - IKEv2 (RFC 7296 section 2.4): an INFORMATIONAL exchange (type 37) whose request and response carry
 *     no payload but an empty SK payload, encrypted and integrity-protected with SK_e/SK_a of the sender;
 *     the request uses the sender's next Message ID, the response echoes it with the R flag.
 * Owns: building these messages and opening received ones (decrypt, check HASH(1) / the SK checksum, match
 *   cookies or SPIs).
 * Must not know: when hellos are sent (monitor.ts), the network.
 * Invariants: never throws; a message whose HASH(1) or checksum does not verify opens to a problem, never to
 *   a notification; keys are only read through the keying's functions and never returned.
 * Tests: test/src/engine/dpd-wire.test.ts
 */
import { timingSafeEqual } from 'node:crypto';
import { ikev1Phase2Iv, informationalHash } from '../crypto/ikev1-keys';
import type { RandomSource } from '../crypto/random';
import type { Ikev1Keying, Ikev2Keying } from '../sa/ike-keying';
import { Ikev1ExchangeType, Ikev1NotifyType, Ikev1ProtocolId, IPSEC_DOI } from '../wire/ikev1/constants';
import { decodeIkev1Message, decryptIkev1Message, encodeIkev1Payloads, encryptIkev1Message } from '../wire/ikev1/message';
import type { Ikev1Payload } from '../wire/ikev1/payloads';
import { Ikev2ExchangeType, Ikev2Flag } from '../wire/ikev2/constants';
import { decodeIkev2Message, decryptIkev2Message, encryptIkev2Message } from '../wire/ikev2/message';

export type Ikev1DpdType = 'R-U-THERE' | 'R-U-THERE-ACK';

/** A fresh, non-zero Message ID for an informational exchange (RFC 2408 4.8). */
export function informationalMessageId(random: RandomSource): number {
  const id = random.bytes(4).readUInt32BE(0);
  return id === 0 ? 1 : id;
}

function notification(keying: Ikev1Keying, type: Ikev1DpdType, sequence: number): Ikev1Payload {
  const data = Buffer.alloc(4);
  data.writeUInt32BE(sequence >>> 0, 0);
  return {
    kind: 'notification', doi: IPSEC_DOI, protocolId: Ikev1ProtocolId.isakmp,
    notifyType: type === 'R-U-THERE' ? Ikev1NotifyType.rUThere : Ikev1NotifyType.rUThereAck,
    spi: Buffer.concat([keying.cookieI, keying.cookieR]), data,
  };
}

/** An encrypted Informational with HASH(1) and an R-U-THERE or R-U-THERE-ACK notification. */
export function buildIkev1Dpd(keying: Ikev1Keying, type: Ikev1DpdType, sequence: number, messageId: number): Buffer | string {
  const notify = notification(keying, type, sequence);
  const hash = informationalHash(keying.hash, keying.skeyidA(), messageId, encodeIkev1Payloads([notify]).bytes);
  const iv = ikev1Phase2Iv(keying.hash, keying.lastBlock(), messageId, keying.cipher.blockSize);
  const sealed = encryptIkev1Message(
    { initiatorCookie: keying.cookieI, responderCookie: keying.cookieR, exchangeType: Ikev1ExchangeType.informational, flags: 0, messageId, payloads: [{ kind: 'hash', data: hash }, notify] },
    { cipher: keying.cipher, key: keying.encryptionKey(), iv },
  );
  return sealed.ok ? sealed.value.bytes : sealed.problem.message;
}

export interface OpenedIkev1Dpd {
  readonly type: Ikev1DpdType;
  readonly sequence: number;
  readonly messageId: number;
}

/** Whether `bytes` is an Informational of this IKE SA (by cookies), before any key is used. */
export function isIkev1InformationalFor(keying: Ikev1Keying, bytes: Buffer): boolean {
  const decoded = decodeIkev1Message(bytes);
  if (!decoded.ok) return false;
  const m = decoded.value.message;
  return m.exchangeType === Ikev1ExchangeType.informational && m.initiatorCookie.equals(keying.cookieI) && m.responderCookie.equals(keying.cookieR);
}

/** Opens an R-U-THERE / ACK of this IKE SA: decrypts, verifies HASH(1), checks the notification's SPI. */
export function openIkev1Dpd(keying: Ikev1Keying, bytes: Buffer): OpenedIkev1Dpd | string {
  const decoded = decodeIkev1Message(bytes);
  if (!decoded.ok) return `undecodable: ${decoded.problem.message}`;
  const received = decoded.value;
  const m = received.message;
  if (m.exchangeType !== Ikev1ExchangeType.informational) return `exchange type ${m.exchangeType} is not Informational`;
  if (!m.initiatorCookie.equals(keying.cookieI) || !m.responderCookie.equals(keying.cookieR)) return 'cookies of another ISAKMP SA';
  if (received.ciphertext === undefined) return 'an unencrypted informational on an established ISAKMP SA';
  const iv = ikev1Phase2Iv(keying.hash, keying.lastBlock(), m.messageId, keying.cipher.blockSize);
  const opened = decryptIkev1Message(received, { cipher: keying.cipher, key: keying.encryptionKey(), iv });
  if (!opened.ok) return `cannot decrypt: ${opened.problem.message}`;
  const [first, notify] = opened.value.message.payloads;
  if (first?.kind !== 'hash') return 'no HASH(1) first';
  const covered = opened.value.payloadBytes.subarray(4 + first.data.length);
  const expected = informationalHash(keying.hash, keying.skeyidA(), m.messageId, covered);
  if (expected.length !== first.data.length || !timingSafeEqual(expected, first.data)) return 'HASH(1) does not verify';
  if (notify?.kind !== 'notification') return 'no notification after HASH(1)';
  if (notify.notifyType !== Ikev1NotifyType.rUThere && notify.notifyType !== Ikev1NotifyType.rUThereAck) return `notification ${notify.notifyType} is not DPD`;
  if (!notify.spi.equals(Buffer.concat([keying.cookieI, keying.cookieR]))) return 'the notification SPI is not this SA\'s cookies';
  if (notify.data.length !== 4) return `sequence number of ${notify.data.length} bytes`;
  return { type: notify.notifyType === Ikev1NotifyType.rUThere ? 'R-U-THERE' : 'R-U-THERE-ACK', sequence: notify.data.readUInt32BE(0), messageId: m.messageId };
}

/** An empty INFORMATIONAL request (`response` false) or response of this IKE SA, inside SK. */
export function buildIkev2Liveness(keying: Ikev2Keying, messageId: number, response: boolean, random: RandomSource): Buffer | string {
  const keys = keying.sendKeys();
  const flags = (keying.role === 'initiator' ? Ikev2Flag.initiator : 0) | (response ? Ikev2Flag.response : 0);
  const sealed = encryptIkev2Message(
    { initiatorSpi: keying.spiI, responderSpi: keying.spiR, exchangeType: Ikev2ExchangeType.informational, flags, messageId, payloads: [] },
    keys, random.bytes(keys.cipher.ivLength),
  );
  return sealed.ok ? sealed.value : sealed.problem.message;
}

export interface OpenedIkev2Liveness {
  readonly response: boolean;
  readonly messageId: number;
  /** payloads inside SK (a liveness check has none) */
  readonly payloads: number;
}

/** Whether `bytes` is an IKEv2 INFORMATIONAL of this IKE SA (by SPIs), before any key is used. */
export function isIkev2InformationalFor(keying: Ikev2Keying, bytes: Buffer): boolean {
  const decoded = decodeIkev2Message(bytes);
  if (!decoded.ok) return false;
  const m = decoded.value.message;
  return m.exchangeType === Ikev2ExchangeType.informational && m.initiatorSpi.equals(keying.spiI) && m.responderSpi.equals(keying.spiR);
}

/** Opens an INFORMATIONAL of this IKE SA sent by the peer: the SK checksum must verify. */
export function openIkev2Liveness(keying: Ikev2Keying, bytes: Buffer): OpenedIkev2Liveness | string {
  const decoded = decodeIkev2Message(bytes);
  if (!decoded.ok) return `undecodable: ${decoded.problem.message}`;
  const m = decoded.value.message;
  if (m.exchangeType !== Ikev2ExchangeType.informational) return `exchange type ${m.exchangeType} is not INFORMATIONAL`;
  if (!m.initiatorSpi.equals(keying.spiI) || !m.responderSpi.equals(keying.spiR)) return 'SPIs of another IKE SA';
  const fromOriginalInitiator = (m.flags & Ikev2Flag.initiator) !== 0;
  if (fromOriginalInitiator === (keying.role === 'initiator')) return 'the I flag says this side sent it';
  const opened = decryptIkev2Message(decoded.value, keying.receiveKeys());
  if (!opened.ok) return `SK payload: ${opened.problem.message}`;
  return { response: (m.flags & Ikev2Flag.response) !== 0, messageId: m.messageId, payloads: opened.value.payloads.length - m.payloads.length };
}
