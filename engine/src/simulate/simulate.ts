/**
 * simulate/simulate.ts: `simulate()`: configuration files in, a `SimulationResult` out. Compiles the network,
 *   finds the tunnels, refuses to negotiate for a router Junos would not commit, maps each end onto the SA
 *   layer's config, runs the real exchange between the two ends on one shared simulated network and clock,
 *   and assembles verdicts, SAs, messages, defaults, blame and the routers' show outputs; with traffic options
 *   (`fail`, `routes`, `ping`, `traceroute`) also the packet path (traffic-run.ts) as `result.traffic`.
 * Owns: the options, the `target` filter, the platform -> compile options, one shared network, clock and
 *   random source per simulation, the commit check of the routers involved, duplicate-router findings and
 *   notes, per-router show outputs, the pcap of the whole run. Each tunnel is handled by tunnel.ts.
 * Must not know: how exchanges run (sa/), output layouts (report/), LSP, the file system.
 * Invariants: never throws on bad input (only on a broken installation: the grammar or schema failing to
 *   load); the result is plain JSON data and holds no key; with the same inputs, options and seed the result
 *   is identical (virtual time, seeded randomness, tunnels in network order).
 * Tests: test/src/engine/simulate.test.ts
 */
import { schemaFamily, type Platform } from '../../../server/src/analysis/platform';
import { seededRandom, systemRandom } from '../crypto/random';
import { compileNetwork, type Network } from '../device/network';
import type { Device } from '../device/types';
import { SimulatedClock } from '../net/clock';
import { InMemoryNetwork } from '../net/network';
import { encodePcap } from '../net/pcap';
import { findTunnels, type Tunnel, type TunnelEnd } from '../peers/tunnels';
import { showIkeSecurityAssociations, showIkeSecurityAssociationsDetail } from '../report/show-ike';
import { showIpsecSecurityAssociations, showIpsecSecurityAssociationsDetail } from '../report/show-ipsec';
import { checkCommits } from './commit-check';
import { PlaceFinder } from './places';
import { withBackupTunnels, type SideChange } from './failover';
import type { DeviceShowOutputs, DuplicateDevices, SimulationResult, TunnelSide } from './result';
import { ordered, runTunnel, TunnelIndexes, type RunContext, type TunnelRun } from './tunnel';
import { atShowTime } from './views';
import { routedTransport } from './underlay';
import { createRouting } from '../routing/index';
import { prepareTraffic, runTraffic, wantsTraffic, type TrafficOptions } from './traffic-run';
import { topologyView } from './topology-view';
import { buildTopology } from '../topology/index';

export interface SimulationInput {
  /** the document id (a path); blame and problems refer to it */
  readonly id: string;
  readonly text: string;
}

export interface SimulationTarget {
  /** only tunnels with an end on this router (host-name or file name, any case) */
  readonly device?: string;
  /** only tunnels with an end in this service set */
  readonly serviceSet?: string;
  /** only tunnels with an end using this rule */
  readonly rule?: string;
}

export interface SimulateOptions {
  /** `ms-pic` (default), `as-pic` (forces AS PIC defaults on every service interface), `acx`, `srx` */
  readonly platform?: Platform;
  /** makes cookies, SPIs and nonces reproducible; fresh randomness when absent */
  readonly seed?: number | string;
  readonly target?: SimulationTarget;
  /** include every packet as a pcap file in the result */
  readonly pcap?: boolean;
}

/** `SimulateOptions` with the packet path: `fail`, `routes`, `ping`, `traceroute` (and `tap` for tests). */
export type SimulateWithTrafficOptions = SimulateOptions & TrafficOptions;

function baseName(id: string): string {
  return id.split(/[\\/]/).pop() ?? id;
}

function matchesTarget(tunnel: Tunnel, target: SimulationTarget | undefined): boolean {
  if (!target) return true;
  const ends = [tunnel.local, tunnel.peer].filter((e): e is TunnelEnd => e !== undefined);
  return ends.some(
    (e) =>
      (target.device === undefined || e.device.toLowerCase() === target.device.toLowerCase()) &&
      (target.serviceSet === undefined || e.serviceSet === target.serviceSet) &&
      (target.rule === undefined || e.rule === target.rule),
  );
}

