/**
 * test/lsp/protocol.test.ts: the language server over stdio JSON-RPC, as an editor drives it: lifecycle,
 * diagnostics on the bundled examples, incremental edits versus a fresh open, folding, symbols, formatting,
 * semantic tokens, settings, the workspace index, malformed requests and `junos/simulate`.
 * Checks wiring and protocol behaviour; feature details are in features.test.ts.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type {
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  PublishDiagnosticsParams,
  SelectionRange,
  SemanticTokens,
  SemanticTokensDelta,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileUri, LspSession, REPO_ROOT } from './harness';

const EXAMPLES = path.join(REPO_ROOT, 'examples');
const exampleFiles = (): string[] =>
  fs
    .readdirSync(EXAMPLES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => fs.readdirSync(path.join(EXAMPLES, d.name)).map((f) => path.join(EXAMPLES, d.name, f)))
    .filter((f) => /\.(conf|set)$/.test(f))
    .sort();
const read = (file: string): string => fs.readFileSync(file, 'utf8');
const R2_CONF = path.join(EXAMPLES, 'ike-dynamic-sa', 'r2.conf');

/** a URI no file has, for purpose-written and derived texts */
let scratchCounter = 0;
const scratchUri = (name: string): string => fileUri(path.join(REPO_ROOT, 'scratch', `${++scratchCounter}-${name}`));

let session: LspSession;

before(async () => {
  session = await LspSession.start({ workspaceFolders: [EXAMPLES], settings: { platform: 'ms-pic', trace: 'messages' } });
});

after(() => session?.dispose());

test('initialize announces incremental sync, the token legend and the features; shutdown and exit end the process', async () => {
  const own = await LspSession.start();
  try {
    const caps = own.initializeResult!.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    assert.ok(caps.semanticTokensProvider && caps.semanticTokensProvider.legend.tokenTypes.includes('keyword'));
    assert.deepEqual(caps.semanticTokensProvider.full, { delta: true });
    for (const feature of ['foldingRangeProvider', 'selectionRangeProvider', 'documentSymbolProvider', 'documentFormattingProvider', 'documentRangeFormattingProvider'] as const) {
      assert.ok(caps[feature], feature);
    }
    assert.equal(own.initializeResult!.serverInfo?.name, 'junos-ipsec');
    assert.equal(await own.shutdown(), 0);
    assert.equal(own.isRunning, false);
  } finally {
    own.dispose();
  }
});

test('every bundled example gets diagnostics; the corrected network has no errors or warnings', async () => {
  const files = exampleFiles();
  assert.ok(files.length >= 20, 'the examples are there');
  for (const file of files) {
    const published = await session.open(fileUri(file), read(file));
    for (const d of published.diagnostics) {
      assert.equal(d.source, 'junos');
      assert.equal(typeof d.code, 'string');
    }
    if (/ike-dynamic-sa/.test(file)) {
      const serious = published.diagnostics.filter((d) => d.severity === 1 || d.severity === 2);
      assert.deepEqual(serious, [], `${path.relative(EXAMPLES, file)} is clean`);
    }
  }
  // the published seed never closes its services block (README defect 5): a syntax error at the end
  const seed = path.join(EXAMPLES, 'seed-as-published', 'r2.conf');
  const seedDiagnostics = session.published.find((p) => p.uri === fileUri(seed))!.diagnostics;
  const lastLine = read(seed).trimEnd().split('\n').length - 1;
  assert.ok(
    seedDiagnostics.some((d) => d.code === 'syntax-error' && d.severity === 1 && d.range.start.line >= lastLine - 1),
    `a syntax error at the end of r2.conf; got ${JSON.stringify(seedDiagnostics.map((d) => [d.code, d.range.start]))}`,
  );
});

test('a syntax error is reported where it is and cleared by the edit that fixes it', async () => {
  const uri = scratchUri('missing-semicolon.conf');
  const text = 'system {\n    host-name R2\n}\ninterfaces {\n    lo0 {\n        unit 0;\n    }\n}\n';
  const opened = await session.open(uri, text);
  const errors = opened.diagnostics.filter((d) => d.code === 'syntax-error');
  assert.equal(errors.length, 1, JSON.stringify(opened.diagnostics));
  assert.equal(errors[0]!.range.start.line, 1);
  const fixed = session.diagnosticsFor(uri, 2);
  await session.change(uri, 2, [{ range: { start: { line: 1, character: 16 }, end: { line: 1, character: 16 } }, text: ';' }]);
  assert.deepEqual((await fixed).diagnostics.filter((d) => d.code === 'syntax-error'), []);
  const cleared = session.diagnosticsFor(uri, undefined);
  await session.notify('textDocument/didClose', { textDocument: { uri } });
  assert.deepEqual((await cleared).diagnostics, []);
});

