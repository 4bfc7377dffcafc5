/**
 * wire/udp.ts: UDP datagrams (RFC 768) over IPv4 with the pseudo-header checksum, and the RFC 3948
 * non-ESP marker that separates IKE from ESP on port 4500.
 * Owns: the 8-byte header, checksum computation and check (0 means "no checksum").
 * Must not know: IKE or ESP contents.
 * Invariants: decode never throws; length and checksum errors are problems.
 * Tests: test/src/engine/ip.test.ts
 */
import { internetChecksum } from './checksum';
import { IpProtocol, parseIpv4Address } from './ipv4';
import { wireProblem, type DecodeResult } from './problems';

export const IKE_PORT = 500;
export const NAT_T_PORT = 4500;
/** RFC 3948 2.2: four zero bytes before an IKE message on port 4500. */
export const NON_ESP_MARKER = Buffer.alloc(4);

/** What a datagram on port 4500 carries (RFC 3948 2.2 / 2.3). */
export type NatTraversalPayload =
  | { readonly kind: 'ike'; readonly message: Buffer }
  | { readonly kind: 'esp'; readonly packet: Buffer }
  | { readonly kind: 'keepalive' }
  | { readonly kind: 'invalid' };

/** Splits a port-4500 payload: 0xFF alone is a NAT keepalive, a zero marker precedes IKE, else ESP. */
export function classifyNatTraversalPayload(payload: Buffer): NatTraversalPayload {
  if (payload.length === 1 && payload[0] === 0xff) return { kind: 'keepalive' };
  if (payload.length >= 4 && payload.readUInt32BE(0) === 0) return { kind: 'ike', message: Buffer.from(payload.subarray(4)) };
  if (payload.length >= 8) return { kind: 'esp', packet: payload };
  return { kind: 'invalid' };
}

/** An IKE message as sent on port 4500 (behind the non-ESP marker). */
export function ikeOnNatTraversalPort(message: Buffer): Buffer {
  return Buffer.concat([NON_ESP_MARKER, message]);
}

export interface UdpDatagram {
  readonly sourcePort: number;
  readonly destinationPort: number;
  readonly payload: Buffer;
}

function pseudoHeader(source: string, destination: string, length: number): Buffer {
  const out = Buffer.alloc(12);
  (parseIpv4Address(source) ?? Buffer.alloc(4)).copy(out, 0);
  (parseIpv4Address(destination) ?? Buffer.alloc(4)).copy(out, 4);
  out.writeUInt8(IpProtocol.udp, 9);
  out.writeUInt16BE(length, 10);
  return out;
}

/** The UDP header and payload, checksummed for the given IPv4 source and destination. */
export function encodeUdp(datagram: UdpDatagram, source: string, destination: string): Buffer {
  const length = 8 + datagram.payload.length;
  const out = Buffer.alloc(length);
  out.writeUInt16BE(datagram.sourcePort, 0);
  out.writeUInt16BE(datagram.destinationPort, 2);
  out.writeUInt16BE(length, 4);
  datagram.payload.copy(out, 8);
  const checksum = internetChecksum(pseudoHeader(source, destination, length), out);
  out.writeUInt16BE(checksum === 0 ? 0xffff : checksum, 6);
  return out;
}

export function decodeUdp(bytes: Buffer, source: string, destination: string): DecodeResult<UdpDatagram> {
  if (bytes.length < 8) return { ok: false, problem: wireProblem('truncated', `${bytes.length} bytes is shorter than a UDP header`) };
  const length = bytes.readUInt16BE(4);
  if (length < 8 || length > bytes.length) return { ok: false, problem: wireProblem('bad-length', `UDP length ${length} with ${bytes.length} bytes`, 4) };
  const datagram = bytes.subarray(0, length);
  if (bytes.readUInt16BE(6) !== 0 && internetChecksum(pseudoHeader(source, destination, length), datagram) !== 0) {
    return { ok: false, problem: wireProblem('bad-checksum', 'UDP checksum', 6) };
  }
  return { ok: true, value: { sourcePort: bytes.readUInt16BE(0), destinationPort: bytes.readUInt16BE(2), payload: Buffer.from(bytes.subarray(8, length)) } };
}