function duplicatesOf(network: Network, places: PlaceFinder): { duplicates: DuplicateDevices[]; notes: string[] } {
  const duplicates: DuplicateDevices[] = [];
  const notes: string[] = [];
  for (const f of network.findings) {
    if (f.code === 'duplicate-device') {
      duplicates.push({ message: f.message, files: [...f.files], kept: f.kept, reason: f.reason, places: f.spans.map((s) => places.place(s)) });
    } else {
      notes.push(f.message);
    }
  }
  return { duplicates, notes };
}

/**
 * The routers' sides once the traffic ran: DPD cleared some (a dead peer) and failover brought others up
 * (the backup tunnel); lifetimes count down to the end of the traffic.
 */
function afterFailover(tried: readonly TunnelRun[], changes: readonly SideChange[], now: number): Pick<TunnelRun, 'sides'>[] {
  const key = (docId: string, s: Pick<TunnelSide, 'serviceSet' | 'rule' | 'term'>): string => `${docId}\u0000${s.serviceSet}\u0000${s.rule}\u0000${s.term}`;
  const sides = new Map<string, { docId: string; side: TunnelSide; upSince: number }[]>();
  for (const r of tried) for (const s of r.sides) sides.set(key(s.docId, s.side), [...(sides.get(key(s.docId, s.side)) ?? []), { ...s, upSince: r.upSince }]);
  for (const c of changes) {
    const k = key(c.docId, c);
    if (c.side === undefined) sides.delete(k);
    else sides.set(k, [{ docId: c.docId, side: { ...c.side, tunnelIndex: sides.get(k)?.[0]?.side.tunnelIndex ?? c.side.tunnelIndex }, upSince: c.upSince }]);
  }
  return [{ sides: [...sides.values()].flat().map((s) => ({ docId: s.docId, side: atShowTime(s.side, Math.max(0, now - s.upSince)) })) }];
}

function showOutputs(network: Network, runs: readonly Pick<TunnelRun, 'sides'>[]): DeviceShowOutputs[] {
  const out: DeviceShowOutputs[] = [];
  for (const device of network.devices) {
    const sides = runs.flatMap((r) => r.sides.filter((s) => s.docId === device.docId).map((s) => s.side));
    if (sides.length === 0) continue;
    out.push({
      device: device.name,
      file: device.docId,
      ikeSecurityAssociations: showIkeSecurityAssociations(sides),
      ikeSecurityAssociationsDetail: showIkeSecurityAssociationsDetail(sides),
      ipsecSecurityAssociations: showIpsecSecurityAssociations(sides),
      ipsecSecurityAssociationsDetail: showIpsecSecurityAssociationsDetail(sides),
    });
  }
  return out;
}

function describeTarget(target: SimulationTarget): string {
  const parts = [
    target.device === undefined ? undefined : `router ${target.device}`,
    target.serviceSet === undefined ? undefined : `service set ${target.serviceSet}`,
    target.rule === undefined ? undefined : `rule ${target.rule}`,
  ].filter((p): p is string => p !== undefined);
  return parts.join(', ');
}

