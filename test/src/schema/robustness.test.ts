/**
 * Bad input never throws: random words through lookupPath (from real hierarchies), random value
 * text through validateValue for every kind of type, random text through the YANG reader and the
 * must classifier.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadSchema, lookupPath, validateValue } from '../../../server/src/schema';
import { parseYang } from '../../../server/src/schema/generator/yang-syntax';
import { classifyMust } from '../../../server/src/schema/generator/must-classify';
import type { ValueType } from '../../../server/src/schema/types';

const mx = loadSchema('mx');
const prefixes = [[], ['services', 'ipsec-vpn'], ['interfaces', 'ge-0/0/0', 'unit', '0'], ['protocols', 'ospf'], ['groups', 'g']];
const keywordish = fc.constantFrom('services', 'ipsec-vpn', 'rule', 'term', 'then', 'ike', 'policy', 'unit', 'family', 'inet', 'address', '<*>', '[', '"', '');

test('lookupPath returns a result for any words', () => {
  fc.assert(
    fc.property(fc.constantFrom(...prefixes), fc.array(fc.oneof(fc.string(), keywordish), { maxLength: 12 }), (prefix, rest) => {
      const r = lookupPath(mx, [...prefix, ...rest]);
      assert.ok(r.ok || r.failure !== undefined);
      assert.ok(r.steps.every((s) => s.word >= 0 && s.word < prefix.length + rest.length));
    }),
    { numRuns: 400 },
  );
});

const types: ValueType[] = [
  { kind: 'integer', ranges: [[64, 4096]], signed: false, bits: 32 },
  { kind: 'integer', ranges: [[-128, 127]], signed: true, bits: 8 },
  { kind: 'decimal', ranges: [[0, 1]] },
  { kind: 'enumeration', values: ['main', 'aggressive'] },
  { kind: 'string', lengths: [[1, 32]], patterns: ['!^((__.*)|(.{65,}))$', '(', '[[:bogus:]]'], posixPatterns: ['^[[:alnum:]][[:alnum:]_-]*$'] },
  { kind: 'named', name: 'ipv4prefix' },
  { kind: 'named', name: 'ipv6address' },
  { kind: 'named', name: 'ipprefix-mandatory' },
  { kind: 'named', name: 'mac-address' },
  { kind: 'union', members: [{ kind: 'string', patterns: ['<.*>|$.*'] }, { kind: 'integer', ranges: [[0, 10]], signed: false, bits: 64 }] },
  { kind: 'empty' },
  { kind: 'boolean' },
];

test('validateValue answers for any text and any type', () => {
  fc.assert(
    fc.property(fc.constantFrom(...types), fc.string({ maxLength: 80 }), (type, text) => {
      const p = validateValue(type, text);
      assert.ok(p === undefined || (typeof p.message === 'string' && p.message.length > 0));
    }),
    { numRuns: 1000 },
  );
});

test('the YANG reader and the must classifier never throw', () => {
  const yangish = fc.array(fc.constantFrom('container', 'a', '{', '}', ';', '"x', '"', "'", '+', '/*', '*/', '//', '\n', ' ', '\\'), { maxLength: 40 });
  fc.assert(
    fc.property(yangish, (parts) => {
      const r = parseYang(parts.join(' '));
      assert.ok(Array.isArray(r.statements));
    }),
    { numRuns: 500 },
  );
  const mustish = fc.array(fc.constantFrom('(', ')', '!', '&&', '||', '"', '..', '$$', 'any', 'a', ' '), { maxLength: 20 });
  fc.assert(
    fc.property(mustish, (parts) => {
      const c = classifyMust(parts.join(''));
      assert.ok(c.other >= 0);
    }),
    { numRuns: 500 },
  );
});
