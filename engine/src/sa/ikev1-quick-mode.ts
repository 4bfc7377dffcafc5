/**
 * sa/ikev1-quick-mode.ts: IKEv1 Quick Mode (RFC 2409 section 5.5): the IPsec SA pair under the ISAKMP
 *   SA, with a PFS key exchange when the IPsec policy has `perfect-forward-secrecy`, the term's proxy
 *   identities, SPIs and KEYMAT per direction: one transition table for both roles and its actions.
 *
 *     initiator                                                responder
 *     I_START --start: send QM1 {HASH(1) SA Ni [KE] IDci IDcr}--> R_IDLE --QM1: verify, select, send QM2--> R_SENT
 *     I_SENT --QM2: verify HASH(2), keys, send QM3 {HASH(3)}--> ESTABLISHED   R_SENT --QM3: verify HASH(3)--> ESTABLISHED
 *
 * Owns: the table, the responder's checks (HASH(1), proposal and PFS group, proxy identities), the
 *   notifications it answers with (NO-PROPOSAL-CHOSEN, INVALID-ID-INFORMATION), the per-exchange IV chain
 *   (IV of QM1 = hash(last phase-1 block | M-ID), then the last block of each message).
 * Must not know: phase-1 modes, the network.
 * Retransmission: the initiator retransmits QM1; the responder retransmits QM2 until QM3 arrives (QM3 has no
 *   answer, so a lost QM3 is only recovered that way); a message that does not decrypt or verify is dropped.
 * Invariants: inbound SPI = the SPI this side put in its SA payload, KEYMAT is computed with that SPI by both
 *   sides, so one side's inbound SA equals the other side's outbound SA.
 * Tests: test/src/engine/sa-ikev1.test.ts, sa-failures.test.ts, sa-esp.test.ts
 */
import { timingSafeEqual } from 'node:crypto';
import { dhGroupByJunosName, type DhGroup } from '../crypto/dh-groups';
import { createKeyExchange, type KeyExchange } from '../crypto/diffie-hellman';
import { ikev1Phase2Iv, quickModeHash1, quickModeHash2, quickModeHash3, quickModeKeymat } from '../crypto/ikev1-keys';
import { Ikev1ExchangeType, Ikev1NotifyType, Ikev1ProtocolId, IPSEC_DOI } from '../wire/ikev1/constants';
import { IKEV1_MESSAGE_RULES } from '../wire/ikev1/exchange-rules';
import { describeIkev1Id, ikev1IdFromPrefix } from '../wire/ikev1/identities';
import { encodeIkev1Payloads } from '../wire/ikev1/message';
import type { Ikev1Payload } from '../wire/ikev1/payloads';
import { ANY_IPV4, describeIpsecProposal } from './config';
import { sendDeleteIsakmp, sendNotify } from './ikev1-informational';
import { find, NONCE_LENGTH, ruleProblem, type Ikev1Input, type Ikev1Phase1, type Payloads } from './ikev1-phase1';
import { buildPhase2Sa, decodeResponderLifetime, encodeResponderLifetime, readPhase2Transform, selectPhase2 } from './ikev1-proposals';
import { drawSpi, espSpecs, ipsecSaPair } from './ipsec-sas';
import type { IpsecAlgorithms, IpsecSaRecord, SaFailure } from './result';
import { fail, ignore, OK, type StepResult, type TransitionTable } from './transitions';

export type QuickModeState = 'I_START' | 'I_SENT' | 'R_IDLE' | 'R_SENT' | 'ESTABLISHED' | 'FAILED';
export type QuickModeEvent = 'start' | 'message';

const EXCHANGE = 'Quick Mode';

/** One Quick Mode exchange's state. */
export class QuickMode {
  messageId = 0;
  iv: Buffer = Buffer.alloc(0);
  nonceI: Buffer = Buffer.alloc(0);
  nonceR: Buffer = Buffer.alloc(0);
  spiI: Buffer = Buffer.alloc(4);
  spiR: Buffer = Buffer.alloc(4);
  pfsGroup: DhGroup | undefined;
  keyExchange: KeyExchange | undefined;
  pfsSharedSecret: Buffer | undefined;
  algorithms: IpsecAlgorithms | undefined;
  localId = '';
  remoteId = '';
  pending: IpsecSaRecord[] = [];

