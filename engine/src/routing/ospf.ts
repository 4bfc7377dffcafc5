/**
 * routing/ospf.ts: OSPF as a link-state computation over the topology: which interfaces run OSPF, which
 *   neighbours are adjacent (including across an IPsec tunnel's inside interfaces while the tunnel is up),
 *   the link-state database of every router, and shortest paths (Dijkstra) from one router.
 * Owns: interface enablement (`interface NAME`, `interface all`, passive), interface costs (reference
 *   bandwidth 100 Mb/s: cost = max(1, 100 Mb/s / bandwidth); loopback 0), adjacency conditions (link and both
 *   routers up, both ends enabled and not passive, same area; tunnel links also need `tunnelUp`), stub
 *   networks (every address of an enabled unit, passive and lo0 included), equal-cost next hops.
 * Must not know: packets, IKE, how the engine decides a tunnel is up (it passes a predicate).
 * Invariants: never throws; adjacencies are symmetric; a router never gets an OSPF route to a prefix it
 *   advertises itself. Simplifications: all areas are computed as one graph (routes are shown as OSPF
 *   internal), multi-access links are a full mesh (no DR pseudo-node), configured `metric` is not read.
 * Tests: test/src/engine/routing.test.ts
 */
import type { Device, LogicalUnit } from '../device/types';
import { formatIpv4Prefix, networkOf, parseIpv4Number, type Ipv4Prefix } from '../topology/ipv4';
import { isLinkUp, isRouterUp, isUnitUp } from '../topology/state';
import type { Link, Topology } from '../topology/types';
import type { Span } from '../device/types';

const REFERENCE_BANDWIDTH = 100e6;
/** Nominal bandwidth by interface name prefix (bits/s); unknown interfaces count as 1 Gb/s. */
const BANDWIDTH: readonly [string, number][] = [['fe-', 100e6], ['ge-', 1e9], ['xe-', 10e9], ['et-', 100e9], ['mge-', 10e9]];
const MANAGEMENT = /^(fxp|em|me)\d+/;

export interface OspfUnit {
  readonly unit: string;
  readonly area: string;
  readonly passive: boolean;
  readonly cost: number;
}

export interface OspfEdge {
  readonly neighbor: string;
  readonly cost: number;
  /** our unit */
  readonly via: string;
  /** the neighbour's address on the link (undefined across an unnumbered tunnel) */
  readonly to: string | undefined;
  readonly tunnelId: string | undefined;
  readonly linkId: string;
}

export interface OspfStub extends Ipv4Prefix {
  /** canonical prefix text */
  readonly prefix: string;
  readonly cost: number;
  readonly at: Span | undefined;
}

export interface OspfRouterLsa {
  readonly router: string;
  readonly units: OspfUnit[];
  readonly edges: OspfEdge[];
  readonly stubs: OspfStub[];
}

export type OspfDatabase = ReadonlyMap<string, OspfRouterLsa>;

export interface FirstHop {
  readonly via: string;
  readonly to: string | undefined;
  readonly tunnelId: string | undefined;
}

export interface ShortestPaths {
  readonly distance: ReadonlyMap<string, number>;
  readonly firstHops: ReadonlyMap<string, FirstHop[]>;
}

export function interfaceCost(unit: string): number {
  if (/^lo\d+/.test(unit)) return 0;
  const bandwidth = BANDWIDTH.find(([p]) => unit.startsWith(p))?.[1] ?? 1e9;
  return Math.max(1, Math.floor(REFERENCE_BANDWIDTH / bandwidth));
}

/** The units OSPF runs on, with area and passive flag; an explicit interface wins over `interface all`. */
export function ospfUnits(device: Device): OspfUnit[] {
  const all = device.interfaces.flatMap((i) => i.units);
  const out = new Map<string, OspfUnit>();
  const add = (unit: LogicalUnit, area: string, passive: boolean, explicit: boolean) => {
    if (!explicit && out.has(unit.name)) return;
    out.set(unit.name, { unit: unit.name, area, passive, cost: interfaceCost(unit.name) });
  };
  for (const area of device.ospf.areas) {
    for (const i of area.interfaces) {
      if (i.name !== 'all') continue;
      for (const unit of all) if (unit.families.includes('inet') && !MANAGEMENT.test(unit.name)) add(unit, area.area, i.passive, false);
    }
  }
  for (const area of device.ospf.areas) {
    for (const i of area.interfaces) {
      const unit = all.find((u) => u.name === i.name);
      if (unit) add(unit, area.area, i.passive, true);
    }
  }
  return [...out.values()];
}

