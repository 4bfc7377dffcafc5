/**
 * simulate/underlay.ts: the network the IKE exchanges of `simulate()` run on: the in-memory network, but a
 *   datagram only leaves when the sending router's routing table (direct, static, OSPF, tunnels down) takes
 *   it hop by hop to the router that owns the destination address. A datagram that meets no route, a
 *   discard/reject route, a loop, or a next hop nobody answers for is dropped where that happens, so the
 *   sender's retransmissions time out and the verdict (PEER_UNREACHABLE) comes from the exchange; the drop
 *   is remembered with one sentence saying where and why, for the tunnel's reason.
 * Owns: which router sends from an address (the owner of the interface address, else the router whose
 *   service set uses it as local-gateway), the path decision per datagram (cached per topology revision),
 *   the "beyond the given routers" rule: a route whose next hop is an address no given router owns leads
 *   into a network the inputs do not describe (the provider, the Internet); such a datagram is taken as
 *   delivered when a given router owns the destination. The drop records.
 * Must not know: IKE (payloads are opaque), how routes are computed (routing/), output formats.
 * Invariants: never throws; a datagram from an address no router can be found for is delivered directly (as
 *   before routing was known); the paths use the underlay only (no tunnel is crossed, IKE must not need the
 *   tunnel it negotiates); records nothing for delivered datagrams.
 * Tests: test/src/engine/simulate-verdicts.test.ts (no route to the peer)
 */
import type { Device } from '../device/types';
import type { InMemoryNetwork, UdpHandler, UdpSend, UdpTransport } from '../net/network';
import { forwardingPath, type Routing } from '../routing/index';
import type { Topology } from '../topology/index';

export interface UnderlayDrop {
  readonly time: number;
  readonly source: string;
  readonly destination: string;
  /** one sentence: where the datagram stopped and why */
  readonly why: string;
}

export interface RoutedTransport extends UdpTransport {
  /** datagrams dropped between two addresses (either direction), oldest first */
  dropsBetween(a: string, b: string): UnderlayDrop[];
}

interface Verdict {
  readonly delivered: boolean;
  readonly why: string;
}

function unitAddresses(device: Device): string[] {
  return [...device.interfaces.flatMap((i) => i.units), ...device.loopbacks].flatMap((u) => u.addresses.map((a) => a.address));
}

export function routedTransport(wire: InMemoryNetwork, topology: Topology, routing: Routing, now: () => number): RoutedTransport {
  const owner = new Map<string, string>();
  for (const router of topology.routers) for (const address of unitAddresses(router.device)) if (!owner.has(address)) owner.set(address, router.name);
  const gatewayOf = new Map<string, string>();
  for (const router of topology.routers) {
    for (const set of router.device.serviceSets) {
      const address = set.ipsecVpnOptions.localGateway?.address;
      if (address !== undefined && !gatewayOf.has(address)) gatewayOf.set(address, router.name);
    }
  }
  const cache = new Map<string, Verdict>();
  let revision = -1;
  const drops: UnderlayDrop[] = [];

  const decide = (from: string, destination: string): Verdict => {
    if (topology.state.revision !== revision) {
      revision = topology.state.revision;
      cache.clear();
    }
    const key = `${from}\u0000${destination}`;
    const known = cache.get(key);
    if (known) return known;
    const path = forwardingPath(topology, routing, from, destination, { crossTunnels: false });
    let verdict: Verdict;
    if (path.outcome === 'delivered') {
      verdict = { delivered: true, why: path.message };
    } else if (path.outcome === 'no-neighbor') {
      const last = path.hops.at(-1)?.router ?? from;
      const hop = routing.lookup(last, destination)?.nextHop;
      const nextHop = hop?.kind === 'forward' ? hop.to : undefined;
      if (nextHop !== undefined && !owner.has(nextHop) && owner.has(destination)) {
        verdict = { delivered: true, why: `${last} hands ${destination} to next hop ${nextHop}, outside the given routers (taken to deliver it)` };
      } else if (nextHop === undefined && !owner.has(destination)) {
        verdict = { delivered: false, why: `${last} has ${destination} on a connected subnet, but no given router has that address on an interface` };
      } else {
        verdict = { delivered: false, why: path.message };
      }
    } else if (path.outcome === 'tunnel') {
      verdict = { delivered: false, why: `${path.message}: the route to the peer's gateway points into an IPsec tunnel, which needs this very exchange to come up` };
    } else {
      verdict = { delivered: false, why: path.message };
    }
    cache.set(key, verdict);
    return verdict;
  };

  return {
    bindUdp: (address: string, port: number, handler: UdpHandler) => wire.bindUdp(address, port, handler),
    sendUdp: (send: UdpSend) => {
      const from = owner.get(send.source) ?? gatewayOf.get(send.source);
      if (from === undefined) {
        wire.sendUdp(send);
        return;
      }
      const verdict = decide(from, send.destination);
      if (verdict.delivered) {
        wire.sendUdp(send);
        return;
      }
      drops.push({ time: now(), source: send.source, destination: send.destination, why: verdict.why });
    },
    dropsBetween: (a: string, b: string) => drops.filter((d) => (d.source === a && d.destination === b) || (d.source === b && d.destination === a)),
  };
}