  constructor(readonly phase1: Ikev1Phase1) {}

  get sa() {
    return this.phase1.sa;
  }
}

function failure(_qm: QuickMode, outcome: SaFailure['outcome'], reason: string): SaFailure {
  return { outcome, reason, firstHand: true };
}

/** Payload bytes after HASH in a decrypted message (what HASH(1)/HASH(2) cover). */
function afterHash(payloadBytes: Buffer, payloads: Payloads): Buffer | undefined {
  const hash = payloads[0];
  if (hash === undefined || hash.kind !== 'hash') return undefined;
  return payloadBytes.subarray(4 + hash.data.length);
}

function equalHash(expected: Buffer, received: Buffer | undefined): boolean {
  return received !== undefined && expected.length === received.length && timingSafeEqual(expected, received);
}

function proxyIds(qm: QuickMode): [Ikev1Payload, Ikev1Payload] | undefined {
  const ipsec = qm.sa.end.ipsec;
  const local = ikev1IdFromPrefix(ipsec.localPrefix ?? ANY_IPV4);
  const remote = ikev1IdFromPrefix(ipsec.remotePrefix ?? ANY_IPV4);
  if (local === undefined || remote === undefined) return undefined;
  qm.localId = describeIkev1Id(local);
  qm.remoteId = describeIkev1Id(remote);
  return [{ kind: 'identification', ...local }, { kind: 'identification', ...remote }];
}

function send(qm: QuickMode, payloads: Ikev1Payload[], number: number, expectReply: boolean): void {
  const last = qm.phase1.sendEncrypted(payloads, qm.iv, EXCHANGE, number, expectReply, qm.messageId, Ikev1ExchangeType.quickMode);
  if (last !== undefined) qm.iv = last;
}

function pfsSetup(qm: QuickMode): StepResult {
  const name = qm.sa.end.ipsec.pfsGroup;
  if (name === undefined) return OK;
  qm.pfsGroup = dhGroupByJunosName(name);
  if (qm.pfsGroup === undefined) return fail(failure(qm, 'PFS_MISMATCH', `${qm.sa.name}'s perfect-forward-secrecy group ${name} is not implemented`));
  qm.keyExchange = createKeyExchange(qm.pfsGroup, qm.sa.random);
  return OK;
}

function sendMessage1(qm: QuickMode): StepResult {
  const { phase1 } = qm;
  qm.messageId = qm.sa.random.bytes(4).readUInt32BE(0) || 1;
  qm.iv = ikev1Phase2Iv(phase1.hash, phase1.lastBlock, qm.messageId, phase1.cipher.blockSize);
  const pfs = pfsSetup(qm);
  if (pfs.kind !== 'ok') return pfs;
  qm.spiI = drawSpi(qm.sa.random);
  const built = buildPhase2Sa(qm.sa.end.ipsec.proposals, qm.pfsGroup, qm.spiI);
  for (const problem of built.problems) qm.sa.event(problem);
  if (built.offered.length === 0) return fail(failure(qm, 'IPSEC_NO_PROPOSAL', `${qm.sa.name} has no usable IPsec proposal to offer`));
  qm.nonceI = qm.sa.random.bytes(NONCE_LENGTH);
  const ids = proxyIds(qm);
  if (ids === undefined) return fail(failure(qm, 'TS_UNACCEPTABLE', `${qm.sa.name}'s term addresses are not prefixes`));
  const after: Ikev1Payload[] = [{ kind: 'sa', ...built.sa }, { kind: 'nonce', data: qm.nonceI }];
  if (qm.keyExchange !== undefined) after.push({ kind: 'keyExchange', data: qm.keyExchange.publicValue });
  after.push(...ids);
  const hash = quickModeHash1(phase1.hash, phase1.keys!.skeyidA, qm.messageId, encodeIkev1Payloads(after).bytes);
  send(qm, [{ kind: 'hash', data: hash }, ...after], 1, true);
  return OK;
}

/** Decrypts with the exchange's current IV; the IV moves on only when the caller commits (after HASH verifies). */
function openMessage(qm: QuickMode, input: Ikev1Input, iv: Buffer): { payloads: Payloads; bytes: Buffer; lastBlock: Buffer } | string {
  const opened = qm.phase1.decrypt(input.received, iv);
  if (typeof opened === 'string') return opened;
  return { payloads: opened.message.payloads, bytes: opened.payloadBytes, lastBlock: opened.lastBlock };
}

