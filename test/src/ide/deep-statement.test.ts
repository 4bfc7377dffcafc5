/**
 * test/ide/deep-statement.test.ts: a newline typed inside the verb of a set line (`se` / `t interfaces ...`)
 *   followed by indented lines (a line starting in column 0 with a verb ends the unended statement, see
 *   tree-sitter-junos/grammar.js) turns the rest of the file into one statement whose free-form words nest
 *   one node per word, tens of thousands deep. The model, the effective tree, the full analysis, the printers and the editor features
 *   (outline, folding, schema tokens, semantic tokens, hover, code lenses, code actions) must walk it
 *   without running out of stack, and still report what is wrong.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { analyzeDocument } from '../../../server/src/analysis/index';
import { codeActions } from '../../../server/src/ide/code-actions';
import { codeLenses } from '../../../server/src/ide/code-lens';
import { documentOutline } from '../../../server/src/ide/document-symbols';
import { foldingRegions } from '../../../server/src/ide/folding-ranges';
import { Highlighter } from '../../../server/src/ide/highlight-query';
import { hover } from '../../../server/src/ide/hover';
import { classifyWords } from '../../../server/src/ide/schema-tokens';
import { semanticTokens } from '../../../server/src/ide/semantic-tokens';
import type { ConfigNode } from '../../../server/src/model/index';
import { toCurly, toSetCommands } from '../../../server/src/model/print';
import { parseText, syntaxLanguage } from '../../../server/src/syntax/parser';
import { LineIndex } from '../../../server/src/text/line-index';
import { generateLargeConfig } from '../fixtures/large-config';
import { exampleText, schemaFor, setup } from './check';

before(setup);

function deepest(root: ConfigNode): number {
  let max = 0;
  const stack: [ConfigNode, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [n, d] = stack.pop()!;
    if (d > max) max = d;
    for (const c of n.children) stack.push([c, d + 1]);
  }
  return max;
}

test('a set line broken inside its verb, followed by 60,000 words: model, analysis and editor features', () => {
  const head = exampleText('seed-as-published/r3.set');
  // realistic set lines after the break: at least 60,000 words
  let tail = generateLargeConfig({ lines: 7000, form: 'set', seed: 11 });
  while (tail.split(/\s+/).filter(Boolean).length < 60_000) tail += generateLargeConfig({ lines: 2000, form: 'set', seed: tail.length });
  const brokenLine = 'se\nt interfaces ge-0/0/7 unit 0 family inet address 192.0.2.77/24\n';
  // indented, so no line starts a new command (in column 0 a verb would end the broken statement)
  const indentedTail = tail.replace(/^(?=.)/gm, ' ');
  const text = `${head.endsWith('\n') ? head : `${head}\n`}${brokenLine}${indentedTail}`;
  const breakAt = text.indexOf('se\nt interfaces ge-0/0/7');
  const lastWord = text.trimEnd().lastIndexOf(' ') + 1;
  const docId = 'r3.set';
  const schema = schemaFor('ms-pic');
  const tree = parseText(text);

  const analysis = analyzeDocument({ id: docId, text, tree }, { platform: 'ms-pic' }, schema);
  // the situation this test is about: the words after the break nest as one statement
  const depth = deepest(analysis.model.root);
  assert.ok(depth > 50_000, `written tree depth ${depth}`);
  const effective = analysis.model.effective();
  assert.ok(deepest(effective) > 50_000, 'the effective tree keeps the words');

  // sensible diagnostics: the stray word is named where it is, the unended statement is a syntax error,
  // nothing is reported per swallowed word, every span is inside the text
  // (the seed as published has unknown statements of its own, before the break)
  const unknown = analysis.diagnostics.filter((d) => d.code === 'unknown-statement' && d.start >= breakAt);
  assert.deepEqual(unknown.map((d) => [d.start, d.end, text.slice(d.start, d.end)]), [[breakAt, breakAt + 2, 'se']]);
  assert.ok(analysis.diagnostics.some((d) => d.code === 'syntax-error' && d.start >= breakAt), 'a syntax error after the break');
  assert.ok(analysis.diagnostics.length < 100, `${analysis.diagnostics.length} diagnostics`);
  for (const d of analysis.diagnostics) assert.ok(d.start >= 0 && d.start <= d.end && d.end <= text.length, `${d.code} ${d.start}-${d.end}`);
  // the lines before the break read as on their own
  const alone = analyzeDocument({ id: docId, text: head, tree: parseText(head) }, { platform: 'ms-pic' }, schema);
  const written = (root: ConfigNode): string[] => root.children.map((c) => `${c.keyword} ${c.keys.map((k) => k.text).join(' ')}`);
  assert.deepEqual(written(analysis.model.root).filter((k) => !k.startsWith('se ')), written(alone.model.root));

  // printers: the swallowed words come back, in order, on one line
  const set = toSetCommands(analysis.model.root);
  const longest = set.split('\n').reduce((a, b) => (b.length > a.length ? b : a), '');
  assert.ok(longest.startsWith('set se t interfaces ge-0/0/7 unit 0 family inet address 192.0.2.77/24 set '), longest.slice(0, 100));
  assert.ok(longest.endsWith(text.slice(lastWord).trimEnd()), longest.slice(-100));
  assert.ok(toCurly(effective).includes(`se t interfaces ge-0/0/7 unit 0`), 'curly form of the effective tree');

  // editor features
  const lines = new LineIndex(text);
  const outline = documentOutline(text, tree.rootNode);
  assert.ok(outline.some((s) => s.start <= breakAt && s.end >= lastWord), 'the broken statement is one outline symbol');
  assert.ok(Array.isArray(foldingRegions(text, tree.rootNode, lines)));
  const words = classifyWords({ model: analysis.model, references: analysis.references, schema, docId });
  const firstSet = text.indexOf('set interfaces ');
  assert.ok(words.some((w) => w.start === firstSet + 4), "'interfaces' on the first line is classified");
  for (const w of words) assert.ok(w.start >= 0 && w.end <= text.length);
  const tokens = semanticTokens(Highlighter.load(syntaxLanguage()).captures(tree.rootNode), lines, undefined, words);
  assert.ok(tokens.length > 0);
  const onKeyword = hover({ model: analysis.model, docId, offset: firstSet + 5, schema, platform: 'ms-pic' });
  assert.ok(onKeyword && onKeyword.markdown.includes('interfaces'), 'hover before the break');
  for (const offset of [breakAt, breakAt + 5, lastWord, Math.floor((breakAt + text.length) / 2)]) {
    const h = hover({ model: analysis.model, docId, offset, schema, platform: 'ms-pic' });
    if (h) assert.ok(h.start <= offset && offset <= h.end, `hover at ${offset}`);
  }
  assert.ok(Array.isArray(codeLenses(analysis, docId)));
  assert.ok(Array.isArray(codeActions(analysis, docId, { start: breakAt, end: breakAt + 2 }, unknown, schema, text, tree)));
});
