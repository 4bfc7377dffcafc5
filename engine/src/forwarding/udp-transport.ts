/**
 * forwarding/udp-transport.ts: the forwarding plane as a UDP service for IKE endpoints: a datagram sent
 *   from a router's address is originated by that router's own stack and travels hop by hop (so failed links
 *   and routers lose it, routes decide its path, and the pcap records it on every link); a datagram
 *   delivered to an address a router owns goes to the endpoint bound to that address and port.
 * Owns: which router owns an address (its interface units), the per router demultiplexing by address/port.
 * Must not know: IKE (payloads are opaque), routing (the plane routes).
 * Invariants: never throws; a send from an address no router owns, or from one whose unit is down, does not
 *   leave (a router cannot source from an address it does not hold); fragments are reassembled by the plane
 *   before delivery; every datagram that does not arrive is remembered with the plane's drop reason.
 * Tests: test/src/engine/dpd.test.ts (failover renegotiation)
 */
import type { UdpHandler, UdpSend, UdpTransport } from '../net/network';
import type { Topology } from '../topology/index';
import { decodeIpv4, IpProtocol } from '../wire/ipv4';
import { decodeUdp, encodeUdp } from '../wire/udp';
import type { ForwardingPlane } from './plane';

/** The router whose interface (or loopback) unit carries `address`. */
export function ownerOf(topology: Topology, address: string): string | undefined {
  for (const router of topology.routers) {
    const units = [...router.device.interfaces.flatMap((i) => i.units), ...router.device.loopbacks];
    if (units.some((u) => u.addresses.some((a) => a.address === address))) return router.name;
  }
  return undefined;
}

export interface PlaneUdpTransport extends UdpTransport {
  /** why datagrams between the two addresses (either direction) were lost, one sentence per distinct reason */
  lostBetween(a: string, b: string): string[];
}

export function planeUdpTransport(plane: ForwardingPlane, topology: Topology): PlaneUdpTransport {
  const bound = new Map<string, UdpHandler>();
  const sent: { source: string; destination: string; packet: number | undefined; refused: string | undefined }[] = [];
  const listening = new Map<string, () => void>();
  const listenOn = (router: string): void => {
    if (listening.has(router)) return;
    listening.set(router, plane.listen(router, (delivery) => {
      const ip = decodeIpv4(delivery.bytes);
      if (!ip.ok || ip.value.protocol !== IpProtocol.udp) return;
      const udp = decodeUdp(ip.value.payload, ip.value.source, ip.value.destination);
      if (!udp.ok) return;
      const handler = bound.get(`${ip.value.destination}:${udp.value.destinationPort}`);
      handler?.({ source: ip.value.source, sourcePort: udp.value.sourcePort, destination: ip.value.destination, destinationPort: udp.value.destinationPort, payload: udp.value.payload, time: delivery.time });
    }));
  };
  return {
    bindUdp: (address, port, handler) => {
      const router = ownerOf(topology, address);
      const key = `${address}:${port}`;
      bound.set(key, handler);
      if (router !== undefined) listenOn(router);
      return () => { if (bound.get(key) === handler) bound.delete(key); };
    },
    sendUdp: (send: UdpSend) => {
      const router = ownerOf(topology, send.source);
      if (router === undefined) return;
      if (!plane.isLocal(router, send.source)) {
        sent.push({ source: send.source, destination: send.destination, packet: undefined, refused: `${router} cannot send from ${send.source}: that address is down (its interface or link is down)` });
        return;
      }
      const payload = encodeUdp({ sourcePort: send.sourcePort, destinationPort: send.destinationPort, payload: send.payload }, send.source, send.destination);
      const packet = plane.originate(router, {
        tos: 0, identification: plane.nextIdentification(), dontFragment: false, moreFragments: false, fragmentOffset: 0,
        ttl: send.ttl ?? 64, protocol: IpProtocol.udp, source: send.source, destination: send.destination, options: Buffer.alloc(0), payload,
      });
      sent.push({ source: send.source, destination: send.destination, packet, refused: undefined });
    },
    lostBetween: (a, b) => {
      const reasons = sent
        .filter((s) => (s.source === a && s.destination === b) || (s.source === b && s.destination === a))
        .map((s) => s.refused ?? (s.packet === undefined ? undefined : plane.dropReason(s.packet)))
        .filter((r): r is string => r !== undefined);
      return [...new Set(reasons)];
    },
  };
}
