/**
 * sa/negotiate.ts: runs one tunnel's negotiation between two configured sides over the in-memory network
 *   on the simulated clock and turns what the two IkeSa objects saw into one verdict.
 * Owns: setting up both sides (the responder listens first), running virtual time until both are done
 *   (or the initiator gave up), choosing which side's failure explains the result (a side that saw the cause
 *   itself wins over one that was only notified; an IKE version mismatch seen by the responder explains
 *   the initiator's timeout), and the result shape.
 * Must not know: message formats (the runners do), configs beyond TunnelEndConfig.
 * Invariants: deterministic for a given seed (same cookies, SPIs, nonces, bytes); never throws for
 *   configuration content (problems become failures); keys appear only in the non-enumerable `esp` fields.
 * Tests: test/src/engine/sa-*.test.ts
 */
import { seededRandom, systemRandom, type RandomSource } from '../crypto/random';
import { SimulatedClock } from '../net/clock';
import { InMemoryNetwork, type UdpTransport } from '../net/network';
import type { TunnelEndConfig } from './config';
import { IkeSa, type RunnerFactory } from './ike-sa';
import { createIkev1Runner } from './ikev1-runner';
import { createIkev2Runner } from './ikev2-runner';
import type { MessageLogEntry } from './message-log';
import type { IpsecAlgorithms, NegotiationResult, Role, SaFailure, SideResult } from './result';
import { giveUpAfterMs } from './retransmission';

export interface NegotiateOptions {
  /** The network to run on; it must run on `clock`. Default: a fresh network with 1 ms latency. */
  readonly network?: UdpTransport;
  readonly clock?: SimulatedClock;
  /** Where cookies, SPIs, nonces and DH keys come from (wins over `seed`). */
  readonly random?: RandomSource;
  /** Reproducible run: the same seed gives the same bytes. Default: system randomness. */
  readonly seed?: number | string;
}

const runnerFor = (end: TunnelEndConfig): RunnerFactory => (end.ike.version === 2 ? createIkev2Runner : createIkev1Runner);

function sideResult(sa: IkeSa): SideResult {
  const side: SideResult = {
    deviceName: sa.name, address: sa.end.ike.localAddress, role: sa.role, ...(sa.ikeSa === undefined ? {} : { ikeSa: sa.ikeSa }),
    ipsecSas: sa.ipsecSas, ...(sa.failure === undefined ? {} : { failure: sa.failure }), retransmissions: sa.retransmissions,
  };
  // The IKE SA's keys, for DPD on it: not enumerable, so never serialised.
  if (sa.keying !== undefined) Object.defineProperty(side, 'keying', { value: sa.keying, enumerable: false });
  return side;
}

interface Explanation { readonly failure: SaFailure; readonly side: IkeSa }

/** Which side's view explains a failed negotiation. */
function explain(initiator: IkeSa, responder: IkeSa): Explanation | undefined {
  const sides = [responder, initiator];
  const direct = sides.find((s) => s.failure?.firstHand && s.failure.outcome !== 'PEER_UNREACHABLE');
  if (direct !== undefined) return { failure: direct.failure!, side: direct };
  const observed = sides.find((s) => s.observedFailure !== undefined);
  if (observed !== undefined) {
    const timeout = initiator.failure?.outcome === 'PEER_UNREACHABLE' ? `; ${initiator.name} gave up after ${initiator.retransmissions} retransmissions` : '';
    return { failure: { ...observed.observedFailure!, reason: observed.observedFailure!.reason + timeout }, side: observed };
  }
  const any = [initiator, responder].find((s) => s.failure !== undefined);
  return any === undefined ? undefined : { failure: any.failure!, side: any };
}

function ipsecAlgorithms(sa: IkeSa): IpsecAlgorithms | undefined {
  const record = sa.ipsecSas[0];
  if (record === undefined) return undefined;
  return {
    protocol: 'esp', encryption: record.encryption, ...(record.authentication === undefined ? {} : { authentication: record.authentication }),
    ...(sa.end.ipsec.pfsGroup === undefined || sa.end.ike.version === 2 ? {} : { pfsGroup: sa.end.ipsec.pfsGroup }), lifetimeSeconds: record.hardLifetimeSeconds,
  };
}

