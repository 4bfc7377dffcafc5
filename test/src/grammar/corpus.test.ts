/**
 * Runs every case of tree-sitter-junos/test/corpus/*.txt through the committed wasm (web-tree-sitter)
 * and compares S-expressions like `tree-sitter test`, so the grammar's corpus runs in `npm test`
 * without the CLI and checks the very wasm the server loads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initSyntax, parseText } from '../../../server/src/syntax/parser';
import { comparableActual, normalizeSexp, parseCorpus, stripFields } from './corpus-format';

const repoRoot = path.resolve(__dirname, '../../../..');
const corpusDir = path.join(repoRoot, 'tree-sitter-junos', 'test', 'corpus');

const corpusFiles = fs
  .readdirSync(corpusDir)
  .filter((f) => f.endsWith('.txt'))
  .sort();

test('the corpus has one file per topic', () => {
  for (const topic of ['hierarchy', 'set', 'mixed', 'words', 'comments', 'errors']) {
    assert.ok(corpusFiles.includes(`${topic}.txt`), `test/corpus/${topic}.txt exists`);
  }
});

test('the corpus reader splits cases the way the CLI does', () => {
  const file = [
    '='.repeat(10),
    'first',
    '='.repeat(10),
    '',
    'a;',
    '',
    '-'.repeat(10),
    '',
    '(configuration',
    '  (statement body: (block)))',
    '',
    '='.repeat(10),
    'second',
    '='.repeat(10),
    'set a',
    '-'.repeat(10),
    '',
    '(configuration (command))',
  ].join('\n');
  const cases = parseCorpus(file);
  assert.deepEqual(
    cases.map((c) => [c.title, c.input, normalizeSexp(c.expected)]),
    [
      ['first', '\na;\n', '(configuration (statement body: (block)))'],
      ['second', 'set a', '(configuration (command))'],
    ],
  );
  assert.equal(stripFields('(a body: (b "x: ") verb: (c))'), '(a (b "x: ") (c))');
  assert.equal(comparableActual('(a body: (b))', '(a (b))'), '(a (b))');
  assert.equal(comparableActual('(a body: (b))', '(a body: (b))'), '(a body: (b))');
  assert.notEqual(comparableActual('(a modifier: (b))', '(a body: (b))'), '(a body: (b))');
});

for (const file of corpusFiles) {
  const cases = parseCorpus(fs.readFileSync(path.join(corpusDir, file), 'utf8'));
  test(`corpus ${file} has cases`, () => {
    assert.ok(cases.length >= 3, `${file} holds ${cases.length} cases`);
  });
  for (const corpusCase of cases) {
    test(`corpus ${file}:${corpusCase.line} ${corpusCase.title}`, async () => {
      await initSyntax();
      const tree = parseText(corpusCase.input);
      try {
        const actual = comparableActual(tree.rootNode.toString(), corpusCase.expected);
        assert.equal(actual, normalizeSexp(corpusCase.expected));
      } finally {
        tree.delete();
      }
    });
  }
}
