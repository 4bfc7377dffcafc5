/**
 * The loader: finding the file in the repository and in a bundle directory, caching per platform,
 * lazy materialisation, and the statistics it reports.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SCHEMA_FILE_NAME } from '../../../server/src/schema/encoding';
import { findSchemaFile, loadSchema, loadSchemaFile } from '../../../server/src/schema/load';

const repo = path.resolve(__dirname, '../../../..');
const committed = path.join(repo, 'server', 'src', 'schema', 'generated', SCHEMA_FILE_NAME);

test('finds the committed file from the compiled location and from a bundle directory', () => {
  assert.equal(findSchemaFile(path.join(repo, 'out', 'server', 'src', 'schema')), committed);
  const bundle = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-bundle-'));
  fs.copyFileSync(committed, path.join(bundle, SCHEMA_FILE_NAME));
  assert.equal(findSchemaFile(bundle), path.join(bundle, SCHEMA_FILE_NAME));
  const fromBundle = loadSchemaFile(path.join(bundle, SCHEMA_FILE_NAME), 'mx');
  assert.ok(fromBundle.root.child('services')?.child('ipsec-vpn'));
  assert.equal(findSchemaFile(fs.mkdtempSync(path.join(os.tmpdir(), 'schema-none-'))), undefined);
});

test('loadSchema is cached per platform and nodes are materialised once', () => {
  const a = loadSchema('mx');
  assert.equal(loadSchema(), a, 'mx is the default');
  assert.equal(loadSchema('mx'), a);
  const srx = loadSchema('srx');
  assert.notEqual(srx, a);
  const services = a.root.child('services')!;
  assert.equal(a.root.child('services'), services);
  assert.equal(services.children(), services.children());
  assert.equal(a.release, '24.4R1');
});

test('statistics show sharing on the real tree', () => {
  const { stats } = loadSchema('mx');
  assert.ok(stats.nodes > 5000, `nodes ${stats.nodes}`);
  assert.ok(stats.sharedSubtrees > 1000, `shared ${stats.sharedSubtrees}`);
  assert.ok(stats.statements > 10 * stats.nodes, `statements ${stats.statements} vs nodes ${stats.nodes}`);
  // the same apply-advanced leaves serve every level
  const ag = loadSchema('mx').root.child('interfaces')!.child('apply-groups');
  assert.equal(loadSchema('mx').root.child('protocols')!.child('apply-groups'), ag);
});

test('a file in another format is refused with a clear message', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-bad-'));
  const bad = path.join(dir, SCHEMA_FILE_NAME);
  fs.writeFileSync(bad, JSON.stringify({ format: 999 }));
  assert.throws(() => loadSchemaFile(bad), /format 999/);
});

test('the committed file carries the YANG display hints the printers need', () => {
  const mx = loadSchema('mx');
  const family = mx.root.child('interfaces')!.child('interface')!.child('unit')!.child('family')!;
  assert.equal(family.homogeneous, true, 'family inet { ... }');
  const policy = mx.root.child('services')!.child('ipsec-vpn')!.child('ike')!.child('policy')!;
  assert.equal(policy.child('pre-shared-key')!.oneliner, true, 'pre-shared-key ascii-text "...";');
  assert.equal(policy.child('proposals')!.oneliner, false);
  const from = mx.root.child('firewall')!.child('family')!.child('inet')!.child('filter')!.child('term')!.child('from')!;
  const sourceAddress = from.child('source-address')!;
  assert.deepEqual([sourceAddress.kind, sourceAddress.homogeneous, sourceAddress.oneliner], ['list', true, true]);
  const then = mx.root.child('policy-options')!.child('policy-statement')!.child('then')!;
  assert.deepEqual([then.onelinerPlus, then.oneliner], [true, false], 'then accept; / then { ... }');
});