/** The diagnostics with the document's own URI blanked (related places and fix data name it). */
function withoutUri(p: PublishDiagnosticsParams): Diagnostic[] {
  return JSON.parse(JSON.stringify(p.diagnostics).split(JSON.stringify(p.uri)).join('""')) as Diagnostic[];
}

test('incremental edits give the same diagnostics and semantic tokens as a fresh open of the final text', async () => {
  const uri = scratchUri('r2-edited.conf');
  const original = read(R2_CONF);
  let local = TextDocument.create(uri, 'junos', 1, original);
  await session.open(uri, original);
  type Change = { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string };
  // each change is computed on the text left by the previous one, as the protocol defines
  const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle));
  const word = (text: string, needle: string, within: string, replacement: string): Change => {
    const line = lineOf(text, within);
    const col = text.split('\n')[line]!.indexOf(needle);
    return { range: { start: { line, character: col }, end: { line, character: col + needle.length } }, text: replacement };
  };
  const insertBefore = (text: string, within: string, inserted: string): Change => {
    const line = lineOf(text, within);
    return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: inserted };
  };
  const steps: ((text: string) => Change)[][] = [
    // rename the IKE proposal where it is defined (the reference now dangles)
    [(t) => word(t, 'ike-demo-proposal', 'proposal ike-demo-proposal {', 'ike-strong-proposal')],
    // insert a statement line, then break the syntax by dropping a '{' (two changes in one notification)
    [(t) => insertBefore(t, 'host-name R2;', '    domain-name lab.example.net;\n'), (t) => word(t, ' {', 'proposal ipsec-demo-proposal {', '')],
    // delete a whole multi-line block
    [
      (t) => {
        const line = lineOf(t, 'perfect-forward-secrecy {');
        return { range: { start: { line, character: 0 }, end: { line: line + 3, character: 0 } }, text: '' };
      },
    ],
    // replace an address, then type at the very start
    [(t) => word(t, '10.1.15.1', 'local-gateway 10.1.15.1;', '10.1.15.9'), () => ({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '#' })],
  ];
  let version = 1;
  for (const step of steps) {
    version++;
    const changes: Change[] = [];
    for (const make of step) {
      const change = make(local.getText());
      changes.push(change);
      local = TextDocument.update(local, [change], version);
    }
    await session.change(uri, version, changes);
  }
  const incremental = await session.diagnosticsFor(uri, version);
  const finalText = local.getText();
  const freshUri = scratchUri('r2-fresh.conf');
  const fresh = await session.open(freshUri, finalText);
  assert.deepEqual(withoutUri(incremental), withoutUri(fresh));
  assert.ok(incremental.diagnostics.some((d) => d.code === 'syntax-error'), 'the dropped brace shows');
  const tokensIncremental = await session.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
  const tokensFresh = await session.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: freshUri } });
  assert.deepEqual(tokensIncremental.data, tokensFresh.data);
  const symbolsIncremental = await session.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  const symbolsFresh = await session.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: freshUri } });
  assert.deepEqual(symbolsIncremental, symbolsFresh);
});

test('folding ranges, selection ranges and document symbols of a realistic config', async () => {
  const uri = fileUri(R2_CONF);
  const text = read(R2_CONF);
  const lines = text.split('\n');
  const folds = await session.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
  const services = lines.indexOf('services {');
  assert.ok(folds.some((f) => f.startLine === services && f.endLine === lines.indexOf('}', services) - 1));
  assert.equal(folds.length, lines.filter((l) => l.trimEnd().endsWith('{')).length);

  const symbols = await session.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  const child = (list: DocumentSymbol[] | undefined, name: string): DocumentSymbol => {
    const found = list?.find((s) => s.name === name);
    assert.ok(found, `${name} among ${list?.map((s) => s.name).join(', ')}`);
    return found;
  };
  const policy = child(child(child(child(symbols, 'services').children, 'ipsec-vpn').children, 'ike').children, 'policy ike-demo-policy');
  assert.deepEqual(policy.children?.map((s) => s.name), ['proposals ike-demo-proposal', 'pre-shared-key ascii-text "$9$********"']);
  assert.equal(policy.selectionRange.start.line, lines.findIndex((l) => l.includes('policy ike-demo-policy {')));
  assert.equal(JSON.stringify(symbols).includes('$9$Ap0I'), false, 'the key never leaves the server');

  const wordLine = lines.findIndex((l) => l.includes('local-gateway 10.1.15.1;'));
  const [selection] = await session.request<SelectionRange[]>('textDocument/selectionRange', {
    textDocument: { uri },
    positions: [{ line: wordLine, character: lines[wordLine]!.indexOf('10.1.15.1') + 3 }],
  });
  assert.deepEqual(selection!.range, { start: { line: wordLine, character: 26 }, end: { line: wordLine, character: 35 } });
  assert.deepEqual(selection!.parent!.range.start, { line: wordLine, character: 12 });
});

