/**
 * simulate/tunnel.ts: one tunnel from `findTunnels` -> one `TunnelResult`: the order of decisions (a commit
 *   Junos would reject -> CONFIG_ERROR; no peer -> PEER_NOT_FOUND; an end that cannot be mapped ->
 *   CONFIG_ERROR or NOT_SIMULATED; otherwise the real exchange on the shared network and clock, over the
 *   routers' underlay routes: a timeout caused by lost datagrams says where they were lost), the
 *   defaults that concern the tunnel, tunnel indexes, and each router's side for the show outputs; the SAs
 *   the forwarding plane installs (negotiated ones when ESTABLISHED; the configured keys when both ends use
 *   `then manual`, whose verdict stays NOT_SIMULATED since nothing is negotiated).
 * Must not know: how exchanges run (sa/), output formats, other tunnels (except the shared index counter).
 * Invariants: never throws on configuration content; holds no key (the SA configs keep theirs behind a
 *   closure and are not part of the result).
 * Tests: test/src/engine/simulate.test.ts
 */
import type { ConfigModel } from '../../../server/src/model/index';
import type { RandomSource } from '../crypto/random';
import type { Network } from '../device/network';
import type { AppliedDefault, Device } from '../device/types';
import type { SimulatedClock } from '../net/clock';
import type { InMemoryNetwork } from '../net/network';
import type { Tunnel, TunnelEnd } from '../peers/tunnels';
import type { InstalledEnd, InstalledTunnel } from '../forwarding/types';
import { manualSas } from '../forwarding/manual-sa';
import { tunnelIdOf } from '../topology/tunnel-ids';
import { negotiate } from '../sa/negotiate';
import type { NegotiationResult } from '../sa/result';
import type { IkeKeying } from '../sa/ike-keying';
import { blameFor } from './blame';
import { endContext, mapEnd, type EndMapping } from './device-to-sa';
import { chooseInitiator } from './initiator';
import { ikePolicyLeafSpan } from './policy-spans';
import { uniqueBlame, type PlaceFinder } from './places';
import type { BlockingProblem, DefaultApplied, TunnelEndSummary, TunnelResult, TunnelSide, Verdict } from './result';
import { messagesOf, sideView } from './views';
import type { SimulationTarget } from './simulate';
import type { RoutedTransport } from './underlay';

function endSummary(end: TunnelEnd, devices: readonly Device[], role: 'initiator' | 'responder' | undefined): TunnelEndSummary {
  const ctx = endContext(devices, end);
  const sa = ctx?.term?.then.sa;
  return {
    device: end.device,
    file: end.docId,
    serviceSet: end.serviceSet,
    rule: end.rule,
    term: end.term,
    sa: end.sa,
    localGateway: end.localGateway,
    remoteGateway: end.remoteGateway,
    backupRemoteGateway: end.backupRemoteGateway,
    role,
    ikePolicy: sa?.kind === 'dynamic' ? sa.ikePolicy?.name : undefined,
    ipsecPolicy: sa?.kind === 'dynamic' ? sa.ipsecPolicy?.name : undefined,
  };
}

/** The defaults of `device` that concern this end: its service set, rule and term, policies and their proposals. */
function tunnelDefaults(device: Device, end: TunnelEnd, mapping: EndMapping | undefined): DefaultApplied[] {
  const allowed = new Map<string, Set<string>>([
    ['service-set', new Set([end.serviceSet])],
    ['rule', new Set([end.rule])],
    ['term', new Set([end.term])],
    ['policy', new Set<string>()],
    ['proposal', new Set<string>()],
  ]);
  if (mapping?.ok) {
    allowed.get('policy')!.add(mapping.ikePolicy.name).add(mapping.ipsecPolicy.name);
    for (const p of [...mapping.ikePolicy.proposals, ...mapping.ipsecPolicy.proposals]) allowed.get('proposal')!.add(p.name);
  }
  const concerns = (d: AppliedDefault): boolean => {
    let named = false;
    for (let i = 0; i + 1 < d.path.length; i++) {
      const names = allowed.get(d.path[i]!);
      if (!names) continue;
      if (!names.has(d.path[i + 1]!)) return false;
      named = true;
    }
    return named;
  };
  return device.defaults.filter(concerns).map((d) => ({ device: device.name, path: d.path.join(' '), value: d.value, reason: d.reason, source: d.source }));
}

