/**
 * sa/ikev1-aggressive-mode.ts: IKEv1 Aggressive Mode (RFC 2409 section 5, three messages) with
 *   pre-shared keys: one transition table for both roles and its actions.
 *
 *     initiator                                         responder
 *     I_START --start: send AM1 {SA KE Ni IDii}------> R_IDLE --AM1: select, keys, send AM2 {SA KE Nr IDir HASH_R}--> R_SENT
 *     I_SENT --AM2: verify HASH_R, send AM3 {HASH_I}--> ESTABLISHED    R_SENT --AM3: verify HASH_I--> ESTABLISHED
 *
 * Owns: the table and its actions; the Aggressive-Mode rule that the KE travels in message 1, so the
 *   initiator's DH group is its first proposal's and a transform of another group cannot be chosen.
 * Must not know: Quick Mode, the network.
 * Invariants: nothing is encrypted in phase 1, so the phase-1 IV itself seeds phase-2 IVs; the initiator
 *   (not the responder) is the side that sees different pre-shared keys first (HASH_R).
 * Tests: test/src/engine/sa-ikev1.test.ts, sa-failures.test.ts
 */
import { dhGroupByJunosName } from '../crypto/dh-groups';
import { Ikev1ExchangeType, Ikev1NotifyType } from '../wire/ikev1/constants';
import { IKEV1_MESSAGE_RULES } from '../wire/ikev1/exchange-rules';
import { payloadBody } from '../wire/ikev1/message';
import { describeIkeProposal } from './config';
import { sendNotify } from './ikev1-informational';
import { buildPhase1Sa, readPhase1Transform, selectPhase1 } from './ikev1-proposals';
import { DPD_VENDOR_ID, find, NAT_T_VENDOR_ID, phase1Matured, ruleProblem, type Ikev1Input, type Ikev1Phase1 } from './ikev1-phase1';
import type { Phase1Event } from './ikev1-main-mode';
import { fail, OK, type StepResult, type TransitionTable } from './transitions';

export type AggressiveModeState = 'I_START' | 'I_SENT' | 'R_IDLE' | 'R_SENT' | 'ESTABLISHED' | 'FAILED';

const EXCHANGE = 'Aggressive Mode';

function malformed(phase1: Ikev1Phase1, number: number, problem: string): StepResult {
  return fail(phase1.failure('IKE_NO_PROPOSAL', `${phase1.sa.peerName}'s Aggressive Mode message ${number} is malformed: ${problem}`));
}

function sendMessage1(phase1: Ikev1Phase1): StepResult {
  const proposals = phase1.sa.end.ike.proposals;
  const group = dhGroupByJunosName(proposals[0]?.dhGroup ?? '');
  if (group === undefined) return fail(phase1.failure('IKE_NO_PROPOSAL', `${phase1.sa.name} has no usable IKE proposal to offer`));
  // Every transform must use the group of the KE we send.
  const sameGroup = proposals.filter((p) => p.dhGroup === group.junosName);
  if (sameGroup.length < proposals.length) phase1.sa.event(`aggressive mode sends one KE (${group.junosName}): proposals with another dh-group are not offered`);
  const built = buildPhase1Sa(sameGroup);
  for (const problem of built.problems) phase1.sa.event(problem);
  if (built.offered.length === 0) return fail(phase1.failure('IKE_NO_PROPOSAL', `${phase1.sa.name} has no usable IKE proposal to offer`));
  phase1.exchangeType = Ikev1ExchangeType.aggressive;
  phase1.cookieI = phase1.sa.random.bytes(8);
  const first = built.offered[0]!;
  phase1.adopt({ encryption: first.encryptionAlgorithm, authentication: first.authenticationAlgorithm, dhGroup: first.dhGroup, lifetimeSeconds: first.lifetimeSeconds });
  const sa = { kind: 'sa' as const, ...built.sa };
  phase1.saBodyI = payloadBody(sa);
  phase1.sendPlain([sa, ...phase1.beginKeyExchange(group), phase1.identity(), NAT_T_VENDOR_ID, DPD_VENDOR_ID], EXCHANGE, 1, true);
  return OK;
}

