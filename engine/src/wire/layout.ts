/**
 * wire/layout.ts: the one generic reader/writer behind every payload codec (strongSwan's rule tables).
 * Owns: the field rule vocabulary (integers, reserved bytes, fixed/sized/rest byte strings, derived
 *   size and count fields, TV/TLV attribute lists, substructure lists with the 4-byte
 *   more/reserved/length header, self-delimited item lists, address pairs), and `defineCodec`, which
 *   turns a rule table into { encode, decode, encodingLength, verify }.
 * Must not know: any particular payload (those are tables in ikev1/ and ikev2/).
 * Invariants: decode never throws and reads exactly the slice it is given (trailing bytes are a
 *   problem); encode(decode(x)) reproduces x byte for byte for well-formed input; encodingLength(v) ==
 *   encode(v).length; derived fields (sizes, counts) are computed on encode and never stored in values.
 * Tests: test/src/engine/ike-codecs.test.ts (round trips, fast-check, garbage).
 */
import { wireProblem, type DecodeResult, type WireProblem } from './problems';

/** A Data Attribute (RFC 2408 3.3, RFC 7296 3.3.5): a number is sent as TV (AF = 1), bytes as TLV. */
export interface Attribute {
  readonly type: number;
  readonly value: number | Buffer;
}

export type FieldRule =
  | { readonly kind: 'u8' | 'u16' | 'u32'; readonly key: string }
  | { readonly kind: 'reserved'; readonly size: number }
  | { readonly kind: 'fixedBytes'; readonly key: string; readonly size: number }
  /** Byte length of another field (bytes) or of each item of a list of equal-size byte strings. */
  | { readonly kind: 'sizeU8' | 'sizeU16'; readonly of: string }
  /** Number of items in another list field. */
  | { readonly kind: 'countU8' | 'countU16'; readonly of: string }
  /** This item's total length, including everything before it in the item (self-delimited items). */
  | { readonly kind: 'selfLengthU16' }
  | { readonly kind: 'sizedBytes'; readonly key: string }
  | { readonly kind: 'restBytes'; readonly key: string }
  /** A list of equal-size byte strings (SPIs): size from a size rule, count from a count rule. */
  | { readonly kind: 'byteStrings'; readonly key: string }
  | { readonly kind: 'attributes'; readonly key: string }
  /** Items each behind a 4-byte header (next-or-last marker, reserved, length); the marker is `marker` except on the last item. */
  | { readonly kind: 'substructures'; readonly key: string; readonly marker: number; readonly layout: Layout }
  /** Items that carry their own `selfLengthU16`, `countFrom` items of them. */
  | { readonly kind: 'items'; readonly key: string; readonly layout: Layout }
  /** The rest split into two equal halves (a start and an end address). */
  | { readonly kind: 'halves'; readonly keys: readonly [string, string] };

export type Layout = readonly FieldRule[];

/** A payload value as the generic reader/writer sees it: field name -> number, bytes, list or nested value. */
type FieldValues = Record<string, unknown>;

const INT_SIZE = { u8: 1, u16: 2, u32: 4 } as const;

class DecodeError {
  constructor(readonly problem: WireProblem) {}
}

function fail(code: WireProblem['code'], message: string, offset: number): never {
  throw new DecodeError(wireProblem(code, message, offset));
}

// ---------------------------------------------------------------- measuring and writing

function asBuffer(value: unknown, key: string): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value);
  throw new TypeError(`field ${key} must be bytes`);
}

function asList(value: unknown, key: string): readonly unknown[] {
  if (Array.isArray(value)) return value;
  throw new TypeError(`field ${key} must be a list`);
}

function attributeLength(attribute: Attribute): number {
  return typeof attribute.value === 'number' ? 4 : 4 + attribute.value.length;
}

function derivedSize(value: unknown): number {
  if (Array.isArray(value)) return value.length === 0 ? 0 : asBuffer(value[0], 'item').length;
  return asBuffer(value, 'size').length;
}