function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('x', 'junos', 1, text), edits);
}

test('formatting restores show layout, is idempotent and only ever changes whitespace, on every example', async () => {
  for (const file of exampleFiles()) {
    const text = read(file);
    const edits = await session.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: fileUri(file) }, options: { tabSize: 4, insertSpaces: true } });
    const formatted = applyEdits(text, edits);
    assert.equal(formatted.replace(/\s+/g, ''), text.replace(/\s+/g, ''), `${file}: only whitespace changes`);
    const again = scratchUri(path.basename(file));
    await session.open(again, formatted);
    const second = await session.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: again }, options: { tabSize: 4, insertSpaces: true } });
    assert.deepEqual(second, [], `${file}: formatting twice changes nothing`);
  }
  // flatten R2's show output completely; formatting must give it back exactly
  const original = read(R2_CONF);
  const flat = original.split('\n').map((l) => l.trim()).join('\n');
  const flatUri = scratchUri('r2-flat.conf');
  await session.open(flatUri, flat);
  const edits = await session.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: flatUri }, options: { tabSize: 4, insertSpaces: true } });
  assert.equal(applyEdits(flat, edits), original);
  // a range covering three lines re-indents only those
  const ranged = await session.request<TextEdit[]>('textDocument/rangeFormatting', {
    textDocument: { uri: flatUri },
    range: { start: { line: 3, character: 0 }, end: { line: 5, character: 0 } },
    options: { tabSize: 4, insertSpaces: true },
  });
  const partly = applyEdits(flat, ranged).split('\n');
  assert.deepEqual(partly.slice(0, 7), [flat.split('\n')[0], flat.split('\n')[1], flat.split('\n')[2], '    host-name R2;', '}', 'services {', flat.split('\n')[6]]);
});

test('formatting a document with syntax errors changes nothing and says why', async () => {
  const uri = fileUri(path.join(EXAMPLES, 'seed-as-published', 'r3.conf'));
  const edits = await session.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
  assert.deepEqual(edits, []);
  await session.logLine(/formatting .*r3\.conf: the document has syntax errors/);
});

test('semantic tokens: full, range and delta agree with each other', async () => {
  const uri = scratchUri('tokens.conf');
  const text = read(R2_CONF);
  await session.open(uri, text);
  const full = await session.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
  assert.ok(full.data.length > 0 && full.data.length % 5 === 0, 'the highlight query yields tokens');
  const range = await session.request<SemanticTokens>('textDocument/semanticTokens/range', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } },
  });
  assert.deepEqual(range.data, full.data);
  const published = session.diagnosticsFor(uri, 2);
  await session.change(uri, 2, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: '    domain-name lab.example.net;\n' }]);
  await published;
  const delta = await session.request<SemanticTokens | SemanticTokensDelta>('textDocument/semanticTokens/full/delta', {
    textDocument: { uri },
    previousResultId: full.resultId,
  });
  const refreshed = await session.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
  assert.ok('edits' in delta, 'a delta against the remembered result');
  const patched = [...full.data];
  for (const edit of [...delta.edits].sort((a, b) => b.start - a.start)) patched.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
  assert.deepEqual(patched, refreshed.data);
  const unknown = await session.request<SemanticTokens | SemanticTokensDelta>('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: 'no-such-result' });
  assert.ok('data' in unknown, 'an unknown previous result gets a full answer');
});

async function expectError(method: string, params: unknown, code: number): Promise<void> {
  await assert.rejects(session.request(method, params), (err: { code?: number; message?: string }) => {
    assert.equal(err.code, code, `${method}: ${err.message}`);
    return true;
  });
}