/** A Quick Mode message that does not decrypt or whose HASH is wrong is dropped (RFC 2408 5.x): the sender retransmits. */
function drop(qm: QuickMode, number: number, why: string): StepResult {
  qm.sa.observe({ outcome: 'IKE_AUTH_FAILED', reason: `${qm.sa.name} could not verify ${qm.sa.peerName}'s Quick Mode message ${number}: ${why}`, firstHand: true });
  return ignore(`Quick Mode message ${number} dropped: ${why}`);
}

function receiveMessage1(qm: QuickMode, input: Ikev1Input): StepResult {
  const { phase1, sa } = qm;
  const messageId = input.received.message.messageId;
  const opened = openMessage(qm, input, ikev1Phase2Iv(phase1.hash, phase1.lastBlock, messageId, phase1.cipher.blockSize));
  if (typeof opened === 'string') return drop(qm, 1, `it does not decrypt (${opened})`);
  const { payloads } = opened;
  const covered = afterHash(opened.bytes, payloads);
  if (covered === undefined || !equalHash(quickModeHash1(phase1.hash, phase1.keys!.skeyidA, messageId, covered), find(payloads, 'hash')?.data)) return drop(qm, 1, 'HASH(1) does not verify');
  qm.messageId = messageId;
  qm.iv = opened.lastBlock;
  const problem = ruleProblem(IKEV1_MESSAGE_RULES.quickMode1, payloads);
  if (problem !== undefined) return fail(failure(qm, 'IPSEC_NO_PROPOSAL', `${sa.peerName}'s Quick Mode message 1 is malformed: ${problem}`));
  const offeredSa = find(payloads, 'sa')!;
  qm.nonceI = find(payloads, 'nonce')!.data;
  qm.spiI = offeredSa.proposals.find((p) => p.spi.length === 4)?.spi ?? Buffer.alloc(4);
  const ipsec = sa.end.ipsec;
  const selection = selectPhase2(offeredSa, ipsec.proposals, ipsec.pfsGroup);
  if (!selection.ok) {
    sendNotify(phase1, Ikev1NotifyType.noProposalChosen, true, Ikev1ProtocolId.esp, qm.spiI);
    const ownList = ipsec.proposals.map((p) => describeIpsecProposal(p, ipsec.pfsGroup)).join(', ');
    if (selection.pfsOnly) {
      const theirs = offeredSa.proposals[0]?.transforms[0] === undefined ? undefined : readPhase2Transform(offeredSa.proposals[0].transforms[0]).pfsGroup;
      return fail(failure(qm, 'PFS_MISMATCH', `perfect-forward-secrecy differs: ${sa.peerName} asks for ${theirs ?? 'no PFS'}, ${sa.name} requires ${ipsec.pfsGroup ?? 'no PFS'} (Quick Mode refused)`));
    }
    return fail(failure(qm, 'IPSEC_NO_PROPOSAL', `no IPsec proposal matched: ${sa.peerName} offers [${selection.offered.join(', ')}], ${sa.name} accepts [${ownList}]`));
  }
  // Proxy identities: the initiator's local network is our remote one and the other way round.
  const ids = payloads.filter((p) => p.kind === 'identification') as Extract<Ikev1Payload, { kind: 'identification' }>[];
  const ours = proxyIds(qm)!;
  const theirLocal = ids[0] === undefined ? describeIkev1Id(ikev1IdFromPrefix(ANY_IPV4)!) : describeIkev1Id(ids[0]);
  const theirRemote = ids[1] === undefined ? describeIkev1Id(ikev1IdFromPrefix(ANY_IPV4)!) : describeIkev1Id(ids[1]);
  if (theirLocal !== qm.remoteId || theirRemote !== qm.localId) {
    sendNotify(phase1, Ikev1NotifyType.invalidIdInformation, true, Ikev1ProtocolId.esp, qm.spiI);
    return fail(failure(qm, 'TS_UNACCEPTABLE', `proxy identities differ: ${sa.peerName} proposes ${theirLocal} -> ${theirRemote}, ${sa.name} expects ${qm.remoteId} -> ${qm.localId}`));
  }
  qm.algorithms = selection.algorithms;
  qm.spiI = selection.proposal.spi;
  const pfs = pfsSetup(qm);
  if (pfs.kind !== 'ok') return pfs;
  if (qm.keyExchange !== undefined) {
    const ke = find(payloads, 'keyExchange');
    const shared = ke === undefined ? undefined : qm.keyExchange.computeSharedSecret(ke.data);
    if (shared === undefined || !shared.ok) return fail(failure(qm, 'PFS_MISMATCH', `${sa.peerName}'s Quick Mode message 1 has no valid ${ipsec.pfsGroup} key exchange`));
    qm.pfsSharedSecret = shared.sharedSecret;
  }
  qm.spiR = drawSpi(sa.random);
  qm.nonceR = sa.random.bytes(NONCE_LENGTH);
  const reply = { kind: 'sa' as const, doi: offeredSa.doi, situation: offeredSa.situation, proposals: [{ ...selection.proposal, spi: qm.spiR, transforms: [selection.transform] }] };
  const after: Ikev1Payload[] = [reply, { kind: 'nonce', data: qm.nonceR }];
  if (qm.keyExchange !== undefined) after.push({ kind: 'keyExchange', data: qm.keyExchange.publicValue });
  after.push(ids[0] ?? ours[1], ids[1] ?? ours[0]);
  if (selection.algorithms.lifetimeSeconds < readPhase2Transform(selection.transform).lifetimeSeconds) {
    after.push({ kind: 'notification', doi: IPSEC_DOI, protocolId: Ikev1ProtocolId.esp, notifyType: Ikev1NotifyType.responderLifetime, spi: qm.spiR, data: encodeResponderLifetime(selection.algorithms.lifetimeSeconds) });
  }
  const hash = quickModeHash2(phase1.hash, phase1.keys!.skeyidA, qm.messageId, qm.nonceI, encodeIkev1Payloads(after).bytes);
  send(qm, [{ kind: 'hash', data: hash }, ...after], 2, true);
  return OK;
}

