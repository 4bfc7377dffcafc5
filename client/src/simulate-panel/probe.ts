/**
 * client/simulate-panel/probe.ts: which ping the Simulate Tunnel panel runs by default, and the packet path
 *   of a ping as hops between routers, both read from a `SimulationResult`.
 * Owns: choosing the default probe (from a router behind one gateway of the first tunnel to a router behind
 *   the other, the way the seed checks R1 -> R4 over R2 <-> R3); turning packet traces into hops.
 * Must not know: VS Code APIs, drawing (render.ts), how the engine forwards.
 * Invariants: pure functions of the result; nothing is assumed about router names or addresses: both come
 *   from the result's topology and tunnels; undefined when the result does not say enough.
 * Tests: test/src/client/simulate-panel.test.ts
 */
import type { PacketTrace } from '../../../engine/src/forwarding/types';
import type { SimulationResult, TopologyLinkView, TopologyView } from '../../../engine/src/simulate/result';

/** A ping (and traceroute) to run: router names as the topology has them, an IPv4 address to reach. */
export interface DefaultProbe {
  readonly from: string;
  readonly to: string;
  /** the router that owns `to` */
  readonly toRouter: string;
  /** the tunnel's two gateway routers, near end first */
  readonly gateways: readonly [string, string];
}

function physical(topology: TopologyView): TopologyLinkView[] {
  return topology.links.filter((l) => l.kind !== 'tunnel');
}

/** Routers reachable from `start` over physical links without entering the `avoid` routers, nearest first (BFS), with the link they were reached by. */
function reachable(topology: TopologyView, start: string, avoid: readonly string[]): { router: string; via: TopologyLinkView; distance: number }[] {
  const seen = new Set([start, ...avoid]);
  const out: { router: string; via: TopologyLinkView; distance: number }[] = [];
  let frontier = [start];
  for (let distance = 1; frontier.length > 0; distance++) {
    const next: string[] = [];
    for (const router of frontier) {
      for (const link of physical(topology)) {
        if (!link.ends.some((e) => e.router === router)) continue;
        for (const end of link.ends) {
          if (seen.has(end.router)) continue;
          seen.add(end.router);
          out.push({ router: end.router, via: link, distance });
          next.push(end.router);
        }
      }
    }
    frontier = next;
  }
  return out;
}

/** The router that owns `address` on one of its links, if any. */
function ownerOf(topology: TopologyView, address: string | undefined): string | undefined {
  if (address === undefined) return undefined;
  for (const link of topology.links) for (const end of link.ends) if (end.address === address) return end.router;
  return undefined;
}

/**
 * The default probe for the first tunnel that has (or points at) two gateways: from the nearest router
 * behind the near gateway (the gateway itself when none) to the address, on the link toward the far
 * gateway, of the nearest router behind the far gateway (its router-id when none). Routers reachable from
 * both gateways without crossing the other (a transport network between them) and the ends of other
 * tunnels or backup gateways are behind neither (a backup gateway is not crossed from the near side).
 */
export function defaultProbe(result: SimulationResult): DefaultProbe | undefined {
  const topology = result.topology;
  if (!topology) return undefined;
  const known = new Set(topology.routers.map((r) => r.name));
  // every tunnel end, and the routers owning a backup-remote-gateway (a second way to the far side)
  const backups = result.tunnels.flatMap((t) => t.ends.map((e) => ownerOf(topology, e.backupRemoteGateway))).filter((r): r is string => r !== undefined);
  const gateways = new Set([...result.tunnels.flatMap((t) => t.ends.map((e) => e.device)), ...backups]);
  for (const tunnel of result.tunnels) {
    const nearEnd = tunnel.ends[0];
    if (!nearEnd) continue;
    const near = nearEnd.device;
    const far = tunnel.ends[1]?.device ?? ownerOf(topology, nearEnd.remoteGateway);
    if (!far || far === near || !known.has(near) || !known.has(far)) continue;
    const nearSide = reachable(topology, near, [far, ...backups]);
    const farSide = reachable(topology, far, [near]);
    // behind neither: routers both gateways reach (a transport network) and the gateways of other tunnels
    const both = new Set([...nearSide.map((r) => r.router).filter((r) => farSide.some((f) => f.router === r)), ...gateways]);
    const source = nearSide.find((r) => !both.has(r.router));
    const target = farSide.find((r) => !both.has(r.router));
    const from = source?.router ?? near;
    let to: string | undefined;
    let toRouter = far;
    if (target) {
      to = target.via.ends.find((e) => e.router === target.router)?.address;
      toRouter = target.router;
    }
    // nothing behind the far gateway: its router-id (a loopback, reached through the tunnel when routed there)
    to ??= topology.routers.find((r) => r.name === far)?.routerId;
    if (to === undefined) continue;
    return { from, to, toRouter, gateways: [near, far] };
  }
  return undefined;
}

/**
 * One step of a packet between routers: over a physical link (`esp` when it carried the packet encrypted),
 * or, from the encrypting gateway to the decrypting one, through the tunnel.
 */
export interface PathHop {
  readonly from: string;
  readonly to: string;
  readonly via: 'link' | 'tunnel';
  /** the physical link crossed, when the topology has it (undefined for tunnel hops) */
  readonly linkId: string | undefined;
  readonly esp: boolean;
}

/** Where a packet went: its steps in order, the router-to-router hops, and where it ended. */
export interface PacketPath {
  readonly packet: number;
  readonly steps: PacketTrace[];
  readonly hops: PathHop[];
  /** the router the packet was delivered to or dropped at, and how */
  readonly end: { readonly router: string; readonly action: PacketTrace['action']; readonly outcome: string } | undefined;
}

function linkFrom(topology: TopologyView | undefined, router: string, unit: string | undefined, to: string): TopologyLinkView | undefined {
  if (!topology) return undefined;
  return physical(topology).find((l) => l.ends.some((e) => e.router === router && (unit === undefined || e.unit === unit)) && l.ends.some((e) => e.router === to));
}

/** The path of packet `packet` from the traces: a hop per change of router; encrypt ... decrypt is one tunnel hop. */
export function packetPath(traces: readonly PacketTrace[], packet: number, topology: TopologyView | undefined): PacketPath {
  const steps = traces.filter((t) => t.packet === packet).sort((a, b) => a.time - b.time);
  const hops: PathHop[] = [];
  let encryptedAt: string | undefined;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const before = steps[i - 1];
    if (before && step.router !== before.router) {
      hops.push({ from: before.router, to: step.router, via: 'link', linkId: linkFrom(topology, before.router, before.interface, step.router)?.id, esp: encryptedAt !== undefined });
    }
    if (step.action === 'encrypt') encryptedAt = step.router;
    if (step.action === 'decrypt' && encryptedAt !== undefined) {
      if (encryptedAt !== step.router) hops.push({ from: encryptedAt, to: step.router, via: 'tunnel', linkId: undefined, esp: true });
      encryptedAt = undefined;
    }
  }
  const last = steps[steps.length - 1];
  return { packet, steps, hops, end: last ? { router: last.router, action: last.action, outcome: last.outcome } : undefined };
}

/** The echo reply to a ping's request packet: the next packet that goes back from its destination to its source. */
export function replyPacket(traces: readonly PacketTrace[], request: number): number | undefined {
  const first = traces.find((t) => t.packet === request);
  if (!first) return undefined;
  const reply = traces.find((t) => t.packet > request && t.protocol === 1 && t.source === first.destination && t.destination === first.source);
  return reply?.packet;
}