test('malformed requests get error responses and the server keeps serving', async () => {
  const uri = fileUri(R2_CONF);
  await expectError('textDocument/foldingRange', {}, -32602);
  await expectError('textDocument/foldingRange', { textDocument: { uri: 42 } }, -32602);
  await expectError('textDocument/selectionRange', { textDocument: { uri }, positions: [{ line: -1, character: 0 }] }, -32602);
  await expectError('textDocument/rangeFormatting', { textDocument: { uri }, range: { start: { line: 9, character: 0 }, end: { line: 2, character: 0 } } }, -32602);
  await expectError('textDocument/semanticTokens/full/delta', { textDocument: { uri } }, -32602);
  await expectError('textDocument/documentSymbol', [1, 2, 3], -32602);
  await expectError('junos/no-such-method', {}, -32601);
  await session.notify('textDocument/didChange', { textDocument: { uri }, contentChanges: 'not a list' });
  await session.notify('textDocument/didOpen', { textDocument: { uri: scratchUri('broken.conf') } });
  await session.logLine(/textDocument\/didChange: invalid params: params\.textDocument\.version must be a number/);
  await session.logLine(/textDocument\/didOpen: invalid params: params\.textDocument\.text must be a string/);
  assert.equal(await session.request('textDocument/foldingRange', { textDocument: { uri: scratchUri('never-opened.conf') } }), null);
  const symbols = await session.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.ok(symbols.length > 0, 'still serving');
  assert.ok(session.isRunning);
});

test('junos/simulate says why it cannot run for an unknown document, and checks its params', async () => {
  const unknown = scratchUri('nowhere.conf');
  const answer = await session.request('junos/simulate', { uri: unknown, target: { ruleName: 'rule-ike' } });
  assert.deepEqual(answer, { available: false, reason: `${unknown} is neither open nor a Junos file of the workspace` });
  await expectError('junos/simulate', { uri: fileUri(R2_CONF), seed: { x: 1 } }, -32602);
  await expectError('junos/simulate', { uri: 7 }, -32602);
  await expectError('junos/simulate', { uri: fileUri(R2_CONF), target: { serviceSetName: ['x'] } }, -32602);
  for (const bad of [
    { ping: { from: 'R1', to: '10.1.56.2' } },
    { ping: [{ from: 'R1' }] },
    { ping: [{ from: 'R1', to: 'R4' }] },
    { ping: [{ from: 'R1', to: '10.1.56.256' }] },
    { ping: [{ from: 'R1', to: '10.1.56.2', count: 0 }] },
    { ping: [{ from: 'R1', to: '10.1.56.2', count: 1.5 }] },
    { ping: [{ from: 'R1', to: '10.1.56.2', maxHops: 3 }] },
    { traceroute: [{ from: 'R1', to: '10.1.56.2', maxHops: 65 }] },
    { traceroute: [{ from: 'R1', to: '10.1.56.2', count: 3 }] },
    { ping: Array.from({ length: 9 }, () => ({ from: 'R1', to: '10.1.56.2' })) },
  ]) {
    await expectError('junos/simulate', { uri: fileUri(R2_CONF), ...bad }, -32602);
  }
});

test('the workspace index finds every example and settings changes are applied', async () => {
  const line = await session.logLine(/workspace index: \d+ Junos file/);
  assert.equal(Number(/workspace index: (\d+)/.exec(line)![1]), exampleFiles().length);
  await session.changeSettings({ platform: 'srx' });
  await session.logLine(/platform is now srx/);
  await session.changeSettings({ platform: 'mx960' });
  await session.logLine(/junos\.platform must be one of ms-pic, as-pic, acx, srx/);
});

test('file-watch events keep the workspace index current', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'junos-ws-'));
  fs.writeFileSync(path.join(folder, 'r1.conf'), '## Last commit: 2024-05-14 09:14:02 UTC by admin\nversion 24.4R1.9;\n');
  fs.writeFileSync(path.join(folder, 'notes.conf'), 'worker_processes 4;\n');
  const own = await LspSession.start({ workspaceFolders: [folder], settings: { trace: 'verbose' } });
  try {
    await own.logLine(/workspace index: 1 Junos file\(s\)/);
    const added = path.join(folder, 'r2.set');
    fs.writeFileSync(added, 'set system host-name R2\n');
    fs.writeFileSync(path.join(folder, 'notes.conf'), 'system {\n    host-name R9;\n}\n');
    await own.notify('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: fileUri(added), type: 1 },
        { uri: fileUri(path.join(folder, 'notes.conf')), type: 2 },
        { uri: fileUri(path.join(folder, 'r1.conf')), type: 3 },
      ],
    });
    await own.logLine(/workspace index: created .*r2\.set/);
    await own.logLine(/workspace index: changed .*notes\.conf/);
    await own.logLine(/workspace index: deleted .*r1\.conf/);
  } finally {
    own.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
