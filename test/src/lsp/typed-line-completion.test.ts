/**
 * test/lsp/typed-line-completion.test.ts: completion on a line typed since the last analysis (a new
 * statement being written) is answered from that analysis and the line's words, without analysing the
 * current text: on realistic configurations in both forms, new statements are typed character by character
 * at several places, and at every step the items equal those of a fresh open of the same text, and the
 * trace shows the typed-line answer was the one given (for most keystrokes: one that finishes a statement
 * name the schema knows there, or types a list key, is analysed); edits outside the cursor's line fall back.
 * Keystrokes and requests go out back to back (the debounced analysis does not run while typing); the
 * fresh opens come after each statement is typed.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CompletionList } from 'vscode-languageserver-protocol';
import { fileUri, LspSession, REPO_ROOT } from './harness';

let session: LspSession;
before(async () => {
  session = await LspSession.start({ settings: { platform: 'ms-pic', trace: 'verbose' } });
  await session.logLine(/workspace index:/);
});
after(() => session?.dispose());

interface Position {
  line: number;
  character: number;
}

let fresh = 0;
/** Completion at `position` of `text` opened as a new document (analysed on the request path). */
async function freshCompletion(text: string, position: Position): Promise<CompletionList | null> {
  const uri = fileUri(path.join(REPO_ROOT, 'scratch', `typed-fresh-${++fresh}.conf`));
  await session.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'junos', version: 1, text } });
  const list = await session.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position });
  await session.notify('textDocument/didClose', { textDocument: { uri } });
  return list;
}

function completion(uri: string, position: Position): Promise<CompletionList | null> {
  return session.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position });
}

/** What a typed-line answer at `version` of `name` logs. */
function typedAnswer(name: string, version: number): RegExp {
  return new RegExp(`${name.replace(/[.]/g, '\\.')} v${version}: completing the typed line from the analysis of v\\d+$`);
}

/**
 * Opens `file` (analysed once), then at each line index of `at`: a line break and the indentation at
 * the end of that line, and `statement` typed one character at a time (each a new version); completion
 * at the end of the typed line after every keystroke. Returns the number of steps checked.
 */
async function typeStatements(file: string, at: readonly { line: number; statement: string }[], name: string): Promise<number> {
  const original = fs.readFileSync(file, 'utf8');
  let steps = 0;
  let typedSteps = 0;
  const typedTexts: { text: string; cursor: Position; got: CompletionList | null; typed: string }[] = [];
  for (const [k, place] of at.entries()) {
    const docName = `${name}-${k}`;
    const uri = fileUri(path.join(REPO_ROOT, 'scratch', docName));
    const lines = original.split('\n');
    await session.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'junos', version: 1, text: original } });
    // the first analysis (on the request path: the debounce never fires here)
    await completion(uri, { line: 0, character: 0 });
    await session.logLine(new RegExp(`${docName.replace(/[.]/g, '\\.')} v1:`));
    const anchorLine = lines[place.line]!;
    const indent = /^[ \t]*/.exec(anchorLine)![0];
    let version = 1;
    let typed = indent;
    const end = { line: place.line, character: anchorLine.length };
    await session.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: end, end }, text: `\n${indent}` }] });
    for (const ch of place.statement) {
      const at = { line: place.line + 1, character: typed.length };
      await session.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: at, end: at }, text: ch }] });
      typed += ch;
      const cursor = { line: place.line + 1, character: typed.length };
      const text = [...lines.slice(0, place.line + 1), typed, ...lines.slice(place.line + 1)].join('\n');
      // (set form: completion is asked once the verb is typed: before, the line is not a command yet)
      if (/^\s*(s|se|set)$/.test(typed)) continue;
      const got = await completion(uri, cursor);
      typedTexts.push({ text, cursor, got, typed });
      if (session.logLines.some((l) => typedAnswer(docName, version).test(l))) typedSteps++;
      steps++;
    }
    await session.notify('textDocument/didClose', { textDocument: { uri } });
    for (const step of typedTexts.splice(0)) {
      assert.deepEqual(step.got, await freshCompletion(step.text, step.cursor), `${docName} line ${place.line + 2} ${JSON.stringify(step.typed)}`);
    }
  }
  // the keystrokes that finish a statement name the schema knows there, or type a list key, are analysed
  // (the current text's model would have that node, the older one has not); every other one is not
  assert.ok(typedSteps >= steps * 0.7, `${typedSteps} of ${steps} keystrokes answered from the typed line`);
  return steps;
}

