/**
 * wire/icmp.ts: ICMP echo request/reply (RFC 792) and the two errors traceroute and path MTU need
 * (time exceeded, destination unreachable), with the ICMP checksum.
 * Owns: the echo layout (type, code, checksum, identifier, sequence, data), the error body (offending
 *   header + 8 bytes) and the checksum.
 * Must not know: routing or timing.
 * Invariants: decode never throws; a wrong checksum is a problem.
 * Tests: test/src/engine/ip.test.ts
 */
import { internetChecksum } from './checksum';
import { wireProblem, type DecodeResult } from './problems';

export const IcmpType = { echoReply: 0, destinationUnreachable: 3, echoRequest: 8, timeExceeded: 11 } as const;
/** Codes used with destinationUnreachable and timeExceeded. */
export const IcmpCode = { networkUnreachable: 0, hostUnreachable: 1, fragmentationNeeded: 4, ttlExceededInTransit: 0 } as const;

export interface IcmpMessage {
  readonly type: number;
  readonly code: number;
  /** Echo: identifier; errors: unused (0), or next-hop MTU in the low 16 bits for "fragmentation needed". */
  readonly identifier: number;
  readonly sequence: number;
  /** Echo: data; errors: the offending IP header + 8 bytes. */
  readonly data: Buffer;
}

export function encodeIcmp(message: IcmpMessage): Buffer {
  const out = Buffer.alloc(8 + message.data.length);
  out.writeUInt8(message.type, 0);
  out.writeUInt8(message.code, 1);
  out.writeUInt16BE(message.identifier, 4);
  out.writeUInt16BE(message.sequence, 6);
  message.data.copy(out, 8);
  out.writeUInt16BE(internetChecksum(out), 2);
  return out;
}

/**
 * An ICMP error about `offending` (an encoded IPv4 packet): its header plus the first 8 payload bytes, as
 * RFC 792 requires. `nextHopMtu` fills the low 16 bits for "fragmentation needed" (RFC 1191).
 */
export function icmpError(type: number, code: number, offending: Buffer, nextHopMtu = 0): IcmpMessage {
  const headerLength = offending.length >= 1 ? (offending[0]! & 0x0f) * 4 : 0;
  return { type, code, identifier: 0, sequence: nextHopMtu & 0xffff, data: Buffer.from(offending.subarray(0, Math.min(offending.length, headerLength + 8))) };
}

export function decodeIcmp(bytes: Buffer): DecodeResult<IcmpMessage> {
  if (bytes.length < 8) return { ok: false, problem: wireProblem('truncated', `${bytes.length} bytes is shorter than an ICMP header`) };
  if (internetChecksum(bytes) !== 0) return { ok: false, problem: wireProblem('bad-checksum', 'ICMP checksum', 2) };
  return {
    ok: true,
    value: { type: bytes.readUInt8(0), code: bytes.readUInt8(1), identifier: bytes.readUInt16BE(4), sequence: bytes.readUInt16BE(6), data: Buffer.from(bytes.subarray(8)) },
  };
}
