/**
 * wire/ipv4.ts: IPv4 packets (RFC 791): header codec with checksum, address text conversion,
 * fragmentation to an MTU (or refusal when DF is set) and reassembly of a complete fragment set.
 * Owns: the header layout, flags and fragment offset, the header checksum.
 * Must not know: routing, IPsec policy, what the payload is.
 * Invariants: decode never throws; a wrong header checksum or length is a problem; fragmenting then
 *   reassembling returns the original payload.
 * Tests: test/src/engine/ip.test.ts
 */
import { internetChecksum } from './checksum';
import { defineCodec } from './layout';
import { wireProblem, type DecodeResult } from './problems';

export const IpProtocol = { icmp: 1, ipInIp: 4, tcp: 6, udp: 17, esp: 50, ah: 51 } as const;

export interface Ipv4Packet {
  readonly tos: number;
  readonly identification: number;
  readonly dontFragment: boolean;
  readonly moreFragments: boolean;
  /** Offset of this fragment's data in bytes (a multiple of 8). */
  readonly fragmentOffset: number;
  readonly ttl: number;
  readonly protocol: number;
  readonly source: string;
  readonly destination: string;
  /** Header options (multiple of 4 bytes), usually empty. */
  readonly options: Buffer;
  readonly payload: Buffer;
}

interface RawIpv4Header {
  readonly versionIhl: number; readonly tos: number; readonly totalLength: number; readonly identification: number;
  readonly flagsFragment: number; readonly ttl: number; readonly protocol: number; readonly checksum: number;
  readonly source: Buffer; readonly destination: Buffer;
}

// RFC 791 3.1: version/IHL, TOS, total length, identification, flags/fragment offset, TTL, protocol,
// header checksum, source, destination (options follow when IHL > 5).
const headerCodec = defineCodec<RawIpv4Header>('IPv4 header', [
  { kind: 'u8', key: 'versionIhl' }, { kind: 'u8', key: 'tos' }, { kind: 'u16', key: 'totalLength' },
  { kind: 'u16', key: 'identification' }, { kind: 'u16', key: 'flagsFragment' },
  { kind: 'u8', key: 'ttl' }, { kind: 'u8', key: 'protocol' }, { kind: 'u16', key: 'checksum' },
  { kind: 'fixedBytes', key: 'source', size: 4 }, { kind: 'fixedBytes', key: 'destination', size: 4 },
]);

const DF = 0x4000;
const MF = 0x2000;

/** 4 bytes for a dotted quad, or undefined when the text is not one. */
export function parseIpv4Address(text: string): Buffer | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = parts.map((part) => (/^\d{1,3}$/.test(part) ? Number(part) : NaN));
  if (bytes.some((b) => !(b >= 0 && b <= 255))) return undefined;
  return Buffer.from(bytes);
}

export function formatIpv4Address(bytes: Buffer): string {
  return `${bytes[0]}.${bytes[1]}.${bytes[2]}.${bytes[3]}`;
}

function addressBytes(text: string): Buffer {
  const bytes = parseIpv4Address(text);
  if (bytes === undefined) throw new RangeError(`not an IPv4 address: ${text}`);
  return bytes;
}

export function ipv4HeaderLength(packet: Ipv4Packet): number {
  return 20 + packet.options.length;
}

/** The packet with total length and header checksum filled in. Throws only on an invalid address string. */
export function encodeIpv4(packet: Ipv4Packet): Buffer {
  const headerLength = ipv4HeaderLength(packet);
  const raw: RawIpv4Header = {
    versionIhl: 0x40 | (headerLength / 4), tos: packet.tos, totalLength: headerLength + packet.payload.length,
    identification: packet.identification,
    flagsFragment: (packet.dontFragment ? DF : 0) | (packet.moreFragments ? MF : 0) | ((packet.fragmentOffset / 8) & 0x1fff),
    ttl: packet.ttl, protocol: packet.protocol, checksum: 0,
    source: addressBytes(packet.source), destination: addressBytes(packet.destination),
  };
  const header = Buffer.concat([headerCodec.encode(raw), packet.options]);
  header.writeUInt16BE(internetChecksum(header), 10);
  return Buffer.concat([header, packet.payload]);
}

