/**
 * syntaxProblems: one problem per mistake, at the mistake, in our words; secrets never in messages.
 * Each case is realistic Junos with one mistake; `expected` lists [kind, marked text, message], where
 * the marked text is what the problem's range covers in the input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { initSyntax, parseText, syntaxProblems } from '../../../server/src/syntax/parser';
import { lineColumn } from './support';

type Expected = readonly [kind: 'error' | 'missing', at: string, covered: string, message: string];

function check(text: string, expected: readonly Expected[]): void {
  const tree = parseText(text);
  try {
    const actual = syntaxProblems(tree).map((p) => [p.kind, lineColumn(text, p.start), text.slice(p.start, p.end), p.message]);
    assert.deepEqual(actual, expected);
  } finally {
    tree.delete();
  }
}

test('an extra `}` between top-level statements is unexpected at that brace', async () => {
  await initSyntax();
  check('interfaces {\n    lo0 {\n        unit 0;\n    }\n}\n}\nprotocols {\n    ospf;\n}\n', [
    ['error', '6:1', '}', 'unexpected `}`'],
  ]);
});

test('a block left open at the end of the file names the statement it belongs to', async () => {
  await initSyntax();
  check('services {\n    ipsec-vpn {\n        rule rule-ike {\n            match-direction input;\n        }\n    }\n', [
    ['missing', '6:6', '', 'missing `}` to close `services {`'],
  ]);
});

test('an unterminated string is reported on its own line, and the next lines still parse', async () => {
  await initSyntax();
  check('system {\n    host-name "r2;\n    domain-name example.net;\n}\n', [
    ['error', '2:15', '"r2;', 'unterminated string: no closing `"`'],
  ]);
  const setForm = 'set interfaces ge-0/0/0 description "to R1\nset interfaces ge-0/0/0 unit 0 family inet address 10.1.12.1/30\n';
  check(setForm, [['error', '1:37', '"to R1', 'unterminated string: no closing `"`']]);
  const tree = parseText(setForm);
  assert.deepEqual(tree.rootNode.namedChildren.map((n) => n?.type), ['command', 'command']);
  tree.delete();
});

test('stray `;` and `]` inside a block are two problems, each at its token', async () => {
  await initSyntax();
  check('system {\n    host-name r2; ;\n    domain-name ] example.net;\n}\n', [
    ['error', '2:19', ';', 'unexpected `;`'],
    ['error', '3:17', ']', 'unexpected `]`'],
  ]);
});

test('a `;` ending a set command is unexpected there, and the next command is intact', async () => {
  await initSyntax();
  check('set system host-name r2;\nset system domain-name example.net\n', [['error', '1:24', ';', 'unexpected `;`']]);
});

test('an unclosed value list, banner and annotation', async () => {
  await initSyntax();
  check('apply-groups [ a b;\nsystem { host-name r2; }\n', [['missing', '1:19', '', 'missing `]` to close `[`']]);
  check('[edit interfaces\nset ge-0/0/0 unit 0 family inet address 10.1.12.1/30\n', [
    ['error', '1:1', '[edit interfaces', '`[edit` line has no closing `]`'],
  ]);
  check('/* never closed\nsystem {\n    host-name r2;\n}\n', [
    ['error', '1:1', '/* never closed', 'unterminated comment: `/*` has no closing `*/`'],
  ]);
});

test('a run of garbage on one line is one problem covering it', async () => {
  await initSyntax();
  check('}}}\nset system host-name r2\n', [['error', '1:1', '}}}', 'unexpected `}`']]);
  check('set system { host-name r2\nset system domain-name example.net\n', [['error', '1:12', '{', 'unexpected `{`']]);
});

test('a missing `;` after a secret does not print the secret', async () => {
  await initSyntax();
  check('system {\n    root-authentication {\n        encrypted-password $6$abc$def\n    }\n}\n', [
    ['missing', '3:38', '', 'missing `;`'],
  ]);
});

test('messages never contain secrets, whatever the mistake', async () => {
  await initSyntax();
  const pieces = ['$9$kqfz6C', '"$9$abc"', '$6$salt$hash', ' ', '\n', '{', '}', ';', ']', '[', 'set ', 'x'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
      const tree = parseText(parts.join(''));
      try {
        for (const p of syntaxProblems(tree)) assert.doesNotMatch(p.message, /\$\d\$/);
      } finally {
        tree.delete();
      }
    }),
    { numRuns: 300, seed: 3 },
  );
});
