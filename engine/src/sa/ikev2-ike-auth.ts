/**
 * sa/ikev2-ike-auth.ts: the IKEv2 IKE_AUTH exchange with pre-shared keys and the first CHILD_SA
 *   (RFC 7296 1.2, 2.9, 2.15, 2.17): one transition table for both roles and its actions.
 *
 *     initiator                                                 responder
 *     I_START --start: send {IDi AUTH SA TSi TSr}--> I_SENT     R_IDLE --request: verify AUTH (else N(AUTHENTICATION_FAILED));
 *     I_SENT --response: verify AUTH, SA, TS--> ESTABLISHED            select ESP (else N(NO_PROPOSAL_CHOSEN)), narrow TS
 *                                                                       (else N(TS_UNACCEPTABLE)); send {IDr AUTH SA TSi TSr}--> ESTABLISHED
 *
 * Owns: the table, AUTH checks, the child SA choice and narrowing, KEYMAT per direction (initiator-to-
 *   responder keys first, RFC 7296 2.17).
 * Must not know: IKE_SA_INIT details, the network.
 * Invariants: a CHILD_SA failure leaves the IKE SA up (as RFC 7296 says) but the tunnel is not established;
 *   the initial CHILD_SA has no KE, so a PFS group difference cannot show here (it would on rekey).
 * Tests: test/src/engine/sa-ikev2.test.ts
 */
import { timingSafeEqual } from 'node:crypto';
import { deriveIkev2ChildKeys } from '../crypto/ikev2-keys';
import { Ikev2ExchangeType, Ikev2NotifyType } from '../wire/ikev2/constants';
import { IKEV2_MESSAGE_RULES } from '../wire/ikev2/exchange-rules';
import type { Ikev2Payload, TrafficSelector } from '../wire/ikev2/payloads';
import { describeTrafficSelector, trafficSelectorFromPrefix } from '../wire/ikev2/traffic-selectors';
import { parseIpv4Address } from '../wire/ipv4';
import { ANY_IPV4, describeIpsecProposal } from './config';
import { buildEspProposals, matchEsp, narrowSelector, selectEspProposal, selectorWithin } from './ikev2-proposals';
import { findV2, notifyOf, v2RuleProblem, type Ikev2Input, type Ikev2Session, type V2Payloads } from './ikev2-session';
import { drawSpi, espSpecs, ipsecSaPair } from './ipsec-sas';
import type { IpsecAlgorithms, SaFailure } from './result';
import { fail, ignore, OK, type StepResult, type TransitionTable } from './transitions';

export type IkeAuthState = 'I_START' | 'I_SENT' | 'R_IDLE' | 'ESTABLISHED' | 'FAILED';
export type IkeAuthEvent = 'start' | 'request' | 'response';

const EXCHANGE = 'IKE_AUTH';
const MESSAGE_ID = 1;

const firstHand = (outcome: SaFailure['outcome'], reason: string): StepResult => fail({ outcome, reason, firstHand: true });

function ownSelectors(session: Ikev2Session): { local: TrafficSelector; remote: TrafficSelector } | undefined {
  const ipsec = session.sa.end.ipsec;
  const local = trafficSelectorFromPrefix(ipsec.localPrefix ?? ANY_IPV4);
  const remote = trafficSelectorFromPrefix(ipsec.remotePrefix ?? ANY_IPV4);
  return local === undefined || remote === undefined ? undefined : { local, remote };
}

/** An SK payload that does not verify is dropped silently (RFC 7296 2.21.2); the request is retransmitted. */
function drop(session: Ikev2Session, which: 'request' | 'response', why: string): StepResult {
  const sa = session.sa;
  sa.observe({ outcome: 'IKE_AUTH_FAILED', reason: `${sa.name} could not open ${sa.peerName}'s IKE_AUTH ${which} (${why}): the IKE SA keys differ`, firstHand: true });
  return ignore(`IKE_AUTH ${which} dropped: ${why}`);
}

function sendRequest(session: Ikev2Session): StepResult {
  const sa = session.sa;
  session.childSpiI = drawSpi(sa.random);
  const built = buildEspProposals(sa.end.ipsec.proposals, session.childSpiI);
  for (const problem of built.problems) sa.event(problem);
  if (built.offered.length === 0) return firstHand('IPSEC_NO_PROPOSAL', `${sa.name} has no usable IPsec proposal to offer`);
  const selectors = ownSelectors(session);
  if (selectors === undefined) return firstHand('TS_UNACCEPTABLE', `${sa.name}'s term addresses are not prefixes`);
  const id = session.identity('idInitiator');
  session.sendEncrypted(Ikev2ExchangeType.ikeAuth, EXCHANGE, MESSAGE_ID, false, [
    id, session.authPayload(id), { kind: 'sa', ...built.sa },
    { kind: 'tsInitiator', selectors: [selectors.local] }, { kind: 'tsResponder', selectors: [selectors.remote] },
  ]);
  return OK;
}

