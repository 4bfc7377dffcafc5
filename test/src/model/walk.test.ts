/**
 * Walking statement words against the schema: several statements on one line, grouped list entries,
 * nokeyword lists and leaves, leaf-lists, unknown words and recovery, missing values.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSchema } from '../../../server/src/schema/index';
import { modelOf, shape, slice } from './support/fixture';

test('route 10.0.0.0/8 next-hop 10.1.1.1; is a list entry with a leaf-list inside it', () => {
  const m = modelOf('routing-options { static { route 10.0.0.0/8 next-hop 10.1.1.1; } }');
  assert.deepEqual(m.problems, []);
  const route = m.find(['routing-options', 'static', 'route', '10.0.0.0/8']);
  assert.ok(route);
  assert.equal(route.role, 'list-entry');
  assert.deepEqual(shape(route), { k: 'route', keys: ['10.0.0.0/8'], children: [{ k: 'next-hop', values: ['10.1.1.1'] }] });
});

test('a set line walks interface, unit, family and address in one go', () => {
  const m = modelOf('set interfaces ge-0/0/0 unit 0 family inet address 10.1.12.1/30\n');
  assert.deepEqual(m.problems, []);
  const address = m.find(['interfaces', 'ge-0/0/0', 'unit', '0', 'family', 'inet', 'address', '10.1.12.1/30']);
  assert.ok(address);
  assert.equal(address.role, 'list-entry');
  const ge = m.find(['interfaces', 'ge-0/0/0'])!;
  assert.equal(ge.keyword, 'interface');
  assert.equal(ge.keywordHidden, true);
});

test('host local { services info; } uses the nokeyword facility list', () => {
  const m = modelOf('interfaces { ms-1/2/0 { services-options { syslog { host local { services info; } } } } }');
  assert.deepEqual(m.problems, []);
  const host = m.find(['interfaces', 'ms-1/2/0', 'services-options', 'syslog', 'host', 'local'])!;
  assert.deepEqual(shape(host), {
    k: 'host',
    keys: ['local'],
    children: [{ k: 'contents', keys: ['services'], children: [{ k: 'info' }] }],
  });
});

test('list entries grouped under the list name, as show prints firewall prefixes', () => {
  const text = `firewall { family inet { filter f { term t { from { source-address { 10.0.0.0/8; 192.168.0.0/16 except; } } } } } }`;
  const m = modelOf(text);
  assert.deepEqual(m.problems, []);
  const from = m.find(['firewall', 'family', 'inet', 'filter', 'f', 'term', 't', 'from'])!;
  assert.deepEqual(shape(from), {
    k: 'from',
    children: [
      { k: 'source-address', keys: ['10.0.0.0/8'] },
      { k: 'source-address', keys: ['192.168.0.0/16'], children: [{ k: 'except' }] },
    ],
  });
  const entry = from.children[1]!;
  assert.equal(slice(text, entry.keys[0]!.source), '192.168.0.0/16');
  // the keyword word is the list name written once before the block
  assert.equal(slice(text, entry.keywordWord!.source), 'source-address');
});

test('leaf-lists take one value or a [ ] list, and set lines add values', () => {
  const m = modelOf(`policy-options { policy-statement p { term a { from protocol [ static direct ]; } } }
set policy-options policy-statement p term a from protocol ospf
set protocols bgp group ext export p
`);
  assert.deepEqual(m.problems, []);
  assert.deepEqual(
    m.find(['policy-options', 'policy-statement', 'p', 'term', 'a', 'from', 'protocol'])!.values.map((v) => v.text),
    ['static', 'direct', 'ospf'],
  );
  assert.deepEqual(m.find(['protocols', 'bgp', 'group', 'ext', 'export'])!.values.map((v) => v.text), ['p']);
});

test('a nokeyword leaf takes its value without a keyword', () => {
  const m = modelOf('routing-options { autonomous-system 64500 loops 2; }');
  assert.deepEqual(m.problems, []);
  const as = m.find(['routing-options', 'autonomous-system'])!;
  assert.deepEqual(shape(as), { k: 'autonomous-system', children: [{ k: 'as-number', values: ['64500'] }, { k: 'loops', values: ['2'] }] });
});

test('router-ID is unknown under routing-options; the walk recovers and siblings continue', () => {
  const text = 'routing-options {\n    router-ID 10.0.0.2;\n    static { route 10.0.0.0/8 discard; }\n}\nprotocols { ospf { area 0.0.0.0 { interface lo0.0; } } }\n';
  const m = modelOf(text);
  assert.equal(m.problems.length, 1);
  const p = m.problems[0]!;
  assert.equal(p.code, 'unknown-statement');
  assert.equal(p.severity, 'error');
  assert.equal(slice(text, p), 'router-ID');
  assert.deepEqual(p.data, { path: ['routing-options'], word: 'router-ID' });
  const unknown = m.find(['routing-options', 'router-ID'])!;
  assert.equal(unknown.role, 'unknown');
  assert.deepEqual(shape(unknown), { k: 'router-ID', children: [{ k: '10.0.0.2' }] });
  assert.ok(m.find(['routing-options', 'static', 'route', '10.0.0.0/8', 'discard']));
  assert.ok(m.find(['protocols', 'ospf', 'area', '0.0.0.0', 'interface', 'lo0.0']));
});

test("the seed's pre-shared word is unknown under an IKE policy, and its block is not walked", () => {
  const text = `services { ipsec-vpn { ike { policy ike-demo-policy {
    pre-shared { proposals demo-proposal; pre-shared-key ascii-text keyfordemo; }
    proposals ike-demo-proposal;
} } } }`;
  const m = modelOf(text);
  assert.deepEqual(
    m.problems.map((p) => [p.code, slice(text, p)]),
    [['unknown-statement', 'pre-shared']],
  );
  assert.deepEqual(m.problems[0]!.data?.path, ['services', 'ipsec-vpn', 'ike', 'policy', 'ike-demo-policy']);
  const policy = m.find(['services', 'ipsec-vpn', 'ike', 'policy', 'ike-demo-policy'])!;
  assert.deepEqual(
    policy.children.map((c) => [c.keyword, c.role]),
    [['pre-shared', 'unknown'], ['proposals', 'leaf-list']],
  );
});

test('the seed set line with pre-shared is unknown at the same word', () => {
  const text = 'set services ipsec-vpn ike policy ike-demo-policy pre-shared pre-shared-key ascii-text keyfordemo\n';
  const m = modelOf(text);
  assert.equal(m.problems.length, 1);
  assert.equal(m.problems[0]!.start, text.indexOf('pre-shared '));
  assert.equal(m.problems[0]!.end, text.indexOf('pre-shared ') + 'pre-shared'.length);
});

test('a leaf without its value is a missing-value problem at the keyword', () => {
  const text = 'set routing-options router-id\nset interfaces ge-0/0/0 unit\n';
  const m = modelOf(text);
  assert.deepEqual(
    m.problems.map((p) => [p.code, slice(text, p)]),
    [['missing-value', 'router-id'], ['missing-value', 'unit']],
  );
});

test('an opaque schema node accepts anything below it without problems', () => {
  const m = modelOf('system { host-name r1; syslog { file messages { any notice; } } name-server [ 192.0.2.1 192.0.2.2 ]; }');
  assert.deepEqual(m.problems, []);
  assert.ok(m.find(['system', 'syslog', 'file', 'messages', 'any', 'notice']));
  assert.equal(m.find(['system', 'host-name'])!.role, 'opaque');
});

test('a type empty leaf takes no value; a word after it is walked as the next statement', () => {
  const m = modelOf('firewall { family inet { filter f { term t { then { accept count c1; } } } } }');
  assert.deepEqual(m.problems, []);
  const then = m.find(['firewall', 'family', 'inet', 'filter', 'f', 'term', 't', 'then'])!;
  assert.deepEqual(shape(then), { k: 'then', children: [{ k: 'accept' }, { k: 'count', values: ['c1'] }] });
});

test('a leaf followed by a block is an unexpected-value problem at the brace', () => {
  const text = 'routing-options { router-id 10.0.0.1 { x; } static { route 0.0.0.0/0 discard; } }';
  const m = modelOf(text);
  assert.deepEqual(m.problems.map((p) => [p.code, slice(text, p)]), [['unexpected-value', '{']]);
  assert.ok(m.find(['routing-options', 'static', 'route', '0.0.0.0/0', 'discard']));
});

test('lists with several keys on the real schema: keyword keys, optional keys, keys ended by a statement', () => {
  const mx = loadSchema('mx');
  const text = `protocols { ospf { area 0.0.0.0 { virtual-link neighbor-id 10.0.0.3 transit-area 0.0.0.1; } } }
policy-options {
    policy-statement E {
        term own {
            from {
                route-filter 10.0.0.0/8 exact accept;
                route-filter 172.16.0.0/12 upto /24;
            }
            then {
                community add CUST;
                accept;
            }
        }
    }
}
set policy-options policy-statement E term more then community delete OLD
set policy-options policy-statement E term more then accept
`;
  const m = modelOf(text, mx);
  assert.deepEqual(m.problems, []);
  const vl = m.find(['protocols', 'ospf', 'area', '0.0.0.0', 'virtual-link', 'neighbor-id', '10.0.0.3', 'transit-area', '0.0.0.1'])!;
  assert.ok(vl, 'keyword keys keep their names among the key words, so the path reads as written');
  assert.deepEqual(vl.keys.map((k) => slice(text, k.source)), ['neighbor-id', '10.0.0.3', 'transit-area', '0.0.0.1']);
  const from = m.find(['policy-options', 'policy-statement', 'E', 'term', 'own', 'from'])!;
  assert.deepEqual(shape(from), {
    k: 'from',
    children: [
      { k: 'route-filter', keys: ['10.0.0.0/8', 'exact'], children: [{ k: 'accept' }] },
      { k: 'route-filter', keys: ['172.16.0.0/12', 'upto', '/24'] },
    ],
  });
  const then = m.find(['policy-options', 'policy-statement', 'E', 'term', 'more', 'then'])!;
  assert.deepEqual(shape(then), { k: 'then', children: [{ k: 'community', keys: ['delete', 'OLD'] }, { k: 'accept' }] });
  const short = modelOf('set protocols ospf area 0.0.0.0 virtual-link neighbor-id 10.0.0.3\n', mx);
  assert.deepEqual(
    short.problems.map((p) => p.code),
    ['missing-value'],
  );
  assert.match(short.problems[0]!.message, /transit-area/);
});

test('SRX policies from-zone A to-zone B walk as one list entry on the srx schema', () => {
  const srx = loadSchema('srx');
  const text = 'set security policies from-zone trust to-zone untrust policy out match source-address any\n';
  const m = modelOf(text, srx);
  assert.deepEqual(m.problems, []);
  const entry = m.find(['security', 'policies', 'from-zone', 'trust', 'to-zone', 'untrust'])!;
  assert.equal(entry.role, 'list-entry');
  assert.deepEqual(entry.keys.map((k) => k.text), ['trust', 'to-zone', 'untrust']);
  const wrong = modelOf('set security policies from-zone trust policy out match source-address any\n', srx);
  assert.deepEqual(wrong.problems.map((p) => [p.code, slice('set security policies from-zone trust policy out match source-address any\n', p)]), [
    ['missing-value', 'trust'],
  ]);
});
