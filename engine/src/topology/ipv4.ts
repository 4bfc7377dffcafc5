/**
 * topology/ipv4.ts: IPv4 addresses and prefixes as 32-bit numbers, for subnet grouping and route lookups.
 * Owns: text <-> number, masks, the network of an address, containment, canonical prefix text.
 * Must not know: devices, links, routes.
 * Invariants: never throws; bad text gives undefined; numbers are unsigned (0..2^32-1); a network number has
 *   its host bits cleared.
 * Tests: test/src/engine/topology.test.ts, test/src/engine/routing.test.ts
 */

export interface Ipv4Prefix {
  /** network number, host bits cleared */
  readonly network: number;
  readonly length: number;
}

export function parseIpv4Number(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function formatIpv4Number(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

export function maskOf(length: number): number {
  return length <= 0 ? 0 : length >= 32 ? 0xffffffff : (0xffffffff << (32 - length)) >>> 0;
}

export function networkOf(address: number, length: number): number {
  return (address & maskOf(length)) >>> 0;
}

/** `10.1.12.0/30`, or a bare address as a /32; undefined for anything else (IPv6 included). */
export function parseIpv4Prefix(text: string): Ipv4Prefix | undefined {
  const [addressText, lengthText, extra] = text.split('/');
  if (addressText === undefined || extra !== undefined) return undefined;
  const address = parseIpv4Number(addressText);
  if (address === undefined) return undefined;
  const length = lengthText === undefined ? 32 : /^\d{1,2}$/.test(lengthText) ? Number(lengthText) : NaN;
  if (!(length >= 0 && length <= 32)) return undefined;
  return { network: networkOf(address, length), length };
}

export function prefixContains(prefix: Ipv4Prefix, address: number): boolean {
  return networkOf(address, prefix.length) === prefix.network;
}

export function formatIpv4Prefix(prefix: Ipv4Prefix): string {
  return `${formatIpv4Number(prefix.network)}/${prefix.length}`;
}