function receiveMessage2(qm: QuickMode, input: Ikev1Input): StepResult {
  const { phase1, sa } = qm;
  const opened = openMessage(qm, input, qm.iv);
  if (typeof opened === 'string') return drop(qm, 2, `it does not decrypt (${opened})`);
  const { payloads } = opened;
  const covered = afterHash(opened.bytes, payloads);
  if (covered === undefined || !equalHash(quickModeHash2(phase1.hash, phase1.keys!.skeyidA, qm.messageId, qm.nonceI, covered), find(payloads, 'hash')?.data)) return drop(qm, 2, 'HASH(2) does not verify');
  sa.answered();
  qm.iv = opened.lastBlock;
  const problem = ruleProblem(IKEV1_MESSAGE_RULES.quickMode2, payloads);
  if (problem !== undefined) return fail(failure(qm, 'IPSEC_NO_PROPOSAL', `${sa.peerName}'s Quick Mode message 2 is malformed: ${problem}`));
  qm.nonceR = find(payloads, 'nonce')!.data;
  const proposal = find(payloads, 'sa')!.proposals[0];
  const transform = proposal?.transforms[0];
  const offer = transform === undefined ? undefined : readPhase2Transform(transform);
  const own = offer === undefined ? undefined : sa.end.ipsec.proposals.find((p) => p.encryptionAlgorithm === offer.encryption && (p.authenticationAlgorithm === undefined ? offer.authentication.length === 0 : offer.authentication.includes(p.authenticationAlgorithm)));
  if (proposal === undefined || proposal.spi.length !== 4 || own === undefined || offer === undefined || offer.pfsGroup !== sa.end.ipsec.pfsGroup) {
    sendDeleteIsakmp(phase1);
    return fail(failure(qm, 'IPSEC_NO_PROPOSAL', `${sa.peerName} chose an IPsec transform ${sa.name} did not offer`));
  }
  qm.spiR = proposal.spi;
  qm.algorithms = {
    protocol: 'esp', encryption: own.encryptionAlgorithm, ...(own.authenticationAlgorithm === undefined ? {} : { authentication: own.authenticationAlgorithm }),
    ...(sa.end.ipsec.pfsGroup === undefined ? {} : { pfsGroup: sa.end.ipsec.pfsGroup }), lifetimeSeconds: own.lifetimeSeconds,
  };
  const announced = payloads.find((p) => p.kind === 'notification' && p.notifyType === Ikev1NotifyType.responderLifetime);
  const shorter = announced === undefined || announced.kind !== 'notification' ? undefined : decodeResponderLifetime(announced.data);
  if (shorter !== undefined && shorter < qm.algorithms.lifetimeSeconds) {
    qm.algorithms = { ...qm.algorithms, lifetimeSeconds: shorter };
    sa.event(`${sa.peerName} announced a shorter IPsec SA lifetime (RESPONDER-LIFETIME ${shorter} s)`);
  }
  if (qm.keyExchange !== undefined) {
    const ke = find(payloads, 'keyExchange');
    const shared = ke === undefined ? undefined : qm.keyExchange.computeSharedSecret(ke.data);
    if (shared === undefined || !shared.ok) return fail(failure(qm, 'PFS_MISMATCH', `${sa.peerName}'s Quick Mode message 2 has no valid PFS key exchange`));
    qm.pfsSharedSecret = shared.sharedSecret;
  }
  const installed = install(qm);
  if (installed.kind !== 'ok') return installed;
  send(qm, [{ kind: 'hash', data: quickModeHash3(phase1.hash, phase1.keys!.skeyidA, qm.messageId, qm.nonceI, qm.nonceR) }], 3, false);
  sa.ipsecEstablished(qm.pending);
  return OK;
}

