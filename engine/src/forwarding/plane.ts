/**
 * forwarding/plane.ts: `createForwardingPlane`: every router's forwarding of real IPv4 packets on the
 *   simulated clock: hop by hop over the topology's links (TTL, ICMP errors, echo replies, port
 *   unreachable for traceroute probes), and at a service set's inside interface the classifier's decision:
 *   drop, or ESP tunnel mode with the negotiated SA (or AH with a manual `protocol ah` SA; sequence numbers, tunnel-mtu and
 *   clear-dont-fragment-bit), the ESP packet routed over the underlay to the remote gateway, decrypted
 *   there (anti-replay window as configured) and the inner packet forwarded on.
 * Owns: the SA tables (outbound by tunnel, inbound by SPI; SAs a DPD failover negotiated are installed while
 *   traffic runs and serve their term), the per-service-set IPsec statistics, the
 *   reassembly of fragments addressed to a router, packet numbers and trace records, the TTL rule of the
 *   tunnel: the encrypting router decrements (the tunnel is its hop); the decrypting router checks the TTL
 *   of the inner packet but does not decrement it again (that reproduces the seed: traceroute shows both R3
 *   and R2, and R1's ping to R4 comes back with ttl=254 from R4's 255).
 * Must not know: IKE (SAs come in installed), output layouts, the CLI.
 * Invariants: never throws on packet content (bad bytes are dropped and traced); keys stay in the SA
 *   records' non-enumerable fields and never reach a trace; every packet that reaches a service set is
 *   counted once; physical links carry any size (only the tunnel MTU is enforced).
 * Tests: test/src/engine/forwarding.test.ts
 */
import type { RandomSource } from '../crypto/random';
import type { AppliedTerm, Device } from '../device/types';
import type { SimulatedClock } from '../net/clock';
import type { Tunnel } from '../peers/tunnels';
import type { Routing } from '../routing/index';
import { createPacketClassifier, type PacketClassifier, type PacketSelectors, type ServiceSetCounters } from '../services/index';
import { findRouter, isLinkUp, type Topology } from '../topology/index';
import { ahEncapsulate, ahVerify, type AhSa } from '../wire/ah';
import { espDecapsulate, espEncapsulate, espSpi, type EspSa } from '../wire/esp';
import { encodeIcmp, icmpError, IcmpCode, IcmpType, decodeIcmp } from '../wire/icmp';
import { clearDontFragment, decodeIpv4, encodeIpv4, fragmentIpv4, IpProtocol, reassembleIpv4, type Ipv4Packet } from '../wire/ipv4';
import { ReplayWindow } from '../wire/replay-window';
import { decodeUdp } from '../wire/udp';
import { icmpErrorSource, unitAddress } from './icmp-source';
import {
  DEFAULT_LATENCY,
  type InstalledEnd,
  type InstalledTunnel,
  type IpsecStatistics,
  type LatencyModel,
  type LocalDelivery,
  type PacketTrace,
  type SendFailure,
  type TraceAction,
  type UnderlayTap,
} from './types';

export interface ForwardingPlaneInput {
  readonly topology: Topology;
  readonly routing: Routing;
  readonly devices: readonly Device[];
  readonly tunnels: readonly Tunnel[];
  readonly installed: readonly InstalledTunnel[];
  readonly clock: SimulatedClock;
  readonly random: RandomSource;
  readonly latency?: LatencyModel;
  readonly tap?: UnderlayTap;
  /** called with every packet as it crosses a physical link (after the tap), for the pcap */
  readonly record?: (bytes: Buffer, time: number) => void;
  /** trace records kept (oldest kept, later ones counted only); default 20000 */
  readonly maxTraces?: number;
}

