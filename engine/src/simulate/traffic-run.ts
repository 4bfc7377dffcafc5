/**
 * simulate/traffic-run.ts: the packet-path part of `simulate()`: applies `--fail` to the topology before
 *   any exchange (IKE meets them on its routed way, simulate/underlay.ts), then, after the negotiations, builds the forwarding plane with the established tunnels'
 *   SAs (and the backup tunnels as topology links, down until a failover brings one up), starts dead peer
 *   detection (failover.ts, dpd/) and runs the asked routes, pings and traceroutes; lets a failure timed
 *   after the traffic happen and a running DPD probe or failover chain finish; collects statistics, traces,
 *   the DPD timeline and the renegotiations, and the show-output changes failover made.
 * Owns: router name resolution for traffic (host-name, else file name, any case), the order: failures,
 *   negotiations (simulate.ts), DPD start, routes, pings, traceroutes, DPD settle, statistics.
 * Must not know: how packets are forwarded (forwarding/), output layouts beyond calling report/.
 * Invariants: never throws on names or configs (unknown names become messages); adds nothing to the
 *   result unless traffic options were given; no key reaches the result.
 * Tests: test/src/engine/forwarding.test.ts, test/src/engine/traffic.test.ts, dpd.test.ts, dpd-failover.test.ts
 */
import type { RandomSource } from '../crypto/random';
import type { Network } from '../device/network';
import { MAX_FAILOVERS, RETRY_MS, startDeadPeerDetection } from '../dpd/index';
import { createForwardingPlane, type InstalledTunnel, type UnderlayTap } from '../forwarding/index';
import type { SimulatedClock } from '../net/clock';
import type { Tunnel } from '../peers/tunnels';
import { formatPing, formatTraceroute, showIpsecStatistics } from '../report/index';
import { createRouting } from '../routing/index';
import { buildTopology, findLink, findRouter, setLinkState, setRouterState, type Topology } from '../topology/index';
import { tunnelIdOf } from '../topology/tunnel-ids';
import { ping, traceroute, type PingRequest, type TracerouteRequest } from '../traffic/index';
import { giveUpAfterMs } from '../sa/retransmission';
import { createFailoverHost, dpdWatches, toSession, withBackupTunnels, type SideChange } from './failover';
import type { FailureApplied, TrafficResult } from './result';
import type { IkeSessionEnd } from './tunnel';

export interface TrafficOptions {
  /**
   * links (`R2:ge-0/0/1<->R3:ge-0/0/1`) or routers taken down before anything is exchanged, or, with
   * `@SECONDS` appended (`R3@20`), that many seconds after the traffic started (to watch DPD react)
   */
  readonly fail?: readonly string[];
  /** routers whose `show route` to include */
  readonly routes?: readonly string[];
  readonly ping?: readonly PingRequest[];
  readonly traceroute?: readonly TracerouteRequest[];
  /** a hook on physical links (tests: corrupt, drop or replay packets); not serialisable */
  readonly tap?: UnderlayTap;
}

export function wantsTraffic(options: TrafficOptions): boolean {
  return [options.fail, options.routes, options.ping, options.traceroute].some((list) => list !== undefined && list.length > 0);
}

/** The topology router called `name`: host-name, else file name without extension, any case. */
export function resolveRouter(topology: Topology, network: Network, name: string): string | undefined {
  const direct = findRouter(topology, name);
  if (direct) return direct.name;
  const lower = name.toLowerCase();
  const device = network.devices.find((d) => (d.docId.split(/[\\/]/).pop() ?? d.docId).replace(/\.[^.]*$/, '').toLowerCase() === lower);
  return device ? findRouter(topology, device.name)?.name : undefined;
}

export interface PreparedTraffic {
  readonly topology: Topology;
  readonly failures: FailureApplied[];
  /** failures to apply during the traffic */
  readonly later: { readonly what: string; readonly atSeconds: number }[];
}

