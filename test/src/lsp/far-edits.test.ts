/**
 * test/lsp/far-edits.test.ts: edits at places far apart that reach the server before the analysis of the
 * text between them (one-change notifications sent back to back, a multi-cursor notification, new lines
 * typed at several places with completion at each) never make an analysis that updates the model over a
 * span from one place to another or builds it from scratch (lsp/far-edits.ts): the verbose trace names
 * each analysis's model phase and the edit it updated over. Also: edits at one place make no extra
 * analysis in `didChange`. Realistic generated configurations, both forms.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList } from 'vscode-languageserver-protocol';
import { generateLargeConfig } from '../fixtures/large-config';
import { LspSession } from './harness';

let session: LspSession;
before(async () => {
  session = await LspSession.start({ settings: { trace: 'verbose' } });
  await session.logLine(/workspace index:/);
});
after(async () => {
  await session.shutdown();
  session.dispose();
});

/** The widest edit (characters) one update may cover: one place (a line and the next). */
const NARROW = 400;

interface Change {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
}

/** The analysis lines of `uri` logged since `mark`, each checked: an update of the model in place over
 *  the edits of one place. */
function checkAnalyses(uri: string, mark: number): string[] {
  const lines = session.logLines.slice(mark).filter((l) => l.startsWith(`analysis ${uri} `));
  for (const line of lines) {
    assert.match(line, /\(model \(incremental\)\)/, `the model updated in place, not built again: ${line}`);
    const span = /; from v\d+ over \d+ edit\(s\): \[(\d+), (\d+)\) -> \[\d+, (\d+)\)/.exec(line);
    assert.ok(span, `an update of the last analysis: ${line}`);
    const [start, oldEnd, newEnd] = [Number(span[1]), Number(span[2]), Number(span[3])];
    assert.ok(oldEnd - start <= NARROW && newEnd - start <= NARROW, `an update over one place: ${line}`);
  }
  return lines;
}

for (const form of ['curly', 'set'] as const) {
  test(`edits far apart sent at once, then requests that need the analysis: every analysis updates over one place (${form})`, async () => {
    const text = generateLargeConfig({ lines: 3000, form, seed: 7 });
    const uri = `file:///far-edits/large.${form === 'curly' ? 'conf' : 'set'}`;
    await session.open(uri, text);
    const mark = session.logLines.length;
    let local = TextDocument.create(uri, 'junos', 1, text);
    const descriptions = text.split('\n').flatMap((l, k) => (/description "/.test(l) ? [k] : []));
    assert.ok(descriptions.length >= 12, 'description lines to type into');
    const into = (k: number): Change => {
      const line = descriptions[k]!;
      const character = local.getText().split('\n')[line]!.indexOf('description "') + 'description "'.length;
      return { range: { start: { line, character }, end: { line, character } }, text: 'x' };
    };
    let version = 1;
    const send = (changes: Change[]): Promise<void> => {
      version++;
      for (const change of changes) local = TextDocument.update(local, [change], version);
      return session.change(uri, version, changes);
    };
    // six one-character edits far apart, back to back, and a request that analyses the current text
    const sent = [0, 2, 4, 6, 8, 10].map((k) => send([into(Math.floor((descriptions.length * k) / 12))]));
    const at = local.positionAt(local.getText().indexOf('description "') + 3);
    await session.request('textDocument/documentHighlight', { textDocument: { uri }, position: at });
    // a multi-cursor edit: one character at three places far apart, in one notification (ranges in the
    // order the changes apply), then the same again
    sent.push(send([into(Math.floor(descriptions.length / 3)), into(Math.floor(descriptions.length / 2)), into(descriptions.length - 1)]));
    sent.push(send([into(Math.floor(descriptions.length / 3)), into(Math.floor(descriptions.length / 2)), into(descriptions.length - 1)]));
    await session.request('textDocument/documentHighlight', { textDocument: { uri }, position: at });
    // new lines typed below statements at several places, completion at once at each
    const lines = local.getText().split('\n');
    for (let i = 0; i < 4; i++) {
      const line = Math.floor(((i + 1) * lines.length) / 5) + i;
      const current = local.getText().split('\n');
      let target = line;
      while (!/^\s*(set )?[a-z]/.test(current[target]!) || /[{]\s*$/.test(current[target]!)) target++;
      const indent = /^\s*/.exec(current[target]!)![0];
      const typed = `${indent}${form === 'set' ? 'set i' : 'd'}`;
      const end = { line: target, character: current[target]!.length };
      sent.push(send([{ range: { start: end, end }, text: `\n${typed}` }]));
      await session.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: target + 1, character: typed.length } });
    }
    await Promise.all(sent);
    await session.diagnosticsFor(uri, version);
    const analyses = checkAnalyses(uri, mark);
    assert.ok(analyses.some((l) => /; before a change far from/.test(l)), 'analysed before far changes');
    assert.ok(analyses.some((l) => / \(after \d+ of its 3 changes\): /.test(l)), 'analysed inside the multi-cursor notification');
    await session.notify('textDocument/didClose', { textDocument: { uri } });
  });
}

test('typing at one place (characters, a line break, the next line) makes no analysis in didChange', async () => {
  const text = generateLargeConfig({ lines: 1500, form: 'curly', seed: 3 });
  const uri = 'file:///far-edits/one-place.conf';
  await session.open(uri, text);
  const mark = session.logLines.length;
  const line = text.split('\n').findIndex((l) => /description "/.test(l));
  const character = text.split('\n')[line]!.indexOf('description "') + 'description "'.length;
  const changes: Change[] = [];
  for (let i = 0; i < 5; i++) changes.push({ range: { start: { line, character: character + i }, end: { line, character: character + i } }, text: 'abcde'[i]! });
  const lineEnd = text.split('\n')[line]!.length + 5;
  changes.push({ range: { start: { line, character: lineEnd }, end: { line, character: lineEnd } }, text: '\n' });
  for (let i = 0; i < 3; i++) changes.push({ range: { start: { line: line + 1, character: i }, end: { line: line + 1, character: i } }, text: 'xyz'[i]! });
  changes.push({ range: { start: { line: line + 2, character: 0 }, end: { line: line + 2, character: 0 } }, text: '#' });
  const sent = changes.map((c, i) => session.change(uri, i + 2, [c]));
  await Promise.all(sent);
  await session.diagnosticsFor(uri, changes.length + 1);
  // (the half-typed line may make the model be built again: only where the analyses ran is checked)
  const analyses = session.logLines.slice(mark).filter((l) => l.startsWith(`analysis ${uri} `));
  assert.equal(analyses.length, 1, `one analysis, for the diagnostics: ${analyses.join('\n')}`);
  assert.match(analyses[0]!, /; from v1 over 10 edit\(s\): .*; for diagnostics$/);
  await session.notify('textDocument/didClose', { textDocument: { uri } });
});
