/**
 * routing/direct.ts: Direct and Local routes of one router: each up unit's IPv4 subnets, and a /32 Local
 *   route for each of its own addresses (a /32 address, as on lo0, gives only the Direct route).
 * Owns: which units contribute (up ones, see topology/state.ts), the Direct/Local split.
 * Must not know: other routers, protocols.
 * Invariants: never throws; IPv6 addresses are left out (only inet.0 is modelled).
 * Tests: test/src/engine/routing.test.ts
 */
import type { Device } from '../device/types';
import { networkOf, parseIpv4Number } from '../topology/ipv4';
import { isUnitUp } from '../topology/state';
import type { Topology } from '../topology/types';
import { candidate, type RouteCandidate } from './candidates';

export function directRoutes(topology: Topology, device: Device): RouteCandidate[] {
  const out: RouteCandidate[] = [];
  for (const physical of device.interfaces) {
    for (const unit of physical.units) {
      if (!isUnitUp(topology, device.name, unit.name)) continue;
      for (const a of unit.addresses) {
        const value = a.family === 'inet' ? parseIpv4Number(a.address) : undefined;
        if (value === undefined) continue;
        out.push(candidate({ network: networkOf(value, a.prefixLength), length: a.prefixLength }, 'Direct', [{ kind: 'forward', interface: unit.name, to: undefined, tunnelId: undefined }], a.at));
        if (a.prefixLength < 32) out.push(candidate({ network: value, length: 32 }, 'Local', [{ kind: 'local', interface: unit.name }], a.at));
      }
    }
  }
  return out;
}