function configErrorReason(blocking: readonly BlockingProblem[]): string {
  const byDevice = new Map<string, BlockingProblem[]>();
  for (const p of blocking) byDevice.set(p.device, [...(byDevice.get(p.device) ?? []), p]);
  const parts = [...byDevice].map(([device, list]) => {
    const first = list[0]!;
    const more = list.length > 1 ? ` (and ${list.length - 1} more error${list.length > 2 ? 's' : ''})` : '';
    return `Junos would reject ${device}'s commit: ${first.message.replace(/\.$/, '')}${more}`;
  });
  return `${parts.join('; ')}; nothing was negotiated.`;
}

export interface TunnelRun {
  readonly result: TunnelResult;
  /** per router (docId), the sides to show */
  readonly sides: { readonly docId: string; readonly side: TunnelSide }[];
  /** virtual time the last message of the exchange was sent (lifetimes count down from there) */
  readonly upSince: number;
  /** the SAs both ends installed, for the forwarding plane (only when ESTABLISHED; keys stay non-enumerable) */
  readonly installed?: InstalledTunnel;
  /** each end's hold on the IKE SA, for dead peer detection (only when ESTABLISHED; keys behind functions) */
  readonly ikeSessions?: readonly IkeSessionEnd[];
}

/** One end of an established IKE SA: who holds it and its keys (for DPD hellos and answers). */
export interface IkeSessionEnd {
  readonly end: TunnelEnd;
  readonly localGateway: string;
  readonly remoteGateway: string;
  readonly peerRouter: string;
  readonly keying: IkeKeying;
}

/** The same result with its fields in the documented order (verdict and reason first, for people reading JSON). */
export function ordered(r: TunnelResult): TunnelResult {
  return {
    id: r.id, verdict: r.verdict, reason: r.reason, peerSearch: r.peerSearch, ends: r.ends, initiator: r.initiator, ike: r.ike, ipsec: r.ipsec,
    sides: r.sides, messages: r.messages, events: r.events, defaults: r.defaults, blame: r.blame, blockingProblems: r.blockingProblems, elapsedMs: r.elapsedMs,
  };
}

export class TunnelIndexes {
  private readonly next = new Map<string, number>();

  take(end: TunnelEnd): number {
    const key = `${end.docId}\u0000${end.serviceSet}`;
    const n = (this.next.get(key) ?? 0) + 1;
    this.next.set(key, n);
    return n;
  }
}

export interface RunContext {
  readonly network: Network;
  readonly places: PlaceFinder;
  readonly blocking: ReadonlyMap<string, BlockingProblem[]>;
  readonly models: ReadonlyMap<string, ConfigModel>;
  readonly wire: InMemoryNetwork;
  /** the network the IKE exchanges use: `wire`, with the routers' underlay routes deciding delivery (underlay.ts) */
  readonly underlay?: RoutedTransport;
  readonly clock: SimulatedClock;
  readonly random: RandomSource;
  readonly indexes: TunnelIndexes;
  readonly target: SimulationTarget | undefined;
}

/** Manual SAs of both ends for the forwarding plane (no IKE); undefined when an end cannot carry ESP. */
function installManual(tunnel: Tunnel, ends: readonly (readonly [TunnelEnd, Device])[]): InstalledTunnel | undefined {
  const installed: InstalledEnd[] = [];
  for (const [end, device] of ends) {
    const term = device.ipsecVpn.rules.find((r) => r.name === end.rule)?.terms.find((t) => t.name === end.term);
    const applied = device.serviceSets.find((s) => s.name === end.serviceSet)?.terms.find((t) => t.rule === end.rule && t.term === end.term);
    const built = manualSas(term?.then.sa, applied?.antiReplay.enabled === false ? 0 : applied?.antiReplay.windowSize ?? 128);
    if (!built.ok || end.localGateway === undefined || end.remoteGateway === undefined) return undefined;
    installed.push({ router: end.device, serviceSet: end.serviceSet, rule: end.rule, term: end.term, localGateway: end.localGateway, remoteGateway: end.remoteGateway, sas: built.sas, ahSas: built.ahSas });
  }
  return { tunnelId: tunnelIdOf(tunnel), ends: installed };
}