/** Both sides of one negotiation, set up on a network and clock (the responder listens first). */
function setUp(initiatorEnd: TunnelEndConfig, responderEnd: TunnelEndConfig, options: NegotiateOptions) {
  const clock = options.clock ?? new SimulatedClock();
  const network = options.network ?? new InMemoryNetwork(clock);
  const random = options.random ?? (options.seed !== undefined ? seededRandom(options.seed) : systemRandom);
  const log: MessageLogEntry[] = [];
  const common = { network, clock, random, log };
  const responder = new IkeSa({ ...common, role: 'responder', end: responderEnd, peerName: initiatorEnd.ike.deviceName, runner: runnerFor(responderEnd) });
  const initiator = new IkeSa({ ...common, role: 'initiator', end: initiatorEnd, peerName: responderEnd.ike.deviceName, runner: runnerFor(initiatorEnd) });
  const finished = () => initiator.status === 'failed' || (initiator.done && responder.done);
  return { clock, log, initiator, responder, finished };
}

/** Negotiates the tunnel `initiator` starts towards `responder`; runs the virtual clock to a verdict. */
export function negotiate(initiatorEnd: TunnelEndConfig, responderEnd: TunnelEndConfig, options: NegotiateOptions = {}): NegotiationResult {
  const { clock, log, initiator, responder, finished } = setUp(initiatorEnd, responderEnd, options);
  const started = clock.now();
  const deadline = started + giveUpAfterMs() + 10_000;
  initiator.start();
  while (!finished() && clock.now() < deadline) clock.advance(1);
  const elapsedMs = clock.now() - started;
  // Let a last notification reach the other side so both views are complete.
  clock.advance(10);
  initiator.dispose();
  responder.dispose();
  return resultOf(initiator, responder, log, elapsedMs);
}

export interface RunningNegotiation {
  /** stops both sides (no result is delivered) */
  cancel(): void;
}

/**
 * The same negotiation driven by timers instead of advancing the clock itself: for exchanges that start
 * while something else runs the clock (DPD failover during a ping). `onDone` gets the result 10 ms after
 * the verdict (so a last notification arrives), or when the initiator gives up.
 */
export function startNegotiation(
  initiatorEnd: TunnelEndConfig,
  responderEnd: TunnelEndConfig,
  options: NegotiateOptions & { readonly clock: SimulatedClock },
  onDone: (result: NegotiationResult) => void,
): RunningNegotiation {
  const { clock, log, initiator, responder, finished } = setUp(initiatorEnd, responderEnd, options);
  const started = clock.now();
  const deadline = started + giveUpAfterMs() + 10_000;
  let stopped = false;
  let cancelled = false;
  const stop = (): void => {
    stopped = true;
    poll.cancel();
    initiator.dispose();
    responder.dispose();
  };
  const poll = clock.setInterval(() => {
    if (stopped || (!finished() && clock.now() < deadline)) return;
    const elapsedMs = clock.now() - started;
    stopped = true;
    poll.cancel();
    clock.setTimeout(() => {
      initiator.dispose();
      responder.dispose();
      if (!cancelled) onDone(resultOf(initiator, responder, log, elapsedMs));
    }, 10);
  }, 1);
  initiator.start();
  return { cancel: () => { cancelled = true; if (!stopped) stop(); } };
}

function resultOf(initiator: IkeSa, responder: IkeSa, log: MessageLogEntry[], elapsedMs: number): NegotiationResult {
  const base = { initiator: sideResult(initiator), responder: sideResult(responder), log, elapsedMs };
  const ikeAlgorithms = initiator.ikeSa?.algorithms ?? responder.ikeSa?.algorithms;
  const withIke = ikeAlgorithms === undefined ? {} : { ikeAlgorithms };
  if (initiator.status === 'established' && responder.status === 'established') {
    const ipsec = ipsecAlgorithms(initiator)!;
    const ike = initiator.ikeSa!;
    const reason = `tunnel ${initiator.name} <-> ${responder.name} established: IKE SA ${ike.exchangeType} ${ike.algorithms.encryption}/${ike.algorithms.authentication}/${ike.algorithms.dhGroup}, `
      + `IPsec SAs esp/${ipsec.encryption}${ipsec.authentication === undefined ? '' : `/${ipsec.authentication}`}${ipsec.pfsGroup === undefined ? '' : ` with PFS ${ipsec.pfsGroup}`}`;
    return { outcome: 'ESTABLISHED', reason, ...withIke, ipsecAlgorithms: ipsec, ...base };
  }
  const explanation = explain(initiator, responder) ?? {
    failure: { outcome: 'PEER_UNREACHABLE', reason: `the negotiation between ${initiator.name} and ${responder.name} did not finish`, firstHand: true } as SaFailure,
    side: initiator,
  };
  const role: Role = explanation.side.role;
  return { outcome: explanation.failure.outcome, reason: explanation.failure.reason, detectedBy: { role, deviceName: explanation.side.name }, ...withIke, ...base };
}
