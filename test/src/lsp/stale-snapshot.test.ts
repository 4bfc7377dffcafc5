/**
 * test/lsp/stale-snapshot.test.ts: completion and hover answered from the last analysis while the analysis of
 * the edited text is pending: the offset mapping through the edit log (`EditMap`), and over stdio the answers
 * right after an edit above the cursor equal those of a fresh open of the edited text, while an edit on the
 * cursor's own line makes the server analyse the current text instead; edits inside value words near the
 * cursor (typing in a description) still answer from the last analysis, except a hover whose definition
 * excerpt was edited since.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeLens, CompletionList, Hover, InlayHint } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EditMap } from '../../../server/src/lsp/edit-map';
import { editedSpans } from '../../../server/src/lsp/position-request';
import type { EditStep } from '../../../server/src/lsp/stores/documents';
import { resolvedCodeLenses } from './code-lens-client';
import { FULL_CLIENT_CAPABILITIES, fileUri, LspSession, REPO_ROOT } from './harness';

const R2_CONF = path.join(REPO_ROOT, 'examples', 'ike-dynamic-sa', 'r2.conf');

test('EditMap: offsets before an edit stay, after it shift, inside or touching it have no image', () => {
  // "abcdef" -> replace "cd" (2..4) by "XYZ" -> "abXYZef" -> insert "!" at 0 -> "!abXYZef"
  const map = new EditMap([
    { version: 2, start: 2, end: 4, newLength: 3 },
    { version: 3, start: 0, end: 0, newLength: 1 },
  ]);
  assert.equal(map.toOld(2), 1); // "b"
  assert.equal(map.toOld(7), 5); // "f" ("!abXYZ" + "e" -> old 4 "e", 7 -> "f")
  assert.equal(map.toOld(0), undefined);
  assert.equal(map.toOld(4), undefined); // inside "XYZ"
  assert.equal(map.toNew(5), 7);
  assert.equal(map.toNew(1), 2);
  assert.equal(map.toNew(3), undefined); // "d" was replaced
  for (let old = 0; old <= 6; old++) {
    const now = map.toNew(old);
    if (now !== undefined) assert.equal(map.toOld(now), old, `round trip of ${old}`);
  }
  assert.equal(new EditMap([]).toOld(42), 42);
  assert.equal(map.movedStart(5, 6), 7, '"f" moved by the growth of both edits');
  assert.equal(map.movedStart(4, 6), undefined, '"ef" touches the replaced text');
  assert.equal(map.movedStart(1, 3), undefined, 'a span holding an edit did not move as a whole');
  assert.equal(map.movedStart(0, 1), undefined, 'a span next to an insertion may have grown');
});

let session: LspSession;
let refreshes = 0;
let refreshed: () => void = () => undefined;
before(async () => {
  session = await LspSession.start({
    settings: { platform: 'ms-pic', trace: 'verbose' },
    capabilities: { ...FULL_CLIENT_CAPABILITIES, workspace: { ...FULL_CLIENT_CAPABILITIES.workspace, inlayHint: { refreshSupport: true }, codeLens: { refreshSupport: true } } },
  });
  session.connection.onRequest('workspace/inlayHint/refresh', () => {
    refreshes++;
    refreshed();
    return null;
  });
  session.connection.onRequest('workspace/codeLens/refresh', () => null);
  await session.logLine(/workspace index:/);
});
after(() => session?.dispose());

test('right after an edit above the cursor, completion and hover come from the last analysis and equal a fresh open', async () => {
  const text = fs.readFileSync(R2_CONF, 'utf8');
  const uri = fileUri(path.join(REPO_ROOT, 'scratch', 'stale-r2.conf'));
  await session.open(uri, text);
  const insertAt = TextDocument.create(uri, 'junos', 1, text).positionAt(text.indexOf('    host-name R2;'));
  const inserted = '    domain-name lab.example.net;\n';
  const edited = TextDocument.applyEdits(TextDocument.create(uri, 'junos', 1, text), [{ range: { start: insertAt, end: insertAt }, newText: inserted }]);
  const doc = TextDocument.create(uri, 'junos', 2, edited);
  const cursor = doc.positionAt(edited.indexOf('dh-group group2;') + 'dh-group '.length);
  const keyword = doc.positionAt(edited.indexOf('authentication-method') + 3);

  // the change and the requests go out back to back: the debounced analysis of v2 cannot have run
  const [, completion, hover] = await Promise.all([
    session.change(uri, 2, [{ range: { start: insertAt, end: insertAt }, text: inserted }]),
    session.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: cursor }),
    session.request<Hover>('textDocument/hover', { textDocument: { uri }, position: keyword }),
  ]);
  await session.logLine(/stale-r2\.conf v2: answering from the analysis of v1 \(line unchanged\)/);

  const freshUri = fileUri(path.join(REPO_ROOT, 'scratch', 'stale-r2-fresh.conf'));
  await session.open(freshUri, edited);
  const freshCompletion = await session.request<CompletionList>('textDocument/completion', { textDocument: { uri: freshUri }, position: cursor });
  const freshHover = await session.request<Hover>('textDocument/hover', { textDocument: { uri: freshUri }, position: keyword });
  assert.ok(completion.items.some((i) => i.label === 'group2'), 'dh-group values');
  assert.deepEqual(completion, freshCompletion);
  assert.deepEqual(hover, freshHover);
  assert.equal(hover.range!.start.line, keyword.line, 'the range is in the edited text');
});

test('an edit on the cursor line is never answered from the older analysis', async () => {
  const text = fs.readFileSync(R2_CONF, 'utf8');
  const uri = fileUri(path.join(REPO_ROOT, 'scratch', 'stale-same-line.conf'));
  await session.open(uri, text);
  const lineStart = TextDocument.create(uri, 'junos', 1, text).positionAt(text.indexOf('                dh-group group2;'));
  const at = { line: lineStart.line, character: lineStart.character + 16 };
  // ` dh` typed at the end of `dh-group group2;`
  const end = { line: at.line, character: at.character + 'dh-group group2;'.length };
  const [, completion] = await Promise.all([
    session.change(uri, 2, [{ range: { start: end, end }, text: ' dh' }]),
    session.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: end.line, character: end.character + 3 } }),
  ]);
  assert.equal(session.logLines.some((l) => /stale-same-line\.conf v2: answering from the analysis/.test(l)), false);
  const final = text.replace('                dh-group group2;', '                dh-group group2; dh');
  const freshUri = fileUri(path.join(REPO_ROOT, 'scratch', 'stale-same-line-fresh.conf'));
  await session.open(freshUri, final);
  const fresh = await session.request<CompletionList>('textDocument/completion', { textDocument: { uri: freshUri }, position: { line: end.line, character: end.character + 3 } });
  assert.deepEqual(completion, fresh);
  assert.ok(completion.items.every((i) => i.textEdit && 'range' in i.textEdit && i.textEdit.range.start.character === end.character + 1), 'the half-typed `dh` is replaced');
});

test('inlay hints and code lenses right after an edit come from the last analysis, mapped, and a refresh follows', async () => {
  const text = fs.readFileSync(R2_CONF, 'utf8');
  const uri = fileUri(path.join(REPO_ROOT, 'scratch', 'stale-hints.conf'));
  await session.open(uri, text);
  const insertAt = TextDocument.create(uri, 'junos', 1, text).positionAt(text.indexOf('    host-name R2;'));
  const inserted = '    domain-name lab.example.net;\n';
  const edited = text.replace('    host-name R2;', inserted + '    host-name R2;');
  const whole = { start: { line: 0, character: 0 }, end: { line: 300, character: 0 } };
  const before = refreshes;
  const gotRefresh = new Promise<void>((resolve) => (refreshed = resolve));
  const [, hints, lenses] = await Promise.all([
    session.change(uri, 2, [{ range: { start: insertAt, end: insertAt }, text: inserted }]),
    session.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: whole }),
    session.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } }),
  ]);
  // resolved right away: from the analysis of v1 still, or of v2 if it is in by now; the same lenses either way
  const resolved = await Promise.all(lenses.map((l) => (l.command ? l : session.request<CodeLens>('codeLens/resolve', l))));
  await session.logLine(/stale-hints\.conf v2: whole-document answer from the analysis of v1/);
  await session.diagnosticsFor(uri, 2);
  await gotRefresh;
  assert.ok(refreshes > before, 'the client was asked to refresh');

  const freshUri = fileUri(path.join(REPO_ROOT, 'scratch', 'stale-hints-fresh.conf'));
  await session.open(freshUri, edited);
  const freshHints = await session.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: freshUri }, range: whole });
  const freshLenses = await resolvedCodeLenses(session, freshUri);
  assert.ok(hints.length >= 4);
  assert.deepEqual(hints, freshHints);
  const withoutUris = (list: CodeLens[]) => JSON.parse(JSON.stringify(list).replaceAll(freshUri, uri)) as CodeLens[];
  assert.deepEqual(resolved, withoutUris(freshLenses));
});

test('editedSpans: the older text with each span replaced by its current text is the current text', () => {
  let seed = 7;
  const next = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  for (let round = 0; round < 300; round++) {
    const old = 'abcdefghijklmnopqrstuvwxyz0123456789'.slice(0, 5 + next(30));
    let now = old;
    const steps: EditStep[] = [];
    for (let k = 0, count = 1 + next(6); k < count; k++) {
      const start = next(now.length + 1);
      const end = Math.min(now.length, start + (next(3) === 0 ? next(4) : 0));
      const inserted = 'XYZ'.slice(0, next(4));
      now = now.slice(0, start) + inserted + now.slice(end);
      steps.push({ version: k + 2, start, end, newLength: inserted.length });
    }
    const spans = editedSpans(steps);
    let rebuilt = '';
    let at = 0;
    let nowAt = 0;
    for (const sp of spans) {
      assert.ok(sp.oldStart >= at && sp.oldEnd >= sp.oldStart && sp.newEnd >= sp.newStart, `ordered, disjoint spans (round ${round})`);
      assert.equal(sp.newStart - nowAt, sp.oldStart - at, `the unedited text between spans keeps its length (round ${round})`);
      rebuilt += old.slice(at, sp.oldStart) + now.slice(sp.newStart, sp.newEnd);
      at = sp.oldEnd;
      nowAt = sp.newEnd;
    }
    rebuilt += old.slice(at);
    assert.equal(rebuilt, now, `round ${round}: ${JSON.stringify(steps)}`);
  }
  // typing a word key by key is one span
  assert.deepEqual(editedSpans([{ version: 2, start: 4, end: 4, newLength: 1 }, { version: 3, start: 5, end: 5, newLength: 1 }]), [{ oldStart: 4, oldEnd: 4, newStart: 4, newEnd: 6 }]);
});

test('typing inside descriptions near the cursor: completion comes from the last analysis and equals a fresh open; a definition excerpt edited since does not', async () => {
  const text = fs.readFileSync(R2_CONF, 'utf8').replace('            policy ike-demo-policy {\n', '            policy ike-demo-policy {\n                description "demo policy";\n');
  const uri = fileUri(path.join(REPO_ROOT, 'scratch', 'stale-values.conf'));
  await session.open(uri, text);
  const v1 = TextDocument.create(uri, 'junos', 1, text);
  // two keys typed into the description of ge-0/0/0 and one into that of ge-0/0/1 (both in `interfaces`,
  // above the cursor), one into the IKE policy's description (in `services`)
  const r1 = text.indexOf('"To R1') + 1;
  const r3 = text.indexOf('"To R3') + 1;
  const demo = text.indexOf('"demo policy') + 1;
  const edits = [
    { range: { start: v1.positionAt(r1), end: v1.positionAt(r1) }, text: 'x' },
    { range: { start: { ...v1.positionAt(r1), character: v1.positionAt(r1).character + 1 }, end: { ...v1.positionAt(r1), character: v1.positionAt(r1).character + 1 } }, text: 'y' },
    { range: { start: v1.positionAt(r3), end: v1.positionAt(r3) }, text: 'z' },
    { range: { start: v1.positionAt(demo), end: v1.positionAt(demo) }, text: 'new ' },
  ];
  const edited = text.replace('"To R1', '"xyTo R1').replace('"To R3', '"zTo R3').replace('"demo policy', '"new demo policy');
  const doc = TextDocument.create(uri, 'junos', 5, edited);
  const cursor = doc.positionAt(edited.indexOf('service-domain outside;') + 'service-domain '.length);
  const reference = doc.positionAt(edited.indexOf('ike-policy ike-demo-policy;') + 'ike-policy '.length + 2);
  const keyword = doc.positionAt(edited.indexOf('authentication-method') + 3);
  // the changes and the requests go out back to back: the debounced analysis cannot have run. The edit of
  // ge-0/0/1's description lies lines away from the two before it: the server analyses v3 first
  // (far-edits.ts), and completion answers from that with the one edit since
  const typed = edits.slice(0, 3).map((e, i) => session.change(uri, i + 2, [e]));
  const completion = await session.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: cursor });
  await Promise.all(typed);
  await session.logLine(/stale-values\.conf v4: answering from the analysis of v3 \(only values edited near it\)/);
  // then the IKE policy's description, and at once hovers (the version is not analysed: the excerpt of
  // the policy, edited since the last analysis, is not taken from it)
  const last = session.change(uri, 5, [edits[3]!]);
  const [excerpt, plain] = await Promise.all([
    session.request<Hover>('textDocument/hover', { textDocument: { uri }, position: reference }),
    session.request<Hover>('textDocument/hover', { textDocument: { uri }, position: keyword }),
  ]);
  await last;

  const freshUri = fileUri(path.join(REPO_ROOT, 'scratch', 'stale-values-fresh.conf'));
  await session.open(freshUri, edited);
  const fresh = <T>(method: string, position: unknown): Promise<T> => session.request<T>(method, { textDocument: { uri: freshUri }, position });
  assert.deepEqual(
    completion.items.map((i) => i.label),
    ['inside', 'outside'],
  );
  assert.deepEqual(completion, await fresh<CompletionList>('textDocument/completion', cursor));
  // the excerpt of the IKE policy shows its description as typed, not as analysed
  assert.match(JSON.stringify(excerpt.contents), /new demo policy/);
  const freshExcerpt = await fresh<Hover>('textDocument/hover', reference);
  assert.deepEqual(JSON.parse(JSON.stringify(excerpt).replaceAll(uri, freshUri)), freshExcerpt);
  assert.deepEqual(plain, await fresh<Hover>('textDocument/hover', keyword));
});

test('typing into a name (not a value) above the cursor in its statement makes the server analyse the current text', async () => {
  const text = fs.readFileSync(R2_CONF, 'utf8');
  const uri = fileUri(path.join(REPO_ROOT, 'scratch', 'stale-names.conf'));
  await session.open(uri, text);
  const v1 = TextDocument.create(uri, 'junos', 1, text);
  const at = v1.positionAt(text.indexOf('ge-0/0/1 {') + 2);
  const edited = text.replace('ge-0/0/1 {', 'ge-x0/0/1 {');
  const cursor = TextDocument.create(uri, 'junos', 2, edited).positionAt(edited.indexOf('service-domain outside;') + 'service-domain '.length);
  const changed = session.change(uri, 2, [{ range: { start: at, end: at }, text: 'x' }]);
  const completion = await session.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: cursor });
  await changed;
  assert.deepEqual(completion.items.map((i) => i.label), ['inside', 'outside']);
  await session.logLine(/analysis .*stale-names\.conf v2:/);
  assert.equal(session.logLines.some((l) => /stale-names\.conf v2: answering from the analysis/.test(l)), false);
});
