/**
 * Typing a new line into a set-form file, one character at a time: while the first word is not yet a
 * whole verb, the line is a statement without its `;`, and the grammar ends it at its own line
 * (a verb in column 0 is never a word of an unended statement), so the syntax problem stays on the
 * typed line, every other line is still the command it was, and an incremental reparse gives what a
 * fresh parse gives. Checked with fast-check over random places, verbs and half-typed words.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { initSyntax, SyntaxDocument, syntaxProblems, type Tree } from '../../../server/src/syntax/parser';
import { generateLargeConfig } from '../fixtures/large-config';
import { assertSameAsFreshParse } from './support';

const VERB_WORDS = ['set', 'delete', 'deactivate', 'activate', 'insert', 'rename', 'annotate', 'protect', 'edit'];

/** Text of every top-level command, in order. */
function commandTexts(tree: Tree, text: string): string[] {
  const out: string[] = [];
  for (const node of tree.rootNode.children) {
    if (node?.type === 'command') out.push(text.slice(node.startIndex, node.endIndex).trimEnd());
  }
  return out;
}

test('typing the first letters of a set command on a new line keeps the syntax problem on that line', async () => {
  await initSyntax();
  const base = generateLargeConfig({ lines: 1500, form: 'set', seed: 5 });
  const baseDoc = new SyntaxDocument(base);
  const baseCommands = commandTexts(baseDoc.tree, base);
  baseDoc.dispose();
  const lineStarts = [...base.matchAll(/\n/g)].map((m) => m.index);
  const typedArbitrary = fc.oneof(
    fc.tuple(fc.constantFrom(...VERB_WORDS), fc.nat({ max: 9 })).map(([verb, cut]) => verb.slice(0, 1 + (cut % verb.length))),
    fc.stringMatching(/^[a-z][a-z-]{0,7}$/),
  );
  fc.assert(
    fc.property(fc.nat({ max: lineStarts.length - 2 }), typedArbitrary, (lineIndex, typed) => {
      const at = lineStarts[lineIndex]!; // the end of a line: the new line goes below it
      const doc = new SyntaxDocument(base);
      try {
        doc.applyEdit(at, at, '\n');
        for (let i = 0; i < typed.length; i++) {
          doc.applyEdit(at + 1 + i, at + 1 + i, typed[i]!);
          assertSameAsFreshParse(doc);
          const lineStart = at + 1;
          const lineEnd = lineStart + i + 1;
          for (const problem of syntaxProblems(doc.tree)) {
            assert.ok(problem.start >= lineStart && problem.end <= lineEnd, `${typed.slice(0, i + 1)}: problem ${problem.start}-${problem.end} outside ${lineStart}-${lineEnd}`);
          }
          const typedSoFar = typed.slice(0, i + 1);
          const expected = [...baseCommands];
          if (VERB_WORDS.includes(typedSoFar)) expected.splice(lineIndex + 1, 0, typedSoFar);
          assert.deepEqual(commandTexts(doc.tree, doc.text), expected, `${typedSoFar}: the other lines are the commands they were`);
        }
      } finally {
        doc.dispose();
      }
    }),
    { numRuns: 40, seed: 20261127 },
  );
});

test('an indented verb inside an unended statement stays one of its words (curly form)', async () => {
  await initSyntax();
  const text = 'system {\n    host-name\n    set;\n}\n';
  const doc = new SyntaxDocument(text);
  try {
    assert.deepEqual(syntaxProblems(doc.tree), []);
    const statement = doc.tree.rootNode.child(0)?.childForFieldName('body')?.namedChild(0);
    assert.equal(statement?.text, 'host-name\n    set;');
  } finally {
    doc.dispose();
  }
});