/** Bytes `encode` would produce for `value` under `layout`. */
export function layoutLength(layout: Layout, value: FieldValues): number {
  let total = 0;
  for (const rule of layout) {
    switch (rule.kind) {
      case 'u8': case 'u16': case 'u32': total += INT_SIZE[rule.kind]; break;
      case 'reserved': total += rule.size; break;
      case 'fixedBytes': total += rule.size; break;
      case 'sizeU8': case 'countU8': total += 1; break;
      case 'sizeU16': case 'countU16': case 'selfLengthU16': total += 2; break;
      case 'sizedBytes': case 'restBytes': total += asBuffer(value[rule.key], rule.key).length; break;
      case 'byteStrings': for (const item of asList(value[rule.key], rule.key)) total += asBuffer(item, rule.key).length; break;
      case 'attributes': for (const item of asList(value[rule.key], rule.key)) total += attributeLength(item as Attribute); break;
      case 'substructures': for (const item of asList(value[rule.key], rule.key)) total += 4 + layoutLength(rule.layout, item as FieldValues); break;
      case 'items': for (const item of asList(value[rule.key], rule.key)) total += layoutLength(rule.layout, item as FieldValues); break;
      case 'halves': total += asBuffer(value[rule.keys[0]], rule.keys[0]).length + asBuffer(value[rule.keys[1]], rule.keys[1]).length; break;
    }
  }
  return total;
}

function writeLayout(layout: Layout, value: FieldValues, out: Buffer, start: number): number {
  let offset = start;
  const itemLength = layoutLength(layout, value);
  for (const rule of layout) {
    switch (rule.kind) {
      case 'u8': out.writeUInt8(Number(value[rule.key]) & 0xff, offset); offset += 1; break;
      case 'u16': out.writeUInt16BE(Number(value[rule.key]) & 0xffff, offset); offset += 2; break;
      case 'u32': out.writeUInt32BE(Number(value[rule.key]) >>> 0, offset); offset += 4; break;
      case 'reserved': out.fill(0, offset, offset + rule.size); offset += rule.size; break;
      case 'fixedBytes': {
        const bytes = asBuffer(value[rule.key], rule.key);
        out.fill(0, offset, offset + rule.size);
        bytes.copy(out, offset, 0, Math.min(bytes.length, rule.size));
        offset += rule.size;
        break;
      }
      case 'sizeU8': out.writeUInt8(derivedSize(value[rule.of]) & 0xff, offset); offset += 1; break;
      case 'sizeU16': out.writeUInt16BE(derivedSize(value[rule.of]) & 0xffff, offset); offset += 2; break;
      case 'countU8': out.writeUInt8(asList(value[rule.of], rule.of).length & 0xff, offset); offset += 1; break;
      case 'countU16': out.writeUInt16BE(asList(value[rule.of], rule.of).length & 0xffff, offset); offset += 2; break;
      case 'selfLengthU16': out.writeUInt16BE(itemLength & 0xffff, offset); offset += 2; break;
      case 'sizedBytes': case 'restBytes': offset += asBuffer(value[rule.key], rule.key).copy(out, offset); break;
      case 'byteStrings': for (const item of asList(value[rule.key], rule.key)) offset += asBuffer(item, rule.key).copy(out, offset); break;
      case 'attributes':
        for (const item of asList(value[rule.key], rule.key)) {
          const attribute = item as Attribute;
          if (typeof attribute.value === 'number') {
            out.writeUInt16BE(0x8000 | (attribute.type & 0x7fff), offset);
            out.writeUInt16BE(attribute.value & 0xffff, offset + 2);
            offset += 4;
          } else {
            out.writeUInt16BE(attribute.type & 0x7fff, offset);
            out.writeUInt16BE(attribute.value.length, offset + 2);
            offset += 4 + attribute.value.copy(out, offset + 4);
          }
        }
        break;
      case 'substructures': {
        const list = asList(value[rule.key], rule.key);
        list.forEach((item, index) => {
          const body = layoutLength(rule.layout, item as FieldValues);
          out.writeUInt8(index === list.length - 1 ? 0 : rule.marker, offset);
          out.writeUInt8(0, offset + 1);
          out.writeUInt16BE(body + 4, offset + 2);
          offset = writeLayout(rule.layout, item as FieldValues, out, offset + 4);
        });
        break;
      }
      case 'items': for (const item of asList(value[rule.key], rule.key)) offset = writeLayout(rule.layout, item as FieldValues, out, offset); break;
      case 'halves':
        offset += asBuffer(value[rule.keys[0]], rule.keys[0]).copy(out, offset);
        offset += asBuffer(value[rule.keys[1]], rule.keys[1]).copy(out, offset);
        break;
    }
  }
  return offset;
}