function verifyAuth(session: Ikev2Session, payloads: V2Payloads, signer: 'initiator' | 'responder'): string | undefined {
  const sa = session.sa;
  const id = findV2(payloads, signer === 'initiator' ? 'idInitiator' : 'idResponder');
  const auth = findV2(payloads, 'authentication');
  if (id === undefined || auth === undefined) return `${sa.peerName}'s IKE_AUTH has no identity or AUTH payload`;
  const expected = session.auth(signer, id);
  if (expected.length !== auth.data.length || !timingSafeEqual(expected, auth.data)) return `pre-shared keys differ: ${sa.name} could not verify ${sa.peerName}'s AUTH payload`;
  const wanted = sa.end.ike.remoteIdentity === undefined ? undefined : parseIpv4Address(sa.end.ike.remoteIdentity);
  if (wanted !== undefined && !wanted.equals(id.data)) return `${sa.peerName} presented another identity than ${sa.name} expects (${sa.end.ike.remoteIdentity})`;
  return undefined;
}

/** Child KEYMAT: initiator-to-responder keys first; each side's inbound SA uses the SPI it chose. */
function install(session: Ikev2Session, algorithms: IpsecAlgorithms, tsLocal: TrafficSelector, tsRemote: TrafficSelector): StepResult {
  const sa = session.sa;
  const specs = espSpecs(algorithms);
  if (specs === undefined) return firstHand('IPSEC_NO_PROPOSAL', `${algorithms.encryption} is not implemented`);
  const integrityLength = specs.integrity?.keyLength ?? 0;
  const keys = deriveIkev2ChildKeys({
    prf: session.prf, skD: session.keys!.skD, nonceI: session.nonceI, nonceR: session.nonceR,
    encryptionKeyLength: specs.keymatLength - integrityLength, integrityKeyLength: integrityLength,
  });
  const towardsResponder = Buffer.concat([keys.encryptionKeyI, keys.integrityKeyI]);
  const towardsInitiator = Buffer.concat([keys.encryptionKeyR, keys.integrityKeyR]);
  const initiator = session.isInitiator;
  const pair = ipsecSaPair({
    algorithms, specs,
    inboundSpi: (initiator ? session.childSpiI : session.childSpiR).readUInt32BE(0), outboundSpi: (initiator ? session.childSpiR : session.childSpiI).readUInt32BE(0),
    inboundKeymat: initiator ? towardsInitiator : towardsResponder, outboundKeymat: initiator ? towardsResponder : towardsInitiator,
    antiReplayWindow: sa.end.ipsec.antiReplayWindow, localIdentity: describeTrafficSelector(tsLocal), remoteIdentity: describeTrafficSelector(tsRemote), random: sa.random,
  });
  if (pair === undefined) return firstHand('IPSEC_NO_PROPOSAL', 'keying material too short');
  sa.ipsecEstablished(pair);
  return OK;
}

function receiveRequest(session: Ikev2Session, input: Ikev2Input): StepResult {
  const sa = session.sa;
  const payloads = session.open(input.received);
  if (typeof payloads === 'string') return drop(session, 'request', payloads);
  const problem = v2RuleProblem(IKEV2_MESSAGE_RULES.ikeAuthRequest, payloads);
  if (problem !== undefined) return firstHand('IKE_AUTH_FAILED', `${sa.peerName}'s IKE_AUTH request is malformed: ${problem}`);
  const respond = (extra: Ikev2Payload[]) => session.sendEncrypted(Ikev2ExchangeType.ikeAuth, EXCHANGE, MESSAGE_ID, true, extra);
  const notify = (notifyType: number): Ikev2Payload => ({ kind: 'notify', protocolId: 0, notifyType, spi: Buffer.alloc(0), data: Buffer.alloc(0) });
  const authProblem = verifyAuth(session, payloads, 'initiator');
  if (authProblem !== undefined) {
    respond([notify(Ikev2NotifyType.authenticationFailed)]);
    return firstHand('IKE_AUTH_FAILED', authProblem);
  }
  const id = session.identity('idResponder');
  const proof = [id, session.authPayload(id)];
  session.matured();
  const ipsec = sa.end.ipsec;
  const offered = findV2(payloads, 'sa');
  const selection = offered === undefined ? undefined : selectEspProposal(offered, ipsec.proposals);
  if (selection === undefined || !selection.ok) {
    respond([...proof, notify(Ikev2NotifyType.noProposalChosen)]);
    return firstHand('IPSEC_NO_PROPOSAL', `no IPsec proposal matched: ${sa.peerName} offers [${selection?.offered.join(', ') ?? ''}], ${sa.name} accepts [${ipsec.proposals.map((p) => describeIpsecProposal(p)).join(', ')}]`);
  }
  const own = ownSelectors(session);
  const tsi = findV2(payloads, 'tsInitiator')?.selectors[0];
  const tsr = findV2(payloads, 'tsResponder')?.selectors[0];
  const narrowedI = own === undefined || tsi === undefined ? undefined : narrowSelector(tsi, own.remote);
  const narrowedR = own === undefined || tsr === undefined ? undefined : narrowSelector(tsr, own.local);
  if (narrowedI === undefined || narrowedR === undefined || own === undefined) {
    respond([...proof, notify(Ikev2NotifyType.tsUnacceptable)]);
    const proposed = `${tsi === undefined ? '?' : describeTrafficSelector(tsi)} -> ${tsr === undefined ? '?' : describeTrafficSelector(tsr)}`;
    const allowed = own === undefined ? '?' : `${describeTrafficSelector(own.remote)} -> ${describeTrafficSelector(own.local)}`;
    return firstHand('TS_UNACCEPTABLE', `traffic selectors do not overlap: ${sa.peerName} proposes ${proposed}, ${sa.name}'s term allows ${allowed}`);
  }
  session.childSpiI = selection.chosen.spi;
  session.childSpiR = drawSpi(sa.random);
  const installed = install(session, selection.algorithms, narrowedR, narrowedI);
  if (installed.kind !== 'ok') return installed;
  respond([...proof, { kind: 'sa', proposals: [{ ...selection.chosen, spi: session.childSpiR }] }, { kind: 'tsInitiator', selectors: [narrowedI] }, { kind: 'tsResponder', selectors: [narrowedR] }]);
  return OK;
}