function receiveMessage1(phase1: Ikev1Phase1, input: Ikev1Input): StepResult {
  const { message } = input.received;
  const problem = ruleProblem(IKEV1_MESSAGE_RULES.aggressive1, message.payloads);
  if (problem !== undefined) return malformed(phase1, 1, problem);
  phase1.exchangeType = Ikev1ExchangeType.aggressive;
  phase1.cookieI = message.initiatorCookie;
  phase1.noteVendorIds(message.payloads);
  const sa = find(message.payloads, 'sa')!;
  const own = phase1.sa.end.ike.proposals;
  const selection = selectPhase1(sa, own);
  if (!selection.ok) {
    sendNotify(phase1, Ikev1NotifyType.noProposalChosen, false);
    return fail(phase1.failure('IKE_NO_PROPOSAL', `no IKE proposal matched: ${phase1.sa.peerName} offers [${selection.offered.join(', ')}], ${phase1.sa.name} accepts [${own.map(describeIkeProposal).join(', ')}]`));
  }
  phase1.adopt(selection.algorithms);
  phase1.saBodyI = payloadBody(sa);
  phase1.peerIdentity = find(message.payloads, 'identification');
  phase1.cookieR = phase1.sa.random.bytes(8);
  const ours = phase1.beginKeyExchange(selection.group);
  const keyed = phase1.completeKeyExchange(find(message.payloads, 'keyExchange')!.data, find(message.payloads, 'nonce')!.data);
  if (keyed.kind !== 'ok') return keyed;
  const reply = { kind: 'sa' as const, doi: sa.doi, situation: sa.situation, proposals: [{ ...sa.proposals[0]!, transforms: [selection.transform] }] };
  const id = phase1.identity();
  phase1.sendPlain([reply, ...ours, id, phase1.ownHash(id), NAT_T_VENDOR_ID, DPD_VENDOR_ID, ...phase1.natDiscovery()], EXCHANGE, 2, false);
  // The initiator's identity is only authenticated by HASH_I in message 3.
  return OK;
}

function receiveMessage2(phase1: Ikev1Phase1, input: Ikev1Input): StepResult {
  const { message } = input.received;
  const problem = ruleProblem(IKEV1_MESSAGE_RULES.aggressive2, message.payloads);
  if (problem !== undefined) return malformed(phase1, 2, problem);
  phase1.sa.answered();
  phase1.cookieR = message.responderCookie;
  phase1.noteVendorIds(message.payloads);
  const transform = find(message.payloads, 'sa')!.proposals[0]?.transforms[0];
  const offer = transform === undefined ? undefined : readPhase1Transform(transform);
  const own = offer === undefined ? undefined : phase1.sa.end.ike.proposals.find((p) => p.encryptionAlgorithm === offer.encryption && p.authenticationAlgorithm === offer.authentication && p.dhGroup === offer.dhGroup);
  if (own === undefined) return malformed(phase1, 2, 'the responder chose a transform we did not offer');
  phase1.adopt({ encryption: own.encryptionAlgorithm, authentication: own.authenticationAlgorithm, dhGroup: own.dhGroup, lifetimeSeconds: own.lifetimeSeconds });
  const keyed = phase1.completeKeyExchange(find(message.payloads, 'keyExchange')!.data, find(message.payloads, 'nonce')!.data);
  if (keyed.kind !== 'ok') return keyed;
  const verified = phase1.verifyPeerHash(find(message.payloads, 'identification'), find(message.payloads, 'hash'));
  if (verified.kind !== 'ok') {
    sendNotify(phase1, Ikev1NotifyType.authenticationFailed, false);
    return verified;
  }
  phase1.checkNatDiscovery(message.payloads);
  const id = phase1.identity();
  phase1.sendPlain([phase1.ownHash(id), ...phase1.natDiscovery()], EXCHANGE, 3, false);
  phase1Matured(phase1, 'Aggressive');
  return OK;
}

function receiveMessage3(phase1: Ikev1Phase1, input: Ikev1Input): StepResult {
  const { message } = input.received;
  const problem = ruleProblem(IKEV1_MESSAGE_RULES.aggressive3, message.payloads);
  if (problem !== undefined) return malformed(phase1, 3, problem);
  phase1.sa.answered();
  // Aggressive Mode sends IDii in message 1; HASH_I in message 3 covers it.
  const verified = phase1.verifyPeerHash(phase1.peerIdentity, find(message.payloads, 'hash'));
  if (verified.kind !== 'ok') {
    sendNotify(phase1, Ikev1NotifyType.authenticationFailed, false);
    return verified;
  }
  phase1.checkNatDiscovery(message.payloads);
  phase1Matured(phase1, 'Aggressive');
  return OK;
}

export const AGGRESSIVE_MODE: TransitionTable<AggressiveModeState, Phase1Event, Ikev1Phase1, Ikev1Input> = {
  name: EXCHANGE,
  failed: 'FAILED',
  rows: [
    { state: 'I_START', event: 'start', action: sendMessage1, next: 'I_SENT' },
    { state: 'I_SENT', event: 'message', action: receiveMessage2, next: 'ESTABLISHED' },
    { state: 'R_IDLE', event: 'message', action: receiveMessage1, next: 'R_SENT' },
    { state: 'R_SENT', event: 'message', action: receiveMessage3, next: 'ESTABLISHED' },
  ],
};
