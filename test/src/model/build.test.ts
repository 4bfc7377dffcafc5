/**
 * Building one tree from both forms: curly vs set vs step-by-step edits give equal trees, word ranges are
 * exact, modifiers, comments and annotations, duplicates, several documents.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixtureText, modelOf, repoRoot, shape, slice } from './support/fixture';
import { wordsOf } from '../../../server/src/model/index';

test('R2 in curly form, in set form and typed step by step give the same tree, without problems', () => {
  const curly = modelOf(fixtureText('r2-ike-dynamic.conf'));
  const set = modelOf(fixtureText('r2-ike-dynamic.set'));
  const steps = modelOf(fixtureText('r2-ike-dynamic-steps.set'));
  assert.deepEqual(curly.problems, []);
  assert.deepEqual(set.problems, []);
  assert.deepEqual(steps.problems, []);
  assert.deepEqual(shape(set.root), shape(curly.root));
  assert.deepEqual(shape(steps.root), shape(curly.root));
  // and the tree really holds the configuration
  assert.equal(curly.find(['services', 'service-set', 'demo-service-set', 'ipsec-vpn-options', 'local-gateway'])!.values[0]!.text, '10.1.15.1');
  assert.equal(curly.all(['interfaces', '*', 'unit', '*']).length, 6);
});

test('examples/ike-dynamic-sa and examples/ike-dynamic-sa-set hold the same four routers', () => {
  const dir = path.join(repoRoot, 'examples');
  const routers = fs.readdirSync(path.join(dir, 'ike-dynamic-sa')).filter((f) => f.endsWith('.conf'));
  assert.deepEqual(routers, ['r1.conf', 'r2.conf', 'r3.conf', 'r4.conf']);
  for (const conf of routers) {
    const curly = modelOf(fs.readFileSync(path.join(dir, 'ike-dynamic-sa', conf), 'utf8'));
    const set = modelOf(fs.readFileSync(path.join(dir, 'ike-dynamic-sa-set', conf.replace('.conf', '.set')), 'utf8'));
    assert.deepEqual(curly.problems, [], conf);
    assert.deepEqual(set.problems, [], conf);
    assert.deepEqual(shape(set.root), shape(curly.root), conf);
  }
});

test('every word of a node points at exactly that word in its document', () => {
  const text = fixtureText('r2-ike-dynamic.conf');
  const m = modelOf([{ id: 'r2.conf', text }]);
  const policy = m.find(['services', 'ipsec-vpn', 'ike', 'policy', 'ike-demo-policy'])!;
  assert.equal(policy.keywordWord!.source.docId, 'r2.conf');
  assert.equal(slice(text, policy.keywordWord!.source), 'policy');
  assert.equal(slice(text, policy.keys[0]!.source), 'ike-demo-policy');
  assert.equal(policy.keys[0]!.source.start, text.indexOf('policy ike-demo-policy {') + 'policy '.length);
  const key = m.find(['services', 'ipsec-vpn', 'ike', 'policy', 'ike-demo-policy', 'pre-shared-key', 'ascii-text'])!;
  assert.equal(slice(text, key.values[0]!.source), '"$9$Hk5FCtO1hr/Au1RESeK"');
  assert.equal(key.values[0]!.text, '$9$Hk5FCtO1hr/Au1RESeK');
  assert.equal(key.values[0]!.kind, 'secret');
  const description = m.find(['interfaces', 'ge-0/0/0', 'description'])!;
  assert.equal(description.values[0]!.text, 'to R1 ge-0/0/0');
  assert.equal(slice(text, description.values[0]!.source), '"to R1 ge-0/0/0"');
  for (const w of wordsOf(m.find(['interfaces', 'ms-1/2/0', 'unit', '2', 'service-domain'])!)) {
    assert.equal(slice(text, w.source), w.text);
  }
});

test('a node made by many set lines remembers each line that named it', () => {
  const text = fixtureText('r2-ike-dynamic.set');
  const m = modelOf(text);
  const unit1 = m.find(['interfaces', 'ms-1/2/0', 'unit', '1'])!;
  const mentions = unit1.mentions.map((w) => [slice(text, w.source), w.source.start]);
  const firstLine = text.indexOf('set interfaces ms-1/2/0 unit 1 family inet');
  const secondLine = text.indexOf('set interfaces ms-1/2/0 unit 1 service-domain');
  assert.deepEqual(mentions, [
    ['unit', firstLine + 'set interfaces ms-1/2/0 '.length],
    ['1', firstLine + 'set interfaces ms-1/2/0 unit '.length],
    ['unit', secondLine + 'set interfaces ms-1/2/0 '.length],
    ['1', secondLine + 'set interfaces ms-1/2/0 unit '.length],
  ]);
});

test('inactive: and protect: mark the statement they prefix', () => {
  const m = modelOf(fixtureText('border-filters.conf'));
  assert.deepEqual(m.problems, []);
  assert.equal(m.find(['interfaces', 'ge-0/0/0', 'unit', '20'])!.inactive, true);
  assert.equal(m.find(['interfaces', 'ge-0/0/0', 'unit', '10'])!.inactive, false);
  assert.equal(m.find(['firewall', 'family', 'inet', 'filter', 'protect-re', 'term', 'default'])!.protect, true);
});

test('annotations and comments attach to the next statement; SECRET-DATA markers are dropped', () => {
  const text = fixtureText('border-filters.conf');
  const m = modelOf(text);
  const blackhole = m.find(['routing-options', 'static', 'route', '192.0.2.0/24'])!;
  assert.equal(blackhole.annotation?.text, 'blackhole for documentation prefixes');
  assert.equal(slice(text, blackhole.annotation!.source!), '/* blackhole for documentation prefixes */');
  const ssh = m.find(['firewall', 'family', 'inet', 'filter', 'protect-re', 'term', 'ssh'])!;
  assert.deepEqual(ssh.comments.map((c) => c.text), ['management access only from known prefixes']);
  const password = m.find(['system', 'login', 'user', 'ops', 'authentication', 'encrypted-password'])!;
  assert.deepEqual(password.comments, []);
});

