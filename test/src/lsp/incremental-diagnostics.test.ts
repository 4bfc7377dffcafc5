/**
 * test/lsp/incremental-diagnostics.test.ts: the language server after a series of edits, each analysed
 * from the analysis before it (the model updated where the edit fell, model/incremental.ts), publishes
 * the diagnostics a fresh open of the final text gets; the verbose trace shows the incremental path was
 * taken. Both forms, seeded random edits inside words and lines that break and are repaired, and whole
 * lines inserted, deleted and typed character by character (test/src/fixtures/line-edits.ts).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspSession, REPO_ROOT } from './harness';
import { prng as random } from '../fixtures/large-config';
import { lineEdits, type TextEdit } from '../fixtures/line-edits';

let session: LspSession;

before(async () => {
  session = await LspSession.start({ settings: { trace: 'verbose' } });
  await session.logLine(/workspace index:/);
});

after(async () => {
  await session.shutdown();
  session.dispose();
});


function withoutUri(p: PublishDiagnosticsParams): Diagnostic[] {
  return JSON.parse(JSON.stringify(p.diagnostics).split(JSON.stringify(p.uri)).join('""')) as Diagnostic[];
}

for (const file of ['ike-dynamic-sa/r2.conf', 'ike-dynamic-sa-set/r2.set']) {
  test(`after each of 25 edits, the published diagnostics equal a fresh open of the text: ${file}`, async () => {
    const next = random(file.length * 131);
    const uri = `file:///incremental/${file.replace('/', '-')}`;
    let local = TextDocument.create(uri, 'junos', 1, fs.readFileSync(path.join(REPO_ROOT, 'examples', file), 'utf8'));
    await session.open(uri, local.getText());
    let incremental = 0;
    for (let version = 2; version < 27; version++) {
      const text = local.getText();
      let at = Math.floor(next() * text.length);
      while (at < text.length && !/[A-Za-z0-9-]/.test(text[at]!)) at++;
      if (at >= text.length) at = 0;
      const kind = next();
      const change = {
        range: { start: local.positionAt(at), end: local.positionAt(kind < 0.5 ? at : Math.min(text.length, at + 1)) },
        text: kind < 0.35 ? 'q' : kind < 0.5 ? ';' : kind < 0.9 ? '' : '7',
      };
      local = TextDocument.update(local, [change], version);
      const published = session.diagnosticsFor(uri, version);
      await session.change(uri, version, [change]);
      const edited = await published;
      const line = await session.logLine(new RegExp(`analysis ${uri.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} v${version}: `));
      if (line.includes('(model (incremental))')) incremental++;
      const freshUri = `file:///fresh/${version}-${file.replace('/', '-')}`;
      const fresh = await session.open(freshUri, local.getText());
      assert.deepEqual(withoutUri(edited), withoutUri(fresh), `after edit v${version} ${JSON.stringify(change)}`);
      await session.notify('textDocument/didClose', { textDocument: { uri: freshUri } });
    }
    assert.ok(incremental > 0, 'some edits were applied to one statement');
  });
}

for (const file of ['ike-dynamic-sa/r2.conf', 'ike-dynamic-sa-set/r2.set']) {
  test(`after each of 30 whole-line edits (inserted, deleted, typed character by character), the published diagnostics equal a fresh open: ${file}`, async () => {
    const next = random(file.length * 17);
    const edits = lineEdits(next);
    const uri = `file:///incremental-lines/${file.replace('/', '-')}`;
    let local = TextDocument.create(uri, 'junos', 1, fs.readFileSync(path.join(REPO_ROOT, 'examples', file), 'utf8'));
    await session.open(uri, local.getText());
    const queue: TextEdit[] = [];
    let incremental = 0;
    for (let version = 2; version < 32; version++) {
      if (queue.length === 0) queue.push(...edits(local.getText()));
      const edit = queue.shift()!;
      const change = { range: { start: local.positionAt(edit.start), end: local.positionAt(edit.end) }, text: edit.inserted };
      local = TextDocument.update(local, [change], version);
      const published = session.diagnosticsFor(uri, version);
      await session.change(uri, version, [change]);
      const edited = await published;
      const line = await session.logLine(new RegExp(`analysis ${uri.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} v${version}: `));
      if (line.includes('(model (incremental))')) incremental++;
      const freshUri = `file:///fresh-lines/${version}-${file.replace('/', '-')}`;
      const fresh = await session.open(freshUri, local.getText());
      assert.deepEqual(withoutUri(edited), withoutUri(fresh), `after edit v${version} ${JSON.stringify(change)}`);
      await session.notify('textDocument/didClose', { textDocument: { uri: freshUri } });
    }
    assert.ok(incremental >= 10, `edits applied in place: ${incremental} of 30`);
  });
}

for (const file of ['ike-dynamic-sa/r2.conf', 'ike-dynamic-sa-set/r2.set']) {
  test(`starting from a text with syntax errors (half-typed lines, a stray brace, half a word), after each of 25 edits the published diagnostics equal a fresh open, mostly analysed in place: ${file}`, async () => {
    const next = random(file.length * 977);
    const uri = `file:///incremental-errors/${file.replace('/', '-')}`;
    const set = file.endsWith('.set');
    // three errors put in: a half-typed line after the 3rd line, a stray `}` line after the 8th, half a word
    const original = fs.readFileSync(path.join(REPO_ROOT, 'examples', file), 'utf8').split('\n');
    const indent = (k: number): string => /^\s*/.exec(original[k]!)![0];
    original.splice(3, 0, set ? 'set i' : `${indent(2)}d`);
    original.splice(9, 0, set ? '}' : `${indent(8)}}`);
    let local = TextDocument.create(uri, 'junos', 1, original.join('\n').replace(/(\S)(\S{3});/, '$1;'));
    await session.open(uri, local.getText());
    let incremental = 0;
    for (let version = 2; version < 27; version++) {
      const text = local.getText();
      let at = Math.floor(next() * text.length);
      while (at < text.length && !/[A-Za-z0-9-]/.test(text[at]!)) at++;
      if (at >= text.length) at = 0;
      const kind = next();
      const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
      // (a line typed before a line closing a block may take its `}`: not typed there)
      const closes = /^\s*}/.test(text.slice(lineEnd + 1, text.indexOf('\n', lineEnd + 1) < 0 ? text.length : text.indexOf('\n', lineEnd + 1)));
      const change =
        kind < 0.3 && !closes
          ? { range: { start: local.positionAt(lineEnd), end: local.positionAt(lineEnd) }, text: set ? '\nset i' : '\n    de' }
          : { range: { start: local.positionAt(at), end: local.positionAt(kind < 0.6 ? at : Math.min(text.length, at + 1)) }, text: kind < 0.5 ? 'q' : kind < 0.6 ? ';' : '' };
      local = TextDocument.update(local, [change], version);
      const published = session.diagnosticsFor(uri, version);
      await session.change(uri, version, [change]);
      const edited = await published;
      const line = await session.logLine(new RegExp(`analysis ${uri.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} v${version}: `));
      if (line.includes('(model (incremental))')) incremental++;
      const freshUri = `file:///fresh-errors/${version}-${file.replace('/', '-')}`;
      const fresh = await session.open(freshUri, local.getText());
      assert.ok(fresh.diagnostics.some((d) => d.code === 'syntax-error'), `the text still holds syntax errors after v${version}`);
      assert.deepEqual(withoutUri(edited), withoutUri(fresh), `after edit v${version} ${JSON.stringify(change)}`);
      await session.notify('textDocument/didClose', { textDocument: { uri: freshUri } });
    }
    assert.ok(incremental >= 12, `edits applied in place: ${incremental} of 25`);
  });
}
