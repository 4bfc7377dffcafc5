/**
 * topology/build.ts: `buildTopology`: which routers are linked to which, from their interface addresses, plus
 *   a virtual link per paired IPsec tunnel between the service sets' inside interfaces.
 * Owns: grouping interface units by shared IPv4 subnet (point-to-point /30 /31 and multi-access), link ids,
 *   router ids, the inside/outside units of each tunnel end, topology problems (duplicate addresses, mismatched
 *   prefix lengths on one wire).
 * Must not know: routing protocols, packets, IKE (a tunnel's state is asked of the engine later).
 * Invariants: never throws; loopbacks and /32 addresses form no link; routers keep network order and link ends
 *   keep router order; every link starts up, every router starts up.
 * Tests: test/src/engine/topology.test.ts
 */
import type { Network } from '../device/network';
import type { Device, ServiceSet, Span } from '../device/types';
import type { Tunnel } from '../peers/tunnels';
import { formatIpv4Prefix, networkOf, parseIpv4Number, prefixContains } from './ipv4';
import { tunnelIdOf } from './tunnel-ids';
import type { Link, LinkEnd, Topology, TopologyProblem, TopologyRouter, TunnelAttachment } from './types';

interface AddressedUnit {
  readonly router: string;
  readonly routerIndex: number;
  readonly unit: string;
  readonly address: string;
  readonly value: number;
  readonly length: number;
  readonly at: Span;
}

function routerIdOf(device: Device): string | undefined {
  if (device.routerId?.family === 'inet') return device.routerId.address;
  const inet = (units: Device['loopbacks']) => units.flatMap((u) => u.addresses.filter((a) => a.family === 'inet'))[0]?.address;
  return inet(device.loopbacks) ?? inet(device.interfaces.flatMap((i) => i.units));
}

/** `ge-0/0/1.0` -> `ge-0/0/1`; other units keep their number. */
export function unitLabel(unit: string): string {
  return unit.endsWith('.0') ? unit.slice(0, -2) : unit;
}

export function linkIdOf(ends: readonly Pick<LinkEnd, 'router' | 'unit'>[]): string {
  return ends.map((e) => `${e.router}:${unitLabel(e.unit)}`).join('<->');
}

function addressedUnits(devices: readonly Device[]): AddressedUnit[] {
  const out: AddressedUnit[] = [];
  devices.forEach((device, routerIndex) => {
    for (const physical of device.interfaces) {
      if (physical.kind === 'loopback') continue;
      for (const unit of physical.units) {
        for (const a of unit.addresses) {
          const value = a.family === 'inet' ? parseIpv4Number(a.address) : undefined;
          if (value === undefined || a.prefixLength >= 32) continue;
          out.push({ router: device.name, routerIndex, unit: unit.name, address: a.address, value, length: a.prefixLength, at: a.at });
        }
      }
    }
  });
  return out;
}