// ---------------------------------------------------------------- reading

interface DerivedFields {
  readonly sizes: Map<string, number>;
  readonly counts: Map<string, number>;
}

function need(offset: number, length: number, end: number, what: string): void {
  if (offset + length > end) fail('truncated', `${what} needs ${length} bytes at offset ${offset}, ${Math.max(0, end - offset)} left`, offset);
}

/** Offset of the selfLengthU16 field inside an item, or -1. */
function selfLengthOffset(layout: Layout): number {
  let offset = 0;
  for (const rule of layout) {
    if (rule.kind === 'selfLengthU16') return offset;
    if (rule.kind === 'u8' || rule.kind === 'sizeU8' || rule.kind === 'countU8') offset += 1;
    else if (rule.kind === 'u16' || rule.kind === 'sizeU16' || rule.kind === 'countU16') offset += 2;
    else if (rule.kind === 'u32') offset += 4;
    else if (rule.kind === 'reserved' || rule.kind === 'fixedBytes') offset += rule.size;
    else return -1;
  }
  return -1;
}

function readLayout(layout: Layout, buffer: Buffer, start: number, end: number): FieldValues {
  const value: FieldValues = {};
  const derived: DerivedFields = { sizes: new Map(), counts: new Map() };
  let offset = start;
  for (const rule of layout) {
    switch (rule.kind) {
      case 'u8': need(offset, 1, end, rule.key); value[rule.key] = buffer.readUInt8(offset); offset += 1; break;
      case 'u16': need(offset, 2, end, rule.key); value[rule.key] = buffer.readUInt16BE(offset); offset += 2; break;
      case 'u32': need(offset, 4, end, rule.key); value[rule.key] = buffer.readUInt32BE(offset); offset += 4; break;
      case 'reserved': need(offset, rule.size, end, 'reserved'); offset += rule.size; break;
      case 'fixedBytes':
        need(offset, rule.size, end, rule.key);
        value[rule.key] = Buffer.from(buffer.subarray(offset, offset + rule.size));
        offset += rule.size;
        break;
      case 'sizeU8': need(offset, 1, end, `size of ${rule.of}`); derived.sizes.set(rule.of, buffer.readUInt8(offset)); offset += 1; break;
      case 'sizeU16': need(offset, 2, end, `size of ${rule.of}`); derived.sizes.set(rule.of, buffer.readUInt16BE(offset)); offset += 2; break;
      case 'countU8': need(offset, 1, end, `count of ${rule.of}`); derived.counts.set(rule.of, buffer.readUInt8(offset)); offset += 1; break;
      case 'countU16': need(offset, 2, end, `count of ${rule.of}`); derived.counts.set(rule.of, buffer.readUInt16BE(offset)); offset += 2; break;
      case 'selfLengthU16': {
        need(offset, 2, end, 'length');
        const length = buffer.readUInt16BE(offset);
        if (start + length !== end) fail('bad-length', `item length ${length} does not match the ${end - start} bytes available`, offset);
        offset += 2;
        break;
      }
      case 'sizedBytes': {
        const size = derived.sizes.get(rule.key) ?? 0;
        need(offset, size, end, rule.key);
        value[rule.key] = Buffer.from(buffer.subarray(offset, offset + size));
        offset += size;
        break;
      }
      case 'restBytes': value[rule.key] = Buffer.from(buffer.subarray(offset, end)); offset = end; break;
      case 'byteStrings': {
        const size = derived.sizes.get(rule.key) ?? 0;
        const count = derived.counts.get(rule.key) ?? 0;
        need(offset, size * count, end, rule.key);
        const list: Buffer[] = [];
        for (let i = 0; i < count; i++, offset += size) list.push(Buffer.from(buffer.subarray(offset, offset + size)));
        value[rule.key] = list;
        break;
      }
      case 'attributes': {
        const list: Attribute[] = [];
        while (offset < end) {
          need(offset, 4, end, 'attribute');
          const word = buffer.readUInt16BE(offset);
          const second = buffer.readUInt16BE(offset + 2);
          if (word & 0x8000) {
            list.push({ type: word & 0x7fff, value: second });
            offset += 4;
          } else {
            need(offset + 4, second, end, 'attribute value');
            list.push({ type: word, value: Buffer.from(buffer.subarray(offset + 4, offset + 4 + second)) });
            offset += 4 + second;
          }
        }
        value[rule.key] = list;
        break;
      }
      case 'substructures': {
        const list: FieldValues[] = [];
        while (offset < end) {
          need(offset, 4, end, `${rule.key} header`);
          const length = buffer.readUInt16BE(offset + 2);
          if (length < 4 || offset + length > end) fail('bad-length', `${rule.key} item length ${length} does not fit`, offset + 2);
          list.push(readLayout(rule.layout, buffer, offset + 4, offset + length));
          offset += length;
        }
        const expected = derived.counts.get(rule.key);
        if (expected !== undefined && expected !== list.length) fail('count-mismatch', `${rule.key}: count says ${expected}, found ${list.length}`, start);
        value[rule.key] = list;
        break;
      }
      case 'items': {
        const count = derived.counts.get(rule.key) ?? 0;
        const at = selfLengthOffset(rule.layout);
        const list: FieldValues[] = [];
        for (let i = 0; i < count; i++) {
          need(offset, at + 2, end, `${rule.key} item`);
          const length = buffer.readUInt16BE(offset + at);
          if (length < at + 2 || offset + length > end) fail('bad-length', `${rule.key} item length ${length} does not fit`, offset + at);
          list.push(readLayout(rule.layout, buffer, offset, offset + length));
          offset += length;
        }
        value[rule.key] = list;
        break;
      }
      case 'halves': {
        const rest = end - offset;
        if (rest % 2 !== 0) fail('bad-length', `${rule.keys.join('/')} need an even number of bytes, got ${rest}`, offset);
        value[rule.keys[0]] = Buffer.from(buffer.subarray(offset, offset + rest / 2));
        value[rule.keys[1]] = Buffer.from(buffer.subarray(offset + rest / 2, end));
        offset = end;
        break;
      }
    }
  }
  if (offset !== end) fail('trailing-bytes', `${end - offset} unexpected bytes after the last field`, offset);
  return value;
}

