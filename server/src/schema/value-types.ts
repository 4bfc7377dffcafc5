/**
 * schema/value-types.ts: describes value types in words and checks a value's text against its type.
 * Owns: the human wording of types ("integer 64..4096", "one of: main, aggressive"), value checks
 *   (integers and their ranges, decimals, enumerations with did-you-mean, string lengths, YANG
 *   patterns (Junos-style POSIX, `!` = must not match) and `junos:posix-pattern`s converted to JS RegExp, IPv4/IPv6 addresses and prefixes,
 *   MAC addresses, unions), and the problem codes of a bad value.
 * Must not know: schema nodes, paths, config trees, LSP.
 * Invariants: pure and never throws (a pattern JS cannot compile is skipped: we accept rather than
 *   flag valid configs); the group-wildcard member `<.*>|$.*` of Junos unions is left out of
 *   descriptions; `undefined` means the value is acceptable.
 * Tests: test/src/schema/value-types.test.ts
 */
import { isMacAddress, parseIpv4, parseIpv4Prefix, parseIpv6, parseIpv6Prefix } from './addresses';
import { didYouMean } from './did-you-mean';
import type { ValueType } from './types';

export type ValueProblemCode =
  | 'not-a-number'
  | 'out-of-range'
  | 'not-in-enumeration'
  | 'bad-address'
  | 'too-long'
  | 'too-short'
  | 'bad-characters'
  | 'unexpected-value'
  | 'missing-value';

export interface ValueProblem {
  readonly code: ValueProblemCode;
  /** our wording, e.g. "5000 is out of range (integer 64..4096)" */
  readonly message: string;
  /** the reason part of the message, e.g. "is out of range" */
  readonly reason: string;
  /** describeType of what was expected */
  readonly expected: string;
  /** enumeration values close to the given text, best first */
  readonly suggestions: readonly string[];
}

const WILDCARD_PATTERN = '<.*>|$.*';

/** True for the `string { pattern "<.*>|$.*"; }` member Junos adds to unions for group wildcards and variables. */
export function isGroupWildcardMember(t: ValueType): boolean {
  return t.kind === 'string' && t.patterns?.length === 1 && t.patterns[0] === WILDCARD_PATTERN && !t.lengths && !t.posixPatterns;
}

const NAMED_WORDS: Record<string, string> = {
  ipv4address: 'IPv4 address',
  ipv4prefix: 'IPv4 prefix',
  'ipv4prefix-optional': 'IPv4 address or prefix',
  'ipv4prefix-mandatory': 'IPv4 prefix (address/length)',
  'ipv4prefix-only': 'IPv4 prefix (address/length)',
  ipv6address: 'IPv6 address',
  ipv6prefix: 'IPv6 prefix',
  'ipv6prefix-optional': 'IPv6 address or prefix',
  'ipv6prefix-mandatory': 'IPv6 prefix (address/length)',
  'ipv6prefix-only': 'IPv6 prefix (address/length)',
  ipaddr: 'IPv4 or IPv6 address',
  'ipaddr-scoped': 'IPv4 or IPv6 address',
  ipprefix: 'IPv4 or IPv6 prefix',
  'ipprefix-optional': 'IPv4 or IPv6 address or prefix',
  'ipprefix-mandatory': 'IPv4 or IPv6 prefix (address/length)',
  'ipprefix-only': 'IPv4 or IPv6 prefix (address/length)',
  'ipv4addr-or-interface': 'IPv4 address or interface name',
  'ipaddr-or-interface': 'IP address or interface name',
  'interface-name': 'interface name',
  'interface-device': 'interface device name',
  'interface-unit': 'logical interface name (device.unit)',
  'interface-wildcard': 'interface name (wildcards allowed)',
  'mac-address': 'MAC address',
  'mac-unicast': 'unicast MAC address',
  'mac-multicast': 'multicast MAC address',
  unreadable: 'secret (stored encrypted)',
  'policy-algebra': 'policy expression',
  'regular-expression': 'regular expression',
  areaid: 'area ID (dotted quad or number)',
  'vlan-range': 'VLAN ID or range',
};

function rangeText(ranges: readonly (readonly [bigint | number, bigint | number])[]): string {
  return ranges.map(([a, b]) => (a === b ? `${a}` : `${a}..${b}`)).join(', ');
}

