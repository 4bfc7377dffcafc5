/**
 * test/analysis/syntax-stays-clean.test.ts: `syntaxStaysClean` (the analysis skips the whole-text syntax
 * scans after an edit it accepts) only accepts edits after which a full `syntaxDiagnostics` of the new text
 * finds nothing, on seeded random edits of clean bundled examples and generated configurations in both
 * forms; edits it must refuse (braces, quotes, line breaks, indentation) are refused.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { syntaxDiagnostics, syntaxStaysClean } from '../../../server/src/analysis/syntax';
import { initSyntax, parseText } from '../../../server/src/syntax/parser';
import { generateLargeConfig, prng } from '../fixtures/large-config';

const REPO = path.resolve(__dirname, '../../../..');

before(async () => {
  await initSyntax();
});

function isClean(text: string): boolean {
  const tree = parseText(text);
  try {
    const found = syntaxDiagnostics('doc', text, tree);
    return found.diagnostics.length === 0 && found.shifted.length === 0;
  } finally {
    tree.delete();
  }
}

const INSERTS = ['x', '7', ' ', '-', '.', ':', '{', '}', '"', '#', '\n', ';', '/*', '  '];

function cleanTexts(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const form of ['curly', 'set'] as const) out.push({ name: `generated ${form}`, text: generateLargeConfig({ lines: 600, form, seed: 3 }) });
  const examples = path.join(REPO, 'examples');
  for (const dir of fs.readdirSync(examples)) {
    const full = path.join(examples, dir);
    if (!fs.statSync(full).isDirectory()) continue;
    for (const f of fs.readdirSync(full)) if (/\.(conf|set)$/.test(f)) out.push({ name: `${dir}/${f}`, text: fs.readFileSync(path.join(full, f), 'utf8') });
  }
  return out.filter((t) => isClean(t.text));
}

test('an edit accepted by syntaxStaysClean leaves a text the full syntax check finds clean', () => {
  const texts = cleanTexts();
  assert.ok(texts.length >= 5, 'enough clean texts to edit');
  const next = prng(2026);
  let accepted = 0;
  let refused = 0;
  for (const { name, text } of texts) {
    for (let i = 0; i < 60; i++) {
      const start = Math.floor(next() * text.length);
      const remove = next() < 0.3 ? Math.floor(next() * 3) : 0;
      const oldEnd = Math.min(text.length, start + remove);
      const inserted = next() < 0.2 ? '' : INSERTS[Math.floor(next() * INSERTS.length)]!;
      const after = text.slice(0, start) + inserted + text.slice(oldEnd);
      const tree = parseText(after);
      let ok: boolean;
      try {
        ok = syntaxStaysClean(text, after, { start, oldEnd, newEnd: start + inserted.length }, tree);
      } finally {
        tree.delete();
      }
      if (!ok) {
        refused++;
        continue;
      }
      accepted++;
      assert.ok(isClean(after), `${name}: accepted edit at ${start} (${JSON.stringify(text.slice(start, oldEnd))} -> ${JSON.stringify(inserted)}) left syntax findings`);
    }
  }
  assert.ok(accepted > 100 && refused > 100, `both answers were exercised (accepted ${accepted}, refused ${refused})`);
});

test('edits that can change braces, strings, lines or indentation are refused', () => {
  const text = 'interfaces {\n    ge-0/0/0 {\n        description "uplink";\n    }\n}\n';
  const at = text.indexOf('uplink');
  const check = (start: number, oldEnd: number, inserted: string): boolean => {
    const after = text.slice(0, start) + inserted + text.slice(oldEnd);
    const tree = parseText(after);
    try {
      return syntaxStaysClean(text, after, { start, oldEnd, newEnd: start + inserted.length }, tree);
    } finally {
      tree.delete();
    }
  };
  assert.equal(check(at, at, 'x'), true);
  for (const inserted of ['{', '}', '"', '\n', '#', '\\']) assert.equal(check(at, at, inserted), false, JSON.stringify(inserted));
  const indent = text.indexOf('    ge-');
  assert.equal(check(indent, indent, ' '), false, 'a space in the indentation');
});
