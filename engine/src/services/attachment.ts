/**
 * services/attachment.ts: which service set sees a packet at a point, and in which direction.
 * Owns: the direction rules the Junos documentation gives: next-hop style, a packet routed to the inside
 *   service interface is input and to the outside one is output (an extra `service-domain inside` unit named
 *   by a term's `ipsec-inside-interface` counts as inside); interface style, a packet entering the interface
 *   is input and one leaving it is output.
 * Must not know: rules and terms beyond `ipsec-inside-interface`, routing, ESP.
 * Invariants: never throws; unit names without a unit number mean unit 0; several matching service sets are
 *   returned in configuration order.
 * Tests: test/src/engine/services.test.ts
 */
import type { Device, ServiceSet } from '../device/types';
import type { Direction, ServicePoint } from './types';

export interface Attachment {
  readonly serviceSet: ServiceSet;
  readonly direction: Direction;
}

export function unitName(text: string): string {
  return text.includes('.') ? text : `${text}.0`;
}

function same(a: string | undefined, b: string): boolean {
  return a !== undefined && unitName(a) === unitName(b);
}

/** The service sets that see a packet at `point`, with the direction each sees it in. */
export function attachmentsAt(device: Device, point: ServicePoint): Attachment[] {
  const out: Attachment[] = [];
  if (point.kind === 'routed-to') {
    for (const set of device.serviceSets) {
      if (set.style !== 'next-hop') continue;
      if (same(set.insideInterface?.name, point.unit)) out.push({ serviceSet: set, direction: 'input' });
      else if (same(set.outsideInterface?.name, point.unit)) out.push({ serviceSet: set, direction: 'output' });
    }
    if (out.length > 0) return out;
    for (const set of device.serviceSets) {
      if (set.style !== 'next-hop') continue;
      const named = device.ipsecVpn.rules
        .filter((r) => set.rules.includes(r.name))
        .some((r) => r.terms.some((t) => same(t.from.ipsecInsideInterface?.name, point.unit)));
      if (named) out.push({ serviceSet: set, direction: 'input' });
    }
    return out;
  }
  const wanted: Direction = point.kind === 'entering' ? 'input' : 'output';
  const unit = device.interfaces.flatMap((i) => i.units).find((u) => u.name === unitName(point.unit));
  for (const applied of unit?.serviceSets ?? []) {
    if (applied.direction !== wanted) continue;
    const set = device.serviceSets.find((s) => s.name === applied.serviceSet);
    if (set && !out.some((a) => a.serviceSet === set)) out.push({ serviceSet: set, direction: wanted });
  }
  return out;
}
