/**
 * test/lsp/documented-references.test.ts: over stdio JSON-RPC, the references the YANG does not declare but
 * Juniper documents (a prefix list in a firewall filter and a policy, a policy in BGP `import`/`export`, a
 * filter on an interface, a policer, a community, an AS path), on a purpose-written border router in both
 * forms (test/fixtures/references/): find-references, rename (prepareRename, the edits, the result analysing
 * clean), the "N references" lens, and undefined / unused names in the published diagnostics.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, Location, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { resolvedCodeLenses } from './code-lens-client';
import { FULL_CLIENT_CAPABILITIES, fileUri, LspSession, REPO_ROOT } from './harness';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'references');
const CURLY = fs.readFileSync(path.join(FIXTURES, 'mx-border.conf'), 'utf8');
const SET = fs.readFileSync(path.join(FIXTURES, 'mx-border.set'), 'utf8');
let counter = 0;
const scratchUri = (name: string): string => fileUri(path.join(REPO_ROOT, 'scratch', `docref-${++counter}-${name}`));

let session: LspSession;
before(async () => {
  session = await LspSession.start({
    settings: { platform: 'ms-pic' },
    capabilities: { ...FULL_CLIENT_CAPABILITIES, textDocument: { ...FULL_CLIENT_CAPABILITIES.textDocument, rename: { prepareSupport: true } } },
  });
});
after(() => session?.dispose());

/** `line:character` (0-based, as LSP) of the `nth` (0-based) occurrence of `needle` + `shift`. */
function at(text: string, needle: string, shift = 0, nth = 0): { line: number; character: number } {
  let offset = -1;
  for (let i = 0; i <= nth; i++) {
    offset = text.indexOf(needle, offset + 1);
    assert.ok(offset >= 0, `${needle} #${nth} is in the text`);
  }
  return TextDocument.create('x', 'junos', 1, text).positionAt(offset + shift);
}
const spot = (p: { line: number; character: number }) => `${p.line}:${p.character}`;
const apply = (text: string, uri: string, edit: WorkspaceEdit) => TextDocument.applyEdits(TextDocument.create(uri, 'junos', 1, text), edit.changes?.[uri] ?? []);

async function refs(uri: string, position: { line: number; character: number }, includeDeclaration: boolean): Promise<string[]> {
  const found = await session.request<Location[]>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration } });
  return found.map((l) => { assert.equal(l.uri, uri); return spot(l.range.start); }).sort();
}

test('find-references: a prefix list used by a policy (prefix-list, prefix-list-filter) and two firewall filters', async () => {
  const uri = scratchUri('border.conf');
  const published = await session.open(uri, CURLY);
  assert.deepEqual(published.diagnostics, [], 'the border router is clean');
  const uses = [
    at(CURLY, 'prefix-list BOGONS;', 12),
    at(CURLY, 'prefix-list-filter BOGONS', 19),
    at(CURLY, '                        BOGONS;', 24),
    at(CURLY, 'BOGONS except;'),
  ].map(spot).sort();
  const definition = at(CURLY, 'prefix-list BOGONS {', 12);
  // asked on the definition and on a use: the same answer
  assert.deepEqual(await refs(uri, definition, false), uses);
  assert.deepEqual(await refs(uri, at(CURLY, 'BOGONS except;', 2), true), [...uses, spot(definition)].sort());
  // a policy statement from a BGP group's export list, a filter from an interface's output-list
  assert.deepEqual(await refs(uri, at(CURLY, 'policy-statement OWN-PREFIXES', 17), false), [spot(at(CURLY, 'OWN-PREFIXES ];'))]);
  assert.deepEqual(await refs(uri, at(CURLY, 'filter EDGE-OUT {', 7), false), [spot(at(CURLY, 'EDGE-OUT ];'))]);
  assert.deepEqual(await refs(uri, at(CURLY, 'community add FROM-TRANSIT', 14), true), [spot(at(CURLY, 'community add FROM-TRANSIT', 14)), spot(at(CURLY, 'community FROM-TRANSIT members', 10))].sort());
});

test('rename in curly form: a prefix list, a policy statement and a filter change with every use; the result is clean', async () => {
  const uri = scratchUri('border.conf');
  await session.open(uri, CURLY);
  const cases: [string, number, string, string][] = [
    ['prefix-list BOGONS {', 12, 'BOGONS', 'MARTIANS'],
    ['export [ NO-BOGONS', 9, 'NO-BOGONS', 'DENY-MARTIANS'],
    ['input PROTECT-RE;', 6, 'PROTECT-RE', 'RE-GUARD'],
    ['policer SSH-1M;', 8, 'SSH-1M', 'SSH-2M'],
  ];
  for (const [needle, shift, name, newName] of cases) {
    const position = at(CURLY, needle, shift + 1);
    const prepared = await session.request<{ placeholder: string }>('textDocument/prepareRename', { textDocument: { uri }, position });
    assert.equal(prepared.placeholder, name);
    const edit = await session.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position, newName });
    const renamed = apply(CURLY, uri, edit);
    const pattern = new RegExp(`(?<![\\w-])${name}(?![\\w-])`, 'g');
    assert.equal(renamed, CURLY.replace(pattern, newName), `${name} -> ${newName}`);
    assert.equal(edit.changes![uri]!.length, CURLY.match(pattern)!.length);
    const check = await session.open(scratchUri('renamed.conf'), renamed);
    assert.deepEqual(check.diagnostics, [], `${name} -> ${newName}: still clean`);
  }
});

