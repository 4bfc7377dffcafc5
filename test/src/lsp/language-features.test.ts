/**
 * test/lsp/language-features.test.ts: the model-based language features over stdio JSON-RPC, as an editor
 * drives them, on the bundled examples and purpose-written texts: completion (both forms, resolve), hover
 * (keyword, reference, masked secret), diagnostics equal to `analyzeDocuments`, definition, references,
 * highlights, rename and its refusals, quick fixes that apply cleanly, code lenses, inlay hints (defaults and
 * the peer from another workspace file), workspace symbols, `junos/simulate` on the example network and
 * `junos/workspaceDiagnostics`, and features after incremental edits matching a fresh open.
 * Feature details are tested in test/src/ide/*.test.ts; this checks the wiring and the conversions.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentHighlight,
  Hover,
  InlayHint,
  Location,
  LocationLink,
  MarkupContent,
  SymbolInformation,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocuments } from '../../../server/src/analysis/index';
import { resolvedCodeLenses } from './code-lens-client';
import { FULL_CLIENT_CAPABILITIES, fileUri, LspSession, REPO_ROOT } from './harness';

const EXAMPLES = path.join(REPO_ROOT, 'examples');
const R2_CONF = path.join(EXAMPLES, 'ike-dynamic-sa', 'r2.conf');
const R3_CONF = path.join(EXAMPLES, 'ike-dynamic-sa', 'r3.conf');
const SEED_R2 = path.join(EXAMPLES, 'seed-as-published', 'r2.conf');
const read = (file: string): string => fs.readFileSync(file, 'utf8');
let counter = 0;
const scratchUri = (name: string): string => fileUri(path.join(REPO_ROOT, 'scratch', `${++counter}-${name}`));

let session: LspSession;

before(async () => {
  session = await LspSession.start({
    workspaceFolders: [EXAMPLES],
    settings: { platform: 'ms-pic' },
    capabilities: {
      ...FULL_CLIENT_CAPABILITIES,
      textDocument: {
        ...FULL_CLIENT_CAPABILITIES.textDocument,
        definition: { linkSupport: true },
        rename: { prepareSupport: true },
        codeAction: { resolveSupport: { properties: ['edit'] } },
      },
    },
  });
  await session.logLine(/workspace index: \d+ Junos file/); // every example folder (their number grows)
  await session.open(fileUri(R2_CONF), read(R2_CONF));
});

after(() => session?.dispose());

const at = (uri: string, line: number, character: number) => ({ textDocument: { uri }, position: { line, character } });
/** line and column of the first occurrence of `needle` (+ `shift` characters) in `text` */
function find(text: string, needle: string, shift = 0): { line: number; character: number } {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} is in the text`);
  return TextDocument.create('x', 'junos', 1, text).positionAt(offset + shift);
}
const r2 = fileUri(R2_CONF);
const r2Text = read(R2_CONF);
const r2At = (needle: string, shift = 0) => {
  const p = find(r2Text, needle, shift);
  return at(r2, p.line, p.character);
};

function applyEdit(text: string, uri: string, edit: WorkspaceEdit): string {
  const edits = edit.changes?.[uri] ?? [];
  return TextDocument.applyEdits(TextDocument.create(uri, 'junos', 1, text), edits);
}

test('initialize announces every language feature and both custom requests', () => {
  const caps = session.initializeResult!.capabilities;
  for (const feature of ['hoverProvider', 'inlayHintProvider', 'definitionProvider', 'referencesProvider', 'documentHighlightProvider', 'workspaceSymbolProvider'] as const) {
    assert.equal(caps[feature], true, feature);
  }
  assert.deepEqual(caps.completionProvider, { triggerCharacters: [' '], resolveProvider: true });
  assert.deepEqual(caps.renameProvider, { prepareProvider: true });
  assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix', 'refactor.rewrite', 'source'], resolveProvider: true });
  assert.deepEqual(caps.experimental, { customRequests: ['junos/simulate', 'junos/workspaceDiagnostics', 'junos/effectiveConfig'] });
});

test('completion in curly form: the enum values of a leaf, and child statements as snippets inserted as is', async () => {
  const uri = scratchUri('completion.conf');
  const text = 'services {\n    ipsec-vpn {\n        ike {\n            proposal p1 {\n                authentication-method \n            }\n        }\n    }\n}\n';
  await session.open(uri, text);
  const values = await session.request<CompletionList>('textDocument/completion', at(uri, 4, 38));
  assert.deepEqual(
    values.items.map((i) => [i.label, i.textEdit && 'range' in i.textEdit ? i.textEdit.newText : undefined]),
    [
      ['pre-shared-keys', 'pre-shared-keys;'],
      ['rsa-signatures', 'rsa-signatures;'],
      ['dsa-signatures', 'dsa-signatures;'],
      ['ecdsa-signatures-256', 'ecdsa-signatures-256;'],
      ['ecdsa-signatures-384', 'ecdsa-signatures-384;'],
    ],
  );
  assert.ok(values.items.every((i) => i.kind === 20 && i.insertTextMode === 1), 'enum members, inserted as is');

  const blank = text.replace('authentication-method ', '');
  const uri2 = scratchUri('completion-blank.conf');
  await session.open(uri2, blank);
  const children = await session.request<CompletionList>('textDocument/completion', at(uri2, 4, 16));
  assert.deepEqual(children.items.map((i) => i.label), [
    'authentication-algorithm',
    'authentication-method',
    'description',
    'dh-group',
    'encryption-algorithm',
    'lifetime-seconds',
    'apply-groups',
    'apply-groups-except',
    'apply-macro',
  ]);
  const dh = children.items.find((i) => i.label === 'dh-group')!;
  assert.equal(dh.insertTextFormat, 2);
  assert.deepEqual(dh.textEdit, {
    range: { start: { line: 4, character: 16 }, end: { line: 4, character: 16 } },
    newText: 'dh-group ${1|group1,group2,group5,group14,group15,group16,group19,group20,group24|};',
  });
  const macro = children.items.find((i) => i.label === 'apply-macro')!;
  assert.equal(macro.textEdit && 'range' in macro.textEdit ? macro.textEdit.newText : '', 'apply-macro ${1:name} {\n                    $0\n                }');

  const resolved = await session.request<CompletionItem>('completionItem/resolve', dh);
  const doc = (resolved.documentation as MarkupContent).value;
  assert.match(doc, /dh-group/);
  assert.ok(doc.length > ((dh.documentation as MarkupContent | undefined)?.value.length ?? 0), 'resolve adds the full documentation');
});

test('completion in set form: a half-typed word is replaced; a reference offers the defined names', async () => {
  const uri = scratchUri('completion.set');
  const text = 'set services ipsec-vpn ike proposal p1 dh-gr\nset services ipsec-vpn ike policy pol1 proposals \n';
  await session.open(uri, text);
  const words = await session.request<CompletionList>('textDocument/completion', at(uri, 0, 44));
  const dh = words.items.find((i) => i.label === 'dh-group');
  assert.deepEqual(dh?.textEdit, { range: { start: { line: 0, character: 39 }, end: { line: 0, character: 44 } }, newText: 'dh-group ' });
  assert.ok(words.items.every((i) => i.kind !== 20 && i.textEdit && 'range' in i.textEdit && i.textEdit.range.start.character === 39));
  const names = await session.request<CompletionList>('textDocument/completion', at(uri, 1, 49));
  assert.deepEqual(names.items.map((i) => [i.label, i.kind]), [['p1', 18]]);
});

test('hover: a keyword documents the statement, a reference shows its definition, a secret stays masked', async () => {
  const keyword = await session.request<Hover>('textDocument/hover', r2At('authentication-method', 3));
  const keywordText = (keyword.contents as MarkupContent).value;
  assert.match(keywordText, /^\*\*authentication-method\*\*/);
  assert.match(keywordText, /`\[edit services ipsec-vpn ike proposal ike-demo-proposal\]`/);
  assert.deepEqual(keyword.range, { start: find(r2Text, 'authentication-method'), end: find(r2Text, 'authentication-method', 21) });

  const reference = await session.request<Hover>('textDocument/hover', r2At('ike-policy ike-demo-policy', 14));
  const referenceText = (reference.contents as MarkupContent).value;
  assert.match(referenceText, /names \*\*ike-demo-policy\*\*/);
  assert.match(referenceText, /policy ike-demo-policy \{/);
  assert.doesNotMatch(referenceText, /Ap0I01heK8X/, 'the excerpt masks the key');

  const secret = await session.request<Hover>('textDocument/hover', r2At('"$9$Ap0I', 5));
  const secretText = (secret.contents as MarkupContent).value;
  assert.match(secretText, /secret \(masked\)/);
  assert.doesNotMatch(secretText, /Ap0I01heK8X/);
  assert.equal(await session.request('textDocument/hover', at(r2, 0, 0)), null, 'nothing to say on a comment');
});

test('the published diagnostics of the seed routers equal analyzeDocuments on the same text', async () => {
  for (const file of ['r1.conf', 'r2.conf', 'r3.conf', 'r2-step-by-step.set']) {
    const full = path.join(EXAMPLES, 'seed-as-published', file);
    const text = read(full);
    const uri = scratchUri(file);
    const published = await session.open(uri, text);
    const direct = await analyzeDocuments([{ id: uri, text }], { platform: 'ms-pic' });
    const doc = TextDocument.create(uri, 'junos', 1, text);
    const simplify = (d: Diagnostic) => [d.code, d.message, doc.offsetAt(d.range.start), doc.offsetAt(d.range.end)];
    assert.deepEqual(
      published.diagnostics.map(simplify),
      direct.diagnostics.map((d) => [d.code, d.message, d.start, d.end]),
      file,
    );
    if (file === 'r2.conf') assert.ok(published.diagnostics.length > 0, 'the seed as published has defects');
  }
});

test('definition, references and highlights of an IKE policy', async () => {
  const use = find(r2Text, 'ike-policy ike-demo-policy', 11);
  const def = find(r2Text, 'policy ike-demo-policy {', 7);
  const defEnd = { line: def.line, character: def.character + 'ike-demo-policy'.length };
  const useRange = { start: use, end: { line: use.line, character: use.character + 'ike-demo-policy'.length } };
  const links = await session.request<LocationLink[]>('textDocument/definition', r2At('ike-policy ike-demo-policy', 14));
  assert.deepEqual(links, [
    {
      originSelectionRange: useRange,
      targetUri: r2,
      targetRange: { start: { line: def.line, character: def.character - 7 }, end: defEnd },
      targetSelectionRange: { start: def, end: defEnd },
    },
  ]);
  const refs = await session.request<Location[]>('textDocument/references', { ...r2At('ike-policy ike-demo-policy', 14), context: { includeDeclaration: true } });
  assert.deepEqual(refs, [{ uri: r2, range: useRange }, { uri: r2, range: { start: def, end: defEnd } }]);
  const usesOnly = await session.request<Location[]>('textDocument/references', { ...r2At('policy ike-demo-policy {', 9), context: { includeDeclaration: false } });
  assert.deepEqual(usesOnly, [{ uri: r2, range: useRange }]);
  const highlights = await session.request<DocumentHighlight[]>('textDocument/documentHighlight', r2At('ike-policy ike-demo-policy', 14));
  assert.deepEqual(highlights, [{ range: useRange, kind: 2 }, { range: { start: def, end: defEnd }, kind: 3 }]);
  assert.deepEqual(await session.request('textDocument/definition', r2At('authentication-method', 2)), []);
});

test('rename: the definition and every use change together; keywords and bad names are refused with a message', async () => {
  const prepared = await session.request<{ range: unknown; placeholder: string }>('textDocument/prepareRename', r2At('ike-policy ike-demo-policy', 14));
  assert.equal(prepared.placeholder, 'ike-demo-policy');
  const edit = await session.request<WorkspaceEdit>('textDocument/rename', { ...r2At('ike-policy ike-demo-policy', 14), newName: 'ike-main-policy' });
  assert.deepEqual(Object.keys(edit.changes ?? {}), [r2]);
  assert.equal(edit.changes![r2]!.length, 2);
  const renamed = applyEdit(r2Text, r2, edit);
  assert.equal(renamed, r2Text.replaceAll('ike-demo-policy', 'ike-main-policy'));
  const check = await session.open(scratchUri('renamed.conf'), renamed);
  assert.deepEqual(check.diagnostics, [], 'the renamed config is as clean as the original');

  await assert.rejects(session.request('textDocument/prepareRename', r2At('authentication-method', 2)), (err: { code: number; message: string }) => {
    assert.equal(err.code, -32803);
    assert.equal(err.message, '`authentication-method` is a keyword and cannot be renamed.');
    return true;
  });
  await assert.rejects(session.request('textDocument/rename', { ...r2At('ike-policy ike-demo-policy', 14), newName: 'ike demo' }), (err: { code: number; message: string }) => {
    assert.equal(err.code, -32803);
    assert.match(err.message, /^'ike demo' holds a blank/);
    return true;
  });
  await assert.rejects(session.request('textDocument/rename', r2At('ike-policy ike-demo-policy', 14)), (err: { code: number }) => err.code === -32602);
});

test('quick fixes for the seed defects apply cleanly and remove the diagnostic they fix', async () => {
  const text = read(SEED_R2);
  const uri = scratchUri('seed-r2.conf');
  const published = await session.open(uri, text);
  let fixed = 0;
  for (const diagnostic of published.diagnostics) {
    const actions = await session.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    });
    const preferred = actions.find((a) => a.isPreferred);
    if (!preferred) continue;
    assert.ok(actions.every((a) => a.kind === 'quickfix'));
    assert.deepEqual(preferred.diagnostics, [diagnostic], 'the action names the client diagnostic it fixes');
    const after = applyEdit(text, uri, preferred.edit!);
    const recheck = await session.open(scratchUri('seed-r2-fixed.conf'), after);
    const syntaxErrors = (list: Diagnostic[]) => list.filter((d) => d.code === 'syntax-error').length;
    assert.ok(syntaxErrors(recheck.diagnostics) <= syntaxErrors(published.diagnostics), `${preferred.title} adds no syntax error`);
    assert.ok(recheck.diagnostics.length < published.diagnostics.length, `${preferred.title} removes a diagnostic`);
    assert.ok(!recheck.diagnostics.some((d) => d.code === diagnostic.code && d.message === diagnostic.message), `${preferred.title} fixes its diagnostic`);
    fixed++;
  }
  assert.ok(fixed >= 2, `at least two seed defects have a preferred quick fix (got ${fixed})`);

  // whole-document conversion: offered without edits, printed on codeAction/resolve
  const sources = await session.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: r2 },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source'] },
  });
  const toSet = sources.find((a) => a.title === 'Convert the document to set form');
  assert.ok(toSet, `a convert-to-set action is offered (got ${sources.map((a) => a.title).join(', ')})`);
  assert.equal(toSet.edit, undefined, 'edits come on resolve');
  const resolved = await session.request<CodeAction>('codeAction/resolve', toSet);
  const converted = applyEdit(r2Text, r2, resolved.edit!);
  assert.match(converted, /^set services ipsec-vpn ike policy ike-demo-policy proposals ike-demo-proposal$/m);
  const convertedCheck = await session.open(scratchUri('r2-converted.set'), converted);
  assert.deepEqual(convertedCheck.diagnostics, []);

  // a selection of statements: a refactor with its edits at once
  const block = rangeOf(r2Text, r2Text.slice(r2Text.indexOf('system {'), r2Text.indexOf('services {')));
  const refactors = await session.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: r2 }, range: block, context: { diagnostics: [], only: ['refactor'] } });
  assert.deepEqual(refactors.map((a) => a.title), ['Convert the selected statements to set form']);
  assert.match(applyEdit(r2Text, r2, refactors[0]!.edit!), /^set system host-name R2\n/m);
});

test('code lenses: "Simulate tunnel" on the service set and the rule, reference counts on definitions', async () => {
  const lenses = await resolvedCodeLenses(session, r2);
  const titles = lenses.map((l) => `${l.range.start.line}:${l.command!.title}`);
  const line = (needle: string) => find(r2Text, needle).line;
  assert.ok(titles.includes(`${line('service-set demo-service-set')}:Simulate tunnel`), titles.join(' | '));
  assert.ok(titles.includes(`${line('rule rule-ike {')}:Simulate tunnel`));
  assert.ok(titles.includes(`${line('rule rule-ike {')}:1 reference`));
  assert.ok(titles.includes(`${line('policy ike-demo-policy {')}:1 reference`));
  const simulateLens = lenses.find((l) => l.command!.command === 'junos.simulateTunnel' && l.range.start.line === line('rule rule-ike {'))!;
  assert.deepEqual(simulateLens.command!.arguments, [{ uri: r2, target: { ruleName: 'rule-ike' } }]);
  const refLens = lenses.find((l) => l.command!.command === 'junos.showReferences' && l.range.start.line === line('rule rule-ike {'))!;
  const [lensUri, , locations] = refLens.command!.arguments as [string, unknown, Location[]];
  assert.equal(lensUri, r2);
  assert.deepEqual(locations.map((l) => l.range.start), [find(r2Text, 'ipsec-vpn-rules rule-ike', 16)]);
});

test('inlay hints: omitted defaults, and the peer device found in another file of the same folder', async () => {
  const hints = await session.request<InlayHint[]>('textDocument/inlayHint', {
    textDocument: { uri: r2 },
    range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } },
  });
  const labels = hints.map((h) => `${h.position.line}:${String(h.label)}`);
  const gateway = find(r2Text, 'remote-gateway 10.1.15.2', 'remote-gateway 10.1.15.2'.length);
  assert.ok(hints.some((h) => h.label === '-> R3 (r3.conf)' && h.position.line === gateway.line && h.position.character === gateway.character), labels.join(' | '));
  assert.ok(labels.includes(`${find(r2Text, 'policy ike-demo-policy {').line}:default: mode main, version 1`), labels.join(' | '));
  assert.ok(labels.includes(`${find(r2Text, 'proposal ike-demo-proposal {').line}:default: lifetime-seconds 3600`));
  const narrow = await session.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: r2 }, range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } } });
  assert.deepEqual(narrow, []);
});

test('workspace symbols come from every example file and open documents', async () => {
  const all = await session.request<SymbolInformation[]>('workspace/symbol', { query: 'ike-demo-pol' });
  const symbols = all.filter((s) => s.name === 'ike-demo-policy');
  assert.ok(symbols.length >= 6 && symbols.every((s) => s.kind === 19 && s.containerName === 'services ipsec-vpn ike'));
  assert.deepEqual(all.slice(0, symbols.length), symbols, 'prefix matches rank before looser ones');
  const def = find(r2Text, 'policy ike-demo-policy {', 7);
  assert.ok(symbols.some((s) => s.location.uri === r2 && s.location.range.start.line === def.line && s.location.range.start.character === def.character));
  assert.ok(symbols.some((s) => s.location.uri === fileUri(path.join(EXAMPLES, 'ike-dynamic-sa-set', 'r3.set'))), 'closed files are included');
  assert.deepEqual(await session.request('workspace/symbol', { query: 'no-such-symbol-anywhere' }), []);
});

interface Simulated {
  available: boolean;
  reason?: string;
  result?: { files: unknown; tunnels: { verdict: string; reason: string }[] };
}

test('junos/simulate runs the engine on the document and its folder; open edits of a peer count', async () => {
  const answer = await session.request<Simulated>('junos/simulate', { uri: r2, seed: 1 });
  assert.equal(answer.available, true, answer.reason);
  assert.equal(answer.result!.tunnels.length, 1);
  assert.equal(answer.result!.tunnels[0]!.verdict, 'ESTABLISHED', answer.result!.tunnels[0]!.reason);
  assert.doesNotMatch(JSON.stringify(answer), /Ap0I01heK8X/, 'no key in the result');
  assert.deepEqual(await session.request<Simulated>('junos/simulate', { uri: r2, seed: 1 }), answer, 'seeded runs repeat');

  // an unsaved edit of R3 (another local gateway) breaks the tunnel: the open text is used, not the file
  const r3 = fileUri(R3_CONF);
  await session.open(r3, read(R3_CONF).replace('local-gateway 10.1.15.2;', 'local-gateway 10.1.15.66;'));
  try {
    const broken = await session.request<Simulated>('junos/simulate', { uri: r2, seed: 1, target: { serviceSetName: 'demo-service-set' } });
    assert.equal(broken.available, true);
    assert.ok(broken.result!.tunnels.every((t) => t.verdict !== 'ESTABLISHED'), JSON.stringify(broken.result!.tunnels));
  } finally {
    await session.notify('textDocument/didClose', { textDocument: { uri: r3 } });
  }
});

test('junos/simulate runs the asked ping and traceroute through the tunnel and returns the topology', async () => {
  interface Traffic {
    pings: { from: string; to: string; transmitted: number; received: number; packets: number[]; output: string }[];
    traceroutes: { reached: boolean; output: string }[];
    traces: { packet: number; router: string; action: string }[];
  }
  type WithTraffic = { available: boolean; reason?: string; result?: { traffic?: Traffic; topology?: { routers: { name: string }[]; links: { id: string; kind: string }[] } } };
  const answer = await session.request<WithTraffic>('junos/simulate', { uri: r2, seed: 1, ping: [{ from: 'R1', to: '10.1.56.2', count: 2 }], traceroute: [{ from: 'r1', to: '10.1.56.2' }] });
  assert.equal(answer.available, true, answer.reason);
  const traffic = answer.result!.traffic!;
  assert.equal(traffic.pings.length, 1);
  assert.deepEqual([traffic.pings[0]!.transmitted, traffic.pings[0]!.received], [2, 2], traffic.pings[0]!.output);
  assert.match(traffic.pings[0]!.output, /2 packets transmitted, 2 packets received/);
  assert.equal(traffic.traceroutes[0]!.reached, true, traffic.traceroutes[0]!.output);
  const first = traffic.pings[0]!.packets[0];
  assert.deepEqual(traffic.traces.filter((t) => t.packet === first).map((t) => `${t.router} ${t.action}`), ['R1 send', 'R2 encrypt', 'R2 send', 'R3 decrypt', 'R3 forward', 'R4 deliver']);
  const topology = answer.result!.topology!;
  assert.deepEqual(topology.routers.map((r) => r.name), ['R1', 'R2', 'R3', 'R4']);
  assert.deepEqual(topology.links.filter((l) => l.kind !== 'tunnel').map((l) => l.id), ['R1:ge-0/0/0<->R2:ge-0/0/0', 'R2:ge-0/0/1<->R3:ge-0/0/1', 'R3:ge-0/0/0<->R4:ge-0/0/0']);
  const none = await session.request<WithTraffic>('junos/simulate', { uri: r2, seed: 1 });
  assert.equal(none.result!.traffic, undefined, 'no traffic unless asked');
});

test('junos/workspaceDiagnostics lists every workspace file, and the seed file as it would be published', async () => {
  const answer = await session.request<{ items: { uri: string; version?: number; diagnostics: Diagnostic[] }[] }>('junos/workspaceDiagnostics', {});
  const uris = answer.items.map((i) => i.uri);
  for (const dir of ['ike-dynamic-sa', 'ike-dynamic-sa-set', 'seed-as-published']) {
    for (const f of fs.readdirSync(path.join(EXAMPLES, dir)).filter((n) => /\.(conf|set)$/.test(n))) assert.ok(uris.includes(fileUri(path.join(EXAMPLES, dir, f))), f);
  }
  assert.equal(answer.items.find((i) => i.uri === r2)?.version, 1, 'an open document carries its version');
  const seed = answer.items.find((i) => i.uri === fileUri(SEED_R2))!;
  assert.equal(seed.version, undefined);
  const direct = await analyzeDocuments([{ id: fileUri(SEED_R2), text: read(SEED_R2) }], { platform: 'ms-pic' });
  assert.deepEqual(seed.diagnostics.map((d) => [d.code, d.message]), direct.diagnostics.map((d) => [d.code, d.message]));
  assert.ok(answer.items.filter((i) => /ike-dynamic-sa\//.test(i.uri)).every((i) => i.diagnostics.every((d) => d.severity! > 2)), 'the corrected network is clean');
});

test('after incremental edits, completion, highlights and hints equal those of a fresh open of the final text', async () => {
  const uri = scratchUri('edited.conf');
  let local = TextDocument.create(uri, 'junos', 1, r2Text);
  await session.open(uri, r2Text);
  const edits = [
    (t: string) => ({ range: rangeOf(t, 'ike-demo-proposal;'), text: 'ike-strong;' }),
    (t: string) => ({ range: rangeOf(t, 'proposal ike-demo-proposal {'), text: 'proposal ike-strong {\n                lifetime-seconds 7200;' }),
    (t: string) => ({ range: rangeOf(t, 'dh-group group2;'), text: '' }),
  ];
  let version = 1;
  for (const make of edits) {
    const change = make(local.getText());
    version++;
    local = TextDocument.update(local, [change], version);
    await session.change(uri, version, [change]);
  }
  const freshUri = scratchUri('fresh.conf');
  await session.open(freshUri, local.getText());
  const line = find(local.getText(), 'lifetime-seconds 7200;').line + 1;
  const ask = async (u: string) => ({
    completion: await session.request<CompletionList>('textDocument/completion', at(u, line, 16)),
    highlights: await session.request<DocumentHighlight[]>('textDocument/documentHighlight', at(u, find(local.getText(), 'ike-strong;').line, 28)),
    hints: await session.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end: { line: 300, character: 0 } } }),
  });
  const incremental = await ask(uri);
  const fresh = await ask(freshUri);
  assert.deepEqual(incremental, fresh);
  assert.ok(incremental.completion.items.some((i) => i.label === 'dh-group'), 'the deleted statement is offered again');
  assert.equal(incremental.highlights.length, 2, 'the renamed proposal and its use');
});

function rangeOf(text: string, needle: string) {
  const doc = TextDocument.create('x', 'junos', 1, text);
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return { start: doc.positionAt(offset), end: doc.positionAt(offset + needle.length) };
}
