/**
 * sa/ikev1-main-mode.ts: IKEv1 Main Mode (identity protection, RFC 2409 section 5) with pre-shared keys:
 *   one transition table for both roles and its actions.
 *
 *     initiator                              responder
 *     I_START --start: send MM1-----------> R_IDLE --MM1: select transform, send MM2--> R_SA_SENT
 *     I_SA_SENT --MM2: send MM3 (KE Ni NAT-D)   R_SA_SENT --MM3: keys, send MM4--> R_KE_SENT
 *     I_KE_SENT --MM4: keys, send MM5 {IDii HASH_I}  R_KE_SENT --MM5: verify HASH_I, send MM6--> ESTABLISHED
 *     I_ID_SENT --MM6: verify HASH_R--> ESTABLISHED
 *
 * Owns: the table, what each message carries (checked against IKEV1_MESSAGE_RULES), the failures Main Mode
 *   can see (no proposal, pre-shared keys differ) and the notifications it sends for them.
 * Must not know: Quick Mode, the network (IkeSa sends), key formulas (crypto/ikev1-keys.ts via Ikev1Phase1).
 * Retransmission: only the initiator runs timers; the responder answers a repeated message from its cache.
 * Invariants: message 5/6 use the phase-1 IV chain (IV of MM6 = last block of MM5); the last block of MM6
 *   seeds phase-2 IVs.
 * Tests: test/src/engine/sa-ikev1.test.ts, sa-failures.test.ts
 */
import { Ikev1ExchangeType, Ikev1NotifyType } from '../wire/ikev1/constants';
import { IKEV1_MESSAGE_RULES } from '../wire/ikev1/exchange-rules';
import { payloadBody } from '../wire/ikev1/message';
import { describeIkeProposal } from './config';
import { sendNotify } from './ikev1-informational';
import { buildPhase1Sa, readPhase1Transform, selectPhase1 } from './ikev1-proposals';
import { DPD_VENDOR_ID, find, NAT_T_VENDOR_ID, phase1Matured, ruleProblem, type Ikev1Input, type Ikev1Phase1 } from './ikev1-phase1';
import { dhGroupByJunosName } from '../crypto/dh-groups';
import { fail, ignore, OK, type StepResult, type TransitionTable } from './transitions';

export type MainModeState = 'I_START' | 'I_SA_SENT' | 'I_KE_SENT' | 'I_ID_SENT' | 'R_IDLE' | 'R_SA_SENT' | 'R_KE_SENT' | 'ESTABLISHED' | 'FAILED';
export type Phase1Event = 'start' | 'message';

const EXCHANGE = 'Main Mode';

function malformed(phase1: Ikev1Phase1, number: number, problem: string): StepResult {
  return fail(phase1.failure('IKE_NO_PROPOSAL', `${phase1.sa.peerName}'s Main Mode message ${number} is malformed: ${problem}`));
}

function sendMessage1(phase1: Ikev1Phase1): StepResult {
  const built = buildPhase1Sa(phase1.sa.end.ike.proposals);
  for (const problem of built.problems) phase1.sa.event(problem);
  if (built.offered.length === 0) return fail(phase1.failure('IKE_NO_PROPOSAL', `${phase1.sa.name} has no usable IKE proposal to offer`));
  phase1.exchangeType = Ikev1ExchangeType.identityProtection;
  phase1.cookieI = phase1.sa.random.bytes(8);
  const sa = { kind: 'sa' as const, ...built.sa };
  phase1.saBodyI = payloadBody(sa);
  phase1.sendPlain([sa, NAT_T_VENDOR_ID, DPD_VENDOR_ID], EXCHANGE, 1, true);
  return OK;
}

function receiveMessage1(phase1: Ikev1Phase1, input: Ikev1Input): StepResult {
  const { message } = input.received;
  const problem = ruleProblem(IKEV1_MESSAGE_RULES.mainMode1, message.payloads);
  if (problem !== undefined) return malformed(phase1, 1, problem);
  phase1.exchangeType = Ikev1ExchangeType.identityProtection;
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
  phase1.cookieR = phase1.sa.random.bytes(8);
  const reply = { kind: 'sa' as const, doi: sa.doi, situation: sa.situation, proposals: [{ ...sa.proposals[0]!, transforms: [selection.transform] }] };
  phase1.sendPlain([reply, NAT_T_VENDOR_ID, DPD_VENDOR_ID], EXCHANGE, 2, false);
  return OK;
}

function receiveMessage2(phase1: Ikev1Phase1, input: Ikev1Input): StepResult {
  const { message } = input.received;
  const problem = ruleProblem(IKEV1_MESSAGE_RULES.mainMode2, message.payloads);
  if (problem !== undefined) return malformed(phase1, 2, problem);
  phase1.sa.answered();
  phase1.cookieR = message.responderCookie;
  phase1.noteVendorIds(message.payloads);
  const transform = find(message.payloads, 'sa')!.proposals[0]?.transforms[0];
  const offer = transform === undefined ? undefined : readPhase1Transform(transform);
  const own = offer === undefined ? undefined : phase1.sa.end.ike.proposals.find((p) => p.encryptionAlgorithm === offer.encryption && p.authenticationAlgorithm === offer.authentication && p.dhGroup === offer.dhGroup);
  const group = own === undefined ? undefined : dhGroupByJunosName(own.dhGroup);
  if (own === undefined || group === undefined || offer === undefined) return malformed(phase1, 2, 'the responder chose a transform we did not offer');
  phase1.adopt({ encryption: own.encryptionAlgorithm, authentication: own.authenticationAlgorithm, dhGroup: own.dhGroup, lifetimeSeconds: own.lifetimeSeconds });
  phase1.sendPlain([...phase1.beginKeyExchange(group), ...phase1.natDiscovery()], EXCHANGE, 3, true);
  return OK;
}

