/**
 * wire/ah.ts: the Authentication Header (RFC 4302) in tunnel mode, for Junos `protocol ah` and `bundle`
 * (manual or negotiated SAs): building the outer IPv4 packet with AH, and verifying one.
 * Owns: the AH layout (next header, payload length in 32-bit words minus 2, reserved, SPI, sequence
 *   number, ICV padded to a multiple of 4 bytes for IPv4), the ICV computed over the outer IPv4 header with
 *   its mutable fields zeroed (TOS, flags/fragment offset, TTL, header checksum; RFC 4302 3.3.3.1), the
 *   AH header with a zero ICV, and the inner packet.
 * Must not know: routing, counters, SA negotiation.
 * Invariants: never throws on received bytes; a flipped bit in any immutable field or the payload gives
 *   'auth-failure'; replay handling mirrors esp.ts (check before the ICV, accept after).
 * Tests: test/src/engine/ah.test.ts
 */
import { computeIcv, verifyIcv, type IntegritySpec } from '../crypto/integrity';
import { decodeIpv4, encodeIpv4, IpProtocol, type Ipv4Packet } from './ipv4';
import type { ReplayWindow } from './replay-window';

export interface AhSa {
  readonly spi: number;
  readonly integrity: IntegritySpec;
  readonly integrityKey: Buffer;
}

export type AhFailure = 'bad-header' | 'spi-mismatch' | 'replay' | 'auth-failure';

export type AhVerification =
  | { readonly ok: true; readonly spi: number; readonly sequenceNumber: number; readonly nextHeader: number; readonly payload: Buffer }
  | { readonly ok: false; readonly failure: AhFailure; readonly detail: string };

function icvField(integrity: IntegritySpec): number {
  return Math.ceil(integrity.icvLength / 4) * 4;
}

/** The outer header bytes with TOS, flags/offset, TTL and checksum zeroed (what the ICV covers). */
function immutableHeader(header: Buffer): Buffer {
  const copy = Buffer.from(header);
  copy[1] = 0;
  copy.writeUInt16BE(0, 6);
  copy[8] = 0;
  copy.writeUInt16BE(0, 10);
  return copy;
}

/**
 * The outer IPv4 packet (protocol 51) carrying `inner` with `nextHeader` (4 = IPv4, or 50 when AH wraps ESP
 * in a bundle). `outer` gives the outer header fields; its protocol and payload are replaced.
 */
export function ahEncapsulate(sa: AhSa, sequenceNumber: number, inner: Buffer, outer: Omit<Ipv4Packet, 'protocol' | 'payload'>, nextHeader: number = IpProtocol.ipInIp): Buffer {
  const field = icvField(sa.integrity);
  const ah = Buffer.alloc(12 + field);
  ah.writeUInt8(nextHeader, 0);
  ah.writeUInt8((12 + field) / 4 - 2, 1);
  ah.writeUInt32BE(sa.spi >>> 0, 4);
  ah.writeUInt32BE(sequenceNumber >>> 0, 8);
  const packet = encodeIpv4({ ...outer, protocol: IpProtocol.ah, payload: Buffer.concat([ah, inner]) });
  const headerLength = 20 + outer.options.length;
  const icv = computeIcv(sa.integrity, sa.integrityKey, immutableHeader(packet.subarray(0, headerLength)), ah, inner);
  icv.copy(packet, headerLength + 12);
  return packet;
}

/** Checks an outer IPv4 packet carrying AH; returns the protected payload. */
export function ahVerify(sa: AhSa, packet: Buffer, window?: ReplayWindow): AhVerification {
  const decoded = decodeIpv4(packet);
  if (!decoded.ok) return { ok: false, failure: 'bad-header', detail: decoded.problem.message };
  if (decoded.value.protocol !== IpProtocol.ah) return { ok: false, failure: 'bad-header', detail: `IP protocol ${decoded.value.protocol} is not AH` };
  const body = decoded.value.payload;
  const field = icvField(sa.integrity);
  if (body.length < 12 + field) return { ok: false, failure: 'bad-header', detail: 'shorter than an AH header' };
  const ahLength = (body.readUInt8(1) + 2) * 4;
  if (ahLength !== 12 + field || ahLength > body.length) return { ok: false, failure: 'bad-header', detail: `AH length ${ahLength} does not fit ${sa.integrity.name}` };
  const spi = body.readUInt32BE(4);
  const sequenceNumber = body.readUInt32BE(8);
  if (spi !== sa.spi >>> 0) return { ok: false, failure: 'spi-mismatch', detail: `SPI 0x${spi.toString(16)} is not this SA's` };
  if (window !== undefined) {
    const verdict = window.check(sequenceNumber);
    if (verdict !== 'ok') return { ok: false, failure: 'replay', detail: `sequence number ${sequenceNumber}: ${verdict}` };
  }
  const headerLength = 20 + decoded.value.options.length;
  const zeroed = Buffer.from(body.subarray(0, ahLength));
  const icv = Buffer.from(zeroed.subarray(12, 12 + sa.integrity.icvLength));
  zeroed.fill(0, 12);
  const payload = body.subarray(ahLength);
  if (!verifyIcv(sa.integrity, sa.integrityKey, icv, immutableHeader(packet.subarray(0, headerLength)), zeroed, payload)) {
    return { ok: false, failure: 'auth-failure', detail: `${sa.integrity.name} ICV does not verify` };
  }
  window?.accept(sequenceNumber);
  return { ok: true, spi, sequenceNumber, nextHeader: body.readUInt8(0), payload: Buffer.from(payload) };
}