function receiveMessage3(qm: QuickMode, input: Ikev1Input): StepResult {
  const { phase1, sa } = qm;
  const opened = openMessage(qm, input, qm.iv);
  if (typeof opened === 'string') return drop(qm, 3, `it does not decrypt (${opened})`);
  const hash = find(opened.payloads, 'hash');
  if (!equalHash(quickModeHash3(phase1.hash, phase1.keys!.skeyidA, qm.messageId, qm.nonceI, qm.nonceR), hash?.data)) return drop(qm, 3, 'HASH(3) does not verify');
  sa.answered();
  const installed = install(qm);
  if (installed.kind !== 'ok') return installed;
  sa.ipsecEstablished(qm.pending);
  return OK;
}

/** KEYMAT for both SPIs and the SA pair (inbound = the SPI this side chose). */
function install(qm: QuickMode): StepResult {
  const { phase1, sa } = qm;
  const specs = espSpecs(qm.algorithms!);
  if (specs === undefined) return fail(failure(qm, 'IPSEC_NO_PROPOSAL', `${qm.algorithms!.encryption} is not implemented`));
  const keymat = (spi: Buffer) => quickModeKeymat({
    hash: phase1.hash, skeyidD: phase1.keys!.skeyidD, protocol: Ikev1ProtocolId.esp, spi, nonceI: qm.nonceI, nonceR: qm.nonceR,
    ...(qm.pfsSharedSecret === undefined ? {} : { pfsSharedSecret: qm.pfsSharedSecret }), length: specs.keymatLength,
  });
  const initiator = sa.role === 'initiator';
  const inboundSpi = initiator ? qm.spiI : qm.spiR;
  const outboundSpi = initiator ? qm.spiR : qm.spiI;
  const pair = ipsecSaPair({
    algorithms: qm.algorithms!, specs, inboundSpi: inboundSpi.readUInt32BE(0), outboundSpi: outboundSpi.readUInt32BE(0),
    inboundKeymat: keymat(inboundSpi), outboundKeymat: keymat(outboundSpi), antiReplayWindow: sa.end.ipsec.antiReplayWindow,
    localIdentity: qm.localId, remoteIdentity: qm.remoteId, random: sa.random,
  });
  if (pair === undefined) return fail(failure(qm, 'IPSEC_NO_PROPOSAL', 'keying material too short'));
  qm.pending = pair;
  return OK;
}

export const QUICK_MODE: TransitionTable<QuickModeState, QuickModeEvent, QuickMode, Ikev1Input> = {
  name: EXCHANGE,
  failed: 'FAILED',
  rows: [
    { state: 'I_START', event: 'start', action: sendMessage1, next: 'I_SENT' },
    { state: 'I_SENT', event: 'message', action: receiveMessage2, next: 'ESTABLISHED' },
    { state: 'R_IDLE', event: 'message', action: receiveMessage1, next: 'R_SENT' },
    { state: 'R_SENT', event: 'message', action: receiveMessage3, next: 'ESTABLISHED' },
  ],
};