function stubsOf(topology: Topology, device: Device, units: readonly OspfUnit[]): OspfStub[] {
  const out: OspfStub[] = [];
  for (const o of units) {
    if (!isUnitUp(topology, device.name, o.unit)) continue;
    const unit = device.interfaces.flatMap((i) => i.units).find((u) => u.name === o.unit);
    for (const a of unit?.addresses ?? []) {
      const value = a.family === 'inet' ? parseIpv4Number(a.address) : undefined;
      if (value === undefined) continue;
      const network = networkOf(value, a.prefixLength);
      out.push({ network, length: a.prefixLength, prefix: formatIpv4Prefix({ network, length: a.prefixLength }), cost: o.cost, at: a.at });
    }
  }
  return out;
}

function adjacent(topology: Topology, link: Link, tunnelUp: (tunnelId: string) => boolean): boolean {
  if (!isLinkUp(topology, link)) return false;
  if (link.kind === 'tunnel') return link.tunnelId !== undefined && tunnelUp(link.tunnelId);
  return true;
}

/** Every up router's LSA: its OSPF units, adjacencies (edges) and stub networks. */
export function buildOspfDatabase(topology: Topology, tunnelUp: (tunnelId: string) => boolean): OspfDatabase {
  const db = new Map<string, OspfRouterLsa & { edges: OspfEdge[] }>();
  const unitsOf = new Map<string, Map<string, OspfUnit>>();
  for (const r of topology.routers) {
    if (!isRouterUp(topology, r.name)) continue;
    const units = ospfUnits(r.device);
    unitsOf.set(r.name, new Map(units.map((u) => [u.unit, u])));
    db.set(r.name, { router: r.name, units, edges: [], stubs: stubsOf(topology, r.device, units) });
  }
  for (const link of topology.links) {
    if (!adjacent(topology, link, tunnelUp)) continue;
    const speakers = link.ends.filter((e) => {
      const o = unitsOf.get(e.router)?.get(e.unit);
      return o !== undefined && !o.passive && isUnitUp(topology, e.router, e.unit);
    });
    for (const a of speakers) {
      for (const b of speakers) {
        if (a === b || a.router === b.router) continue;
        const ua = unitsOf.get(a.router)!.get(a.unit)!;
        const ub = unitsOf.get(b.router)!.get(b.unit)!;
        if (ua.area !== ub.area) continue;
        db.get(a.router)!.edges.push({ neighbor: b.router, cost: ua.cost, via: a.unit, to: b.address, tunnelId: link.tunnelId, linkId: link.id });
      }
    }
  }
  return db;
}

/** A small binary heap of (distance, router). */
class DistanceHeap {
  private readonly items: [number, string][] = [];
  get size(): number {
    return this.items.length;
  }
  push(item: [number, string]): void {
    const a = this.items;
    a.push(item);
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (a[p]![0] <= a[i]![0]) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  pop(): [number, string] | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]![0] < a[m]![0]) m = l;
        if (r < a.length && a[r]![0] < a[m]![0]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}

function mergeHops(into: FirstHop[], from: readonly FirstHop[]): FirstHop[] {
  const out = [...into];
  for (const h of from) if (!out.some((x) => x.via === h.via && x.to === h.to)) out.push(h);
  return out;
}

/** Dijkstra from `root` over two-way adjacencies, keeping every equal-cost first hop. */
export function shortestPaths(db: OspfDatabase, root: string): ShortestPaths {
  const distance = new Map<string, number>();
  const firstHops = new Map<string, FirstHop[]>();
  if (!db.has(root)) return { distance, firstHops };
  const twoWay = (from: string, to: string) => db.get(to)?.edges.some((e) => e.neighbor === from) ?? false;
  const done = new Set<string>();
  const heap = new DistanceHeap();
  distance.set(root, 0);
  firstHops.set(root, []);
  heap.push([0, root]);
  while (heap.size > 0) {
    const [d, node] = heap.pop()!;
    if (done.has(node) || d !== distance.get(node)) continue;
    done.add(node);
    for (const edge of db.get(node)?.edges ?? []) {
      if (done.has(edge.neighbor) || !twoWay(node, edge.neighbor)) continue;
      const next = d + edge.cost;
      const hops = node === root ? [{ via: edge.via, to: edge.to, tunnelId: edge.tunnelId }] : (firstHops.get(node) ?? []);
      const known = distance.get(edge.neighbor);
      if (known === undefined || next < known) {
        distance.set(edge.neighbor, next);
        firstHops.set(edge.neighbor, mergeHops([], hops));
        heap.push([next, edge.neighbor]);
      } else if (next === known) {
        firstHops.set(edge.neighbor, mergeHops(firstHops.get(edge.neighbor) ?? [], hops));
      }
    }
  }
  return { distance, firstHops };
}
