/**
 * services/match.ts: does a term's `from` match a packet: source and destination prefixes (IPv4 and IPv6;
 *   one of the listed prefixes must contain the address, and the default is 0.0.0.0/0, so an IPv6 packet
 *   needs an explicit IPv6 prefix) and `ipsec-inside-interface` (the unit the packet was routed to).
 * Owns: address-in-prefix for both families, the reason a term does not match.
 * Must not know: rule order, directions, flows (classify.ts).
 * Invariants: never throws; an unparsable address or prefix matches nothing.
 * Tests: test/src/engine/services.test.ts
 */
import type { AddressMatch, IpsecTerm } from '../device/types';
import { parseIpAddress, parsePrefix, type IpPrefix } from '../wire/ip-address';
import { unitName } from './attachment';
import type { PacketSelectors, ServicePoint } from './types';

const parsedPrefixes = new Map<string, IpPrefix | undefined>();

/** Prefix texts come from configurations: a handful per router, so parsing each once is enough. */
function prefixOf(text: string): IpPrefix | undefined {
  if (!parsedPrefixes.has(text)) {
    if (parsedPrefixes.size > 10000) parsedPrefixes.clear();
    parsedPrefixes.set(text, parsePrefix(text));
  }
  return parsedPrefixes.get(text);
}

export function prefixHolds(prefixText: string, addressText: string): boolean {
  const prefix = prefixOf(prefixText);
  const address = parseIpAddress(addressText);
  if (!prefix || !address || prefix.family !== address.family) return false;
  const full = Math.floor(prefix.length / 8);
  for (let i = 0; i < full; i++) if (prefix.address[i] !== address.bytes[i]) return false;
  const rest = prefix.length % 8;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (address.bytes[full]! & mask) === prefix.address[full];
}

function anyHolds(list: readonly AddressMatch[], address: string): boolean {
  return list.some((m) => prefixHolds(m.prefix, address));
}

/** Undefined when the term matches; otherwise why not, in one sentence. */
export function termMismatch(term: IpsecTerm, packet: PacketSelectors, point: ServicePoint): string | undefined {
  const from = term.from;
  if (!anyHolds(from.sourceAddresses, packet.source)) {
    return `term ${term.name}: source ${packet.source} is not in source-address ${from.sourceAddresses.map((m) => m.prefix).join(', ')}`;
  }
  if (!anyHolds(from.destinationAddresses, packet.destination)) {
    return `term ${term.name}: destination ${packet.destination} is not in destination-address ${from.destinationAddresses.map((m) => m.prefix).join(', ')}`;
  }
  const inside = from.ipsecInsideInterface?.name;
  if (inside !== undefined && !(point.kind === 'routed-to' && unitName(point.unit) === unitName(inside))) {
    return `term ${term.name}: the packet was not routed to ipsec-inside-interface ${inside}`;
  }
  return undefined;
}
