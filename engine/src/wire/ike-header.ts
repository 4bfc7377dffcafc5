/**
 * wire/ike-header.ts: the 28-byte header and the generic payload chain shared by IKEv1 (RFC 2408 3.1,
 * 3.2) and IKEv2 (RFC 7296 3.1, 3.2).
 * Owns: the header layout; walking and building a chain of payloads linked by their "next payload"
 *   byte (generic header: next payload, flags/reserved, length).
 * Must not know: what any payload body means (ikev1/ and ikev2/ decode bodies).
 * Invariants: decoding never throws; a chain that stops early or overruns is a problem; the bytes after
 *   the last payload are returned (IKEv1 padding) and never silently parsed.
 * Tests: test/src/engine/ike-codecs.test.ts
 */
import { defineCodec } from './layout';
import { wireProblem, type DecodeResult } from './problems';

export const IKE_HEADER_LENGTH = 28;

export interface IkeHeader {
  /** IKEv1: the initiator cookie; IKEv2: the IKE SA initiator's SPI (8 bytes). */
  readonly initiatorSpi: Buffer;
  /** IKEv1: the responder cookie; IKEv2: the IKE SA responder's SPI (8 bytes, zero in the first message). */
  readonly responderSpi: Buffer;
  readonly nextPayload: number;
  /** Major version in the high nibble: 0x10 for IKEv1, 0x20 for IKEv2. */
  readonly version: number;
  readonly exchangeType: number;
  readonly flags: number;
  readonly messageId: number;
  readonly length: number;
}

export const ikeHeaderCodec = defineCodec<IkeHeader>('IKE header', [
  { kind: 'fixedBytes', key: 'initiatorSpi', size: 8 },
  { kind: 'fixedBytes', key: 'responderSpi', size: 8 },
  { kind: 'u8', key: 'nextPayload' },
  { kind: 'u8', key: 'version' },
  { kind: 'u8', key: 'exchangeType' },
  { kind: 'u8', key: 'flags' },
  { kind: 'u32', key: 'messageId' },
  { kind: 'u32', key: 'length' },
]);

/** A payload as found in a chain: its type code, flags byte (IKEv2 critical bit 0x80) and body. */
export interface RawPayload {
  readonly type: number;
  readonly flags: number;
  readonly body: Buffer;
  /** For a payload that ends the chain on purpose (IKEv2 SK): the type of the first payload inside it. */
  readonly innerFirstType?: number;
}

export interface DecodedChain {
  readonly payloads: RawPayload[];
  /** Bytes after the payload whose "next payload" is 0 (IKEv1 padding). */
  readonly trailing: Buffer;
}

/** Builds a chain; returns the first payload's type (for the header) and the bytes. */
export function encodePayloadChain(payloads: readonly RawPayload[]): { firstType: number; bytes: Buffer } {
  const parts: Buffer[] = [];
  payloads.forEach((payload, index) => {
    const next = payload.innerFirstType ?? (index + 1 < payloads.length ? payloads[index + 1]!.type : 0);
    const header = Buffer.alloc(4);
    header.writeUInt8(next, 0);
    header.writeUInt8(payload.flags & 0xff, 1);
    header.writeUInt16BE(payload.body.length + 4, 2);
    parts.push(header, payload.body);
  });
  return { firstType: payloads.length === 0 ? 0 : payloads[0]!.type, bytes: Buffer.concat(parts) };
}

/**
 * Walks a chain starting with `firstType`. A payload whose type is in `endsChain` is the last one: its
 * "next payload" byte names the first payload inside it.
 */
export function decodePayloadChain(firstType: number, bytes: Buffer, endsChain: ReadonlySet<number> = new Set()): DecodeResult<DecodedChain> {
  const payloads: RawPayload[] = [];
  let type = firstType;
  let offset = 0;
  while (type !== 0) {
    if (offset + 4 > bytes.length) return { ok: false, problem: wireProblem('truncated', `payload of type ${type} starts past the end of the message`, offset) };
    const next = bytes.readUInt8(offset);
    const flags = bytes.readUInt8(offset + 1);
    const length = bytes.readUInt16BE(offset + 2);
    if (length < 4 || offset + length > bytes.length) {
      return { ok: false, problem: wireProblem('bad-length', `payload of type ${type} claims ${length} bytes, ${bytes.length - offset} left`, offset + 2) };
    }
    const body = Buffer.from(bytes.subarray(offset + 4, offset + length));
    offset += length;
    if (endsChain.has(type)) {
      payloads.push({ type, flags, body, innerFirstType: next });
      break;
    }
    payloads.push({ type, flags, body });
    type = next;
    if (payloads.length > 512) return { ok: false, problem: wireProblem('bad-value', 'more than 512 payloads in one message', offset) };
  }
  return { ok: true, value: { payloads, trailing: Buffer.from(bytes.subarray(offset)) } };
}
