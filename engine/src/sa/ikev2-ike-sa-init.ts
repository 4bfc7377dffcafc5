/**
 * sa/ikev2-ike-sa-init.ts: the IKEv2 IKE_SA_INIT exchange (RFC 7296 1.2, 1.3 and 2.7): one transition
 *   table for both roles and its actions, including the INVALID_KE_PAYLOAD retry.
 *
 *     initiator                                                responder
 *     I_START --start: send {SA KE Ni N(NAT-D)x2}--> I_SENT     R_IDLE --request: select; group of KE differs?
 *     I_SENT --invalid-ke: redo KE with the asked group--> I_SENT      answer N(INVALID_KE_PAYLOAD), stay;
 *     I_SENT --error: NO_PROPOSAL_CHOSEN--> FAILED                     none? N(NO_PROPOSAL_CHOSEN)--> FAILED;
 *     I_SENT --response: keys--> DONE (IKE_AUTH starts)               else send {SA KE Nr N(NAT-D)x2}--> DONE
 *
 * Owns: the table, proposal selection calls, the retry rule (only a group from our own list, each once).
 * Must not know: IKE_AUTH, the network.
 * Invariants: both sides keep the IKE_SA_INIT messages byte for byte (AUTH covers them).
 * Tests: test/src/engine/sa-ikev2.test.ts
 */
import { dhGroup, dhGroupByJunosName } from '../crypto/dh-groups';
import { Ikev2ExchangeType, Ikev2NotifyType } from '../wire/ikev2/constants';
import { IKEV2_MESSAGE_RULES } from '../wire/ikev2/exchange-rules';
import type { Ikev2Payload } from '../wire/ikev2/payloads';
import { describeIkeProposal } from './config';
import { buildIkeSaProposals, selectIkeSaProposal } from './ikev2-proposals';
import { findV2, notifyOf, v2RuleProblem, type Ikev2Input, type Ikev2Session } from './ikev2-session';
import { ikev2NotifyName } from './message-log';
import { fail, ignore, OK, type StepResult, type TransitionTable } from './transitions';

export type IkeSaInitState = 'I_START' | 'I_SENT' | 'R_IDLE' | 'DONE' | 'FAILED';
/** `invalid-ke` and `error` are responses made of notifications only (the runner tells them apart). */
export type IkeSaInitEvent = 'start' | 'request' | 'response' | 'invalid-ke' | 'error';

const EXCHANGE = 'IKE_SA_INIT';

function sendRequest(session: Ikev2Session): StepResult {
  const ike = session.sa.end.ike;
  const built = buildIkeSaProposals(ike.proposals);
  for (const problem of built.problems) session.sa.event(problem);
  if (built.offered.length === 0) return fail({ outcome: 'IKE_NO_PROPOSAL', reason: `${session.sa.name} has no usable IKE proposal to offer`, firstHand: true });
  const group = session.group ?? dhGroupByJunosName(built.offered[0]!.dhGroup)!;
  if (session.triedGroups.length === 0) session.spiI = session.sa.random.bytes(8);
  session.triedGroups.push(group.id);
  const payloads: Ikev2Payload[] = [{ kind: 'sa', ...built.sa }, ...session.beginKeyExchange(group), ...session.natNotifies()];
  session.initRequest = session.sendPlain(Ikev2ExchangeType.ikeSaInit, EXCHANGE, 0, false, payloads);
  return OK;
}

function retryWithGroup(session: Ikev2Session, input: Ikev2Input): StepResult {
  const notify = notifyOf(input.received.message.payloads, Ikev2NotifyType.invalidKePayload)!;
  const asked = notify.data.length >= 2 ? notify.data.readUInt16BE(0) : 0;
  const group = dhGroup(asked);
  const ours = session.sa.end.ike.proposals.some((p) => p.dhGroup === group?.junosName);
  session.sa.answered();
  if (group === undefined || !ours || session.triedGroups.includes(asked)) {
    return fail({ outcome: 'IKE_NO_PROPOSAL', reason: `${session.sa.peerName} asks for DH group ${asked} (INVALID_KE_PAYLOAD), which ${session.sa.name}'s IKE proposals do not offer`, firstHand: true });
  }
  session.sa.event(`${session.sa.peerName} asked for ${group.junosName} (INVALID_KE_PAYLOAD): retrying IKE_SA_INIT with it`);
  session.group = group;
  return sendRequest(session);
}

function notified(session: Ikev2Session, input: Ikev2Input): StepResult {
  session.sa.answered();
  const notify = input.received.message.payloads.find((p) => p.kind === 'notify' && p.notifyType < 16384);
  const name = notify === undefined || notify.kind !== 'notify' ? 'an error' : ikev2NotifyName(notify.notifyType);
  return fail({ outcome: 'IKE_NO_PROPOSAL', reason: `${session.sa.peerName} answered IKE_SA_INIT with ${name}`, firstHand: false });
}