/** Human text for a type: "integer 64..4096", "one of: main, aggressive", "IPv4 address", ... */
export function describeType(type: ValueType | undefined): string {
  if (!type) return 'value';
  switch (type.kind) {
    case 'empty':
      return 'no value (flag)';
    case 'boolean':
      return 'true or false';
    case 'integer':
      return `integer ${rangeText(type.ranges)}`;
    case 'decimal':
      return type.ranges ? `decimal number ${rangeText(type.ranges)}` : 'decimal number';
    case 'enumeration':
      return `one of: ${type.values.join(', ')}`;
    case 'string': {
      const parts = ['string'];
      if (type.lengths) parts.push(`${rangeText(type.lengths)} characters`);
      if (type.posixPatterns?.some((p) => p === '^[[:alnum:]][[:alnum:]_-]*$')) parts.push('starting with a letter or digit, then letters, digits, - or _');
      return parts.join(', ');
    }
    case 'union': {
      const members = type.members.filter((m) => !isGroupWildcardMember(m));
      const words = [...new Set(members.map(describeType))];
      return words.length === 0 ? 'string' : words.join(' or ');
    }
    case 'named':
      return NAMED_WORDS[type.name] ?? type.name.replace(/-/g, ' ');
  }
}

// ---- pattern conversion -------------------------------------------------------------------------

const regexCache = new Map<string, { regex: RegExp; negated: boolean } | null>();

const POSIX_CLASSES: Record<string, string> = {
  alnum: 'a-zA-Z0-9',
  alpha: 'a-zA-Z',
  digit: '0-9',
  xdigit: '0-9a-fA-F',
  lower: 'a-z',
  upper: 'A-Z',
  space: ' \\t\\r\\n\\v\\f',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
  word: 'a-zA-Z0-9_',
};

