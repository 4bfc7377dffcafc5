/**
 * Typing a new line into a set-form file, one character at a time: while the first word is not yet a
 * whole verb, the line is a statement without its `;`, and the grammar ends it at its own line
 * (a verb in column 0 is never a word of an unended statement), so the syntax problem stays on the
 * typed line, every other line is still the command it was, and an incremental reparse gives what a
 * fresh parse gives. Checked with fast-check over random places, verbs and half-typed words.
 * The same in the curly form: a half-typed statement on a new line right before a line that starts
 * with `}` ends at its own line with a missing `;` (the `}` still closes its block, so the rest of the
 * tree is the one it was); typed before any other line of a block, it becomes the first words of the
 * statement below it, and in both cases an incremental reparse gives what a fresh parse gives.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { initSyntax, SyntaxDocument, syntaxProblems, type Tree } from '../../../server/src/syntax/parser';
import { generateLargeConfig } from '../fixtures/large-config';
import { assertSameAsFreshParse, flatten } from './support';

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

/** Kinds, fields, offsets and MISSING flags of every node, offsets moved as an insertion at `at` of `length` moves them. */
function shapeAfterInsertion(tree: Tree, at: number, length: number): string[] {
  const move = (offset: number): number => (offset <= at ? offset : offset + length);
  return flatten(tree).map((n) => `${n.kind}:${n.field ?? ''}:${move(n.start)}-${move(n.end)}${n.missing ? ':missing' : ''}`);
}

/** The same for the tree after the insertion, leaving out the nodes inside [from, to] (the typed line). */
function shapeOutside(tree: Tree, from: number, to: number): string[] {
  return flatten(tree)
    .filter((n) => !(n.start >= from && n.end <= to))
    .map((n) => `${n.kind}:${n.field ?? ''}:${n.start}-${n.end}${n.missing ? ':missing' : ''}`);
}

const STATEMENT_WORDS = ['description', 'unit', 'family', 'address', 'disable', 'vlan-id', 'interfaces', 'neighbor', 'term', 'then'];

test('typing a statement on a new line inside a block keeps the syntax problem on that line (curly form)', async () => {
  await initSyntax();
  const base = generateLargeConfig({ lines: 1500, form: 'curly', seed: 5 });
  const baseDoc = new SyntaxDocument(base);
  const baseTree = baseDoc.tree;
  assert.deepEqual(syntaxProblems(baseTree), []);
  // ends of lines inside a block: the new line goes below them; before a `}` line or another statement
  const lineEnds = [...base.matchAll(/\n/g)].map((m) => m.index).filter((at) => at > 0 && /^[ \t]/.test(base.slice(at + 1, at + 2)));
  const beforeClose = lineEnds.filter((at) => /^[ \t]*\}/.test(base.slice(at + 1, at + 80)));
  assert.ok(beforeClose.length > 50 && lineEnds.length > beforeClose.length);
  const typedArbitrary = fc.oneof(
    fc.tuple(fc.constantFrom(...STATEMENT_WORDS), fc.nat({ max: 12 })).map(([word, cut]) => word.slice(0, 1 + (cut % word.length))),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,6}( [a-z0-9./-]{1,5})?$/),
  );
  const placeArbitrary = fc.oneof(
    fc.nat({ max: beforeClose.length - 1 }).map((i) => ({ at: beforeClose[i]!, closes: true })),
    fc.nat({ max: lineEnds.length - 1 }).map((i) => ({ at: lineEnds[i]!, closes: beforeClose.includes(lineEnds[i]!) })),
  );
  try {
    fc.assert(
      fc.property(placeArbitrary, typedArbitrary, ({ at, closes }, typed) => {
        const lineStartOfAbove = base.lastIndexOf('\n', at - 1) + 1;
        const indent = /^[ \t]*/.exec(base.slice(lineStartOfAbove, at))![0];
        const doc = new SyntaxDocument(base);
        try {
          doc.applyEdit(at, at, '\n' + indent);
          const lineStart = at + 1;
          const wordStart = lineStart + indent.length;
          for (let i = 0; i < typed.length; i++) {
            doc.applyEdit(wordStart + i, wordStart + i, typed[i]!);
            const typedSoFar = typed.slice(0, i + 1);
            assertSameAsFreshParse(doc, `${typedSoFar}: incremental = fresh`);
            const lineEnd = wordStart + i + 1;
            for (const problem of syntaxProblems(doc.tree)) {
              assert.ok(problem.start >= lineStart && problem.end <= lineEnd, `${typedSoFar}: problem ${problem.start}-${problem.end} outside ${lineStart}-${lineEnd}`);
            }
            assert.ok(!flatten(doc.tree).some((n) => n.kind === 'unended_close'), `${typedSoFar}: unended_close is never left in a tree`);
            if (closes && !typedSoFar.endsWith(' ')) {
              const problems = syntaxProblems(doc.tree);
              assert.deepEqual(problems.map((p) => [p.start, p.message]), [[lineEnd, 'missing `;`']], `${typedSoFar}: one missing \`;\` at the end of the typed line`);
              assert.deepEqual(shapeOutside(doc.tree, lineStart, lineEnd), shapeAfterInsertion(baseTree, at, lineEnd - at), `${typedSoFar}: the rest of the tree is the one it was`);
            }
          }
        } finally {
          doc.dispose();
        }
      }),
      { numRuns: 40, seed: 20261127 },
    );
  } finally {
    baseDoc.dispose();
  }
});