test('rename in set form: every set line naming the prefix list or the policy changes', async () => {
  const uri = scratchUri('border.set');
  const published = await session.open(uri, SET);
  assert.deepEqual(published.diagnostics, []);
  for (const [needle, shift, name, newName] of [
    ['set policy-options prefix-list MGMT-NETS ', 31, 'MGMT-NETS', 'NOC-NETS'],
    ['set protocols bgp group TRANSIT import TRANSIT-IN', 39, 'TRANSIT-IN', 'FROM-TRANSIT-IN'],
    ['set interfaces xe-0/0/0 unit 0 family inet6 filter input EDGE6-IN', 57, 'EDGE6-IN', 'V6-EDGE'],
  ] as const) {
    const edit = await session.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: at(SET, needle, shift + 2), newName });
    const renamed = apply(SET, uri, edit);
    const pattern = new RegExp(`(?<![\\w-])${name}(?![\\w-])`, 'g');
    assert.ok(SET.match(pattern)!.length >= 2, `${name} is defined and used`);
    assert.equal(renamed, SET.replace(pattern, newName));
    assert.deepEqual((await session.open(scratchUri('renamed.set'), renamed)).diagnostics, []);
  }
});

test('"N references" lenses count the documented uses, with their locations', async () => {
  const uri = scratchUri('border.conf');
  await session.open(uri, CURLY);
  const lenses = await resolvedCodeLenses(session, uri);
  const lensAt = (needle: string) => {
    const line = at(CURLY, needle).line;
    const found = lenses.find((l) => l.range.start.line === line && l.command?.command === 'junos.showReferences');
    assert.ok(found, `a lens on ${needle}`);
    return found;
  };
  const bogons = lensAt('prefix-list BOGONS {');
  assert.equal(bogons.command!.title, '4 references');
  const [, , locations] = bogons.command!.arguments as [string, unknown, Location[]];
  assert.deepEqual(locations.map((l) => spot(l.range.start)).sort(), [at(CURLY, 'prefix-list BOGONS;', 12), at(CURLY, 'prefix-list-filter BOGONS', 19), at(CURLY, '                        BOGONS;', 24), at(CURLY, 'BOGONS except;')].map(spot).sort());
  assert.equal(lensAt('policy-statement LOAD-BALANCE {').command!.title, '1 reference');
  assert.equal(lensAt('filter PROTECT-RE {').command!.title, '1 reference');
});

test('published diagnostics: an undefined policy, filter or prefix list is an error; an unused one a hint', async () => {
  const uri = scratchUri('border-broken.conf');
  const broken = CURLY.replace('import TRANSIT-IN;', 'import TRANSIT-INN;')
    .replace('input PROTECT-RE;', 'input PROTECT-R;')
    .replace('                    MGMT-NETS;', '                    MGMT-NET;');
  const published = await session.open(uri, broken);
  const shown = (d: Diagnostic, text = broken) => `${spot(d.range.start)} ${d.severity} ${d.code} ${text.split('\n')[d.range.start.line]!.slice(d.range.start.character, d.range.end.character)}`;
  const undefinedOnes = published.diagnostics.filter((d) => d.code === 'undefined-reference').map((d) => shown(d)).sort();
  assert.deepEqual(undefinedOnes, [
    `${spot(at(broken, 'TRANSIT-INN'))} 1 undefined-reference TRANSIT-INN`,
    `${spot(at(broken, 'PROTECT-R;'))} 1 undefined-reference PROTECT-R`,
    `${spot(at(broken, 'MGMT-NET;'))} 1 undefined-reference MGMT-NET`,
  ].sort());
  // the misspelt names' closest definitions are named in the message (PROTECT-RE is a `firewall filter`, not
  // a `firewall family inet filter`), not reported unused as well
  assert.match(published.diagnostics.find((d) => d.message.includes("'PROTECT-R'"))!.message, /closest configured one is 'PROTECT-RE'/);
  assert.deepEqual(published.diagnostics.filter((d) => d.code === 'unused-definition'), []);
  const spare = CURLY.replace('    policy-statement LOAD-BALANCE {', '    policy-statement SPARE {\n        then reject;\n    }\n    policy-statement LOAD-BALANCE {');
  const hinted = await session.open(scratchUri('border-spare.conf'), spare);
  assert.deepEqual(hinted.diagnostics.map((d) => shown(d, spare)), [`${spot(at(spare, 'SPARE {'))} 4 unused-definition SPARE`]);
  assert.deepEqual(hinted.diagnostics[0]!.tags, [1], 'tagged unnecessary');
});