function receiveResponse(session: Ikev2Session, input: Ikev2Input): StepResult {
  const sa = session.sa;
  const payloads = session.open(input.received);
  if (typeof payloads === 'string') return drop(session, 'response', payloads);
  sa.answered();
  if (notifyOf(payloads, Ikev2NotifyType.authenticationFailed) !== undefined) {
    return fail({ outcome: 'IKE_AUTH_FAILED', reason: `${sa.peerName} answered IKE_AUTH with AUTHENTICATION_FAILED (it could not verify ${sa.name}'s AUTH: pre-shared keys differ?)`, firstHand: false });
  }
  const problem = v2RuleProblem(IKEV2_MESSAGE_RULES.ikeAuthResponse, payloads);
  if (problem !== undefined) return firstHand('IKE_AUTH_FAILED', `${sa.peerName}'s IKE_AUTH response is malformed: ${problem}`);
  const authProblem = verifyAuth(session, payloads, 'responder');
  if (authProblem !== undefined) return firstHand('IKE_AUTH_FAILED', authProblem);
  session.matured();
  if (notifyOf(payloads, Ikev2NotifyType.noProposalChosen) !== undefined) {
    return fail({ outcome: 'IPSEC_NO_PROPOSAL', reason: `${sa.peerName} answered the CHILD_SA with NO_PROPOSAL_CHOSEN`, firstHand: false });
  }
  if (notifyOf(payloads, Ikev2NotifyType.tsUnacceptable) !== undefined) {
    return fail({ outcome: 'TS_UNACCEPTABLE', reason: `${sa.peerName} answered the CHILD_SA with TS_UNACCEPTABLE`, firstHand: false });
  }
  const chosen = findV2(payloads, 'sa')?.proposals[0];
  const match = chosen === undefined ? undefined : sa.end.ipsec.proposals.map((own) => matchEsp(chosen, own)).find((m) => m !== undefined);
  const own = ownSelectors(session);
  const tsi = findV2(payloads, 'tsInitiator')?.selectors[0];
  const tsr = findV2(payloads, 'tsResponder')?.selectors[0];
  if (chosen === undefined || match === undefined || chosen.spi.length !== 4) return firstHand('IPSEC_NO_PROPOSAL', `${sa.peerName} chose an ESP proposal ${sa.name} did not offer`);
  if (own === undefined || tsi === undefined || tsr === undefined || !selectorWithin(tsi, own.local) || !selectorWithin(tsr, own.remote)) {
    return firstHand('TS_UNACCEPTABLE', `${sa.peerName} narrowed the traffic selectors outside what ${sa.name} proposed`);
  }
  session.childSpiR = chosen.spi;
  return install(session, match.algorithms, tsi, tsr);
}

export const IKE_AUTH: TransitionTable<IkeAuthState, IkeAuthEvent, Ikev2Session, Ikev2Input> = {
  name: EXCHANGE,
  failed: 'FAILED',
  rows: [
    { state: 'I_START', event: 'start', action: sendRequest, next: 'I_SENT' },
    { state: 'I_SENT', event: 'response', action: receiveResponse, next: 'ESTABLISHED' },
    { state: 'R_IDLE', event: 'request', action: receiveRequest, next: 'ESTABLISHED' },
  ],
};
