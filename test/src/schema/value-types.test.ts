/**
 * describeType wording and validateValue on the value types the Junos YANG uses, including the
 * IPsec ranges listed in shared/JUNOS-FACTS.md (as types read from the committed schema).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSchema } from '../../../server/src/schema';
import { lookupPath } from '../../../server/src/schema/lookup';
import { describeType, junosPatternToJs, posixToJs, validateValue } from '../../../server/src/schema/value-types';
import type { ValueType } from '../../../server/src/schema/types';

const wildcard: ValueType = { kind: 'string', patterns: ['<.*>|$.*'] };
const window: ValueType = { kind: 'union', members: [wildcard, { kind: 'integer', ranges: [[64, 4096]], signed: false, bits: 32 }] };

test('integers: range, not a number, 64-bit bounds', () => {
  assert.equal(validateValue(window, '64'), undefined);
  assert.equal(validateValue(window, '4096'), undefined);
  assert.equal(validateValue(window, '5000')?.code, 'out-of-range');
  assert.equal(validateValue(window, '5000')?.expected, 'integer 64..4096');
  assert.equal(validateValue(window, 'big')?.code, 'not-a-number');
  assert.equal(validateValue(window, '<*>'), undefined, 'group wildcard member accepts <*>');
  assert.equal(validateValue(window, '$junos-window'), undefined, 'XSD $ is a literal character');
  const u64: ValueType = { kind: 'integer', ranges: [[0, 18446744073709551615n]], signed: false, bits: 64 };
  assert.equal(validateValue(u64, '18446744073709551615'), undefined);
  assert.equal(validateValue(u64, '18446744073709551616')?.code, 'out-of-range');
  assert.equal(validateValue(u64, '-1')?.code, 'out-of-range');
});

test('enumerations suggest the closest value', () => {
  const mode: ValueType = { kind: 'enumeration', values: ['main', 'aggressive'] };
  assert.equal(describeType(mode), 'one of: main, aggressive');
  assert.equal(validateValue(mode, 'main'), undefined);
  const p = validateValue(mode, 'agressive');
  assert.equal(p?.code, 'not-in-enumeration');
  assert.deepEqual(p?.suggestions, ['aggressive']);
});

test('strings: lengths and posix patterns', () => {
  const name: ValueType = { kind: 'string', lengths: [[1, 32]], posixPatterns: ['^[[:alnum:]][[:alnum:]_-]*$'] };
  assert.equal(validateValue(name, 'ike-demo-policy'), undefined);
  assert.equal(validateValue(name, 'x'.repeat(33))?.code, 'too-long');
  assert.equal(validateValue(name, '-leading-dash')?.code, 'bad-characters');
  assert.equal(validateValue(name, 'has space')?.code, 'bad-characters');
  assert.equal(posixToJs('^[[:alnum:]._-]+$'), '^[a-zA-Z0-9._-]+$');
  assert.deepEqual(junosPatternToJs('![/ %]'), { source: '[\\/ %]', negated: true });
  assert.equal(validateValue({ kind: 'string', patterns: ['^[[:xdigit:]]+$'] }, '0xZZ')?.code, 'bad-characters');
  assert.equal(validateValue({ kind: 'string', patterns: ['^[[:xdigit:]]+$'] }, '00ff'), undefined);
  // Junos's `!` patterns must NOT match
  const filterName: ValueType = { kind: 'string', patterns: ['!^((__.*)|(.{65,}))$'] };
  assert.equal(validateValue(filterName, 'PROTECT-RE'), undefined);
  assert.equal(validateValue(filterName, '__reserved')?.code, 'bad-characters');
  assert.equal(validateValue(filterName, 'x'.repeat(65))?.code, 'bad-characters');
  assert.equal(validateValue({ kind: 'string', patterns: ['![/ %]'] }, 'ospf.log'), undefined);
  assert.equal(validateValue({ kind: 'string', patterns: ['![/ %]'] }, 'a/b')?.code, 'bad-characters');
  // the group-wildcard member accepts <...> and $variables only
  assert.equal(validateValue(wildcard, 'plain')?.code, 'bad-characters');
});

test('addresses and prefixes', () => {
  const v4: ValueType = { kind: 'named', name: 'ipv4address' };
  const v4p: ValueType = { kind: 'named', name: 'ipv4prefix' };
  const v6: ValueType = { kind: 'named', name: 'ipv6address' };
  const ip: ValueType = { kind: 'named', name: 'ipaddr' };
  const pfx: ValueType = { kind: 'named', name: 'ipprefix' };
  assert.equal(validateValue(v4, '10.0.0.1'), undefined);
  for (const bad of ['10.0.0', '10.0.0.256', '10.0.0.1/32', 'a.b.c.d', '']) assert.equal(validateValue(v4, bad)?.code, 'bad-address', bad);
  assert.equal(validateValue(v4p, '10.1.12.2/30'), undefined);
  assert.equal(validateValue(v4p, '10/8'), undefined, 'Junos accepts abbreviated prefixes');
  assert.equal(validateValue(v4p, '10.1.12.2/33')?.code, 'bad-address');
  for (const good of ['2001:db8::1', '::', '::1', 'fe80::1:2:3:4', '::ffff:10.0.0.1', '1:2:3:4:5:6:7:8']) assert.equal(validateValue(v6, good), undefined, good);
  for (const bad of ['2001:db8:::1', '1:2:3:4:5:6:7:8:9', '12345::', 'g::1', '1::2::3']) assert.equal(validateValue(v6, bad)?.code, 'bad-address', bad);
  assert.equal(validateValue(ip, '2001:db8::2'), undefined);
  assert.equal(validateValue(ip, '10.1.15.2'), undefined);
  assert.equal(validateValue(pfx, '2001:db8::/32'), undefined);
  assert.equal(validateValue(pfx, '2001:db8::/129')?.code, 'bad-address');
  assert.equal(validateValue({ kind: 'named', name: 'mac-address' }, '00:11:22:33:44:55'), undefined);
  assert.equal(validateValue({ kind: 'named', name: 'mac-address' }, '00:11:22:33:44')?.code, 'bad-address');
});

test('empty takes no value; booleans; decimals', () => {
  assert.equal(validateValue({ kind: 'empty' }, 'x')?.code, 'unexpected-value');
  assert.equal(validateValue({ kind: 'boolean' }, 'true'), undefined);
  assert.equal(validateValue({ kind: 'decimal', ranges: [[0, 1.5]] }, '1.25'), undefined);
  assert.equal(validateValue({ kind: 'decimal', ranges: [[0, 1.5]] }, '2')?.code, 'out-of-range');
});

test('facts from JUNOS-FACTS.md as the committed schema states them', () => {
  const mx = loadSchema('mx');
  const typeAt = (words: string): ValueType | undefined => {
    const r = lookupPath(mx, words.split(' '));
    assert.ok(r.ok, words);
    return r.node.type;
  };
  const rangeOf = (words: string): string => describeType(typeAt(words));
  assert.equal(rangeOf('services ipsec-vpn rule r term t then anti-replay-window-size'), 'integer 64..4096');
  assert.equal(rangeOf('services ipsec-vpn rule r term t then tunnel-mtu'), 'integer 256..9192');
  assert.equal(rangeOf('services ipsec-vpn ike proposal p lifetime-seconds'), 'integer 180..86400');
  assert.equal(rangeOf('services ipsec-vpn ipsec proposal p lifetime-seconds'), 'integer 180..86400');
  assert.equal(rangeOf('services ipsec-vpn rule r term t then manual direction bidirectional spi'), 'integer 256..16639');
  assert.equal(rangeOf('services ipsec-vpn rule r term t then manual direction bidirectional auxiliary-spi'), 'integer 256..16639');
  assert.equal(rangeOf('services ipsec-vpn rule r term t then dead-peer-detection interval'), 'integer 1..180');
  assert.equal(rangeOf('services ipsec-vpn rule r term t then dead-peer-detection threshold'), 'integer 1..10');
  assert.equal(
    rangeOf('services ipsec-vpn ike proposal p dh-group'),
    'one of: group1, group2, group5, group14, group15, group16, group19, group20, group24',
  );
  assert.equal(rangeOf('services ipsec-vpn ike policy p mode'), 'one of: main, aggressive');
  assert.equal(rangeOf('services ipsec-vpn ipsec proposal p protocol'), 'one of: ah, esp, bundle');
  const dpd = lookupPath(mx, 'services ipsec-vpn rule r term t then dead-peer-detection interval'.split(' ')).node;
  assert.equal(dpd.default, '10');
  assert.equal(validateValue(typeAt('services ipsec-vpn rule r term t then tunnel-mtu'), '9193')?.code, 'out-of-range');
  assert.equal(validateValue(typeAt('services ipsec-vpn rule r term t then manual direction bidirectional spi'), '255')?.code, 'out-of-range');
});
