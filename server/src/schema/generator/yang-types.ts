/**
 * schema/generator/yang-types.ts: resolves a YANG `type` statement into our ValueType.
 * Owns: built-in types (integers with their natural ranges, decimal64, string, boolean, empty,
 *   enumeration, union, and the rarer ones mapped to string), `range`/`length`/`pattern`/
 *   `junos:posix-pattern` restrictions, typedef chains, and the Junos `jt:` address-like typedefs.
 * Must not know: containers/lists, musts, the emitted format.
 * Invariants: never throws; an unknown type name yields a plain string (accepting, never rejecting).
 * Tests: test/src/schema/generator.test.ts
 */
import type { ValueType } from '../types';
import type { YangStatement } from './yang-syntax';

/** Finds a typedef by (possibly prefixed) name, from the module where the type is used. */
export type TypedefLookup = (name: string) => { readonly statement: YangStatement; readonly lookup: TypedefLookup } | undefined;

type Bound = bigint | number;

const INTEGERS: Record<string, { signed: boolean; bits: 8 | 16 | 32 | 64 }> = {
  int8: { signed: true, bits: 8 },
  int16: { signed: true, bits: 16 },
  int32: { signed: true, bits: 32 },
  int64: { signed: true, bits: 64 },
  uint8: { signed: false, bits: 8 },
  uint16: { signed: false, bits: 16 },
  uint32: { signed: false, bits: 32 },
  uint64: { signed: false, bits: 64 },
};

/** Junos common typedef name -> our named-type name (the rest keep their typedef name). */
const NAMED: Record<string, string> = {
  ipv4addr: 'ipv4address',
  ipv6addr: 'ipv6address',
  'mac-addr': 'mac-address',
};

function num(v: bigint): Bound {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

function integerLimits(signed: boolean, bits: number): [bigint, bigint] {
  const b = BigInt(bits);
  return signed ? [-(1n << (b - 1n)), (1n << (b - 1n)) - 1n] : [0n, (1n << b) - 1n];
}

/** `"1 .. 10 | 20"` with `min`/`max` -> inclusive integer pairs, or undefined when unreadable. */
function parseIntegerRanges(text: string, lo: bigint, hi: bigint): [bigint, bigint][] | undefined {
  const out: [bigint, bigint][] = [];
  for (const part of text.split('|')) {
    const ends = part.split('..').map((s) => s.trim());
    const read = (s: string): bigint | undefined => {
      if (s === 'min') return lo;
      if (s === 'max') return hi;
      return /^[+-]?\d+$/.test(s) ? BigInt(s) : undefined;
    };
    const a = read(ends[0] ?? '');
    const b = ends.length > 1 ? read(ends[1] ?? '') : a;
    if (a === undefined || b === undefined || ends.length > 2) return undefined;
    out.push([a, b]);
  }
  return out;
}

function parseDecimalRanges(text: string): [number, number][] | undefined {
  const out: [number, number][] = [];
  for (const part of text.split('|')) {
    const ends = part.split('..').map((s) => s.trim());
    const read = (s: string): number | undefined =>
      s === 'min' ? -Number.MAX_VALUE : s === 'max' ? Number.MAX_VALUE : /^[+-]?\d+(\.\d+)?$/.test(s) ? Number(s) : undefined;
    const a = read(ends[0] ?? '');
    const b = ends.length > 1 ? read(ends[1] ?? '') : a;
    if (a === undefined || b === undefined) return undefined;
    out.push([a, b]);
  }
  return out;
}

function sub(stmt: YangStatement, keyword: string): YangStatement | undefined {
  return stmt.children.find((c) => c.keyword === keyword);
}

const STRING: ValueType = { kind: 'string' };

/** Resolves `type NAME { ... }` used in a module whose typedefs `lookup` finds. */
export function resolveType(typeStmt: YangStatement, lookup: TypedefLookup, depth = 0): ValueType {
  const name = typeStmt.arg ?? 'string';
  const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
  if (depth > 32) return STRING;

  if (!name.includes(':') && INTEGERS[name]) {
    const { signed, bits } = INTEGERS[name]!;
    const [lo, hi] = integerLimits(signed, bits);
    const range = sub(typeStmt, 'range')?.arg;
    const pairs = (range !== undefined ? parseIntegerRanges(range, lo, hi) : undefined) ?? [[lo, hi]];
    return { kind: 'integer', signed, bits, ranges: pairs.map(([a, b]) => [num(a), num(b)] as const) };
  }
  switch (name) {
    case 'empty':
      return { kind: 'empty' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'decimal64': {
      const range = sub(typeStmt, 'range')?.arg;
      const ranges = range !== undefined ? parseDecimalRanges(range) : undefined;
      return ranges ? { kind: 'decimal', ranges } : { kind: 'decimal' };
    }
    case 'enumeration':
      return { kind: 'enumeration', values: typeStmt.children.filter((c) => c.keyword === 'enum').map((c) => c.arg ?? '') };
    case 'union':
      return {
        kind: 'union',
        members: typeStmt.children.filter((c) => c.keyword === 'type').map((c) => resolveType(c, lookup, depth + 1)),
      };
    case 'string':
      return stringType(typeStmt);
    case 'bits':
    case 'binary':
    case 'leafref':
    case 'identityref':
    case 'instance-identifier':
      return STRING;
  }
  const typedef = lookup(name);
  if (!typedef) return STRING;
  const baseStmt = sub(typedef.statement, 'type');
  const base = baseStmt ? resolveType(baseStmt, typedef.lookup, depth + 1) : STRING;
  if (base.kind === 'string' && !base.lengths && !base.patterns && !base.posixPatterns && typeStmt.children.length === 0) {
    return { kind: 'named', name: NAMED[local] ?? local, yangType: name };
  }
  if (base.kind === 'string') {
    const own = stringType(typeStmt);
    return own.kind === 'string' && (own.lengths || own.patterns || own.posixPatterns) ? own : base;
  }
  return base;
}

function stringType(typeStmt: YangStatement): ValueType {
  const length = sub(typeStmt, 'length')?.arg;
  const lengths = length !== undefined ? parseIntegerRanges(length, 0n, 18446744073709551615n) : undefined;
  const patterns = typeStmt.children.filter((c) => c.keyword === 'pattern').map((c) => c.arg ?? '');
  const posix = typeStmt.children.filter((c) => c.keyword === 'junos:posix-pattern').map((c) => c.arg ?? '');
  return {
    kind: 'string',
    ...(lengths ? { lengths: lengths.map(([a, b]) => [Number(a), Number(b)] as const) } : {}),
    ...(patterns.length ? { patterns } : {}),
    ...(posix.length ? { posixPatterns: posix } : {}),
  };
}