/** POSIX ERE (as Junos writes them) -> JS RegExp source; undefined when a construct is not understood. */
export function posixToJs(ere: string): string | undefined {
  let out = '';
  let i = 0;
  while (i < ere.length) {
    const c = ere[i]!;
    if (c === '\\') {
      out += ere.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      let cls = '[';
      if (ere[j] === '^') {
        cls += '^';
        j++;
      }
      if (ere[j] === ']') {
        cls += '\\]';
        j++;
      }
      while (j < ere.length && ere[j] !== ']') {
        if (ere.startsWith('[:', j)) {
          const end = ere.indexOf(':]', j + 2);
          if (end < 0) return undefined;
          const name = ere.slice(j + 2, end);
          const js = POSIX_CLASSES[name];
          if (js === undefined) return undefined;
          cls += js;
          j = end + 2;
          continue;
        }
        const ch = ere[j]!;
        cls += ch === '\\' || ch === '[' || ch === '/' ? '\\' + ch : ch;
        j++;
      }
      if (j >= ere.length) return undefined;
      out += cls + ']';
      i = j + 1;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** A YANG `pattern` as Junos writes it -> JS RegExp source plus negation. Despite YANG's XSD
 *  rules, Junos patterns are its own POSIX regexes: searched, not implicitly anchored (they carry
 *  `^`/`$` when needed), with a leading `!` meaning "must not match" (`!^((__.*)|(.{65,}))$`). The
 *  group-wildcard pattern `<.*>|$.*` means "`<...>` or a `$variable`" and is read as such. */
export function junosPatternToJs(pattern: string): { source: string; negated: boolean } | undefined {
  if (pattern === WILDCARD_PATTERN) return { source: '^(?:<.*>|\\$.*)$', negated: false };
  const negated = pattern.startsWith('!');
  const source = posixToJs(negated ? pattern.slice(1) : pattern);
  return source === undefined ? undefined : { source, negated };
}

function compiled(pattern: string): { regex: RegExp; negated: boolean } | null {
  const key = pattern;
  let r = regexCache.get(key);
  if (r === undefined) {
    const src = junosPatternToJs(pattern);
    try {
      r = src?.source === undefined ? null : { regex: new RegExp(src.source), negated: src.negated };
    } catch {
      r = null;
    }
    regexCache.set(key, r);
  }
  return r;
}

/** Both `pattern` and `junos:posix-pattern` carry Junos regexes (with the `!` form). */
function matches(pattern: string, text: string): boolean {
  const r = compiled(pattern);
  return !r || r.regex.test(text) !== r.negated;
}

// ---- validation ---------------------------------------------------------------------------------

function problem(code: ValueProblemCode, text: string, type: ValueType, what: string, suggestions: string[] = []): ValueProblem {
  const expected = describeType(type);
  return { code, message: `'${text}' ${what} (expected ${expected})`, reason: what, expected, suggestions };
}

function parseInteger(text: string): bigint | undefined {
  return /^[+-]?\d+$/.test(text) ? BigInt(text) : undefined;
}

function checkNamed(name: string, text: string): boolean {
  switch (name) {
    case 'ipv4address':
      return parseIpv4(text) !== undefined;
    case 'ipv4prefix':
    case 'ipv4prefix-optional':
      return parseIpv4Prefix(text) !== undefined;
    case 'ipv4prefix-mandatory':
    case 'ipv4prefix-only':
      return parseIpv4Prefix(text, 'mandatory') !== undefined;
    case 'ipv6address':
      return parseIpv6(text) !== undefined;
    case 'ipv6prefix':
    case 'ipv6prefix-optional':
      return parseIpv6Prefix(text) !== undefined;
    case 'ipv6prefix-mandatory':
    case 'ipv6prefix-only':
      return parseIpv6Prefix(text, 'mandatory') !== undefined;
    case 'ipaddr':
      return parseIpv4(text) !== undefined || parseIpv6(text) !== undefined;
    case 'ipaddr-scoped': {
      const base = text.split('%')[0] ?? '';
      return parseIpv4(base) !== undefined || parseIpv6(base) !== undefined;
    }
    case 'ipprefix':
    case 'ipprefix-optional':
      return parseIpv4Prefix(text) !== undefined || parseIpv6Prefix(text) !== undefined;
    case 'ipprefix-mandatory':
    case 'ipprefix-only':
      return parseIpv4Prefix(text, 'mandatory') !== undefined || parseIpv6Prefix(text, 'mandatory') !== undefined;
    case 'mac-address':
    case 'mac-unicast':
    case 'mac-multicast':
      return isMacAddress(text);
    default:
      return true;
  }
}

/** Checks `text` (one value word, quotes already removed) against `type`; undefined = acceptable. */
export function validateValue(type: ValueType | undefined, text: string): ValueProblem | undefined {
  if (!type) return undefined;
  switch (type.kind) {
    case 'empty':
      return problem('unexpected-value', text, type, 'is not expected: this statement takes no value');
    case 'boolean':
      return text === 'true' || text === 'false' ? undefined : problem('not-in-enumeration', text, type, 'is not true or false');
    case 'integer': {
      const v = parseInteger(text);
      if (v === undefined) return problem('not-a-number', text, type, 'is not a whole number');
      const ok = type.ranges.some(([a, b]) => v >= BigInt(a) && v <= BigInt(b));
      return ok ? undefined : problem('out-of-range', text, type, 'is out of range');
    }
    case 'decimal': {
      if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return problem('not-a-number', text, type, 'is not a number');
      const v = Number(text);
      const ok = !type.ranges || type.ranges.some(([a, b]) => v >= a && v <= b);
      return ok ? undefined : problem('out-of-range', text, type, 'is out of range');
    }
    case 'enumeration':
      return type.values.includes(text)
        ? undefined
        : problem('not-in-enumeration', text, type, 'is not one of the allowed values', didYouMean(text, type.values));
    case 'string': {
      const len = [...text].length;
      if (type.lengths && !type.lengths.some(([a, b]) => len >= a && len <= b)) {
        const max = Math.max(...type.lengths.map(([, b]) => b));
        return len > max ? problem('too-long', text, type, `is too long (${len} characters)`) : problem('too-short', text, type, `is too short (${len} characters)`);
      }
      for (const p of type.patterns ?? []) {
        if (!matches(p, text)) return problem('bad-characters', text, type, 'does not have the required form');
      }
      for (const p of type.posixPatterns ?? []) {
        if (!matches(p, text)) return problem('bad-characters', text, type, 'does not have the required form');
      }
      return undefined;
    }
    case 'named':
      return checkNamed(type.name, text) ? undefined : problem('bad-address', text, type, `is not a valid ${describeType(type)}`);
    case 'union': {
      let first: ValueProblem | undefined;
      for (const m of type.members) {
        const p = validateValue(m, text);
        if (!p) return undefined;
        if (!first && !isGroupWildcardMember(m)) first = p;
      }
      if (!first) return problem('bad-characters', text, type, 'is not accepted');
      // keep the member's own reason but say what the whole union accepts
      const expected = describeType(type);
      return { ...first, expected, message: `'${text}' ${first.reason} (expected ${expected})` };
    }
  }
}
