/**
 * wire/ip-address.ts: IPv4/IPv6 addresses and prefixes as bytes, for identities and traffic selectors.
 * Owns: text -> bytes (dotted quad; IPv6 with `::` and an embedded IPv4 tail), bytes -> text (RFC 5952
 *   style for IPv6), prefixes (`10.1.12.0/24`) with their mask and first/last address.
 * Must not know: payloads.
 * Invariants: never throws; bad text gives undefined; prefix start has the host bits cleared.
 * Tests: test/src/engine/identities.test.ts
 */
import { formatIpv4Address, parseIpv4Address } from './ipv4';

export interface IpPrefix {
  readonly family: 4 | 6;
  /** Network address (host bits cleared). */
  readonly address: Buffer;
  readonly length: number;
}

export function parseIpv6Address(text: string): Buffer | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.split('::').length > 2) return undefined;
  let tail: number[] = [];
  let body = text;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    const v4 = parseIpv4Address(text.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail = [(v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!];
    body = text.slice(0, lastColon + 1);
    if (!body.endsWith('::')) body = body.slice(0, -1);
  }
  const groups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    for (const word of part.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(word)) return undefined;
      out.push(parseInt(word, 16));
    }
    return out;
  };
  const [head, rest] = body.split('::') as [string, string | undefined];
  const left = groups(head);
  const right = rest === undefined ? [] : groups(rest);
  if (left === undefined || right === undefined) return undefined;
  const total = left.length + right.length + tail.length;
  if (rest === undefined ? total !== 8 : total > 7) return undefined;
  const words = [...left, ...new Array<number>(8 - total).fill(0), ...right, ...tail];
  const out = Buffer.alloc(16);
  words.forEach((word, i) => out.writeUInt16BE(word, i * 2));
  return out;
}

export function formatIpv6Address(bytes: Buffer): string {
  const words = Array.from({ length: 8 }, (_, i) => bytes.readUInt16BE(i * 2));
  let bestStart = -1, bestLength = 0;
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLength && j - i > 1) { bestStart = i; bestLength = j - i; }
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

export function parseIpAddress(text: string): { family: 4 | 6; bytes: Buffer } | undefined {
  const v4 = parseIpv4Address(text);
  if (v4 !== undefined) return { family: 4, bytes: v4 };
  const v6 = parseIpv6Address(text);
  return v6 === undefined ? undefined : { family: 6, bytes: v6 };
}

export function formatIpAddress(bytes: Buffer): string {
  return bytes.length === 4 ? formatIpv4Address(bytes) : bytes.length === 16 ? formatIpv6Address(bytes) : bytes.toString('hex');
}

/** A netmask of `length` one-bits in `size` bytes. */
export function prefixMask(length: number, size: number): Buffer {
  const mask = Buffer.alloc(size);
  for (let bit = 0; bit < length; bit++) mask[bit >> 3]! |= 0x80 >> (bit & 7);
  return mask;
}

/** `10.1.12.0/24`, `2001:db8::/32`, or a bare address (full-length prefix). */
export function parsePrefix(text: string): IpPrefix | undefined {
  const [addressText, lengthText, extra] = text.split('/');
  if (addressText === undefined || extra !== undefined) return undefined;
  const parsed = parseIpAddress(addressText);
  if (parsed === undefined) return undefined;
  const max = parsed.bytes.length * 8;
  const length = lengthText === undefined ? max : /^\d{1,3}$/.test(lengthText) ? Number(lengthText) : NaN;
  if (!(length >= 0 && length <= max)) return undefined;
  const mask = prefixMask(length, parsed.bytes.length);
  return { family: parsed.family, address: Buffer.from(parsed.bytes.map((b, i) => b & mask[i]!)), length };
}

/** First and last address of a prefix. */
export function prefixRange(prefix: IpPrefix): { start: Buffer; end: Buffer } {
  const mask = prefixMask(prefix.length, prefix.address.length);
  return { start: Buffer.from(prefix.address), end: Buffer.from(prefix.address.map((b, i) => b | (~mask[i]! & 0xff))) };
}

/** The prefix length when `mask` is contiguous ones then zeros, else undefined. */
export function maskLength(mask: Buffer): number | undefined {
  let length = 0;
  while (length < mask.length * 8 && (mask[length >> 3]! & (0x80 >> (length & 7))) !== 0) length++;
  return prefixMask(length, mask.length).equals(mask) ? length : undefined;
}

export function formatPrefix(prefix: IpPrefix): string {
  return `${formatIpAddress(prefix.address)}/${prefix.length}`;
}
