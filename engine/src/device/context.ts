/**
 * device/context.ts: what every compile step of one device shares: the effective root, the options, the
 *   defaults log and the problem list, plus the address readers they all need.
 * Owns: `CompileContext`, `addProblem`, reading an address word into an `AddressValue`.
 * Must not know: any particular statement (the compile modules do).
 * Invariants: never throws; a bad address gives undefined and a `bad-value` problem at the word.
 * Tests: test/src/engine/device.test.ts
 */
import type { ConfigNode, Word } from '../../../server/src/model/index';
import { parseIpv4, parseIpv4Prefix, parseIpv6, parseIpv6Prefix } from '../../../server/src/schema/addresses';
import { DefaultsLog } from './defaults';
import { spanOfWord } from './read';
import type { AddressValue, CompileOptions, DeviceProblem, DeviceProblemCode, Span } from './types';

export interface CompileContext {
  readonly root: ConfigNode;
  readonly docId: string;
  readonly options: CompileOptions;
  readonly defaults: DefaultsLog;
  readonly problems: DeviceProblem[];
}

export function newContext(root: ConfigNode, docId: string, options: CompileOptions): CompileContext {
  return { root, docId, options, defaults: new DefaultsLog(), problems: [] };
}

export function addProblem(
  ctx: CompileContext,
  code: DeviceProblemCode,
  message: string,
  spans: (Span | undefined)[],
  severity: 'error' | 'warning' = 'error',
): void {
  ctx.problems.push({ code, severity, message, spans: spans.filter((s): s is Span => s !== undefined) });
}

/** The family of an address text, or undefined when it is neither IPv4 nor IPv6. */
export function addressFamily(text: string): 'inet' | 'inet6' | undefined {
  if (parseIpv4(text) !== undefined) return 'inet';
  if (parseIpv6(text) !== undefined) return 'inet6';
  return undefined;
}

/** The family and length of a prefix text (`10.1.12.0/24`, `::/0`), or undefined. */
export function prefixOf(text: string): { family: 'inet' | 'inet6'; length: number } | undefined {
  const v4 = text.includes(':') ? undefined : parseIpv4Prefix(text);
  if (v4) return { family: 'inet', length: v4.length };
  const v6 = parseIpv6Prefix(text);
  if (v6) return { family: 'inet6', length: v6.length };
  return undefined;
}

/** Reads an address word; reports a `bad-value` problem (naming `what`) when it is not an IP address. */
export function readAddress(ctx: CompileContext, word: Word | undefined, what: string): AddressValue | undefined {
  if (!word) return undefined;
  const family = addressFamily(word.text);
  if (!family) {
    addProblem(ctx, 'bad-value', `${what} "${word.text}" is not an IPv4 or IPv6 address`, [spanOfWord(word)]);
    return undefined;
  }
  return { address: word.text, family, at: spanOfWord(word) };
}
