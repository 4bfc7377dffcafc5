/**
 * Loading the grammar (explicit path, upward search, bundle layout, failures), JS-string offsets
 * (web-tree-sitter reports UTF-16 code unit indices and columns), and parsing never throwing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import {
  findGrammarWasm,
  initSyntax,
  loadedWasmPath,
  parseText,
  syntaxLanguage,
  syntaxProblems,
} from '../../../server/src/syntax/parser';
import { MIXED_CONFIG, repoRoot } from './support';

const committedWasm = path.join(repoRoot, 'tree-sitter-junos', 'tree-sitter-junos.wasm');

// runs first: nothing is loaded yet in this test process
test('parsing before initSyntax and loading a missing wasm fail loudly, and a retry works', async () => {
  assert.throws(() => parseText('a;'), /initSyntax/);
  await assert.rejects(initSyntax({ wasmPath: path.join(os.tmpdir(), 'no-such-dir', 'tree-sitter-junos.wasm') }), /ENOENT/);
  await initSyntax({ wasmPath: committedWasm });
  assert.equal(loadedWasmPath(), committedWasm);
  await initSyntax({ wasmPath: '/ignored/after/the/first/load.wasm' });
  assert.equal(loadedWasmPath(), committedWasm);
  assert.equal(syntaxLanguage().name, 'junos');
});

test('the default search finds the committed wasm from the compiled module folder', () => {
  const fromOut = path.join(repoRoot, 'out', 'server', 'src', 'syntax');
  assert.equal(findGrammarWasm(fromOut), committedWasm);
});

test('the default search prefers a wasm beside the module (esbuild bundle in dist/)', () => {
  const bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'junos-bundle-'));
  try {
    assert.equal(findGrammarWasm(bundleDir), undefined);
    const beside = path.join(bundleDir, 'tree-sitter-junos.wasm');
    fs.copyFileSync(committedWasm, beside);
    assert.equal(findGrammarWasm(bundleDir), beside);
  } finally {
    fs.rmSync(bundleDir, { recursive: true, force: true });
  }
});

test('node offsets are JS string indices (UTF-16 code units), also after non-ASCII text', async () => {
  await initSyntax();
  const text = 'interfaces {\n    ge-0/0/0 { description "Liaison vers R1 — été 😀 ✓"; mtu 1500; }\n}\n';
  const tree = parseText(text);
  try {
    const mtu = tree.rootNode.descendantsOfType('number')[0]!;
    assert.equal(mtu.text, '1500');
    assert.equal(mtu.startIndex, text.indexOf('1500'));
    assert.equal(text.slice(mtu.startIndex, mtu.endIndex), '1500');
    // columns count UTF-16 code units too (the emoji is two of them)
    assert.equal(mtu.startPosition.row, 1);
    assert.equal(mtu.startPosition.column, text.indexOf('1500') - text.indexOf('\n') - 1);
    const description = tree.rootNode.descendantsOfType('string')[0]!;
    assert.equal(text.slice(description.startIndex, description.endIndex), '"Liaison vers R1 — été 😀 ✓"');
  } finally {
    tree.delete();
  }
});

test('a realistic mixed configuration parses without problems', async () => {
  await initSyntax();
  const tree = parseText(MIXED_CONFIG);
  try {
    assert.deepEqual(syntaxProblems(tree), []);
    assert.deepEqual(
      tree.rootNode.namedChildren.map((n) => n?.type),
      ['comment', 'statement', 'statement', 'statement', 'command', 'banner', 'command', 'command'],
    );
  } finally {
    tree.delete();
  }
});

test('any text parses to a tree covering it, with problems instead of exceptions', async () => {
  await initSyntax();
  const pieces = ['{', '}', ';', '[', ']', '"', '\n', ' ', '#', '/*', '*/', 'set', 'edit', '[edit', 'inactive:', 'a', '1.2.3.4', '\\', '$9$', '<', '>', '\t', 'é', '\u0000', '😀'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
      const text = parts.join('');
      const tree = parseText(text);
      try {
        const root = tree.rootNode;
        assert.ok(root.endIndex <= text.length);
        const problems = syntaxProblems(tree);
        for (const p of problems) {
          assert.ok(p.start >= 0 && p.start <= p.end && p.end <= text.length, JSON.stringify(p));
          assert.ok(p.message.length > 0);
        }
        assert.equal(problems.length > 0, root.hasError);
      } finally {
        tree.delete();
      }
    }),
    { numRuns: 400, seed: 42 },
  );
});