/** `R3@20` -> R3 at 20 s; `R3` -> R3 from the start. */
function splitTime(text: string): { what: string; atSeconds: number | undefined } {
  const m = /^(.*)@(\d+(?:\.\d+)?)s?$/.exec(text);
  return m ? { what: m[1]!, atSeconds: Number(m[2]) } : { what: text, atSeconds: undefined };
}

function applyFailure(topology: Topology, network: Network, what: string): FailureApplied {
  if (what.includes('<->')) {
    const change = setLinkState(topology, what, false);
    return 'problem' in change
      ? { what, kind: 'unknown', id: undefined, message: change.problem.message }
      : { what, kind: 'link', id: change.id, message: `link ${change.id} is down` };
  }
  const router = resolveRouter(topology, network, what);
  const change = router === undefined ? undefined : setRouterState(topology, router, false);
  if (change && !('problem' in change)) return { what, kind: 'router', id: change.id, message: `router ${change.id} is down` };
  return { what, kind: 'unknown', id: undefined, message: `no link or router ${what} (routers: ${topology.routers.map((r) => r.name).join(', ')}; links: ${topology.links.filter((l) => l.kind !== 'tunnel').map((l) => l.id).join(', ')})` };
}

/** Builds the topology and applies the failures given without a time (IKE then meets them on its routed
 *  way, simulate/underlay.ts: a gateway cut off from its peer times out there, saying where). */
export function prepareTraffic(network: Network, tunnels: readonly Tunnel[], options: TrafficOptions): PreparedTraffic {
  const topology = buildTopology(network, withBackupTunnels(tunnels));
  const failures: FailureApplied[] = [];
  const later: { what: string; atSeconds: number }[] = [];
  for (const text of options.fail ?? []) {
    const { what, atSeconds } = splitTime(text);
    if (atSeconds !== undefined) {
      const known = what.includes('<->') ? findLink(topology, what) !== undefined : resolveRouter(topology, network, what) !== undefined;
      if (known) later.push({ what, atSeconds });
      else failures.push({ ...applyFailure(topology, network, what), what: text });
      continue;
    }
    failures.push(applyFailure(topology, network, what));
  }
  return { topology, failures, later };
}

export interface TrafficRunInput {
  readonly network: Network;
  readonly tunnels: readonly Tunnel[];
  readonly prepared: PreparedTraffic;
  readonly installed: readonly InstalledTunnel[];
  readonly clock: SimulatedClock;
  readonly random: RandomSource;
  readonly options: TrafficOptions;
  /** `id: VERDICT` of every tunnel that is not established (named in the reasons of failed pings) */
  readonly downTunnels: readonly string[];
  /** each end's hold on the IKE SA of an established tunnel (DPD hellos and answers are protected with it) */
  readonly ikeSessions: readonly IkeSessionEnd[];
  /** tunnels whose setup negotiation timed out (phase-1 timeout: a reason to fail over), with the reason */
  readonly setupTimeouts: ReadonlyMap<Tunnel, string>;
  /** receives every packet crossing a link during the traffic (for the pcap) */
  readonly record?: (bytes: Buffer, time: number) => void;
}

function withTunnels(reason: string | undefined, downTunnels: readonly string[]): string | undefined {
  if (reason === undefined || downTunnels.length === 0) return reason;
  return `${reason} (tunnel${downTunnels.length > 1 ? 's' : ''} not established: ${downTunnels.join('; ')})`;
}

/** The traffic part of the result, and the show-output changes DPD failover made. */
export interface TrafficRun {
  readonly traffic: TrafficResult;
  readonly sideChanges: SideChange[];
}