export interface ForwardingPlane {
  /** sends an IPv4 packet built by `router`'s own stack (ping, traceroute); returns its packet number */
  originate(router: string, packet: Ipv4Packet): number;
  /** whether `address` is one of `router`'s own addresses right now (its unit up, the router up) */
  isLocal(router: string, address: string): boolean;
  /** the source address `router` uses toward `destination` (the unit it leaves by), undefined without a route */
  sourceFor(router: string, destination: string): string | undefined;
  /** calls `handler` for every packet delivered to `router`'s own stack; returns a function that stops */
  listen(router: string, handler: (delivery: LocalDelivery) => void, onFailure?: (failure: SendFailure) => void): () => void;
  /** a fresh IP identification value */
  nextIdentification(): number;
  statistics(): IpsecStatistics[];
  classifierCounters(): { readonly router: string; readonly counters: ServiceSetCounters[] }[];
  traces(): readonly PacketTrace[];
  /** trace records not kept because of `maxTraces` */
  droppedTraces(): number;
  /** the latest reason a packet numbered `packet` was dropped, when it was */
  dropReason(packet: number): string | undefined;
  /** virtual time `router` last decrypted a packet of the tunnel (-1 when never) */
  lastInbound(router: string, tunnelId: string): number;
  /** removes `router`'s SAs of the tunnel (DPD declared the peer dead); false when it had none */
  clearTunnel(router: string, tunnelId: string): boolean;
  /**
   * installs the SAs of a tunnel negotiated while traffic runs (DPD failover): on `switchingRouter` they
   * replace any SA of the same term (the term's active tunnel is now this one), elsewhere those of the tunnel
   */
  installTunnel(tunnel: InstalledTunnel, switchingRouter: string): void;
}

interface OutboundSa {
  readonly end: InstalledEnd;
  readonly esp: EspSa;
  sequence: number;
  readonly applied: AppliedTerm | undefined;
  readonly statistics: IpsecStatistics;
}

interface InboundSa {
  readonly tunnelId: string;
  lastSeen: number;
  readonly end: InstalledEnd;
  readonly esp: EspSa;
  readonly window: ReplayWindow | undefined;
  readonly statistics: IpsecStatistics;
  readonly insideUnit: string | undefined;
}

interface OutboundAh {
  readonly end: InstalledEnd;
  readonly ah: AhSa;
  sequence: number;
  readonly applied: AppliedTerm | undefined;
  readonly statistics: IpsecStatistics;
}

interface InboundAh {
  readonly tunnelId: string;
  lastSeen: number;
  readonly end: InstalledEnd;
  readonly ah: AhSa;
  readonly window: ReplayWindow | undefined;
  readonly statistics: IpsecStatistics;
  readonly insideUnit: string | undefined;
}

interface RouterState {
  readonly device: Device;
  readonly classifier: PacketClassifier;
  readonly outbound: Map<string, OutboundSa>;
  readonly inbound: Map<number, InboundSa>;
  readonly outboundAh: Map<string, OutboundAh>;
  readonly inboundAh: Map<number, InboundAh>;
  readonly statistics: Map<string, IpsecStatistics>;
  readonly fragments: Map<string, Ipv4Packet[]>;
  readonly listeners: Set<{ delivery: (d: LocalDelivery) => void; failure: ((f: SendFailure) => void) | undefined }>;
}

/** How a packet came to be at a router. */
interface Arrival {
  readonly packet: number;
  /** the unit it arrived on (undefined: originated here) */
  readonly unit: string | undefined;
  /** true when it came out of a tunnel on this router */
  readonly decrypted: boolean;
}

function newStatistics(router: string, pic: string, serviceSet: string): IpsecStatistics {
  return {
    router, pic, serviceSet,
    encryptedBytes: 0, decryptedBytes: 0, encryptedPackets: 0, decryptedPackets: 0,
    ahInputBytes: 0, ahOutputBytes: 0, ahInputPackets: 0, ahOutputPackets: 0, ahAuthenticationFailures: 0,
    replayErrors: 0, espAuthenticationFailures: 0, espDecryptionFailures: 0, badHeaders: 0, badTrailers: 0,
    mtuDrops: 0, unknownSpi: 0,
  };
}

function selectorsOf(p: Ipv4Packet): PacketSelectors {
  if ((p.protocol === IpProtocol.udp || p.protocol === IpProtocol.tcp) && p.fragmentOffset === 0 && p.payload.length >= 4) {
    return { source: p.source, destination: p.destination, protocol: p.protocol, sourcePort: p.payload.readUInt16BE(0), destinationPort: p.payload.readUInt16BE(2) };
  }
  return { source: p.source, destination: p.destination, protocol: p.protocol };
}

