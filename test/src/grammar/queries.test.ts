/**
 * The grammar's queries (highlights.scm, folds.scm) compile against the committed wasm and capture
 * what an editor needs on a realistic mixed configuration; tree-sitter.json registers them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Query } from 'web-tree-sitter';
import { initSyntax, parseText, syntaxLanguage } from '../../../server/src/syntax/parser';

const grammarDir = path.resolve(__dirname, '../../../..', 'tree-sitter-junos');

function captures(queryFile: string, text: string): string[] {
  const query = new Query(syntaxLanguage(), fs.readFileSync(path.join(grammarDir, 'queries', queryFile), 'utf8'));
  const tree = parseText(text);
  try {
    const seen = new Map<string, string>();
    // later patterns win for the same node, as in editors
    for (const capture of query.captures(tree.rootNode)) {
      seen.set(`${capture.node.startIndex}:${capture.node.endIndex}`, `${capture.name} ${capture.node.text}`);
    }
    return [...seen.entries()]
      .sort(([a], [b]) => Number(a.split(':')[0]) - Number(b.split(':')[0]))
      .map(([, v]) => v);
  } finally {
    tree.delete();
    query.delete();
  }
}

test('tree-sitter.json registers the query files that exist', () => {
  const config = JSON.parse(fs.readFileSync(path.join(grammarDir, 'tree-sitter.json'), 'utf8')) as {
    grammars: Record<string, unknown>[];
  };
  const grammar = config.grammars[0]!;
  for (const key of ['highlights', 'folds', 'locals', 'injections', 'tags']) {
    const file = grammar[key];
    if (key === 'highlights' || key === 'folds') assert.equal(typeof file, 'string', `${key} registered`);
    if (typeof file === 'string') assert.ok(fs.existsSync(path.join(grammarDir, file)), `${file} exists`);
  }
});

test('highlights: statement keywords, values by word kind, verbs, modifiers, banners, comments', async () => {
  await initSyntax();
  const text = [
    'inactive: interfaces {',
    '    ge-0/0/0 { description "to R1"; unit 0 { family inet { address 10.1.12.2/30; } } }',
    '}',
    '/* keys */',
    'x { pre-shared-key ascii-text "$9$kqfz6CuE"; } ## SECRET-DATA',
    '[edit groups g1]',
    'set interfaces <ge-*> mtu 9192',
    '',
  ].join('\n');
  assert.deepEqual(captures('highlights.scm', text), [
    'keyword.modifier inactive:',
    'property interfaces',
    'punctuation.bracket {',
    'type ge-0/0/0',
    'punctuation.bracket {',
    'property description',
    'string "to R1"',
    'punctuation.delimiter ;',
    'property unit',
    'number 0',
    'punctuation.bracket {',
    'property family',
    'variable inet',
    'punctuation.bracket {',
    'property address',
    'constant 10.1.12.2/30',
    'punctuation.delimiter ;',
    'punctuation.bracket }',
    'punctuation.bracket }',
    'punctuation.bracket }',
    'punctuation.bracket }',
    'comment /* keys */',
    'property x',
    'punctuation.bracket {',
    'property pre-shared-key',
    'variable ascii-text',
    'string.special "$9$kqfz6CuE"',
    'punctuation.delimiter ;',
    'punctuation.bracket }',
    'comment ## SECRET-DATA',
    'keyword [edit',
    'namespace groups',
    'namespace g1',
    'punctuation.bracket ]',
    'keyword set',
    'property interfaces',
    'constant.builtin <ge-*>',
    'variable mtu',
    'number 9192',
  ]);
});

test('folds: blocks and multi-line annotations', async () => {
  await initSyntax();
  const text = 'system {\n    /* a\n       b */\n    services { ssh; }\n}\n';
  assert.deepEqual(captures('folds.scm', text), ['fold {\n    /* a\n       b */\n    services { ssh; }\n}', 'fold /* a\n       b */', 'fold { ssh; }']);
});