// ---------------------------------------------------------------- codecs

export interface Codec<T> {
  readonly name: string;
  readonly layout: Layout;
  encode(value: T): Buffer;
  decode(bytes: Buffer): DecodeResult<T>;
  encodingLength(value: T): number;
  /** Semantic checks kept apart from decoding (ranges, allowed values, lengths the RFC fixes). */
  verify(value: T): WireProblem[];
}

/** A codec interpreting `layout`; `verify` adds the payload's semantic rules. */
export function defineCodec<T>(name: string, layout: Layout, verify: (value: T) => WireProblem[] = () => []): Codec<T> {
  return {
    name,
    layout,
    encodingLength: (value) => layoutLength(layout, value as unknown as FieldValues),
    encode(value) {
      const record = value as unknown as FieldValues;
      const out = Buffer.alloc(layoutLength(layout, record));
      writeLayout(layout, record, out, 0);
      return out;
    },
    decode(bytes) {
      try {
        return { ok: true, value: readLayout(layout, bytes, 0, bytes.length) as unknown as T };
      } catch (error) {
        if (error instanceof DecodeError) return { ok: false, problem: error.problem };
        return { ok: false, problem: wireProblem('bad-value', `${name}: ${(error as Error).message}`) };
      }
    },
    verify,
  };
}

/** The numeric value of an attribute in either form (TLV values up to 6 bytes), or undefined. */
export function attributeNumber(attribute: Attribute): number | undefined {
  if (typeof attribute.value === 'number') return attribute.value;
  if (attribute.value.length === 0 || attribute.value.length > 6) return undefined;
  return attribute.value.readUIntBE(0, attribute.value.length);
}

/** A duration or size as IKE sends it: TV when it fits in 16 bits, else a 4-byte TLV. */
export function numericAttribute(type: number, value: number): Attribute {
  if (value <= 0xffff) return { type, value };
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value >>> 0);
  return { type, value: bytes };
}

/** A verify rule for payloads that are opaque data: the data length must be within min..max. */
export function verifyDataLength(name: string, min: number, max = Infinity): (value: { readonly data: Buffer }) => WireProblem[] {
  return (value) => (value.data.length < min || value.data.length > max
    ? [wireProblem('bad-length', `${name} is ${value.data.length} bytes, expected ${min}..${max === Infinity ? 'any' : max}`)]
    : []);
}