/** Lines of `text` after which a statement is typed, spread over the file: the last statement of a block
 *  at several depths, typed again (curly), or a `set` command, with the command of the line after it (set
 *  form): what is typed is what the configuration says there. */
function placesIn(text: string, count: number): { line: number; statement: string }[] {
  const lines = text.split('\n');
  const candidates: { line: number; statement: string }[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const next = lines[i + 1]!.trim();
    const plain = /^(set )?[A-Za-z0-9_][A-Za-z0-9_.\/: -]*;?$/.test(next) && !/:\s/.test(next) && !next.endsWith(':');
    if (!plain || /\s\s/.test(next)) continue;
    if (/^set /.test(next) && /^set /.test(lines[i]!)) candidates.push({ line: i, statement: next });
    // curly: after the last statement of a block (the one before its `}`), the same statement again
    if (!/^set /.test(next) && /;$/.test(next) && lines[i + 2]?.trim().startsWith('}')) candidates.push({ line: i + 1, statement: next.replace(/;$/, '') });
  }
  const step = Math.max(1, Math.floor(candidates.length / count));
  return candidates.filter((_, k) => k % step === 0).slice(0, count);
}

const FILES = [
  ['examples/ike-dynamic-sa/r2.conf', 'curly'],
  ['test/fixtures/realworld/mx-edge.conf', 'curly'],
  ['examples/ike-dynamic-sa-set/r2.set', 'set'],
  ['test/fixtures/realworld/mx-ipsec-nexthop.set', 'set'],
] as const;

for (const [file, form] of FILES) {
  test(`typing new statements in ${file} (${form}): each keystroke answered from the typed line, equal to a fresh open`, async () => {
    const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
    const places = placesIn(text, 4);
    assert.ok(places.length >= 3, 'places to type at');
    const steps = await typeStatements(path.join(REPO_ROOT, file), places, `typed-${path.basename(file)}`);
    assert.ok(steps >= 40, `${steps} keystrokes checked`);
  });
}

test('an edit outside the typed line since the last analysis: the current text is analysed', async () => {
  const file = path.join(REPO_ROOT, 'examples/ike-dynamic-sa/r2.conf');
  const original = fs.readFileSync(file, 'utf8');
  const lines = original.split('\n');
  const place = placesIn(original, 2)[1]!;
  const uri = fileUri(path.join(REPO_ROOT, 'scratch', 'typed-elsewhere.conf'));
  await session.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'junos', version: 1, text: original } });
  await completion(uri, { line: 0, character: 0 });
  const end = { line: place.line, character: lines[place.line]!.length };
  await session.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: end, end }, text: '\n    d' }] });
  // a comment line added above the statement the line was typed after: the edits are no longer confined
  // to the cursor's line (near it, so the didChange does not analyse v2 first: far-edits.ts)
  await session.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: { line: place.line, character: 0 }, end: { line: place.line, character: 0 } }, text: '# x\n' }] });
  const got = await completion(uri, { line: place.line + 2, character: 5 });
  assert.ok(!session.logLines.some((l) => /typed-elsewhere\.conf v3: completing the typed line/.test(l)));
  assert.ok(session.logLines.some((l) => /^analysis .*typed-elsewhere\.conf v3:/.test(l)), 'analysed on the request path');
  const text = [...lines.slice(0, place.line), '# x', lines[place.line]!, '    d', ...lines.slice(place.line + 1)].join('\n');
  assert.deepEqual(got, await freshCompletion(text, { line: place.line + 2, character: 5 }));
  await session.notify('textDocument/didClose', { textDocument: { uri } });
});
