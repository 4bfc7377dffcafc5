/**
 * sa/ikev1-informational.ts: the IKEv1 Informational exchange (RFC 2408 4.8, RFC 2409 5.7): notifying
 *   the peer of a failure (in clear before phase-1 keys exist, else encrypted with HASH(1)), deleting the
 *   ISAKMP SA after a failure, and reading what the peer notified.
 * Owns: building and opening Informational messages and the map from a received notify type to the
 *   outcome the receiving side reports.
 * Must not know: the state tables.
 * Invariants: an encrypted informational whose HASH(1) does not verify is ignored (logged), never trusted.
 * Tests: test/src/engine/sa-failures.test.ts
 */
import { timingSafeEqual } from 'node:crypto';
import { ikev1Phase2Iv, informationalHash } from '../crypto/ikev1-keys';
import { Ikev1ExchangeType, Ikev1NotifyType, Ikev1ProtocolId, IPSEC_DOI } from '../wire/ikev1/constants';
import { encodeIkev1Payloads, type ReceivedIkev1Message } from '../wire/ikev1/message';
import type { Ikev1Payload } from '../wire/ikev1/payloads';
import { find, type Ikev1Phase1 } from './ikev1-phase1';
import { ikev1NotifyName } from './message-log';
import type { SaFailure } from './result';

const EXCHANGE = 'Informational';

function randomMessageId(phase1: Ikev1Phase1): number {
  const id = phase1.sa.random.bytes(4).readUInt32BE(0);
  return id === 0 ? 1 : id;
}

function notification(notifyType: number, protocolId: number, spi: Buffer): Ikev1Payload {
  return { kind: 'notification', doi: IPSEC_DOI, protocolId, notifyType, spi, data: Buffer.alloc(0) };
}

/** Sends N(notifyType): in clear when no phase-1 keys exist yet, else protected with HASH(1). */
export function sendNotify(phase1: Ikev1Phase1, notifyType: number, encrypted: boolean, protocolId: number = Ikev1ProtocolId.isakmp, spi: Buffer = Buffer.alloc(0)): void {
  const payload = notification(notifyType, protocolId, protocolId === Ikev1ProtocolId.isakmp && spi.length === 0 ? Buffer.concat([phase1.cookieI, phase1.cookieR]) : spi);
  sendInformational(phase1, [payload], encrypted);
}

/** Deletes the ISAKMP SA on the peer (after a failure once phase 1 is up). */
export function sendDeleteIsakmp(phase1: Ikev1Phase1): void {
  sendInformational(phase1, [{ kind: 'delete', doi: IPSEC_DOI, protocolId: Ikev1ProtocolId.isakmp, spis: [Buffer.concat([phase1.cookieI, phase1.cookieR])] }], true);
}

function sendInformational(phase1: Ikev1Phase1, payloads: Ikev1Payload[], encrypted: boolean): void {
  const messageId = randomMessageId(phase1);
  if (!encrypted || phase1.keys === undefined) {
    phase1.sendPlain(payloads, EXCHANGE, 1, false, messageId, Ikev1ExchangeType.informational);
    return;
  }
  const hash = informationalHash(phase1.hash, phase1.keys.skeyidA, messageId, encodeIkev1Payloads(payloads).bytes);
  const iv = ikev1Phase2Iv(phase1.hash, phase1.lastBlock, messageId, phase1.cipher.blockSize);
  phase1.sendEncrypted([{ kind: 'hash', data: hash }, ...payloads], iv, EXCHANGE, 1, false, messageId, Ikev1ExchangeType.informational);
}

/** The payloads of a received Informational, or a reason to ignore it. */
export function openInformational(phase1: Ikev1Phase1, received: ReceivedIkev1Message): readonly Ikev1Payload[] | string {
  if (received.ciphertext === undefined) return received.message.payloads;
  if (phase1.keys === undefined) return 'encrypted informational before phase-1 keys exist';
  const iv = ikev1Phase2Iv(phase1.hash, phase1.lastBlock, received.message.messageId, phase1.cipher.blockSize);
  const opened = phase1.decrypt(received, iv);
  if (typeof opened === 'string') return `unreadable informational: ${opened}`;
  const hash = find(opened.message.payloads, 'hash');
  if (hash === undefined) return 'informational without HASH(1)';
  const after = opened.payloadBytes.subarray(4 + hash.data.length);
  const expected = informationalHash(phase1.hash, phase1.keys.skeyidA, received.message.messageId, after);
  if (expected.length !== hash.data.length || !timingSafeEqual(expected, hash.data)) return 'informational HASH(1) does not verify';
  return opened.message.payloads;
}

/** What the side that receives `notifyType` reports (second-hand: the peer saw the cause). */
export function failureFromNotify(notifyType: number, phase: 'phase 1' | 'quick mode', peerName: string, exchange: string): SaFailure {
  const said = `${peerName} answered ${exchange} with ${ikev1NotifyName(notifyType)}`;
  switch (notifyType) {
    case Ikev1NotifyType.noProposalChosen:
      return { outcome: phase === 'phase 1' ? 'IKE_NO_PROPOSAL' : 'IPSEC_NO_PROPOSAL', reason: said, firstHand: false };
    case Ikev1NotifyType.authenticationFailed: case Ikev1NotifyType.invalidHashInformation: case Ikev1NotifyType.payloadMalformed:
      return { outcome: 'IKE_AUTH_FAILED', reason: `${said} (it could not authenticate us: pre-shared keys differ?)`, firstHand: false };
    case Ikev1NotifyType.invalidExchangeType: case Ikev1NotifyType.unsupportedExchangeType:
      return { outcome: 'IKE_MODE_MISMATCH', reason: said, firstHand: false };
    case Ikev1NotifyType.invalidIdInformation:
      return { outcome: 'TS_UNACCEPTABLE', reason: said, firstHand: false };
    default:
      return { outcome: phase === 'phase 1' ? 'IKE_NO_PROPOSAL' : 'IPSEC_NO_PROPOSAL', reason: said, firstHand: false };
  }
}
