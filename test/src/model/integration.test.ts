/**
 * The model on the real generated schema (with contract-shaped trees), and on the real grammar plus the
 * real schema (skipped, with the reason, until server/src/syntax is built): curly vs set of the same
 * router, no false problems on valid configs, the seed's defects found as unknown statements, round trips.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildConfig, toCurly, toSetCommands, type ConfigModel, type SyntaxTreeLike } from '../../../server/src/model/index';
import type { Schema } from '../../../server/src/schema/types';
import { loadSchema } from '../../../server/src/schema/index';
import { fixtureNames, fixtureText, modelOf, repoRoot, shape } from './support/fixture';

interface RealLayers {
  parse(text: string): SyntaxTreeLike;
  schema: Schema;
}

/** Loads the compiled syntax module and schema loader if they exist (they are built by other folders). */
async function realLayers(): Promise<RealLayers | string> {
  const outServer = path.join(repoRoot, 'out', 'server', 'src');
  const syntaxFile = path.join(outServer, 'syntax', 'parser.js');
  if (!fs.existsSync(syntaxFile)) return 'server/src/syntax/parser.ts is not built yet';
  const syntax = require(syntaxFile) as { initSyntax(): Promise<void>; parseText(text: string): unknown };
  if (typeof syntax.initSyntax !== 'function' || typeof syntax.parseText !== 'function') return 'syntax module lacks initSyntax/parseText';
  await syntax.initSyntax();
  const schema = realSchema();
  return {
    schema,
    parse(text: string): SyntaxTreeLike {
      const parsed = syntax.parseText(text) as SyntaxTreeLike | { tree: SyntaxTreeLike };
      return 'rootNode' in parsed ? parsed : parsed.tree;
    },
  };
}

let cachedSchema: Schema | undefined;
function realSchema(): Schema {
  return (cachedSchema ??= loadSchema('mx'));
}

function build(layers: RealLayers, id: string, text: string): ConfigModel {
  return buildConfig({ id, text, tree: layers.parse(text) }, layers.schema);
}

function exampleFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(conf|set|junos|jcfg)$/.test(e.name)) out.push(full);
    }
  };
  walk(path.join(repoRoot, 'examples'));
  return out.sort();
}

test('real schema: fixtures and corrected examples build without problems; curly and set agree', () => {
  const schema = realSchema();
  for (const name of fixtureNames()) assert.deepEqual(modelOf(fixtureText(name), schema).problems, [], name);
  const dir = path.join(repoRoot, 'examples');
  for (const conf of fs.readdirSync(path.join(dir, 'ike-dynamic-sa')).filter((f) => f.endsWith('.conf'))) {
    const curly = modelOf(fs.readFileSync(path.join(dir, 'ike-dynamic-sa', conf), 'utf8'), schema);
    const set = modelOf(fs.readFileSync(path.join(dir, 'ike-dynamic-sa-set', conf.replace('.conf', '.set')), 'utf8'), schema);
    assert.deepEqual(curly.problems, [], conf);
    assert.deepEqual(set.problems, [], conf);
    assert.deepEqual(shape(set.root), shape(curly.root), conf);
    assert.deepEqual(shape(curly.effective()), shape(set.effective()), conf);
  }
});

test('real schema: the seed as published has its defects as unknown statements, at the words', () => {
  const schema = realSchema();
  const text = fs.readFileSync(path.join(repoRoot, 'examples/seed-as-published/r2-step-by-step.set'), 'utf8');
  const m = modelOf(text, schema);
  assert.deepEqual(
    m.problems.map((p) => [p.code, text.slice(p.start, p.end), p.data?.path.join(' ')]),
    [
      ['unknown-statement', 'router-ID', 'routing-options'],
      ['unknown-statement', 'input', 'services ipsec-vpn rule match-direction'],
      ['unknown-statement', 'pre-shared', 'services ipsec-vpn ike policy ike-demo-policy'],
      ['unknown-statement', 'pre-shared', 'services ipsec-vpn ike policy ike-demo-policy'],
      ['unknown-statement', 'proposals', 'services ipsec-vpn ipsec'],
    ],
  );
});

test('real schema: every fixture and example round-trips through both printers', () => {
  const schema = realSchema();
  const inputs = [
    ...fixtureNames().map((n) => ({ name: n, text: fixtureText(n) })),
    ...exampleFiles().map((f) => ({ name: path.relative(repoRoot, f), text: fs.readFileSync(f, 'utf8') })),
  ];
  for (const { name, text } of inputs) {
    const m = modelOf(text, schema);
    assert.deepEqual(shape(modelOf(toCurly(m.root), schema).root), shape(m.root), `${name}: curly`);
    assert.deepEqual(shape(modelOf(toSetCommands(m.root), schema).root), shape(m.root), `${name}: set`);
  }
});

test('real grammar + schema: R2 curly and set forms give the same tree without problems', async (t) => {
  const layers = await realLayers();
  if (typeof layers === 'string') return t.skip(layers);
  const curly = build(layers, 'r2.conf', fixtureText('r2-ike-dynamic.conf'));
  const set = build(layers, 'r2.set', fixtureText('r2-ike-dynamic.set'));
  assert.deepEqual(curly.problems, []);
  assert.deepEqual(set.problems, []);
  assert.deepEqual(shape(set.root), shape(curly.root));
  const dir = path.join(repoRoot, 'examples');
  const a = path.join(dir, 'ike-dynamic-sa');
  const b = path.join(dir, 'ike-dynamic-sa-set');
  if (fs.existsSync(a) && fs.existsSync(b)) {
    for (const name of fs.readdirSync(a)) {
      const twin = fs.readdirSync(b).find((n) => n.replace(/\.[^.]+$/, '') === name.replace(/\.[^.]+$/, ''));
      if (!twin) continue;
      const x = build(layers, name, fs.readFileSync(path.join(a, name), 'utf8'));
      const y = build(layers, twin, fs.readFileSync(path.join(b, twin), 'utf8'));
      assert.deepEqual(shape(y.root), shape(x.root), `${name} vs ${twin}`);
    }
  }
});

test('real grammar + schema: router-ID and the seed pre-shared word are unknown statements', async (t) => {
  const layers = await realLayers();
  if (typeof layers === 'string') return t.skip(layers);
  const text = 'set routing-options router-ID 10.0.0.2\nset services ipsec-vpn ike policy ike-demo-policy pre-shared proposals demo-proposal\n';
  const m = build(layers, 'seed', text);
  assert.deepEqual(
    m.problems.map((p) => [p.code, text.slice(p.start, p.end)]),
    [['unknown-statement', 'router-ID'], ['unknown-statement', 'pre-shared']],
  );
});

test('real grammar + schema: every fixture and example round-trips through both printers', async (t) => {
  const layers = await realLayers();
  if (typeof layers === 'string') return t.skip(layers);
  const inputs = [
    ...fixtureNames().map((n) => ({ name: n, text: fixtureText(n) })),
    ...exampleFiles().map((f) => ({ name: path.relative(repoRoot, f), text: fs.readFileSync(f, 'utf8') })),
  ];
  for (const { name, text } of inputs) {
    const m = build(layers, name, text);
    const curly = build(layers, name, toCurly(m.root));
    const set = build(layers, name, toSetCommands(m.root));
    assert.deepEqual(shape(curly.root), shape(m.root), `${name}: curly`);
    assert.deepEqual(shape(set.root), shape(m.root), `${name}: set`);
  }
});
