/**
 * forwarding/icmp-source.ts: which address a router puts as the source of the ICMP errors it sends (time
 *   exceeded, unreachable, fragmentation needed) and of the packets it originates.
 * Owns: the rule, chosen so the seed's traceroute from R4 to 10.1.12.2 reads 10.1.15.2, 10.0.0.2, 10.1.12.2:
 *   - an error about a packet the router was handing to a service set's inside interface is sent by the
 *     services card, from the service set's local-gateway (the address the tunnel is sourced from: hop 1
 *     of the seed, R3's 10.1.15.2, although the probe arrived on 10.1.56.1);
 *   - otherwise it comes from the unit the offending packet arrived on; a unit without an address (the
 *     unnumbered inside unit ms-1/2/0.1 a decrypted packet arrives on) borrows the router's primary
 *     address: lo0.0's first address, else the router-id (hop 2 of the seed, R2's 10.0.0.2).
 *   Originated packets use the address of the unit they leave by, with the same borrowing.
 * Must not know: packets, routing tables, SAs.
 * Invariants: never throws; always returns an address when the router has any.
 * Tests: test/src/engine/forwarding.test.ts (the seed's traceroute)
 */
import type { Device } from '../device/types';

/** lo0.0's first IPv4 address, else the router-id, else the first interface address. */
export function primaryAddress(device: Device): string | undefined {
  const loopback = device.loopbacks.flatMap((u) => u.addresses.filter((a) => a.family === 'inet')).at(0);
  if (loopback) return loopback.address;
  if (device.routerId?.address) return device.routerId.address;
  return device.interfaces.flatMap((i) => i.units.flatMap((u) => u.addresses.filter((a) => a.family === 'inet'))).at(0)?.address;
}

/** The IPv4 address of a unit (`ge-0/0/0.0`), or the router's primary address when it has none. */
export function unitAddress(device: Device, unit: string | undefined): string | undefined {
  if (unit !== undefined) {
    const name = unit.includes('.') ? unit : `${unit}.0`;
    for (const i of [...device.interfaces, ...device.loopbacks.map((u) => ({ units: [u] }))]) {
      const found = i.units.find((u) => u.name === name)?.addresses.find((a) => a.family === 'inet');
      if (found) return found.address;
    }
  }
  return primaryAddress(device);
}

/** The source of an ICMP error about a packet that arrived on `arrivedOn` (see the module comment). */
export function icmpErrorSource(device: Device, arrivedOn: string | undefined, enteringTunnelFrom: string | undefined): string | undefined {
  return enteringTunnelFrom ?? unitAddress(device, arrivedOn);
}