export function decodeIpv4(bytes: Buffer): DecodeResult<Ipv4Packet> {
  if (bytes.length < 20) return { ok: false, problem: wireProblem('truncated', `${bytes.length} bytes is shorter than an IPv4 header`) };
  const decoded = headerCodec.decode(bytes.subarray(0, 20));
  if (!decoded.ok) return decoded;
  const raw = decoded.value;
  if (raw.versionIhl >> 4 !== 4) return { ok: false, problem: wireProblem('unsupported', `IP version ${raw.versionIhl >> 4}`, 0) };
  const headerLength = (raw.versionIhl & 0x0f) * 4;
  if (headerLength < 20 || headerLength > bytes.length) return { ok: false, problem: wireProblem('bad-length', `header length ${headerLength}`, 0) };
  if (raw.totalLength < headerLength || raw.totalLength > bytes.length) {
    return { ok: false, problem: wireProblem('bad-length', `total length ${raw.totalLength} with ${bytes.length} bytes received`, 2) };
  }
  if (internetChecksum(bytes.subarray(0, headerLength)) !== 0) return { ok: false, problem: wireProblem('bad-checksum', 'IPv4 header checksum', 10) };
  return {
    ok: true,
    value: {
      tos: raw.tos, identification: raw.identification, dontFragment: (raw.flagsFragment & DF) !== 0,
      moreFragments: (raw.flagsFragment & MF) !== 0, fragmentOffset: (raw.flagsFragment & 0x1fff) * 8,
      ttl: raw.ttl, protocol: raw.protocol, source: formatIpv4Address(raw.source), destination: formatIpv4Address(raw.destination),
      options: Buffer.from(bytes.subarray(20, headerLength)), payload: Buffer.from(bytes.subarray(headerLength, raw.totalLength)),
    },
  };
}

/** The packet with DF cleared (Junos `clear-dont-fragment-bit`). */
export function clearDontFragment(packet: Ipv4Packet): Ipv4Packet {
  return packet.dontFragment ? { ...packet, dontFragment: false } : packet;
}

export type FragmentResult =
  | { readonly ok: true; readonly fragments: readonly Ipv4Packet[] }
  | { readonly ok: false; readonly reason: 'dont-fragment' | 'mtu-too-small'; readonly mtu: number };

/** Splits a packet so every fragment fits `mtu` bytes; refuses when DF is set and the packet is too big. */
export function fragmentIpv4(packet: Ipv4Packet, mtu: number): FragmentResult {
  const headerLength = ipv4HeaderLength(packet);
  if (headerLength + packet.payload.length <= mtu) return { ok: true, fragments: [packet] };
  if (packet.dontFragment) return { ok: false, reason: 'dont-fragment', mtu };
  const chunk = Math.floor((mtu - headerLength) / 8) * 8;
  if (chunk <= 0) return { ok: false, reason: 'mtu-too-small', mtu };
  const fragments: Ipv4Packet[] = [];
  for (let start = 0; start < packet.payload.length; start += chunk) {
    const end = Math.min(start + chunk, packet.payload.length);
    fragments.push({
      ...packet, fragmentOffset: packet.fragmentOffset + start,
      moreFragments: end < packet.payload.length || packet.moreFragments,
      payload: Buffer.from(packet.payload.subarray(start, end)),
    });
  }
  return { ok: true, fragments };
}

/** Joins the fragments of one datagram (any order); undefined while a piece is missing or they disagree. */
export function reassembleIpv4(fragments: readonly Ipv4Packet[]): Ipv4Packet | undefined {
  if (fragments.length === 0) return undefined;
  const sorted = [...fragments].sort((a, b) => a.fragmentOffset - b.fragmentOffset);
  const first = sorted[0]!;
  let expected = 0;
  for (const fragment of sorted) {
    if (fragment.identification !== first.identification || fragment.source !== first.source || fragment.destination !== first.destination || fragment.protocol !== first.protocol) return undefined;
    if (fragment.fragmentOffset !== expected) return undefined;
    expected += fragment.payload.length;
  }
  if (sorted[sorted.length - 1]!.moreFragments) return undefined;
  return { ...first, moreFragments: false, fragmentOffset: 0, payload: Buffer.concat(sorted.map((f) => f.payload)) };
}