/** Simulates every IPsec tunnel the configurations describe (or those of `options.target`). */
export async function simulate(inputs: readonly SimulationInput[], options: SimulateWithTrafficOptions = {}): Promise<SimulationResult> {
  const platform: Platform = options.platform ?? 'ms-pic';
  const texts = new Map(inputs.map((i) => [i.id, i.text] as const));
  const places = new PlaceFinder(texts);
  const network = await compileNetwork(inputs, { platform: schemaFamily(platform), ...(platform === 'as-pic' ? { servicePic: 'as-pic' as const } : {}) });
  const { duplicates, notes } = duplicatesOf(network, places);
  const all = findTunnels(network);
  const tunnels = all.filter((t) => matchesTarget(t, options.target));
  if (all.length === 0) {
    notes.push(`No IPsec tunnel to simulate: no service set of ${network.devices.map((d) => `${d.name} (${baseName(d.docId)})`).join(', ') || 'the given files'} applies a rule term with a dynamic or manual SA.`);
  } else if (tunnels.length === 0 && options.target) {
    notes.push(`No tunnel matches ${describeTarget(options.target)}; the files describe ${all.length} tunnel(s): ${all.map((t) => `${t.local.device} ${t.local.serviceSet} ${t.local.rule}/${t.local.term}`).join(', ')}.`);
  }
  const involved = new Map<string, Device>();
  for (const t of tunnels) {
    for (const end of [t.local, t.peer]) {
      const device = end && network.devices.find((d) => d.docId === end.docId);
      if (device) involved.set(device.docId, device);
    }
  }
  const { blocking, models } = await checkCommits([...involved.values()], texts, platform, places);
  const clock = new SimulatedClock();
  const wire = new InMemoryNetwork(clock, { recordPackets: options.pcap === true });
  const random = options.seed === undefined ? systemRandom : seededRandom(options.seed);
  const traffic = wantsTraffic(options) ? prepareTraffic(network, all, options) : undefined;
  // IKE datagrams follow the routers' underlay routes (tunnels down): no route to the peer -> they are lost
  // and the initiator's retransmissions time out, as on real routers.
  const topology = traffic?.topology ?? buildTopology(network, withBackupTunnels(all));
  const underlay = routedTransport(wire, topology, createRouting(topology, { tunnelUp: () => false, now: () => clock.now() }), () => clock.now());
  const run: RunContext = { network, places, blocking, models, wire, underlay, clock, random, indexes: new TunnelIndexes(), target: options.target };
  const tried = tunnels.map((t) => runTunnel(t, run));
  // The show outputs are taken once every tunnel has been tried: SAs that came up earlier have less time left.
  const showTime = clock.now();
  const runs = tried.map((r): TunnelRun => {
    const since = Math.max(0, showTime - r.upSince);
    const sides = r.sides.map((s) => ({ docId: s.docId, side: atShowTime(s.side, since) }));
    return { ...r, sides, result: ordered({ ...r.result, sides: r.result.sides.map((s) => atShowTime(s, since)) }) };
  });
  const results = runs.map((r) => r.result);
  const established = results.filter((r) => r.verdict === 'ESTABLISHED').length;
  const trafficPackets: { time: number; bytes: Buffer }[] = [];
  const trafficRun = traffic
    ? runTraffic({
        network, tunnels: all, prepared: traffic, installed: runs.flatMap((r) => (r.installed ? [r.installed] : [])), clock, random, options,
        downTunnels: results.filter((r) => r.verdict !== 'ESTABLISHED').map((r) => `${r.id}: ${r.verdict}`),
        ikeSessions: runs.flatMap((r) => r.ikeSessions ?? []),
        setupTimeouts: new Map(tunnels.flatMap((t, i) => (results[i]?.verdict === 'PEER_UNREACHABLE' ? [[t, results[i]!.reason] as const] : []))),
        ...(options.pcap ? { record: (bytes: Buffer, time: number) => trafficPackets.push({ time, bytes }) } : {}),
      })
    : undefined;
  const result: SimulationResult = {
    formatVersion: 1,
    platform,
    seed: options.seed === undefined ? undefined : String(options.seed),
    files: network.files.map((f) => ({ id: f.id, device: f.device.name, kept: f.kept })),
    devices: network.devices.map((d) => d.name),
    tunnels: results,
    duplicateDevices: duplicates,
    notes,
    showOutputs: showOutputs(network, trafficRun ? afterFailover(tried, trafficRun.sideChanges, clock.now()) : runs),
    summary: { tunnels: results.length, established, failed: results.length - established },
    ...(options.pcap ? { pcap: pcapOf(wire, trafficPackets) } : {}),
    ...(trafficRun ? { traffic: trafficRun.traffic } : {}),
    topology: topologyView(topology),
  };
  // Fields that are undefined are left out, exactly as JSON carries them to the editor.
  return JSON.parse(JSON.stringify(result)) as SimulationResult;
}

function pcapOf(wire: InMemoryNetwork, traffic: readonly { time: number; bytes: Buffer }[]): { packets: number; base64: string } {
  // IKE packets once each (as sent), traffic once per link crossed (as a capture on every link would show it).
  const packets = [...wire.records.map((r) => ({ time: r.time, bytes: r.bytes })), ...traffic].sort((a, b) => a.time - b.time);
  return { packets: packets.length, base64: encodePcap(packets).toString('base64') };
}