export function runTunnel(tunnel: Tunnel, run: RunContext): TunnelRun {
  const { network, places } = run;
  const devices = network.devices;
  const local = tunnel.local;
  const peer = tunnel.peer;
  const id = `${local.device} ${local.serviceSet} ${local.rule}/${local.term}`;
  const base = {
    id,
    peerSearch: tunnel.message,
    ike: undefined,
    ipsec: undefined,
    sides: [],
    messages: [],
    events: [],
    blockingProblems: [],
    elapsedMs: 0,
  };
  const localCtx = endContext(devices, local);
  const peerCtx = peer ? endContext(devices, peer) : undefined;
  const endDevices = [localCtx?.device, peerCtx?.device].filter((d): d is Device => d !== undefined);

  // 1. A router Junos would not commit has no SA to show.
  const blocking = endDevices.flatMap((d) => run.blocking.get(d.docId) ?? []);
  if (blocking.length > 0) {
    const mappings = [localCtx && mapEnd(localCtx, local, local.remoteGateway), peerCtx && peer && mapEnd(peerCtx, peer, peer.remoteGateway ?? local.localGateway)];
    return {
      result: {
        ...base,
        verdict: 'CONFIG_ERROR',
        reason: configErrorReason(blocking),
        ends: [endSummary(local, devices, undefined), ...(peer ? [endSummary(peer, devices, undefined)] : [])],
        initiator: undefined,
        defaults: [
          ...(localCtx ? tunnelDefaults(localCtx.device, local, mappings[0]) : []),
          ...(peerCtx && peer ? tunnelDefaults(peerCtx.device, peer, mappings[1]) : []),
        ],
        blame: uniqueBlame(blocking.map(({ docId, start, end, line, column, endLine, endColumn, device, code }) => ({ docId, start, end, line, column, endLine, endColumn, device, what: code }))),
        blockingProblems: blocking,
      },
      sides: [],
      upSince: run.clock.now(),
    };
  }

  // 2. Nobody at the other end.
  if (!peer || !peerCtx || !localCtx || tunnel.status === 'no-peer') {
    const mapping = localCtx ? mapEnd(localCtx, local, local.remoteGateway) : undefined;
    const what = local.remoteGateway === undefined ? 'term (no remote-gateway)' : 'remote-gateway';
    return {
      result: {
        ...base,
        verdict: 'PEER_NOT_FOUND',
        reason: tunnel.message,
        ends: [endSummary(local, devices, undefined)],
        initiator: undefined,
        defaults: localCtx ? tunnelDefaults(localCtx.device, local, mapping) : [],
        blame: places.blame(local.device, local.spans.remoteGateway ?? local.spans.term, what),
      },
      sides: [],
      upSince: run.clock.now(),
    };
  }

  // 3. Map both ends; the responder sends to its own remote-gateway (or back to the caller when it has none).
  const choice = chooseInitiator(local, peer, run.target?.device);
  const initiatorCtx = choice.initiator === local ? localCtx : peerCtx;
  const responderCtx = choice.initiator === local ? peerCtx : localCtx;
  const initiatorMap = mapEnd(initiatorCtx, choice.initiator, choice.initiator.remoteGateway);
  const responderMap = mapEnd(responderCtx, choice.responder, choice.responder.remoteGateway ?? choice.initiator.localGateway);
  const defaults = [
    ...tunnelDefaults(localCtx.device, local, choice.initiator === local ? initiatorMap : responderMap),
    ...tunnelDefaults(peerCtx.device, peer, choice.initiator === local ? responderMap : initiatorMap),
  ];
  const roleOf = (end: TunnelEnd): 'initiator' | 'responder' => (end === choice.initiator ? 'initiator' : 'responder');
  const ends = [endSummary(local, devices, roleOf(local)), endSummary(peer, devices, roleOf(peer))];
  const unmapped = (mapping: Extract<EndMapping, { ok: false }>, end: TunnelEnd): TunnelRun => ({
    result: {
      ...base,
      verdict: mapping.verdict,
      reason: mapping.reason,
      ends: [endSummary(local, devices, undefined), endSummary(peer, devices, undefined)],
      initiator: undefined,
      defaults,
      blame: uniqueBlame(mapping.blame.flatMap((b) => places.blame(end.device, b.span, b.what))),
    },
    sides: [],
    upSince: run.clock.now(),
  });
  if (!initiatorMap.ok && local.sa === 'manual' && peer.sa === 'manual' && initiatorMap.verdict === 'NOT_SIMULATED') {
    const installed = installManual(tunnel, [[local, localCtx.device], [peer, peerCtx.device]]);
    const run = unmapped(initiatorMap, choice.initiator);
    return installed ? { ...run, installed } : run;
  }
  if (!initiatorMap.ok) return unmapped(initiatorMap, choice.initiator);
  if (!responderMap.ok) return unmapped(responderMap, choice.responder);

  // 4. The exchange, on the shared network and clock.
  const startedAt = run.clock.now();
  const negotiation: NegotiationResult = negotiate(initiatorMap.config, responderMap.config, { network: run.underlay ?? run.wire, clock: run.clock, random: run.random });
  const { messages, events } = messagesOf(negotiation.log);
  const verdict: Verdict = negotiation.outcome;
  let reason = negotiation.reason;
  // A timeout caused by the underlay: say where the datagrams were lost (one sentence per direction).
  const drops = verdict === 'PEER_UNREACHABLE' ? run.underlay?.dropsBetween(initiatorMap.config.ike.localAddress, initiatorMap.config.ike.remoteAddress) ?? [] : [];
  const lost = [...new Map(drops.map((d) => [`${d.source}>${d.destination}`, d] as const)).values()];
  if (lost.length > 0) reason = `${reason.replace(/\.$/, '')}; the datagrams were lost on the way: ${lost.map((d) => d.why).join('; ')}`;
  if (tunnel.status === 'not-pointing-back' && verdict !== 'ESTABLISHED') reason = `${reason.replace(/\.$/, '')}: ${tunnel.message}`;
  const lastMessage = messages.length > 0 ? messages[messages.length - 1]!.time : startedAt;
  const initiatorIndex = run.indexes.take(choice.initiator);
  const responderIndex = run.indexes.take(choice.responder);
  const sides = [
    sideView(negotiation.initiator, choice.initiator, initiatorIndex, messages),
    sideView(negotiation.responder, choice.responder, responderIndex, messages),
  ];
  const blame =
    verdict === 'ESTABLISHED'
      ? []
      : blameFor(
          verdict,
          ([[choice.initiator, initiatorMap], [choice.responder, responderMap]] as const).map(([end, mapping]) => ({
            device: end.device,
            spans: mapping.spans,
            version: ikePolicyLeafSpan(run.models.get(end.docId), mapping.ikePolicy.name, 'version'),
            mode: ikePolicyLeafSpan(run.models.get(end.docId), mapping.ikePolicy.name, 'mode'),
          })),
          places,
        );
  const ike = negotiation.ikeAlgorithms;
  const ipsec = negotiation.ipsecAlgorithms;
  const installedEnd = (end: TunnelEnd, own: NegotiationResult['initiator'], other: NegotiationResult['initiator']): InstalledEnd => ({
    router: end.device, serviceSet: end.serviceSet, rule: end.rule, term: end.term, localGateway: own.address, remoteGateway: other.address, sas: own.ipsecSas,
  });
  const installed: InstalledTunnel | undefined =
    verdict === 'ESTABLISHED'
      ? { tunnelId: tunnelIdOf(tunnel), ends: [installedEnd(choice.initiator, negotiation.initiator, negotiation.responder), installedEnd(choice.responder, negotiation.responder, negotiation.initiator)] }
      : undefined;
  const exchangeType = sides[0]!.ikeSa?.exchangeType ?? sides[1]!.ikeSa?.exchangeType ?? (initiatorMap.config.ike.version === 2 ? 'IKEv2' : initiatorMap.config.ike.mode === 'aggressive' ? 'Aggressive' : 'Main');
  return {
    result: {
      ...base,
      verdict,
      reason,
      ends,
      initiator: { device: choice.initiator.device, why: choice.why },
      ike: ike && { version: initiatorMap.config.ike.version, exchangeType, encryption: ike.encryption, authentication: ike.authentication, dhGroup: ike.dhGroup, lifetimeSeconds: ike.lifetimeSeconds },
      ipsec: ipsec && { protocol: ipsec.protocol, encryption: ipsec.encryption, authentication: ipsec.authentication, pfsGroup: ipsec.pfsGroup, lifetimeSeconds: ipsec.lifetimeSeconds },
      sides,
      messages,
      events,
      defaults,
      blame,
      elapsedMs: negotiation.elapsedMs,
    },
    sides: [
      { docId: choice.initiator.docId, side: sides[0]! },
      { docId: choice.responder.docId, side: sides[1]! },
    ],
    upSince: lastMessage,
    ...(installed ? { installed, ikeSessions: ikeSessionsOf(negotiation, choice.initiator, choice.responder) } : {}),
  };
}

function ikeSessionsOf(negotiation: NegotiationResult, initiator: TunnelEnd, responder: TunnelEnd): IkeSessionEnd[] {
  const out: IkeSessionEnd[] = [];
  for (const [own, other, end] of [[negotiation.initiator, negotiation.responder, initiator], [negotiation.responder, negotiation.initiator, responder]] as const) {
    if (own.keying === undefined) continue;
    out.push({ end, localGateway: own.address, remoteGateway: other.address, peerRouter: other.deviceName, keying: own.keying });
  }
  return out;
}