function receiveMessage3(phase1: Ikev1Phase1, input: Ikev1Input): StepResult {
  const { message } = input.received;
  const problem = ruleProblem(IKEV1_MESSAGE_RULES.mainMode3, message.payloads);
  if (problem !== undefined) return malformed(phase1, 3, problem);
  phase1.sa.answered();
  const group = dhGroupByJunosName(phase1.algorithms!.dhGroup)!;
  const ours = phase1.beginKeyExchange(group);
  const keyed = phase1.completeKeyExchange(find(message.payloads, 'keyExchange')!.data, find(message.payloads, 'nonce')!.data);
  if (keyed.kind !== 'ok') return keyed;
  phase1.checkNatDiscovery(message.payloads);
  phase1.sendPlain([...ours, ...phase1.natDiscovery()], EXCHANGE, 4, false);
  return OK;
}

function receiveMessage4(phase1: Ikev1Phase1, input: Ikev1Input): StepResult {
  const { message } = input.received;
  const problem = ruleProblem(IKEV1_MESSAGE_RULES.mainMode4, message.payloads);
  if (problem !== undefined) return malformed(phase1, 4, problem);
  phase1.sa.answered();
  const keyed = phase1.completeKeyExchange(find(message.payloads, 'keyExchange')!.data, find(message.payloads, 'nonce')!.data);
  if (keyed.kind !== 'ok') return keyed;
  phase1.checkNatDiscovery(message.payloads);
  const id = phase1.identity();
  const last = phase1.sendEncrypted([id, phase1.ownHash(id)], phase1.iv, EXCHANGE, 5, true);
  if (last !== undefined) phase1.iv = last;
  return OK;
}

function receiveMessage5(phase1: Ikev1Phase1, input: Ikev1Input): StepResult {
  if (input.received.ciphertext === undefined) return ignore('a plaintext Main Mode message (a late repeat) where encrypted message 5 was expected');
  const opened = phase1.decrypt(input.received, phase1.iv);
  phase1.sa.answered();
  if (typeof opened === 'string' || ruleProblem(IKEV1_MESSAGE_RULES.mainMode5, opened.message.payloads) !== undefined) {
    sendNotify(phase1, Ikev1NotifyType.payloadMalformed, false);
    return fail(phase1.authFailure(`pre-shared keys differ: ${phase1.sa.name} could not verify ${phase1.sa.peerName}'s HASH_I (Main Mode message 5 does not even decrypt: its key derives from the pre-shared key)`));
  }
  phase1.iv = opened.lastBlock;
  const payloads = opened.message.payloads;
  const verified = phase1.verifyPeerHash(find(payloads, 'identification'), find(payloads, 'hash'));
  if (verified.kind !== 'ok') {
    sendNotify(phase1, Ikev1NotifyType.authenticationFailed, false);
    return verified;
  }
  const id = phase1.identity();
  const last = phase1.sendEncrypted([id, phase1.ownHash(id)], phase1.iv, EXCHANGE, 6, false);
  if (last !== undefined) phase1.lastBlock = last;
  phase1Matured(phase1, 'Main');
  return OK;
}

function receiveMessage6(phase1: Ikev1Phase1, input: Ikev1Input): StepResult {
  if (input.received.ciphertext === undefined) return ignore('a plaintext Main Mode message (a late repeat) where encrypted message 6 was expected');
  const opened = phase1.decrypt(input.received, phase1.iv);
  phase1.sa.answered();
  if (typeof opened === 'string' || ruleProblem(IKEV1_MESSAGE_RULES.mainMode6, opened.message.payloads) !== undefined) {
    return fail(phase1.authFailure(`pre-shared keys differ: ${phase1.sa.name} could not verify ${phase1.sa.peerName}'s HASH_R (Main Mode message 6 does not decrypt)`));
  }
  phase1.lastBlock = opened.lastBlock;
  const payloads = opened.message.payloads;
  const verified = phase1.verifyPeerHash(find(payloads, 'identification'), find(payloads, 'hash'));
  if (verified.kind !== 'ok') {
    sendNotify(phase1, Ikev1NotifyType.authenticationFailed, false);
    return verified;
  }
  phase1Matured(phase1, 'Main');
  return OK;
}

export const MAIN_MODE: TransitionTable<MainModeState, Phase1Event, Ikev1Phase1, Ikev1Input> = {
  name: EXCHANGE,
  failed: 'FAILED',
  rows: [
    { state: 'I_START', event: 'start', action: sendMessage1, next: 'I_SA_SENT' },
    { state: 'I_SA_SENT', event: 'message', action: receiveMessage2, next: 'I_KE_SENT' },
    { state: 'I_KE_SENT', event: 'message', action: receiveMessage4, next: 'I_ID_SENT' },
    { state: 'I_ID_SENT', event: 'message', action: receiveMessage6, next: 'ESTABLISHED' },
    { state: 'R_IDLE', event: 'message', action: receiveMessage1, next: 'R_SA_SENT' },
    { state: 'R_SA_SENT', event: 'message', action: receiveMessage3, next: 'R_KE_SENT' },
    { state: 'R_KE_SENT', event: 'message', action: receiveMessage5, next: 'ESTABLISHED' },
  ],
};