function subnetLinks(units: readonly AddressedUnit[], problems: TopologyProblem[]): Link[] {
  const groups = new Map<string, AddressedUnit[]>();
  for (const u of units) {
    const key = formatIpv4Prefix({ network: networkOf(u.value, u.length), length: u.length });
    groups.set(key, [...(groups.get(key) ?? []), u]);
  }
  const links: Link[] = [];
  const ids = new Set<string>();
  for (const [subnet, members] of groups) {
    const seen = new Map<number, AddressedUnit>();
    for (const m of members) {
      const other = seen.get(m.value);
      if (other && other.router !== m.router) {
        problems.push({ code: 'duplicate-address', message: `${m.address} is configured on both ${other.router} ${other.unit} and ${m.router} ${m.unit}`, spans: [other.at, m.at] });
      }
      seen.set(m.value, m);
    }
    if (new Set(members.map((m) => m.router)).size < 2) continue;
    const sorted = [...members].sort((a, b) => a.routerIndex - b.routerIndex || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
    const ends: LinkEnd[] = sorted.map((m) => ({ router: m.router, unit: m.unit, address: m.address, at: m.at }));
    let id = linkIdOf(ends);
    if (ids.has(id)) id = `${id} (${subnet})`;
    ids.add(id);
    links.push({ id, kind: ends.length === 2 ? 'point-to-point' : 'multi-access', subnet, ends, tunnelId: undefined });
  }
  // Two routers on one wire with different prefix lengths: each sees the other's address in its subnet.
  const lonely = [...groups.values()].filter((g) => g.length === 1).map((g) => g[0]!);
  for (let i = 0; i < lonely.length; i++) {
    for (let j = i + 1; j < lonely.length; j++) {
      const a = lonely[i]!;
      const b = lonely[j]!;
      if (a.router === b.router) continue;
      if (prefixContains({ network: networkOf(a.value, a.length), length: a.length }, b.value) || prefixContains({ network: networkOf(b.value, b.length), length: b.length }, a.value)) {
        problems.push({
          code: 'subnet-mismatch',
          message: `${a.router} ${a.unit} (${a.address}/${a.length}) and ${b.router} ${b.unit} (${b.address}/${b.length}) look like one wire but their prefix lengths differ, so they are not linked`,
          spans: [a.at, b.at],
        });
      }
    }
  }
  return links;
}

function tunnelEnd(devices: readonly Device[], end: Tunnel['local']): TunnelAttachment['ends'][number] {
  const device = devices.find((d) => d.name === end.device && d.docId === end.docId);
  const set: ServiceSet | undefined = device?.serviceSets.find((s) => s.name === end.serviceSet);
  const term = device?.ipsecVpn.rules.find((r) => r.name === end.rule)?.terms.find((t) => t.name === end.term);
  const style = set?.style ?? 'none';
  const chosenInside = term?.from.ipsecInsideInterface?.name ?? set?.insideInterface?.name;
  const insideUnit = style === 'next-hop' && chosenInside !== undefined ? (chosenInside.includes('.') ? chosenInside : `${chosenInside}.0`) : undefined;
  let outsideUnit: string | undefined;
  if (style === 'next-hop') outsideUnit = set?.outsideInterface?.name;
  else if (style === 'interface' && device && set) {
    outsideUnit = device.interfaces.flatMap((i) => i.units).find((u) => u.serviceSets.some((s) => s.serviceSet === set.name))?.name;
  }
  return { router: end.device, serviceSet: end.serviceSet, rule: end.rule, term: end.term, style, insideUnit, outsideUnit, localGateway: end.localGateway };
}

function tunnelAttachments(devices: readonly Device[], tunnels: readonly Tunnel[]): { attachments: TunnelAttachment[]; links: Link[] } {
  const attachments: TunnelAttachment[] = [];
  const links: Link[] = [];
  for (const tunnel of tunnels) {
    if (!tunnel.peer || (tunnel.status !== 'paired' && tunnel.status !== 'several-candidates')) continue;
    const tunnelId = tunnelIdOf(tunnel);
    const ends = [tunnelEnd(devices, tunnel.local), tunnelEnd(devices, tunnel.peer)];
    const missing = ends.find((e) => e.insideUnit === undefined);
    if (missing) {
      attachments.push({
        tunnelId,
        linkId: undefined,
        ends,
        noLinkReason: `${missing.router}'s service set ${missing.serviceSet} is ${missing.style === 'none' ? 'not applied' : `${missing.style} style`}, so the tunnel has no inside interface to route into`,
      });
      continue;
    }
    const linkEnds: LinkEnd[] = ends.map((e) => ({ router: e.router, unit: e.insideUnit!, address: undefined, at: undefined }));
    let id = linkIdOf(linkEnds);
    if (links.some((l) => l.id === id)) id = `${id} (${tunnelId})`;
    links.push({ id, kind: 'tunnel', subnet: undefined, ends: linkEnds, tunnelId });
    attachments.push({ tunnelId, linkId: id, ends, noLinkReason: undefined });
  }
  return { attachments, links };
}

/** Links routers sharing an IPv4 subnet and adds a virtual link per paired tunnel (next-hop style ends). */
export function buildTopology(network: Pick<Network, 'devices'>, tunnels: readonly Tunnel[]): Topology {
  const devices = network.devices;
  const routers: TopologyRouter[] = devices.map((device) => ({ name: device.name, device, routerId: routerIdOf(device) }));
  const problems: TopologyProblem[] = [];
  const links = subnetLinks(addressedUnits(devices), problems);
  const { attachments, links: tunnelLinks } = tunnelAttachments(devices, tunnels);
  return {
    routers,
    links: [...links, ...tunnelLinks],
    tunnels: attachments,
    problems,
    state: { downLinks: new Set(), downRouters: new Set(), revision: 0 },
  };
}
