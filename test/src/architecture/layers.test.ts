import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

// Enforces the dependency directions ARCHITECTURE.md states, by reading every import of every source file.
const root = path.resolve(__dirname, '../../../..');

function sources(dir: string): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  const found: string[] = [];
  for (const entry of fs.readdirSync(full, { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sources(rel));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) found.push(rel);
  }
  return found;
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/g)) specs.push(m[1]!);
  for (const m of text.matchAll(/require\('([^']+)'\)/g)) specs.push(m[1]!);
  return specs;
}

/** repo-relative folder an import points into (e.g. 'server/src/lsp'), or the package name */
function target(file: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  return path.relative(root, path.resolve(path.dirname(path.join(root, file)), spec)).split(path.sep).join('/');
}

function violations(dirs: string[], forbidden: (target: string) => boolean): string[] {
  const found: string[] = [];
  for (const dir of dirs) {
    for (const file of sources(dir)) {
      for (const spec of importsOf(file)) {
        const t = target(file, spec);
        if (forbidden(t)) found.push(`${file} imports '${spec}'`);
      }
    }
  }
  return found;
}

test('nothing below server/src/lsp imports LSP libraries', () => {
  const below = ['server/src/syntax', 'server/src/schema', 'server/src/model', 'server/src/analysis', 'server/src/ide', 'server/src/text', 'engine/src'];
  assert.deepEqual(violations(below, (t) => t.startsWith('vscode-languageserver') || t === 'vscode-jsonrpc' || t === 'vscode'), []);
});

test('the engine never imports the language server or the CLI', () => {
  assert.deepEqual(violations(['engine/src'], (t) => /^(server\/src\/(lsp|ide)|cli\/|client\/)/.test(t)), []);
});

test('the syntax layer knows no schema, model or analysis', () => {
  assert.deepEqual(violations(['server/src/syntax'], (t) => /^server\/src\/(schema|model|analysis|ide|lsp)/.test(t) || t.startsWith('engine/')), []);
});

test('the schema knows no parse trees, model, analysis or editor features', () => {
  assert.deepEqual(violations(['server/src/schema'], (t) => /^server\/src\/(syntax|model|analysis|ide|lsp)/.test(t) || t.startsWith('engine/') || t === 'web-tree-sitter'), []);
});

test('the model does not reach up into analysis, ide, lsp or the engine', () => {
  assert.deepEqual(violations(['server/src/model'], (t) => /^server\/src\/(analysis|ide|lsp)/.test(t) || t.startsWith('engine/')), []);
});

test('analysis does not reach up into ide or lsp', () => {
  assert.deepEqual(violations(['server/src/analysis'], (t) => /^server\/src\/(ide|lsp)/.test(t) || t.startsWith('cli/')), []);
});

test('the engine layers point one way (wire/crypto/net below device/sa below simulate)', () => {
  const low = ['engine/src/crypto', 'engine/src/wire', 'engine/src/net'];
  assert.deepEqual(violations(low, (t) => /^engine\/src\/(device|peers|sa|topology|routing|services|simulate|report)/.test(t) || t.startsWith('server/')), []);
  assert.deepEqual(violations(['engine/src/sa'], (t) => /^engine\/src\/(device|peers|simulate|report)/.test(t)), []);
});