export function createForwardingPlane(input: ForwardingPlaneInput): ForwardingPlane {
  const { topology, routing, clock, random } = input;
  const latency = input.latency ?? DEFAULT_LATENCY;
  const maxTraces = input.maxTraces ?? 20000;
  const traceLog: PacketTrace[] = [];
  let tracesDropped = 0;
  let packetCounter = 0;
  let identification = 1;
  const drops = new Map<number, string>();
  const routers = new Map<string, RouterState>();

  for (const r of topology.routers) {
    const device = input.devices.find((d) => d.name === r.name) ?? r.device;
    const statistics = new Map<string, IpsecStatistics>();
    for (const set of device.serviceSets) {
      const unit = set.insideInterface?.name ?? set.serviceInterface?.name ?? '';
      statistics.set(set.name, newStatistics(device.name, unit.replace(/\.\d+$/, ''), set.name));
    }
    routers.set(r.name, {
      device, classifier: createPacketClassifier(device, input.tunnels), outbound: new Map(), inbound: new Map(), outboundAh: new Map(), inboundAh: new Map(), statistics,
      fragments: new Map(), listeners: new Set(),
    });
  }

  /** Tunnels installed by `installTunnel` (their outbound SA also serves the term when the classifier names another tunnel). */
  const switched = new Set<string>();
  /** Installs one tunnel's SAs on its ends; `switchingRouter`'s older SAs of the same term go (one active tunnel per term). */
  const install = (tunnel: InstalledTunnel, switchingRouter: string | undefined): void => {
    for (const end of tunnel.ends) {
      const state = routers.get(end.router);
      if (!state) continue;
      const replaced = (e: InstalledEnd, id: string): boolean =>
        id === tunnel.tunnelId || (end.router === switchingRouter && e.serviceSet === end.serviceSet && e.rule === end.rule && e.term === end.term);
      if (switchingRouter !== undefined) {
        for (const [id, out] of state.outbound) if (replaced(out.end, id)) state.outbound.delete(id);
        for (const [spi, sa] of state.inbound) if (replaced(sa.end, sa.tunnelId)) state.inbound.delete(spi);
      }
      const set = state.device.serviceSets.find((s) => s.name === end.serviceSet);
      const applied = set?.terms.find((t) => t.rule === end.rule && t.term === end.term);
      const statistics = state.statistics.get(end.serviceSet) ?? newStatistics(end.router, '', end.serviceSet);
      const term = state.device.ipsecVpn.rules.find((r) => r.name === end.rule)?.terms.find((t) => t.name === end.term);
      const insideUnit = term?.from.ipsecInsideInterface?.name ?? set?.insideInterface?.name;
      for (const sa of end.sas) {
        if (sa.direction === 'outbound') {
          state.outbound.set(tunnel.tunnelId, { end, esp: sa.esp, sequence: 0, applied, statistics });
        } else {
          const window = applied && !applied.antiReplay.enabled ? undefined : new ReplayWindow(applied?.antiReplay.windowSize ?? (sa.antiReplayWindow || 128));
          state.inbound.set(sa.spi >>> 0, { tunnelId: tunnel.tunnelId, lastSeen: -1, end, esp: sa.esp, window, statistics, insideUnit });
        }
      }
      for (const sa of end.ahSas ?? []) {
        if (sa.direction === 'outbound') state.outboundAh.set(tunnel.tunnelId, { end, ah: sa.ah, sequence: 0, applied, statistics });
        else {
          const window = applied && !applied.antiReplay.enabled ? undefined : new ReplayWindow(applied?.antiReplay.windowSize ?? 128);
          state.inboundAh.set(sa.spi >>> 0, { tunnelId: tunnel.tunnelId, lastSeen: -1, end, ah: sa.ah, window, statistics, insideUnit });
        }
      }
    }
  };
  // Install the SAs of every established tunnel.
  for (const tunnel of input.installed) install(tunnel, undefined);

  /**
   * The outbound SA for a term's packet: the one of the tunnel the classifier names, else the one installed
   * for the same term on this router (after a failover the term's active tunnel is the backup's).
   */
  const outboundFor = (state: RouterState, tunnelId: string, serviceSet: string | undefined, rule: string | undefined, term: string | undefined): OutboundSa | OutboundAh | undefined => {
    const direct = state.outbound.get(tunnelId) ?? state.outboundAh.get(tunnelId);
    if (direct) return direct;
    const same = (e: InstalledEnd): boolean => e.serviceSet === serviceSet && e.rule === rule && e.term === term;
    return [...state.outbound].find(([id, o]) => switched.has(id) && same(o.end))?.[1];
  };

  const jitter = (): number => (latency.jitterMs > 0 ? (random.bytes(1)[0]! / 255) * latency.jitterMs : 0);

  const trace = (
    arrival: Arrival, router: string, unit: string | undefined, action: TraceAction, p: Ipv4Packet | undefined, bytes: number, outcome: string,
    extra: { serviceSet?: string | undefined; rule?: string | undefined; term?: string | undefined; spi?: number | undefined; sequenceNumber?: number | undefined } = {},
  ): void => {
    if (action === 'drop') drops.set(arrival.packet, `${router}: ${outcome}`);
    if (traceLog.length >= maxTraces) {
      tracesDropped++;
      return;
    }
    traceLog.push({
      packet: arrival.packet, time: Math.round(clock.now() * 1000) / 1000, router, interface: unit, action,
      source: p?.source ?? '?', destination: p?.destination ?? '?', protocol: p?.protocol ?? 0, ttl: p?.ttl ?? 0, bytes,
      serviceSet: extra.serviceSet, rule: extra.rule, term: extra.term, spi: extra.spi, sequenceNumber: extra.sequenceNumber, outcome,
    });
  };

  const at = (delayMs: number, run: () => void): void => {
    clock.setTimeout(run, Math.max(0, delayMs));
  };

  /** An ICMP error from `router` about `offending` (sent back to its source). */
  const sendIcmpError = (state: RouterState, arrival: Arrival, offending: Ipv4Packet, type: number, code: number, source: string | undefined, mtu = 0): void => {
    if (offending.protocol === IpProtocol.icmp) {
      const inner = decodeIcmp(offending.payload);
      // Never an error about an error (RFC 1122 3.2.2).
      if (!inner.ok || (inner.value.type !== IcmpType.echoRequest && inner.value.type !== IcmpType.echoReply)) return;
    }
    const from = source ?? unitAddress(state.device, undefined);
    if (from === undefined) return;
    const error = icmpError(type, code, encodeIpv4(offending), mtu);
    const reply: Ipv4Packet = {
      tos: 0, identification: identification++ & 0xffff, dontFragment: false, moreFragments: false, fragmentOffset: 0,
      ttl: 255, protocol: IpProtocol.icmp, source: from, destination: offending.source, options: Buffer.alloc(0), payload: encodeIcmp(error),
    };
    const number = ++packetCounter;
    trace({ packet: number, unit: undefined, decrypted: false }, state.device.name, undefined, 'icmp-error', reply, 28 + error.data.length, `ICMP ${type}/${code} to ${offending.source} about packet ${arrival.packet}`);
    forward(state, reply, { packet: number, unit: undefined, decrypted: false });
  };

  const failSend = (state: RouterState, reason: string): void => {
    for (const l of state.listeners) l.failure?.({ router: state.device.name, time: clock.now(), reason });
  };

  /** A packet for this router's own addresses. */
  const deliverLocally = (state: RouterState, p: Ipv4Packet, arrival: Arrival, unit: string | undefined): void => {
    let whole: Ipv4Packet | undefined = p;
    if (p.moreFragments || p.fragmentOffset > 0) {
      const key = `${p.source}|${p.destination}|${p.protocol}|${p.identification}`;
      const list = [...(state.fragments.get(key) ?? []), p];
      whole = reassembleIpv4(list);
      if (!whole) {
        state.fragments.set(key, list);
        trace(arrival, state.device.name, unit, 'deliver', p, 20 + p.payload.length, `fragment at offset ${p.fragmentOffset} kept for reassembly`);
        return;
      }
      state.fragments.delete(key);
    }
    if (whole.protocol === IpProtocol.esp) {
      receiveEsp(state, whole, arrival, unit);
      return;
    }
    if (whole.protocol === IpProtocol.ah && whole.payload.length >= 8 && state.inboundAh.has(whole.payload.readUInt32BE(4))) {
      receiveAh(state, whole, arrival, unit);
      return;
    }
    const bytes = encodeIpv4(whole);
    trace(arrival, state.device.name, unit, 'deliver', whole, bytes.length, 'delivered to the router itself');
    for (const l of state.listeners) l.delivery({ router: state.device.name, time: clock.now(), bytes });
    if (whole.protocol === IpProtocol.icmp) {
      const icmp = decodeIcmp(whole.payload);
      if (icmp.ok && icmp.value.type === IcmpType.echoRequest) {
        // Junos answers echo requests with TTL 255 (R1 sees ttl=254 from R4 in the seed: one decrement on the way back).
        const reply: Ipv4Packet = {
          tos: whole.tos, identification: identification++ & 0xffff, dontFragment: false, moreFragments: false, fragmentOffset: 0,
          ttl: 255, protocol: IpProtocol.icmp, source: whole.destination, destination: whole.source, options: Buffer.alloc(0),
          payload: encodeIcmp({ ...icmp.value, type: IcmpType.echoReply }),
        };
        forward(state, reply, { packet: ++packetCounter, unit: undefined, decrypted: false });
      }
    } else if (whole.protocol === IpProtocol.udp) {
      const udp = decodeUdp(whole.payload, whole.source, whole.destination);
      if (udp.ok && udp.value.destinationPort >= 33434) sendIcmpError(state, arrival, whole, IcmpType.destinationUnreachable, 3, whole.destination);
    }
  };

  const receiveEsp = (state: RouterState, outer: Ipv4Packet, arrival: Arrival, unit: string | undefined): void => {
    const spi = espSpi(outer.payload);
    const sa = spi === undefined ? undefined : state.inbound.get(spi);
    if (!sa) {
      const any = [...state.statistics.values()][0];
      if (any) {
        if (spi === undefined) any.badHeaders++;
        else any.unknownSpi++;
      }
      trace(arrival, state.device.name, unit, 'drop', outer, 20 + outer.payload.length, spi === undefined ? 'ESP packet too short for a header' : `no inbound SA with SPI ${spi}`, { spi });
      return;
    }
    const opened = espDecapsulate(sa.esp, outer.payload, sa.window);
    const ids = { serviceSet: sa.end.serviceSet, rule: sa.end.rule, term: sa.end.term, spi: spi! };
    if (!opened.ok) {
      const s = sa.statistics;
      if (opened.failure === 'auth-failure') s.espAuthenticationFailures++;
      else if (opened.failure === 'replay') s.replayErrors++;
      else if (opened.failure === 'decryption-failure') s.espDecryptionFailures++;
      else if (opened.failure === 'bad-trailer') s.badTrailers++;
      else s.badHeaders++;
      trace(arrival, state.device.name, unit, 'drop', outer, 20 + outer.payload.length, `ESP ${opened.failure}: ${opened.detail}`, { ...ids, sequenceNumber: opened.sequenceNumber });
      return;
    }
    const inner = decodeIpv4(opened.payload);
    if (opened.nextHeader !== IpProtocol.ipInIp || !inner.ok) {
      sa.statistics.badTrailers++;
      trace(arrival, state.device.name, unit, 'drop', outer, 20 + outer.payload.length, 'the decrypted payload is not an IPv4 packet', { ...ids, sequenceNumber: opened.sequenceNumber });
      return;
    }
    sa.lastSeen = clock.now();
    sa.statistics.decryptedBytes += opened.payload.length;
    sa.statistics.decryptedPackets++;
    trace(arrival, state.device.name, sa.insideUnit, 'decrypt', inner.value, opened.payload.length, `decrypted by ${sa.end.serviceSet}`, { ...ids, sequenceNumber: opened.sequenceNumber });
    const next: Arrival = { packet: arrival.packet, unit: sa.insideUnit, decrypted: true };
    at(latency.espMs + jitter(), () => receive(state.device.name, encodeIpv4(inner.value), next));
  };

  const receiveAh = (state: RouterState, outer: Ipv4Packet, arrival: Arrival, unit: string | undefined): void => {
    const spi = outer.payload.readUInt32BE(4);
    const sa = state.inboundAh.get(spi)!;
    const ids = { serviceSet: sa.end.serviceSet, rule: sa.end.rule, term: sa.end.term, spi };
    const verified = ahVerify(sa.ah, encodeIpv4(outer), sa.window);
    if (!verified.ok) {
      const s = sa.statistics;
      if (verified.failure === 'auth-failure') s.ahAuthenticationFailures++;
      else if (verified.failure === 'replay') s.replayErrors++;
      else s.badHeaders++;
      trace(arrival, state.device.name, unit, 'drop', outer, 20 + outer.payload.length, `AH ${verified.failure}: ${verified.detail}`, ids);
      return;
    }
    const inner = decodeIpv4(verified.payload);
    if (verified.nextHeader !== IpProtocol.ipInIp || !inner.ok) {
      sa.statistics.badHeaders++;
      trace(arrival, state.device.name, unit, 'drop', outer, 20 + outer.payload.length, 'the AH payload is not an IPv4 packet', ids);
      return;
    }
    sa.lastSeen = clock.now();
    sa.statistics.ahInputBytes += verified.payload.length;
    sa.statistics.ahInputPackets++;
    trace(arrival, state.device.name, sa.insideUnit, 'decrypt', inner.value, verified.payload.length, `AH verified by ${sa.end.serviceSet}`, { ...ids, sequenceNumber: verified.sequenceNumber });
    const next: Arrival = { packet: arrival.packet, unit: sa.insideUnit, decrypted: true };
    at(latency.espMs + jitter(), () => receive(state.device.name, encodeIpv4(inner.value), next));
  };

  /** The packet enters the tunnel at a service set's inside interface. */
  const intoTunnel = (state: RouterState, p: Ipv4Packet, arrival: Arrival, unit: string): void => {
    const decision = state.classifier.classify({ kind: 'routed-to', unit }, selectorsOf(p));
    const ids = { serviceSet: decision.serviceSet, rule: decision.rule, term: decision.term };
    if (decision.action.kind !== 'encrypt') {
      trace(arrival, state.device.name, unit, 'drop', p, 20 + p.payload.length, decision.action.reason, ids);
      return;
    }
    const tunnelId = decision.action.tunnelId;
    const out = tunnelId === undefined ? undefined : outboundFor(state, tunnelId, decision.serviceSet, decision.rule, decision.term);
    if (!out) {
      trace(arrival, state.device.name, unit, 'drop', p, 20 + p.payload.length, `term ${decision.term} has no installed SA (the tunnel is not established)`, ids);
      return;
    }
    const mtu = out.applied?.tunnelMtu.value ?? 1500;
    const clearDf = out.applied?.clearDontFragmentBit ?? false;
    const candidate = clearDf ? clearDontFragment(p) : p;
    const split = fragmentIpv4(candidate, mtu);
    if (!split.ok) {
      out.statistics.mtuDrops++;
      trace(arrival, state.device.name, unit, 'drop', p, 20 + p.payload.length, `${20 + p.payload.length} bytes exceed tunnel-mtu ${mtu} and DF is set`, ids);
      sendIcmpError(state, arrival, p, IcmpType.destinationUnreachable, IcmpCode.fragmentationNeeded, out.end.localGateway, mtu);
      return;
    }
    if (split.fragments.length > 1) trace(arrival, state.device.name, unit, 'fragment', p, 20 + p.payload.length, `fragmented into ${split.fragments.length} for tunnel-mtu ${mtu}`, ids);
    for (const fragment of split.fragments) {
      const inner = encodeIpv4(fragment);
      out.sequence++;
      if ('ah' in out) {
        const outerFields = {
          tos: fragment.tos, identification: identification++ & 0xffff, dontFragment: false, moreFragments: false, fragmentOffset: 0,
          ttl: 64, source: out.end.localGateway, destination: out.end.remoteGateway, options: Buffer.alloc(0),
        };
        const sealed = decodeIpv4(ahEncapsulate(out.ah, out.sequence, inner, outerFields));
        if (!sealed.ok) continue;
        out.statistics.ahOutputBytes += inner.length;
        out.statistics.ahOutputPackets++;
        trace(arrival, state.device.name, unit, 'encrypt', fragment, inner.length, `authenticated (AH) by ${out.end.serviceSet} to ${out.end.remoteGateway}`, { ...ids, spi: out.ah.spi >>> 0, sequenceNumber: out.sequence });
        const carrier: Arrival = { packet: arrival.packet, unit: undefined, decrypted: false };
        at(latency.espMs + jitter(), () => forward(state, sealed.value, carrier));
        continue;
      }
      const esp = espEncapsulate(out.esp, out.sequence, inner, random);
      out.statistics.encryptedBytes += inner.length;
      out.statistics.encryptedPackets++;
      const outer: Ipv4Packet = {
        tos: fragment.tos, identification: identification++ & 0xffff, dontFragment: false, moreFragments: false, fragmentOffset: 0,
        ttl: 64, protocol: IpProtocol.esp, source: out.end.localGateway, destination: out.end.remoteGateway, options: Buffer.alloc(0), payload: esp,
      };
      trace(arrival, state.device.name, unit, 'encrypt', fragment, inner.length, `encrypted by ${out.end.serviceSet} to ${out.end.remoteGateway}`, { ...ids, spi: out.esp.spi >>> 0, sequenceNumber: out.sequence });
      const carrier: Arrival = { packet: arrival.packet, unit: undefined, decrypted: false };
      at(latency.espMs + jitter(), () => forward(state, outer, carrier));
    }
  };

  /** Routing decision and transmission of a packet that is (now) this router's to forward. */
  const forward = (state: RouterState, p: Ipv4Packet, arrival: Arrival): void => {
    const name = state.device.name;
    const found = routing.lookup(name, p.destination);
    if (!found) {
      if (arrival.unit === undefined && !arrival.decrypted && p.protocol !== IpProtocol.esp) failSend(state, `${name} has no route to ${p.destination}`);
      trace(arrival, name, arrival.unit, 'drop', p, 20 + p.payload.length, `no route to ${p.destination}`);
      if (arrival.unit !== undefined) sendIcmpError(state, arrival, p, IcmpType.destinationUnreachable, IcmpCode.networkUnreachable, icmpErrorSource(state.device, arrival.unit, undefined));
      return;
    }
    const hop = found.nextHop;
    if (hop.kind === 'local' || hop.kind === 'receive') {
      deliverLocally(state, p, arrival, hop.kind === 'local' ? hop.interface : arrival.unit);
      return;
    }
    if (hop.kind !== 'forward') {
      trace(arrival, name, arrival.unit, 'drop', p, 20 + p.payload.length, `route ${found.route.prefix} is ${hop.kind}`);
      if (hop.kind === 'reject') sendIcmpError(state, arrival, p, IcmpType.destinationUnreachable, IcmpCode.hostUnreachable, icmpErrorSource(state.device, arrival.unit, undefined));
      return;
    }
    const set = state.device.serviceSets.find((s) => s.insideInterface?.name === hop.interface);
    const intoServices = hop.tunnelId !== undefined || set !== undefined;
    // TTL: transit packets only; a packet just decrypted here is checked but not decremented again.
    let packet = p;
    if (arrival.unit !== undefined) {
      if (p.ttl <= 1) {
        const localGateway = intoServices ? (set?.ipsecVpnOptions.localGateway?.address ?? unitAddress(state.device, undefined)) : undefined;
        trace(arrival, name, arrival.unit, 'drop', p, 20 + p.payload.length, 'TTL expired in transit');
        sendIcmpError(state, arrival, p, IcmpType.timeExceeded, IcmpCode.ttlExceededInTransit, icmpErrorSource(state.device, arrival.unit, localGateway));
        return;
      }
      if (!arrival.decrypted) packet = { ...p, ttl: p.ttl - 1 };
    }
    if (intoServices) {
      at(latency.forwardMs, () => intoTunnel(state, packet, arrival, hop.interface));
      return;
    }
    const target = hop.to ?? packet.destination;
    const link = topology.links.find((l) => l.kind !== 'tunnel' && isLinkUp(topology, l) && l.ends.some((e) => e.router === name && e.unit === hop.interface));
    const neighbor = link?.ends.find((e) => e.router !== name && e.address === target);
    if (!link || !neighbor) {
      // The far router is down but our side of the wire is not: the packet still leaves (a capture on this
      // interface shows it) and is lost.
      const wire = topology.links.find((l) => l.kind !== 'tunnel' && !topology.state.downLinks.has(l.id) && l.ends.some((e) => e.router === name && e.unit === hop.interface));
      const deadNeighbor = wire?.ends.find((e) => e.router !== name && e.address === target && topology.state.downRouters.has(e.router));
      if (deadNeighbor) {
        input.record?.(encodeIpv4(packet), clock.now() + latency.forwardMs);
        trace(arrival, name, hop.interface, 'drop', packet, 20 + packet.payload.length, `sent to ${deadNeighbor.router} via ${hop.interface}, which is down: lost`);
        if (arrival.unit === undefined && packet.protocol !== IpProtocol.esp) failSend(state, `${name}: ${target} does not answer on ${hop.interface}`);
        return;
      }
      trace(arrival, name, hop.interface, 'drop', packet, 20 + packet.payload.length, `no neighbour answers for ${target} on ${hop.interface}`);
      if (arrival.unit !== undefined) sendIcmpError(state, arrival, p, IcmpType.destinationUnreachable, IcmpCode.hostUnreachable, icmpErrorSource(state.device, arrival.unit, undefined));
      else if (packet.protocol !== IpProtocol.esp) failSend(state, `${name}: ${target} does not answer on ${hop.interface}`);
      return;
    }
    const bytes = encodeIpv4(packet);
    trace(arrival, name, hop.interface, arrival.unit === undefined && !arrival.decrypted ? 'send' : 'forward', packet, bytes.length, `to ${neighbor.router} via ${hop.interface} (route ${found.route.prefix})`);
    const copies = input.tap ? input.tap(bytes, { from: name, to: neighbor.router, linkId: link.id }) : [bytes];
    const next: Arrival = { packet: arrival.packet, unit: neighbor.unit, decrypted: false };
    for (const copy of copies) {
      input.record?.(copy, clock.now() + latency.forwardMs);
      at(latency.forwardMs + latency.linkMs + jitter(), () => receive(neighbor.router, copy, next));
    }
  };

  const receive = (router: string, bytes: Buffer, arrival: Arrival): void => {
    const state = routers.get(router);
    if (!state) return;
    const decoded = decodeIpv4(bytes);
    if (!decoded.ok) {
      trace(arrival, router, arrival.unit, 'drop', undefined, bytes.length, `malformed IPv4: ${decoded.problem.message}`);
      return;
    }
    if (topology.state.downRouters.has(router)) {
      trace(arrival, router, arrival.unit, 'drop', decoded.value, bytes.length, `${router} is down`);
      return;
    }
    forward(state, decoded.value, arrival);
  };

  return {
    originate: (router, packet) => {
      const state = routers.get(findRouter(topology, router)?.name ?? router);
      const number = ++packetCounter;
      if (!state) return number;
      forward(state, packet, { packet: number, unit: undefined, decrypted: false });
      return number;
    },
    isLocal: (router, address) => {
      const name = findRouter(topology, router)?.name ?? router;
      if (topology.state.downRouters.has(name)) return false;
      const hop = routing.lookup(name, address)?.nextHop;
      return hop?.kind === 'local' || hop?.kind === 'receive';
    },
    sourceFor: (router, destination) => {
      const state = routers.get(findRouter(topology, router)?.name ?? router);
      if (!state) return undefined;
      const found = routing.lookup(state.device.name, destination);
      if (!found) return undefined;
      const hop = found.nextHop;
      return unitAddress(state.device, hop.kind === 'forward' || hop.kind === 'local' ? hop.interface : undefined);
    },
    listen: (router, handler, onFailure) => {
      const state = routers.get(findRouter(topology, router)?.name ?? router);
      if (!state) return () => undefined;
      const entry = { delivery: handler, failure: onFailure };
      state.listeners.add(entry);
      return () => state.listeners.delete(entry);
    },
    nextIdentification: () => identification++ & 0xffff,
    statistics: () => [...routers.values()].flatMap((s) => [...s.statistics.values()].map((x) => ({ ...x }))),
    classifierCounters: () => [...routers.values()].filter((s) => s.device.serviceSets.length > 0).map((s) => ({ router: s.device.name, counters: s.classifier.counters() })),
    traces: () => traceLog,
    droppedTraces: () => tracesDropped,
    dropReason: (packet) => drops.get(packet),
    lastInbound: (router, tunnelId) => {
      const state = routers.get(router);
      const all = [...(state?.inbound.values() ?? []), ...(state?.inboundAh.values() ?? [])];
      return Math.max(-1, ...all.filter((i) => i.tunnelId === tunnelId).map((i) => i.lastSeen));
    },
    clearTunnel: (router, tunnelId) => {
      const state = routers.get(router);
      if (!state) return false;
      const had = state.outbound.delete(tunnelId) || state.outboundAh.delete(tunnelId);
      for (const [spi, sa] of state.inbound) if (sa.tunnelId === tunnelId) state.inbound.delete(spi);
      for (const [spi, sa] of state.inboundAh) if (sa.tunnelId === tunnelId) state.inboundAh.delete(spi);
      return had;
    },
    installTunnel: (tunnel, switchingRouter) => {
      switched.add(tunnel.tunnelId);
      install(tunnel, switchingRouter);
    },
  };
}