test("a leaf given twice keeps the last value and remembers the earlier one (R2's duplicated service-set)", () => {
  const text = `services {
    service-set demo-service-set { ipsec-vpn-options { local-gateway 10.1.15.1; } ipsec-vpn-rules rule-ike; }
    service-set demo-service-set { ipsec-vpn-options { local-gateway 10.1.15.2; } ipsec-vpn-rules rule-ike; }
}`;
  const m = modelOf(text);
  assert.deepEqual(m.problems, []);
  const gw = m.find(['services', 'service-set', 'demo-service-set', 'ipsec-vpn-options', 'local-gateway'])!;
  assert.equal(gw.values[0]!.text, '10.1.15.2');
  assert.deepEqual(gw.overridden.map((v) => [v[0]!.text, v[0]!.source.start]), [['10.1.15.1', text.indexOf('10.1.15.1')]]);
  assert.equal(m.all(['services', 'service-set', '*']).length, 1);
  assert.equal(m.find(['services', 'service-set', 'demo-service-set'])!.mentions.length, 4);
});

test('several documents apply in order into one configuration, each word keeping its document', () => {
  const m = modelOf([
    { id: 'base.conf', text: 'routing-options { router-id 10.0.0.1; }\n' },
    { id: 'patch.set', text: 'set routing-options router-id 10.0.0.9\nset routing-options static route 0.0.0.0/0 next-hop 10.1.1.1\n' },
  ]);
  const rid = m.find(['routing-options', 'router-id'])!;
  assert.equal(rid.values[0]!.text, '10.0.0.9');
  assert.equal(rid.values[0]!.source.docId, 'patch.set');
  assert.equal(rid.overridden[0]![0]!.source.docId, 'base.conf');
});

test('a file may mix curly statements and set commands', () => {
  const text = `interfaces {
    ge-0/0/0 {
        unit 0 {
            family inet;
        }
    }
}
set interfaces ge-0/0/0 unit 0 family inet address 192.0.2.1/24
delete interfaces ge-0/0/0 unit 0 family inet address 192.0.2.1/24
set interfaces ge-0/0/0 description core
`;
  const m = modelOf(text);
  assert.deepEqual(m.problems, []);
  assert.deepEqual(shape(m.find(['interfaces', 'ge-0/0/0'])!), {
    k: 'interface',
    keys: ['ge-0/0/0'],
    children: [
      { k: 'unit', keys: ['0'], children: [{ k: 'family', children: [{ k: 'inet' }] }] },
      { k: 'description', values: ['core'] },
    ],
  });
});

test('bad input never throws: unbalanced braces, stray words, empty text', () => {
  for (const text of ['', '}', '{', 'interfaces { ge-0/0/0 { unit', 'set', '[edit', 'set interfaces [ a b ] unit 0', ';;;', 'up 99\nexit\nexit\ntop up']) {
    const m = modelOf(text);
    assert.ok(Array.isArray(m.problems));
    m.effective();
  }
});

test('comments on a set line and notes between a statement\'s words stay with that statement', () => {
  const text = `set interfaces ge-0/0/0 description uplink # provider circuit 7
set interfaces ge-0/0/1 description spare
interfaces {
    ge-0/0/2 /* lab port */ {
        mtu 9000; # jumbo for storage
    }
}
`;
  const m = modelOf(text);
  assert.deepEqual(m.problems, []);
  assert.deepEqual(m.find(['interfaces', 'ge-0/0/0', 'description'])!.comments.map((c) => c.raw), ['# provider circuit 7']);
  assert.deepEqual(m.find(['interfaces', 'ge-0/0/1', 'description'])!.comments, []);
  assert.equal(m.find(['interfaces', 'ge-0/0/2'])!.annotation!.text, 'lab port');
  assert.deepEqual(m.find(['interfaces', 'ge-0/0/2', 'mtu'])!.comments.map((c) => c.text), ['jumbo for storage']);
});
