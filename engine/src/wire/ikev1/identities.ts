/**
 * wire/ikev1/identities.ts: IKEv1 ID payloads from and to the addresses Junos configures: phase-1
 * identities (the local address) and Quick Mode proxy identities (the term's `from` prefixes; any-any
 * is 0.0.0.0/0).
 * Owns: prefix -> ID_IPV4_ADDR / ID_IPV4_ADDR_SUBNET / ID_IPV6_ADDR / ID_IPV6_ADDR_SUBNET (RFC 2407 4.6.2),
 *   and an ID back to text for reports.
 * Must not know: which prefixes a rule has, whether the peer's identities are acceptable.
 * Invariants: never throws; a full-length prefix becomes an address ID, shorter ones subnet IDs.
 * Tests: test/src/engine/identities.test.ts
 */
import { formatIpAddress, formatPrefix, maskLength, parsePrefix, prefixMask } from '../ip-address';
import { Ikev1IdType } from './constants';
import type { Ikev1Identification } from './payloads';

/** The ID payload body for a prefix (`10.1.12.0/24`) or address; protocol and port default to any. */
export function ikev1IdFromPrefix(text: string, protocolId = 0, port = 0): Ikev1Identification | undefined {
  const prefix = parsePrefix(text);
  if (prefix === undefined) return undefined;
  const size = prefix.address.length;
  if (prefix.length === size * 8) {
    return { idType: prefix.family === 4 ? Ikev1IdType.ipv4Address : Ikev1IdType.ipv6Address, protocolId, port, data: prefix.address };
  }
  return {
    idType: prefix.family === 4 ? Ikev1IdType.ipv4AddressSubnet : Ikev1IdType.ipv6AddressSubnet, protocolId, port,
    data: Buffer.concat([prefix.address, prefixMask(prefix.length, size)]),
  };
}

/** Text for an ID: `10.1.12.0/24`, `10.1.15.1`, `fqdn router.example.net`, or the type and hex. */
export function describeIkev1Id(id: Ikev1Identification): string {
  switch (id.idType) {
    case Ikev1IdType.ipv4Address: case Ikev1IdType.ipv6Address: return formatIpAddress(id.data);
    case Ikev1IdType.ipv4AddressSubnet: case Ikev1IdType.ipv6AddressSubnet: {
      const half = id.data.length / 2;
      const length = maskLength(id.data.subarray(half));
      const address = id.data.subarray(0, half);
      if (length === undefined) return `${formatIpAddress(address)} mask ${formatIpAddress(id.data.subarray(half))}`;
      return formatPrefix({ family: half === 4 ? 4 : 6, address, length });
    }
    case Ikev1IdType.ipv4AddressRange: case Ikev1IdType.ipv6AddressRange: {
      const half = id.data.length / 2;
      return `${formatIpAddress(id.data.subarray(0, half))}-${formatIpAddress(id.data.subarray(half))}`;
    }
    case Ikev1IdType.fqdn: return `fqdn ${id.data.toString('utf8')}`;
    case Ikev1IdType.userFqdn: return `user-fqdn ${id.data.toString('utf8')}`;
    default: return `id-type ${id.idType} ${id.data.toString('hex')}`;
  }
}
