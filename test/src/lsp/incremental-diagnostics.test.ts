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

/** A random edit of `text` where the first test makes them: inside a word (a letter, `;` or a digit
 *  typed, a character deleted), or a line break with a word typed after a line (a half-typed statement). */
function randomChange(text: string, next: () => number): { start: number; end: number; inserted: string } {
  let at = Math.floor(next() * text.length);
  while (at < text.length && !/[A-Za-z0-9-]/.test(text[at]!)) at++;
  if (at >= text.length) at = 0;
  const kind = next();
  if (kind < 0.15) {
    const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
    return { start: lineEnd, end: lineEnd, inserted: /^set /m.test(text) ? '\nset i' : '\n    de' };
  }
  return { start: at, end: kind < 0.55 ? at : Math.min(text.length, at + 1), inserted: kind < 0.4 ? 'q' : kind < 0.55 ? ';' : kind < 0.9 ? '' : '7' };
}

/** The widest edit (characters) one update may cover in the far-apart bursts below: edits on one line
 *  or the next (far-edits.ts `NEAR_LINES`), however many. */
const NARROW = 400;

for (const file of ['ike-dynamic-sa/r2.conf', 'ike-dynamic-sa-set/r2.set']) {
  test(`bursts of edits at places far apart sent at once (some as one didChange with several changes), then the published diagnostics equal a fresh open, each analysis an update over one place: ${file}`, async () => {
    const next = random(file.length * 4099);
    const uri = `file:///far-bursts/${file.replace('/', '-')}`;
    let local = TextDocument.create(uri, 'junos', 1, fs.readFileSync(path.join(REPO_ROOT, 'examples', file), 'utf8'));
    await session.open(uri, local.getText());
    const mark = session.logLines.length;
    let version = 1;
    for (let round = 0; round < 10; round++) {
      // two to five notifications without waiting, each of one change or of two to four (multi-cursor)
      const sent: Promise<void>[] = [];
      const notifications = 2 + Math.floor(next() * 4);
      for (let k = 0; k < notifications; k++) {
        const count = next() < 0.4 ? 2 + Math.floor(next() * 3) : 1;
        const changes: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }[] = [];
        version++;
        for (let c = 0; c < count; c++) {
          // each change in the text the ones before it left (LSP applies them in order)
          const edit = randomChange(local.getText(), next);
          const change = { range: { start: local.positionAt(edit.start), end: local.positionAt(edit.end) }, text: edit.inserted };
          local = TextDocument.update(local, [change], version);
          changes.push(change);
        }
        sent.push(session.change(uri, version, changes));
      }
      await Promise.all(sent);
      const edited = await session.diagnosticsFor(uri, version);
      const freshUri = `file:///fresh-far/${version}-${file.replace('/', '-')}`;
      const fresh = await session.open(freshUri, local.getText());
      assert.deepEqual(withoutUri(edited), withoutUri(fresh), `round ${round}, v${version}`);
      await session.notify('textDocument/didClose', { textDocument: { uri: freshUri } });
    }
    const analyses = session.logLines.slice(mark).filter((l) => l.startsWith(`analysis ${uri} `));
    // every analysis since the open updated the one before it over the edits of one place
    for (const line of analyses) {
      const span = /; from v\d+ over \d+ edit\(s\): \[(\d+), (\d+)\) -> \[\d+, (\d+)\)/.exec(line);
      assert.ok(span, `an update: ${line}`);
      const [start, oldEnd, newEnd] = [Number(span[1]), Number(span[2]), Number(span[3])];
      assert.ok(oldEnd - start <= NARROW && newEnd - start <= NARROW, `an update over one place: ${line}`);
    }
    console.log(`${file}: ${analyses.length} analyses, ${analyses.filter((l) => l.includes('(model (incremental))')).length} incremental`);
    assert.ok(analyses.some((l) => /; before a change far from/.test(l)), 'some versions were analysed before a far change');
    assert.ok(analyses.some((l) => / \(after \d+ of its \d+ changes\): /.test(l)), 'some states inside a multi-change notification were analysed');
  });
}
