/**
 * The generator on a small YANG release (test/src/schema/fixtures/mini-yang): grouping/uses sharing,
 * choice/case flattening, list keys, typedefs, musts, opaque stand-ins, platform trees, no prose,
 * byte-identical output; and the committed file against the real 24.4R1 YANG when it is present.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { encodeSchemaFile, generateSchema } from '../../../server/src/schema/generator/generate';
import { SCHEMA_FILE_NAME } from '../../../server/src/schema/encoding';
import { loadSchemaFile } from '../../../server/src/schema/load';
import { lookupPath } from '../../../server/src/schema/lookup';

const repo = path.resolve(__dirname, '../../../..');
const fixture = path.join(repo, 'test', 'src', 'schema', 'fixtures', 'mini-yang');

function generateToTemp(): { file: string; bytes: Buffer; problems: readonly string[] } {
  const { file, problems } = generateSchema(fixture);
  const bytes = encodeSchemaFile(file);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-gen-'));
  const out = path.join(dir, SCHEMA_FILE_NAME);
  fs.writeFileSync(out, bytes);
  return { file: out, bytes, problems };
}

test('generating twice gives byte-identical output', () => {
  const a = generateToTemp();
  const b = generateToTemp();
  assert.ok(a.bytes.length > 100);
  assert.ok(a.bytes.equals(b.bytes));
});

test('fixture: structure, keys, choice flattening, types, musts', () => {
  const { file, problems } = generateToTemp();
  assert.ok(problems.some((p) => p.includes("grouping 'this-grouping-is-missing' not found")), problems.join('\n'));
  const mx = loadSchemaFile(file, 'mx');
  assert.equal(mx.release, '24.4R1');
  const policy = lookupPath(mx, ['services', 'ike', 'policy', 'p1']);
  assert.ok(policy.ok);
  assert.equal(policy.node.kind, 'list');
  assert.deepEqual(policy.node.keys.map((k) => k.name), ['name']);
  assert.equal(policy.node.keys[0]!.type.kind, 'string', 'typedef with restrictions resolves to its string');
  // key leaf is not a child; choice/case members are
  assert.deepEqual(
    policy.node.children().map((c) => c.name),
    ['apply-groups', 'apply-groups-except', 'proposals', 'pre-shared-key', 'local-certificate'],
  );
  assert.deepEqual(policy.node.child('pre-shared-key')!.children().map((c) => c.name), ['ascii-text', 'hexadecimal']);
  const proposals = policy.node.child('proposals')!;
  assert.deepEqual(proposals.references, [{ path: ['proposal'], relative: true, up: 3 }]);
  const then = lookupPath(mx, ['services', 'rule', 'r1', 'then']).node;
  assert.deepEqual(then.child('ike-policy')!.references, [{ path: ['services', 'ike', 'policy'], relative: false, up: 0 }]);
  assert.equal(then.child('ike-policy')!.constraints[0]!.kind, 'requires-any');
  assert.deepEqual(then.child('no-anti-replay')!.constraints, [{ kind: 'excludes', path: ['anti-replay-window-size'], up: 1, relative: true }]);
  assert.deepEqual(then.child('odd')!.constraints, []);
  assert.deepEqual(then.child('remote-gateway')!.type, { kind: 'named', name: 'ipv4address', yangType: 'jt:ipv4addr' });
  const lifetime = lookupPath(mx, ['services', 'ike', 'proposal', 'p', 'lifetime-seconds']).node;
  assert.equal(lifetime.default, '3600');
  assert.equal(lifetime.units, 'seconds');
  // a missing grouping makes its parent opaque rather than dropping what we know
  const backup = mx.root.child('services')!.child('backup')!;
  assert.equal(backup.opaque, true);
  assert.equal(backup.child('weight')!.deprecated, true);
  assert.equal(lookupPath(mx, ['services', 'backup', 'anything', 'at', 'all']).end, 'opaque');
  assert.equal(lookupPath(mx, ['services', 'rule', 'r1']).node.opaque, false);
  // modules we do not have: accepted as opaque, at the root and in groups
  assert.equal(mx.root.child('system')!.opaque, true);
  assert.equal(mx.root.child('logical-systems')!.opaque, true);
  const inGroup = lookupPath(mx, ['groups', 'g1', 'system', 'host-name', 'r1']);
  assert.ok(inGroup.ok);
  assert.equal(inGroup.end, 'opaque');
  assert.ok(lookupPath(mx, ['groups', 'g1', 'services', 'ike', 'proposal', 'p', 'dh-group', 'group14']).ok);
});

test('fixture: junos:cli-feature display hints reach the loaded nodes, and only where declared', () => {
  const { file } = generateToTemp();
  const mx = loadSchemaFile(file, 'mx');
  const psk = lookupPath(mx, ['services', 'ike', 'policy', 'p1', 'pre-shared-key']).node;
  assert.deepEqual([psk.oneliner, psk.onelinerPlus, psk.homogeneous], [true, false, false]);
  const then = lookupPath(mx, ['services', 'rule', 'r1', 'then']).node;
  assert.deepEqual([then.oneliner, then.onelinerPlus, then.homogeneous], [false, true, false]);
  const rule = lookupPath(mx, ['services', 'rule', 'r1']).node;
  assert.deepEqual([rule.oneliner, rule.onelinerPlus, rule.homogeneous, rule.nokeyword], [false, false, true, false]);
  const proposal = lookupPath(mx, ['services', 'ike', 'proposal', 'p']).node;
  assert.deepEqual([proposal.oneliner, proposal.onelinerPlus, proposal.homogeneous], [false, false, false]);
});

test('fixture: refine and augment inside uses tailor one use only', () => {
  const { file, problems } = generateToTemp();
  assert.ok(!problems.some((p) => p.includes('target')), problems.join('\n'));
  const mx = loadSchemaFile(file, 'mx');
  const tailored = lookupPath(mx, ['services', 'tailored', 'knobs']).node;
  const plain = lookupPath(mx, ['services', 'plain', 'knobs']).node;
  assert.equal(tailored.child('window')!.default, '128');
  assert.ok(tailored.child('extra'));
  assert.equal(plain.child('window')!.default, undefined);
  assert.equal(plain.child('extra'), undefined);
});

test('fixture: srx takes security from junos-es, mx keeps the junos family one', () => {
  const { file } = generateToTemp();
  const mx = loadSchemaFile(file, 'mx');
  const srx = loadSchemaFile(file, 'srx');
  assert.ok(lookupPath(mx, ['security', 'certificates', 'path-length', '3']).ok);
  assert.equal(lookupPath(mx, ['security', 'ike']).failure?.reason, 'unknown-statement');
  assert.ok(lookupPath(srx, ['security', 'ike', 'gateway', 'gw1', 'address', '192.0.2.1']).ok);
  assert.equal(lookupPath(srx, ['security', 'certificates']).failure?.reason, 'unknown-statement');
  // the services tree is the same stored subtree on both platforms
  assert.equal(mx.root.child('services'), srx.root.child('services'));
});

test('fixture: a grouping used in several places is stored once', () => {
  const { file } = generateToTemp();
  const mx = loadSchemaFile(file, 'mx');
  assert.ok(mx.stats.sharedSubtrees > 0);
  assert.ok(mx.stats.nodes < mx.stats.statements);
  const ike = lookupPath(mx, ['services', 'ike']).node;
  const a = ike.child('proposal')!.child('apply-groups');
  const b = ike.child('policy')!.child('apply-groups');
  assert.ok(a && a === b);
  // root services and groups' services are one node
  assert.equal(mx.root.child('services'), lookupPath(mx, ['groups', 'g']).node.child('services'));
});

test('no description or must-message prose is shipped', () => {
  const { bytes } = generateToTemp();
  const text = zlib.gunzipSync(bytes).toString('utf8');
  assert.ok(!text.includes('PROSE-SHOULD-NOT-SHIP'));
  const committed = path.join(repo, 'server', 'src', 'schema', 'generated', SCHEMA_FILE_NAME);
  const real = zlib.gunzipSync(fs.readFileSync(committed)).toString('utf8');
  assert.ok(!real.includes('Referenced IKE policy must be defined'), 'a must-message of the real YANG');
  assert.ok(!real.includes('Maximum transmit packet size'), 'a description of the real YANG');
  assert.ok(real.includes('anti-replay-window-size'));
});

const realYang = path.resolve(repo, '..', 'shared', 'yang', 'junos-24.4R1');
test('the committed schema file is what the generator makes from the 24.4R1 YANG', { skip: !fs.existsSync(realYang) && 'YANG not present beside the repository' }, () => {
  const { file } = generateSchema(realYang);
  // compare the JSON, not the gzip bytes: another zlib build may compress the same JSON differently
  const fresh = zlib.gunzipSync(encodeSchemaFile(file)).toString('utf8');
  const committed = zlib.gunzipSync(fs.readFileSync(path.join(repo, 'server', 'src', 'schema', 'generated', SCHEMA_FILE_NAME))).toString('utf8');
  assert.ok(fresh === committed, 'run `npm run schema` and commit the result');
});
