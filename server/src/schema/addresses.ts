/**
 * schema/addresses.ts: parses the address-like values Junos accepts (IPv4/IPv6 addresses and prefixes,
 *   MAC addresses).
 * Owns: the textual forms: dotted-quad IPv4 (prefixes may abbreviate trailing zero octets: `10/8`),
 *   RFC 4291 IPv6 text (`::`, embedded IPv4, optional `%scope` is not accepted), prefix lengths,
 *   MAC as `aa:bb:cc:dd:ee:ff` or `aabb.ccdd.eeff`.
 * Must not know: schema nodes, messages.
 * Invariants: pure, never throws; returns undefined for anything it cannot read.
 * Tests: test/src/schema/value-types.test.ts
 */

/** 32-bit IPv4 value of a full dotted quad, or undefined. */
export function parseIpv4(text: string, allowAbbreviated = false): number | undefined {
  const parts = text.split('.');
  if (parts.length > 4 || (!allowAbbreviated && parts.length !== 4)) return undefined;
  let v = 0;
  for (let i = 0; i < 4; i++) {
    const p = parts[i];
    if (p === undefined) {
      v = v * 256;
      continue;
    }
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    v = v * 256 + n;
  }
  return v;
}

/** 8 groups of 16 bits of an IPv6 address, or undefined. */
export function parseIpv6(text: string): number[] | undefined {
  if (text.length === 0 || text.length > 45) return undefined;
  let head = text;
  const lastColon = text.lastIndexOf(':');
  if (lastColon >= 0 && text.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    head = text.slice(0, lastColon + 1) + ((v4 >>> 16) & 0xffff).toString(16) + ':' + (v4 & 0xffff).toString(16);
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const readGroups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  if (halves.length === 1) {
    const all = readGroups(head);
    return all && all.length === 8 ? all : undefined;
  }
  const a = readGroups(halves[0]!);
  const b = readGroups(halves[1]!);
  if (!a || !b || a.length + b.length > 7) return undefined;
  return [...a, ...new Array<number>(8 - a.length - b.length).fill(0), ...b];
}

export type PrefixForm = 'optional' | 'mandatory';

/** `addr/len` (len optional unless `mandatory`); IPv4 prefixes may be abbreviated (`10/8`). */
export function parseIpv4Prefix(text: string, form: PrefixForm = 'optional'): { address: number; length: number } | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) {
    if (form === 'mandatory') return undefined;
    const address = parseIpv4(text);
    return address === undefined ? undefined : { address, length: 32 };
  }
  const lenText = text.slice(slash + 1);
  if (!/^\d{1,2}$/.test(lenText) || Number(lenText) > 32) return undefined;
  const address = parseIpv4(text.slice(0, slash), true);
  return address === undefined ? undefined : { address, length: Number(lenText) };
}

export function parseIpv6Prefix(text: string, form: PrefixForm = 'optional'): { groups: number[]; length: number } | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) {
    if (form === 'mandatory') return undefined;
    const groups = parseIpv6(text);
    return groups ? { groups, length: 128 } : undefined;
  }
  const lenText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(lenText) || Number(lenText) > 128) return undefined;
  const groups = parseIpv6(text.slice(0, slash));
  return groups ? { groups, length: Number(lenText) } : undefined;
}

export function isMacAddress(text: string): boolean {
  return /^[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}$/.test(text) || /^[0-9a-fA-F]{4}\.[0-9a-fA-F]{4}\.[0-9a-fA-F]{4}$/.test(text);
}
