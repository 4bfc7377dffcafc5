/**
 * Set-form commands applied in order: delete (node, leaf-list value, subtree, absent), activate/deactivate,
 * protect, annotate, insert before/after, rename, copy, edit/top/up/exit navigation and [edit] banners.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modelOf, shape, slice } from './support/fixture';

const BASE = `set interfaces ge-0/0/0 description uplink
set interfaces ge-0/0/0 unit 0 family inet address 192.0.2.1/24
set interfaces ge-0/0/1 unit 0 family inet address 198.51.100.1/24
set policy-options policy-statement export term a then accept
set policy-options policy-statement export term b then accept
set policy-options policy-statement export term c then reject
set policy-options policy-statement export term a from protocol [ static direct ospf ]
`;

test('delete removes a subtree, a leaf, or one value of a leaf-list', () => {
  const m = modelOf(
    BASE +
      `delete interfaces ge-0/0/1
delete interfaces ge-0/0/0 description
delete policy-options policy-statement export term a from protocol direct
`,
  );
  assert.deepEqual(m.problems, []);
  assert.equal(m.find(['interfaces', 'ge-0/0/1']), undefined);
  assert.equal(m.find(['interfaces', 'ge-0/0/0', 'description']), undefined);
  assert.ok(m.find(['interfaces', 'ge-0/0/0', 'unit', '0']));
  assert.deepEqual(
    m.find(['policy-options', 'policy-statement', 'export', 'term', 'a', 'from', 'protocol'])!.values.map((v) => v.text),
    ['static', 'ospf'],
  );
});

test('deleting the last thing in a container removes the empty container too', () => {
  const m = modelOf('set routing-options router-id 10.0.0.1\ndelete routing-options router-id\n');
  assert.deepEqual(m.problems, []);
  assert.equal(m.find(['routing-options']), undefined);
});

test('deleting something absent is a warning at the command words, and changes nothing', () => {
  const text = BASE + 'delete interfaces ge-0/0/7 unit 0\ndelete policy-options policy-statement export term a from protocol bgp\n';
  const m = modelOf(text);
  assert.deepEqual(
    m.problems.map((p) => [p.code, p.severity, slice(text, p)]),
    [
      ['delete-nonexistent', 'warning', 'interfaces ge-0/0/7 unit 0'],
      ['delete-nonexistent', 'warning', 'bgp'],
    ],
  );
  assert.deepEqual(shape(m.root), shape(modelOf(BASE).root));
});

test('deactivate marks a node inactive, activate clears it; the effective view skips inactive nodes', () => {
  const m = modelOf(BASE + 'deactivate interfaces ge-0/0/1\ndeactivate policy-options policy-statement export term c\nactivate policy-options policy-statement export term c\n');
  assert.deepEqual(m.problems, []);
  assert.equal(m.find(['interfaces', 'ge-0/0/1'])!.inactive, true);
  assert.equal(m.find(['policy-options', 'policy-statement', 'export', 'term', 'c'])!.inactive, false);
  const eff = m.effective();
  assert.deepEqual(
    eff.children.find((c) => c.keyword === 'interfaces')!.children.map((c) => c.keys[0]!.text),
    ['ge-0/0/0'],
  );
});

test('protect, unprotect and annotate at the current edit level', () => {
  const text = BASE + 'protect interfaces ge-0/0/0\nedit interfaces\nannotate ge-0/0/1 "customer B, circuit 42"\ntop\n';
  const m = modelOf(text);
  assert.deepEqual(m.problems, []);
  assert.equal(m.find(['interfaces', 'ge-0/0/0'])!.protect, true);
  const ge1 = m.find(['interfaces', 'ge-0/0/1'])!;
  assert.equal(ge1.annotation!.text, 'customer B, circuit 42');
  assert.equal(slice(text, ge1.annotation!.source!), '"customer B, circuit 42"');
  const again = modelOf(text + 'unprotect interfaces ge-0/0/0\n');
  assert.equal(again.find(['interfaces', 'ge-0/0/0'])!.protect, false);
});

test('insert moves an ordered entry before or after a sibling', () => {
  const m = modelOf(
    BASE +
      'insert policy-options policy-statement export term c before term a\n' +
      'edit policy-options policy-statement export\ninsert term a after term b\n',
  );
  assert.deepEqual(m.problems, []);
  const terms = m.find(['policy-options', 'policy-statement', 'export'])!.children.map((c) => c.keys[0]!.text);
  assert.deepEqual(terms, ['c', 'b', 'a']);
});

test('rename and copy change the keys of a list entry; the words of the new name are kept', () => {
  const text = BASE + 'rename interfaces ge-0/0/0 unit 0 to unit 100\ncopy interfaces ge-0/0/1 to ge-0/0/2\nrename policy-options policy-statement export term b to term b2\n';
  const m = modelOf(text);
  assert.deepEqual(m.problems, []);
  const unit = m.find(['interfaces', 'ge-0/0/0', 'unit', '100'])!;
  assert.ok(unit);
  assert.equal(m.find(['interfaces', 'ge-0/0/0', 'unit', '0']), undefined);
  assert.equal(slice(text, unit.keys[0]!.source), '100');
  const copied = m.find(['interfaces', 'ge-0/0/2'])!;
  assert.deepEqual(shape(copied).children, shape(m.find(['interfaces', 'ge-0/0/1'])!).children);
  assert.deepEqual(
    m.find(['policy-options', 'policy-statement', 'export'])!.children.map((c) => c.keys[0]!.text),
    ['a', 'b2', 'c'],
  );
});

test('rename onto an existing name, insert against a missing sibling, and bare verbs are problems', () => {
  const text = BASE + 'rename interfaces ge-0/0/0 to ge-0/0/1\ninsert policy-options policy-statement export term a before term zz\nset\nrename interfaces ge-0/0/0\n';
  const m = modelOf(text);
  assert.deepEqual(
    m.problems.map((p) => p.code),
    ['invalid-command', 'delete-nonexistent', 'invalid-command', 'invalid-command'],
  );
  assert.deepEqual(shape(m.root), shape(modelOf(BASE).root));
});

test('edit, up [n], top and exit move the level that set commands are relative to', () => {
  const m = modelOf(`edit services ipsec-vpn rule r1 term t1
set then remote-gateway 192.0.2.2
edit then dynamic
up 2
edit then
set dynamic ike-policy p1
up
set from source-address 10.0.0.0/8
up
set match-direction input
top
set routing-options router-id 10.0.0.1
edit interfaces ge-0/0/0
edit unit 0
exit
set description after-exit
exit
set mtu 9000
`);
  assert.deepEqual(m.problems.filter((p) => p.code !== 'unknown-statement'), []);
  assert.deepEqual(shape(m.find(['services', 'ipsec-vpn', 'rule', 'r1'])!), {
    k: 'rule',
    keys: ['r1'],
    children: [
      {
        k: 'term',
        keys: ['t1'],
        children: [
          { k: 'then', children: [{ k: 'remote-gateway', values: ['192.0.2.2'] }, { k: 'dynamic', children: [{ k: 'ike-policy', values: ['p1'] }] }] },
          { k: 'from', children: [{ k: 'source-address', keys: ['10.0.0.0/8'] }] },
        ],
      },
      { k: 'match-direction', values: ['input'] },
    ],
  });
  assert.equal(m.find(['interfaces', 'ge-0/0/0', 'description'])!.values[0]!.text, 'after-exit');
  // after the second exit we are back at the top, where mtu is not a statement
  assert.deepEqual(m.problems.map((p) => [p.code, p.data?.word]), [['unknown-statement', 'mtu']]);
});

test('[edit ...] banners set an absolute level for the set lines and statements below them', () => {
  const text = `[edit interfaces ge-0/0/0]
set unit 0 family inet address 192.0.2.1/24
[edit protocols ospf]
area 0.0.0.0 {
    interface ge-0/0/0.0;
}
[edit]
set routing-options router-id 192.0.2.1
`;
  const m = modelOf(text);
  assert.deepEqual(m.problems, []);
  assert.ok(m.find(['interfaces', 'ge-0/0/0', 'unit', '0', 'family', 'inet', 'address', '192.0.2.1/24']));
  assert.ok(m.find(['protocols', 'ospf', 'area', '0.0.0.0', 'interface', 'ge-0/0/0.0']));
  assert.ok(m.find(['routing-options', 'router-id']));
});

test('top and up can prefix a command without moving the level', () => {
  const m = modelOf('edit interfaces ge-0/0/0 unit 0\ntop set routing-options router-id 10.0.0.1\nup set description parent\nset vlan-id 5\n');
  assert.deepEqual(m.problems, []);
  assert.ok(m.find(['routing-options', 'router-id']));
  assert.equal(m.find(['interfaces', 'ge-0/0/0', 'description'])!.values[0]!.text, 'parent');
  assert.equal(m.find(['interfaces', 'ge-0/0/0', 'unit', '0', 'vlan-id'])!.values[0]!.text, '5');
});