export function runTraffic(input: TrafficRunInput): TrafficRun {
  const { network, prepared, clock, random, options } = input;
  const { topology } = prepared;
  const up = new Set(input.installed.map((t) => t.tunnelId));
  const routing = createRouting(topology, { tunnelUp: (id) => up.has(id), now: () => clock.now() });
  const tunnels = withBackupTunnels(input.tunnels);
  const plane = createForwardingPlane({ topology, routing, devices: network.devices, tunnels, installed: input.installed, clock, random, ...(options.tap ? { tap: options.tap } : {}), ...(input.record ? { record: input.record } : {}) });
  const context = { plane, clock, random, router: (name: string) => resolveRouter(topology, network, name) };
  const failures = [...prepared.failures];
  const started = clock.now();
  for (const { what, atSeconds } of prepared.later) {
    clock.setTimeout(() => failures.push({ ...applyFailure(topology, network, what), atSeconds }), Math.max(0, started + atSeconds * 1000 - clock.now()));
  }
  const host = createFailoverHost({ network, tunnels, topology, plane, clock, random, up });
  const installedIds = new Set(input.installed.map((t) => t.tunnelId));
  const starts = dpdWatches(network, input.tunnels, input.ikeSessions, input.setupTimeouts);
  const sessions = input.ikeSessions.flatMap((held) => {
    const tunnel = input.tunnels.find((t) => [t.local, t.peer].some((e) => e !== undefined && e.device === held.end.device && e.serviceSet === held.end.serviceSet && e.rule === held.end.rule && e.term === held.end.term) && installedIds.has(tunnelIdOf(t)));
    return tunnel ? [toSession(held, tunnelIdOf(tunnel))] : [];
  });
  const dpd = startDeadPeerDetection(host, sessions, starts);
  const routes = (options.routes ?? []).map((name) => {
    const router = resolveRouter(topology, network, name) ?? name;
    return { router, text: routing.showRoute(router) };
  });
  const pings = (options.ping ?? []).map((request) => {
    const found = ping(context, request);
    const outcome = { ...found, reason: withTunnels(found.reason, input.downTunnels) };
    const refused = outcome.packets.length === 0 && outcome.sendErrors.length === 0;
    return { ...outcome, output: refused ? `error: ${outcome.reason ?? 'nothing sent'}\n` : formatPing(outcome) };
  });
  const traceroutes = (options.traceroute ?? []).map((request) => {
    const found = traceroute(context, request);
    const outcome = { ...found, reason: withTunnels(found.reason, input.downTunnels) };
    return { ...outcome, output: outcome.hops.length === 0 ? `traceroute to ${request.to}: ${outcome.reason ?? 'nothing sent'}\n` : formatTraceroute(outcome) };
  });
  // Let a failure scheduled after the traffic happen and DPD react to it, then let a running hello or
  // failover chain finish (bounded: six failovers of one phase-1 timeout each).
  if (starts.length > 0) {
    const lastFailure = Math.max(-1, ...prepared.later.map((l) => l.atSeconds));
    if (lastFailure >= 0) {
      const longest = Math.max(...starts.map((s) => s.watch.intervalSeconds * 1000 * 2 + s.watch.threshold * RETRY_MS));
      clock.advanceTo(Math.max(clock.now(), started + lastFailure * 1000 + longest + 1000));
    }
    const limit = clock.now() + MAX_FAILOVERS * (giveUpAfterMs() + 20_000) + 60_000;
    while (dpd.busy() && clock.now() < limit) clock.advance(100);
  }
  dpd.stop();
  const byRouter = new Map<string, ReturnType<typeof plane.statistics>>();
  for (const s of plane.statistics()) byRouter.set(s.router, [...(byRouter.get(s.router) ?? []), s]);
  const statistics = [...byRouter].map(([router, serviceSets]) => ({ router, serviceSets, text: showIpsecStatistics(serviceSets) }));
  const traffic: TrafficResult = {
    failures,
    routes,
    pings,
    traceroutes,
    statistics,
    serviceSetCounters: plane.classifierCounters(),
    traces: [...plane.traces()],
    tracesLeftOut: plane.droppedTraces(),
    deadPeerDetection: dpd.events(),
    renegotiations: host.renegotiations,
  };
  return { traffic, sideChanges: host.sideChanges };
}