function receiveRequest(session: Ikev2Session, input: Ikev2Input): StepResult {
  const { message } = input.received;
  const sa = session.sa;
  const problem = v2RuleProblem(IKEV2_MESSAGE_RULES.ikeSaInitRequest, message.payloads);
  if (problem !== undefined) return fail({ outcome: 'IKE_NO_PROPOSAL', reason: `${sa.peerName}'s IKE_SA_INIT request is malformed: ${problem}`, firstHand: true });
  session.spiI = message.initiatorSpi;
  const own = sa.end.ike.proposals;
  const selection = selectIkeSaProposal(findV2(message.payloads, 'sa')!, own);
  const notifyOnly = (notifyType: number, data: Buffer) => session.sendPlain(Ikev2ExchangeType.ikeSaInit, EXCHANGE, 0, true, [{ kind: 'notify', protocolId: 0, notifyType, spi: Buffer.alloc(0), data }]);
  if (!selection.ok) {
    notifyOnly(Ikev2NotifyType.noProposalChosen, Buffer.alloc(0));
    return fail({ outcome: 'IKE_NO_PROPOSAL', reason: `no IKE proposal matched: ${sa.peerName} offers [${selection.offered.join(', ')}], ${sa.name} accepts [${own.map(describeIkeProposal).join(', ')}]`, firstHand: true });
  }
  const group = dhGroupByJunosName(selection.algorithms.dhGroup)!;
  const ke = findV2(message.payloads, 'keyExchange')!;
  if (ke.dhGroup !== group.id) {
    const data = Buffer.alloc(2);
    data.writeUInt16BE(group.id);
    notifyOnly(Ikev2NotifyType.invalidKePayload, data);
    return ignore(`${sa.peerName} sent a ${dhGroup(ke.dhGroup)?.junosName ?? `group ${ke.dhGroup}`} KE but the chosen proposal uses ${group.junosName}: answered INVALID_KE_PAYLOAD`);
  }
  session.adopt(selection.algorithms, group);
  session.checkNat(message.payloads, Buffer.alloc(8));
  session.spiR = sa.random.bytes(8);
  const ours = session.beginKeyExchange(group);
  const keyed = session.completeKeyExchange(ke.data, findV2(message.payloads, 'nonce')!.data);
  if (keyed !== undefined) return fail({ outcome: 'IKE_NO_PROPOSAL', reason: `${sa.peerName}'s key exchange value is not valid: ${keyed}`, firstHand: true });
  session.initRequest = input.received.bytes;
  session.initResponse = session.sendPlain(Ikev2ExchangeType.ikeSaInit, EXCHANGE, 0, true, [{ kind: 'sa', proposals: [selection.chosen] }, ...ours, ...session.natNotifies()]);
  return OK;
}

function receiveResponse(session: Ikev2Session, input: Ikev2Input): StepResult {
  const { message } = input.received;
  const sa = session.sa;
  sa.answered();
  const problem = v2RuleProblem(IKEV2_MESSAGE_RULES.ikeSaInitResponse, message.payloads);
  if (problem !== undefined) return fail({ outcome: 'IKE_NO_PROPOSAL', reason: `${sa.peerName}'s IKE_SA_INIT response is malformed: ${problem}`, firstHand: true });
  const selection = selectIkeSaProposal(findV2(message.payloads, 'sa')!, sa.end.ike.proposals);
  const ke = findV2(message.payloads, 'keyExchange')!;
  if (!selection.ok || dhGroupByJunosName(selection.algorithms.dhGroup)?.id !== session.group?.id || ke.dhGroup !== session.group?.id) {
    return fail({ outcome: 'IKE_NO_PROPOSAL', reason: `${sa.peerName} chose an IKE proposal ${sa.name} did not offer`, firstHand: true });
  }
  session.spiR = message.responderSpi;
  session.adopt(selection.algorithms, session.group!);
  const keyed = session.completeKeyExchange(ke.data, findV2(message.payloads, 'nonce')!.data);
  if (keyed !== undefined) return fail({ outcome: 'IKE_NO_PROPOSAL', reason: `${sa.peerName}'s key exchange value is not valid: ${keyed}`, firstHand: true });
  session.checkNat(message.payloads, session.spiR);
  session.initResponse = input.received.bytes;
  return OK;
}

export const IKE_SA_INIT: TransitionTable<IkeSaInitState, IkeSaInitEvent, Ikev2Session, Ikev2Input> = {
  name: EXCHANGE,
  failed: 'FAILED',
  rows: [
    { state: 'I_START', event: 'start', action: sendRequest, next: 'I_SENT' },
    { state: 'I_SENT', event: 'invalid-ke', action: retryWithGroup, next: 'I_SENT' },
    { state: 'I_SENT', event: 'error', action: notified, next: 'FAILED' },
    { state: 'I_SENT', event: 'response', action: receiveResponse, next: 'DONE' },
    { state: 'R_IDLE', event: 'request', action: receiveRequest, next: 'DONE' },
  ],
};
