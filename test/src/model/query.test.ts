/**
 * Queries: find by exact path, all by pattern, nodeAt an offset (hover/definition), and contextAt an
 * offset (completion), including half-typed statements and set lines.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodePath } from '../../../server/src/model/index';
import { fixtureText, modelOf } from './support/fixture';

const R2 = fixtureText('r2-ike-dynamic.conf');

test('find follows keywords and keys; nokeyword entries are found by their keys', () => {
  const m = modelOf(R2);
  assert.equal(m.find(['services', 'ipsec-vpn', 'rule', 'rule-ike', 'term', 'term-ike', 'then', 'dynamic', 'ike-policy'])!.values[0]!.text, 'ike-demo-policy');
  assert.equal(m.find(['interfaces', 'ms-1/2/0', 'unit', '3']), undefined);
  assert.equal(m.find(['interfaces', 'interface', 'ms-1/2/0']), undefined);
  assert.equal(m.find([])!.role, 'root');
  assert.deepEqual(nodePath(m.find(['interfaces', 'ms-1/2/0', 'unit', '1', 'service-domain'])!), ['interfaces', 'ms-1/2/0', 'unit', '1', 'service-domain']);
});

test('all matches * against one keyword or key word', () => {
  const m = modelOf(R2);
  assert.deepEqual(
    m.all(['services', 'ipsec-vpn', '*', 'proposal', '*']).map((n) => n.keys[0]!.text),
    ['ike-demo-proposal', 'ipsec-demo-proposal'],
  );
  assert.deepEqual(
    m.all(['interfaces', '*', 'unit', '*', 'service-domain']).map((n) => n.values[0]!.text),
    ['inside', 'outside'],
  );
  assert.deepEqual(m.all(['services', 'ipsec-vpn', 'rule', '*']).map((n) => n.keys[0]!.text), ['rule-ike']);
  assert.deepEqual(m.all(['nothing', '*']), []);
});

test('nodeAt finds the deepest node and which word the offset is on', () => {
  const m = modelOf([{ id: 'r2', text: R2 }]);
  const at = (needle: string, delta = 1): ReturnType<typeof m.nodeAt> => m.nodeAt('r2', R2.indexOf(needle) + delta);
  const policyRef = at('ike-policy ike-demo-policy', 'ike-policy '.length + 2)!;
  assert.equal(policyRef.part, 'value');
  assert.equal(policyRef.node.keyword, 'ike-policy');
  assert.equal(policyRef.word.text, 'ike-demo-policy');
  const unitKey = at('unit 2', 'unit '.length)!;
  assert.equal(unitKey.part, 'key');
  assert.deepEqual(nodePath(unitKey.node), ['interfaces', 'ms-1/2/0', 'unit', '2']);
  const keyword = at('service-domain outside')!;
  assert.equal(keyword.part, 'keyword');
  assert.equal(keyword.node.keyword, 'service-domain');
  const iface = at('ms-1/2/0 {')!;
  assert.equal(iface.part, 'key');
  assert.deepEqual(nodePath(iface.node), ['interfaces', 'ms-1/2/0']);
  assert.equal(m.nodeAt('r2', R2.indexOf('    }') + 4), undefined);
  assert.equal(m.nodeAt('other-doc', 10), undefined);
});

test('contextAt inside a block gives the statement path and expects a statement', () => {
  const text = 'services {\n    ipsec-vpn {\n        ike {\n            \n        }\n    }\n}\n';
  const m = modelOf([{ id: 'd', text }]);
  const c = m.contextAt('d', text.indexOf('            \n') + 12)!;
  assert.deepEqual(c.path, ['services', 'ipsec-vpn', 'ike']);
  assert.equal(c.expecting.kind, 'statement');
  assert.equal(c.schema!.name, 'ike');
  assert.equal(c.form, 'curly');
  assert.ok(c.schema!.child('policy'));
});

test('contextAt on a half-typed set line walks the words before the cursor', () => {
  const text = 'set interfaces ge-0/0/0 unit 0 family in\nset routing-options router-id \nedit protocols ospf\nset area 0.0.0.0 inter\n';
  const m = modelOf([{ id: 's', text }]);
  const partial = m.contextAt('s', text.indexOf(' in\n') + 3)!;
  assert.equal(partial.form, 'set');
  assert.equal(partial.verb, 'set');
  assert.equal(partial.partial!.text, 'in');
  assert.deepEqual(partial.before.map((w) => w.text), ['interfaces', 'ge-0/0/0', 'unit', '0', 'family']);
  assert.equal(partial.schema!.name, 'family');
  const value = m.contextAt('s', text.indexOf('router-id ') + 'router-id '.length)!;
  assert.equal(value.expecting.kind, 'value');
  assert.equal(value.partial, undefined);
  const relative = m.contextAt('s', text.indexOf(' inter\n') + 6)!;
  assert.deepEqual(relative.path, ['protocols', 'ospf']);
  assert.equal(relative.schema!.name, 'area');
  assert.equal(relative.partial!.text, 'inter');
});

test('contextAt after a list name expects a key, inside grouped entries too', () => {
  const text = 'set services ipsec-vpn rule \nfirewall { family inet { filter f { term t { from { source-address {\n 10.0.0.0/8;\n \n } } } } } }\n';
  const m = modelOf([{ id: 'k', text }]);
  const afterRule = m.contextAt('k', text.indexOf('rule ') + 5)!;
  assert.equal(afterRule.expecting.kind, 'key');
  const grouped = m.contextAt('k', text.indexOf('\n \n') + 2)!;
  assert.equal(grouped.expecting.kind, 'key');
  assert.equal(grouped.expecting.kind === 'key' && grouped.expecting.schema.name, 'source-address');
});

test('contextAt in unterminated curly text still knows the enclosing statement', () => {
  const text = 'interfaces {\n    ge-0/0/0 {\n        description core;\n        uni';
  const m = modelOf([{ id: 'u', text }]);
  const c = m.contextAt('u', text.length)!;
  assert.deepEqual(c.path, ['interfaces', 'ge-0/0/0']);
  assert.equal(c.partial!.text, 'uni');
  assert.equal(c.schema!.name, 'interface');
  assert.equal(c.expecting.kind, 'statement');
});

test('contextAt between lines of a set file uses the level the commands before it left', () => {
  const text = 'set system host-name r1\nedit interfaces ge-0/0/0\nset description a\n\nup\n\n';
  const m = modelOf([{ id: 'e', text }]);
  const afterEdit = m.contextAt('e', text.indexOf('\n\nup') + 1)!;
  assert.deepEqual(afterEdit.path, ['interfaces', 'ge-0/0/0']);
  assert.equal(afterEdit.form, 'set');
  assert.equal(afterEdit.verb, undefined);
  const afterUp = m.contextAt('e', text.length - 1)!;
  assert.deepEqual(afterUp.path, ['interfaces']);
  const empty = modelOf([{ id: 'z', text: '\n' }]).contextAt('z', 0)!;
  assert.deepEqual(empty.path, []);
  assert.equal(empty.schema!.child('interfaces')!.name, 'interfaces');
});
