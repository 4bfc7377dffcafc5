/**
 * Classification of `junos:must` expressions as they appear in the 24.4R1 YANG.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyMust, distinctReferences } from '../../../server/src/schema/generator/must-classify';

test('an absolute $$ path is a reference to that list', () => {
  const c = classifyMust('("services ipsec-vpn ike policy $$")');
  assert.deepEqual(c.references, [{ path: ['services', 'ipsec-vpn', 'ike', 'policy'], relative: false, up: 0 }]);
  assert.deepEqual(c.constraints, []);
  assert.equal(c.other, 0);
});

test('a relative $$ path keeps its climb count', () => {
  const c = classifyMust('(".. .. .. proposal $$")');
  assert.deepEqual(c.references, [{ path: ['proposal'], relative: true, up: 3 }]);
});

test('negated sibling is an exclusion, plain sibling a requirement', () => {
  assert.deepEqual(classifyMust('(!(".. no-anti-replay"))').constraints, [
    { kind: 'excludes', path: ['no-anti-replay'], up: 1, relative: true },
  ]);
  assert.deepEqual(classifyMust('(".. ipsec-vpn-options local-gateway")').constraints, [
    { kind: 'requires', path: ['ipsec-vpn-options', 'local-gateway'], up: 1, relative: true },
  ]);
});

test('an OR of paths through the value is requires-any with the value position', () => {
  const c = classifyMust('(("services ipsec-vpn ike policy $$ pre-shared-key" || "services ipsec-vpn ike policy $$ local-certificate"))');
  assert.equal(c.other, 0);
  assert.deepEqual(c.constraints, [
    {
      kind: 'requires-any',
      alternatives: [
        { path: ['services', 'ipsec-vpn', 'ike', 'policy', 'pre-shared-key'], up: 0, relative: false, valueIndex: 4 },
        { path: ['services', 'ipsec-vpn', 'ike', 'policy', 'local-certificate'], up: 0, relative: false, valueIndex: 4 },
      ],
    },
  ]);
});

test('conjunctions of negations split into several exclusions', () => {
  const c = classifyMust('((!(".. a") && !(".. b")))');
  assert.deepEqual(
    c.constraints.map((k) => (k.kind === 'excludes' ? k.path[0] : '?')),
    ['a', 'b'],
  );
});

test('$$-IFL marks an interface-unit reference', () => {
  const c = classifyMust('("interfaces $$-IFL")');
  assert.deepEqual(c.references, [{ path: ['interfaces'], relative: false, up: 0, valueForm: 'ifl' }]);
});

test('quantifiers, variables and wildcards are counted as other, not guessed', () => {
  for (const e of [
    '(any "interfaces <*> unit <*> family inet")',
    '(!("interfaces ${interface} unit $$"))',
    '(!(".. .. w $$={w}"))',
    '(unique "x y $$")',
    '("broken',
  ]) {
    const c = classifyMust(e);
    assert.equal(c.other, 1, e);
    assert.deepEqual(c.references, [], e);
    assert.deepEqual(c.constraints, [], e);
  }
});

test('a path through the value into an entry also references that entry, once', () => {
  const c = classifyMust('("services service-set $$ interface-service")');
  assert.deepEqual(c.constraints, [
    { kind: 'requires', path: ['services', 'service-set', 'interface-service'], up: 0, relative: false, valueIndex: 2 },
  ]);
  assert.deepEqual(c.references, [{ path: ['services', 'service-set'], relative: false, up: 0 }]);
  // alternatives into one entry imply it too; alternatives into different lists do not
  const same = classifyMust('(("firewall policer $$ a" || "firewall policer $$ b"))');
  assert.deepEqual(same.references, [{ path: ['firewall', 'policer'], relative: false, up: 0 }]);
  assert.deepEqual(classifyMust('(("firewall policer $$ a" || "firewall three-color-policer $$ b"))').references, []);
  // interface forms and a value first are not entries of a list
  assert.deepEqual(classifyMust('("interfaces $$-IFD unit")').references, []);
  assert.deepEqual(classifyMust('("interfaces $$ encapsulation vlan-vpls")').references, []);
  assert.deepEqual(distinctReferences([...same.references, ...classifyMust('("firewall policer $$")').references]), same.references);
});
