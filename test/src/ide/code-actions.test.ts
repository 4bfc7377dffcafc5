/**
 * Code actions on the seed as published (its defects), on the corrected examples and on fixtures:
 * did-you-mean, creating a missing definition, removing unused definitions and duplicates, moving a
 * statement, and the conversions, which must equal `junos-ipsec convert`. Every action is applied and the
 * result re-parsed: no action may add a syntax error.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { runConvert } from '../../../cli/src/convert';
import { analyzeDocument, type Diagnostic } from '../../../server/src/analysis/index';
import { codeActions, resolveCodeAction, type CodeAction } from '../../../server/src/ide/code-actions';
import type { TextEdit } from '../../../server/src/ide/rename';
import { buildConfig, toCurly } from '../../../server/src/model/index';
import { parseText, SyntaxDocument, syntaxProblems } from '../../../server/src/syntax/parser';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exampleText, repoRoot, schemaFor, setup } from './check';

before(() => setup());

const schema = () => schemaFor('ms-pic');
function analyzed(text: string, docId: string) {
  return analyzeDocument({ id: docId, text, tree: parseText(text) }, { platform: 'ms-pic' }, schema());
}
function apply(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
function syntaxErrors(text: string): number {
  return syntaxProblems(parseText(text)).length;
}
/** The quick fixes for the first diagnostic with `code` on `word`. */
function fixesFor(text: string, docId: string, code: string, word: string): { actions: CodeAction[]; diagnostic: Diagnostic } {
  const a = analyzed(text, docId);
  const d = a.diagnostics.find((x) => x.code === code && text.slice(x.start, x.end).startsWith(word));
  assert.ok(d, `${code} on '${word}' (got ${a.diagnostics.map((x) => `${x.code}:${text.slice(x.start, x.end)}`).join(', ')})`);
  return { actions: codeActions(a, docId, { start: d.start, end: d.end }, [d], schema(), text).filter((x) => x.kind === 'quickfix'), diagnostic: d };
}
function codesOn(text: string, docId: string, word: string): string[] {
  return analyzed(text, docId).diagnostics.filter((d) => text.slice(d.start, d.end) === word).map((d) => d.code);
}

const SEED_R2 = exampleText('seed-as-published/r2.conf');
const SEED_R2_STEPS = exampleText('seed-as-published/r2-step-by-step.set');
const R2 = exampleText('ike-dynamic-sa/r2.conf');
const R2_SET = exampleText('ike-dynamic-sa-set/r2.set');

test('seed R2: demo-proposal gets did-you-mean ike-demo-proposal (preferred) and a create-stub action', () => {
  const { actions } = fixesFor(SEED_R2, 'r2.conf', 'undefined-reference', 'demo-proposal');
  assert.deepEqual(
    actions.map((x) => [x.title, x.isPreferred === true]),
    [
      ["Change to 'ike-demo-proposal'", true],
      ["Create 'services ipsec-vpn ike proposal demo-proposal'", false],
    ],
  );
  const fixed = apply(SEED_R2, actions[0]!.edits);
  assert.match(fixed, /proposals ike-demo-proposal;/);
  assert.deepEqual(codesOn(fixed, 'r2.conf', 'ike-demo-proposal'), []);
  assert.equal(syntaxErrors(fixed), syntaxErrors(SEED_R2));
});

test('seed R2: the created stub sits under [edit services ipsec-vpn ike], parses, and the undefined reference is gone', () => {
  const { actions } = fixesFor(SEED_R2, 'r2.conf', 'undefined-reference', 'demo-proposal');
  const created = apply(SEED_R2, actions[1]!.edits);
  assert.ok(
    created.includes(
      '            proposal demo-proposal {\n                authentication-method pre-shared-keys;\n                dh-group group14;\n' +
        '                authentication-algorithm sha-256;\n                encryption-algorithm aes-256-cbc;\n            }\n        }\n        ipsec {',
    ),
    created,
  );
  assert.equal(syntaxErrors(created), syntaxErrors(SEED_R2));
  const after = analyzed(created, 'r2.conf').diagnostics;
  assert.ok(!after.some((d) => d.code === 'undefined-reference'), after.map((d) => d.message).join('\n'));
  // the new proposal's statements are all valid: the only new finding is that ike-demo-proposal is now unused
  const errorsBefore = analyzed(SEED_R2, 'r2.conf').diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
  assert.deepEqual(after.filter((d) => d.severity === 'error').map((d) => d.code), errorsBefore.filter((c) => c !== 'undefined-reference'));
});

test('set form: the stub is set lines after `top` when the file moves the edit level', () => {
  const { actions } = fixesFor(SEED_R2_STEPS, 'r2-step-by-step.set', 'undefined-reference', 'demo-proposal');
  const create = actions.find((x) => x.title.startsWith('Create'))!;
  assert.equal(create.edits[0]!.start, SEED_R2_STEPS.length);
  assert.match(create.edits[0]!.newText, /^top\nset services ipsec-vpn ike proposal demo-proposal authentication-method pre-shared-keys\n/);
  const created = apply(SEED_R2_STEPS, create.edits);
  assert.equal(syntaxErrors(created), 0);
  assert.ok(!analyzed(created, 'r2-step-by-step.set').diagnostics.some((d) => d.code === 'undefined-reference'));
});

test('missing parents are created around the stub, and a missing interface unit gets interfaces/unit statements', () => {
  const noIpsec = R2.replace('ipsec-policy ipsec-demo-policy;', 'ipsec-policy ipsec-demo-policy;\n                        ike-policy ike-demo-policy;')
    .replace(/        ipsec \{\n[\s\S]*?\n        \}\n        ike \{/, '        ike {')
    .replace('ipsec-policy ipsec-demo-policy;', 'ipsec-policy ipsec-new;');
  const { actions } = fixesFor(noIpsec, 'r2.conf', 'undefined-reference', 'ipsec-new');
  const create = actions.find((x) => x.title.startsWith('Create'))!;
  assert.equal(create.title, "Create 'services ipsec-vpn ipsec policy ipsec-new'");
  const created = apply(noIpsec, create.edits);
  assert.match(created, /\n {8}ipsec \{\n {12}policy ipsec-new;\n {8}\}\n {4}\}\n\}/);
  assert.equal(syntaxErrors(created), 0);

  const missingUnit = R2.replace('\n            interface ms-1/2/0.1;', '\n            interface ms-1/2/0.7;');
  const unitFix = fixesFor(missingUnit, 'r2.conf', 'undefined-interface', 'ms-1/2/0.7').actions.find((x) => x.title.startsWith('Create'))!;
  assert.equal(unitFix.title, "Create 'interfaces ms-1/2/0 unit 7'");
  const withUnit = apply(missingUnit, unitFix.edits);
  assert.match(withUnit, /\n {8}unit 7;\n {4}\}\n {4}lo0 \{/);
  assert.deepEqual(codesOn(withUnit, 'r2.conf', 'ms-1/2/0.7'), []);
});

test('step-by-step R2: router-ID -> router-id, move proposals into the IPsec policy, remove pre-shared', () => {
  const router = fixesFor(SEED_R2_STEPS, 'r2.set', 'unknown-statement', 'router-ID').actions;
  assert.deepEqual(router.map((x) => [x.title, x.isPreferred]), [["Change to 'router-id'", true]]);
  const fixed = apply(SEED_R2_STEPS, router[0]!.edits);
  assert.match(fixed, /\nset router-id 10\.0\.0\.2\n/);
  assert.deepEqual(codesOn(fixed, 'r2.set', 'router-id'), []);

  const move = fixesFor(SEED_R2_STEPS, 'r2.set', 'unknown-statement', 'proposals').actions;
  assert.deepEqual(move.map((x) => x.title), ["Move 'proposals' into 'policy ipsec-demo-policy'"]);
  const moved = apply(SEED_R2_STEPS, move[0]!.edits);
  assert.match(moved, /\nset ipsec policy ipsec-demo-policy proposals ipsec-demo-proposal\n/);
  assert.ok(!analyzed(moved, 'r2.set').diagnostics.some((d) => moved.slice(d.start, d.end).startsWith('proposals')));

  const removeWord = fixesFor(SEED_R2_STEPS, 'r2.set', 'unknown-statement', 'pre-shared').actions;
  assert.deepEqual(removeWord.map((x) => x.title), ["Remove 'pre-shared'"]);
  assert.match(apply(SEED_R2_STEPS, removeWord[0]!.edits), /\nset ike policy ike-demo-policy proposals demo-proposal\n/);
});

test('curly form: a statement one level too high is wrapped in the block it belongs to', () => {
  const misplaced = R2.replace('                proposals ipsec-demo-proposal;\n            }\n', '            }\n            proposals ipsec-demo-proposal;\n');
  const { actions } = fixesFor(misplaced, 'r2.conf', 'unknown-statement', 'proposals');
  const move = actions.find((x) => x.title.startsWith('Move'))!;
  const moved = apply(misplaced, move.edits);
  assert.match(moved, /\n {12}policy ipsec-demo-policy \{\n {16}proposals ipsec-demo-proposal;\n {12}\}\n/);
  assert.equal(syntaxErrors(moved), 0);
  assert.equal(toCurly(buildConfig({ id: 'a', text: moved, tree: parseText(moved) }, schema()).root), toCurly(buildConfig({ id: 'b', text: R2, tree: parseText(R2) }, schema()).root));
});

test('seed R2: the duplicated service set is removed whole', () => {
  const { actions } = fixesFor(SEED_R2, 'r2.conf', 'duplicate-definition', 'service-set demo-service-set');
  assert.deepEqual(actions.map((x) => x.title), ["Remove the duplicate 'service-set demo-service-set'"]);
  const fixed = apply(SEED_R2, actions[0]!.edits);
  assert.equal(fixed.match(/service-set demo-service-set \{/g)!.length, 1);
  assert.ok(!fixed.includes('local-gateway 10.1.15.2'));
  const codes = analyzed(fixed, 'r2.conf').diagnostics.map((d) => d.code);
  assert.ok(!codes.includes('duplicate-definition') && !codes.includes('conflicting-value'), codes.join());
  assert.equal(syntaxErrors(fixed), syntaxErrors(SEED_R2));
});

test('removing the only statement of a block removes the blocks it leaves empty', () => {
  const extra = R2 + 'services {\n    ipsec-vpn {\n        ipsec {\n            proposal ipsec-spare {\n                protocol esp;\n            }\n        }\n    }\n}\n';
  const { actions } = fixesFor(extra, 'r2.conf', 'unused-definition', 'ipsec-spare');
  assert.equal(apply(extra, actions[0]!.edits), R2);
});

test('remove an unused definition: its block in curly form, all its lines in set form', () => {
  const curly = R2.replace('        ike {\n', '        ike {\n            proposal ike-spare {\n                dh-group group14;\n                lifetime-seconds 3600;\n            }\n');
  const set = R2_SET + 'set services ipsec-vpn ike proposal ike-spare dh-group group14\nset services ipsec-vpn ike proposal ike-spare lifetime-seconds 3600\n';
  for (const [text, docId, original] of [
    [curly, 'r2.conf', R2],
    [set, 'r2.set', R2_SET],
  ] as const) {
    const { actions } = fixesFor(text, docId, 'unused-definition', 'ike-spare');
    assert.deepEqual(actions.map((x) => x.title), ["Remove unused 'proposal ike-spare'"]);
    assert.equal(apply(text, actions[0]!.edits), original, docId);
  }
});

async function convertCli(file: string, to: 'set' | 'curly'): Promise<string> {
  let out = '';
  const code = await runConvert(['--to', to, path.join(repoRoot, 'examples', file)], { out: (t) => (out += t), err: () => undefined, isTty: false, cwd: repoRoot });
  assert.equal(code, 0);
  return out;
}

test('convert the document both ways equals `junos-ipsec convert`', async () => {
  for (const [file, to] of [
    ['ike-dynamic-sa/r2.conf', 'set'],
    ['ike-dynamic-sa/r3.conf', 'set'],
    ['ike-dynamic-sa-set/r2.set', 'curly'],
    ['seed-as-published/r2-step-by-step.set', 'curly'],
  ] as const) {
    const text = exampleText(file);
    const actions = codeActions(analyzed(text, file), file, { start: 0, end: 0 }, [], schema(), text);
    const convert = actions.find((x) => x.title === `Convert the document to ${to} form`);
    assert.ok(convert, `${file}: ${actions.map((x) => x.title).join(', ')}`);
    assert.equal(convert.kind, 'source');
    assert.deepEqual(convert.edits, [], 'resolved on demand');
    const resolved = resolveCodeAction(file, convert, schema(), text);
    assert.equal(resolved.resolve, undefined);
    assert.equal(apply(text, resolved.edits), await convertCli(file, to), file);
  }
});

test('convert the selected statements: top-level curly statements to set lines and back', () => {
  const first = R2.indexOf('routing-options {');
  const selection = { start: first + 3, end: R2.length - 1 };
  const actions = codeActions(analyzed(R2, 'r2.conf'), 'r2.conf', selection, [], schema(), R2).filter((x) => x.kind === 'refactor.rewrite');
  assert.deepEqual(actions.map((x) => x.title), ['Convert the selected statements to set form']);
  const mixed = apply(R2, actions[0]!.edits);
  assert.ok(mixed.endsWith('set routing-options router-id 10.0.0.2\nset protocols ospf area 0.0.0.0 interface ge-0/0/0.0\nset protocols ospf area 0.0.0.0 interface lo0.0\nset protocols ospf area 0.0.0.0 interface ms-1/2/0.1\n'), mixed.slice(-300));
  assert.equal(syntaxErrors(mixed), 0);
  const curlyOf = (t: string): string => toCurly(buildConfig({ id: 'x', text: t, tree: parseText(t) }, schema()).root);
  assert.equal(curlyOf(mixed), curlyOf(R2));

  const lines = mixed.indexOf('set routing-options');
  const back = codeActions(analyzed(mixed, 'r2.conf'), 'r2.conf', { start: lines, end: mixed.length }, [], schema(), mixed).filter((x) => x.kind === 'refactor.rewrite');
  assert.deepEqual(back.map((x) => x.title), ['Convert the selected commands to curly form']);
  const again = apply(mixed, back[0]!.edits);
  assert.equal(syntaxErrors(again), 0);
  assert.equal(curlyOf(again), curlyOf(R2));
  assert.ok(again.includes('routing-options {\n    router-id 10.0.0.2;\n}\n'));
});

test('no selection refactor for part of a statement; no conversion at all with syntax errors', () => {
  const inside = R2.indexOf('router-id');
  const partial = codeActions(analyzed(R2, 'r2.conf'), 'r2.conf', { start: inside, end: inside + 5 }, [], schema(), R2);
  assert.deepEqual(partial.filter((x) => x.kind === 'refactor.rewrite'), []);
  const seed = codeActions(analyzed(SEED_R2, 'r2.conf'), 'r2.conf', { start: 0, end: SEED_R2.length }, [], schema(), SEED_R2);
  assert.deepEqual(seed.filter((x) => x.kind !== 'quickfix'), []);
});

test('every quick fix on the seed files leaves no new syntax error', () => {
  for (const file of ['r1.conf', 'r2.conf', 'r3.conf', 'r4.conf', 'r1.set', 'r2.set', 'r3.set', 'r4.set', 'r2-step-by-step.set', 'r3-step-by-step.set']) {
    const text = exampleText(`seed-as-published/${file}`);
    const a = analyzed(text, file);
    const before = syntaxErrors(text);
    let seen = 0;
    for (const d of a.diagnostics) {
      const tree = parseText(text);
      for (const action of codeActions(a, file, d, [d], schema(), text, tree)) {
        seen++;
        const after = apply(text, action.edits);
        assert.ok(syntaxErrors(after) <= before, `${file}: '${action.title}' adds a syntax error`);
        for (let i = 1; i < action.edits.length; i++) assert.ok(action.edits[i - 1]!.end <= action.edits[i]!.start, 'edits do not overlap');
      }
    }
    assert.ok(seen > 0 || a.diagnostics.length === 0, file);
  }
});

test('code actions never throw on broken or truncated text, for any range', () => {
  const seed = exampleText('seed-as-published/r3.conf');
  for (const text of [seed.slice(0, 700), exampleText('seed-as-published/r3-step-by-step.set').slice(0, 800), '', 'services { ipsec-vpn { ike { policy p { proposals [ a b ; } } }']) {
    const a = analyzed(text, 'x.conf');
    const tree = parseText(text);
    for (let start = 0; start <= text.length; start += 19) {
      for (const action of codeActions(a, 'x.conf', { start, end: Math.min(text.length, start + 40) }, a.diagnostics, schema(), text, tree)) {
        for (const e of action.edits) assert.ok(e.start <= e.end && e.end <= text.length, action.title);
        assert.ok(syntaxErrors(apply(text, action.edits)) <= syntaxErrors(text) || action.kind !== 'quickfix' || action.title.startsWith('Remove'), `${action.title} on ${JSON.stringify(text.slice(0, 30))}`);
      }
    }
  }
});

test('the caller\'s syntax tree is used as given (the server passes its incrementally kept tree): no reparse', () => {
  // an incrementally edited tree gives the same actions as parsing the final text
  const doc = new SyntaxDocument(SEED_R2);
  try {
    const wrong = SEED_R2.indexOf('demo-proposal;');
    doc.applyEdit(wrong, wrong + 'demo-proposal'.length, 'demo-propsal');
    doc.applyEdit(0, 0, '/* edited */\n');
    const text = doc.text;
    const a = analyzed(text, 'r2.conf');
    for (const d of a.diagnostics) {
      const fresh = codeActions(a, 'r2.conf', d, [d], schema(), text);
      assert.deepEqual(codeActions(a, 'r2.conf', d, [d], schema(), text, doc.tree), fresh, `${d.code} at ${d.start}`);
    }
    assert.ok(a.diagnostics.some((d) => d.code === 'undefined-reference' && text.slice(d.start, d.end) === 'demo-propsal'));
  } finally {
    doc.dispose();
  }
  // and it is the given tree that decides: a tree with a syntax error withholds the conversions of a clean
  // text (nothing may be lost), a clean tree offers them; resolving prints from the given tree
  const broken = parseText(R2.replace('routing-options {', 'routing-options {{'));
  const clean = parseText(R2);
  try {
    const a = analyzed(R2, 'r2.conf');
    const titles = (tree: typeof clean) => codeActions(a, 'r2.conf', { start: 0, end: 0 }, [], schema(), R2, tree).map((x) => x.title);
    assert.deepEqual(titles(broken), []);
    assert.deepEqual(titles(clean), ['Convert the document to set form']);
    const convert = codeActions(a, 'r2.conf', { start: 0, end: 0 }, [], schema(), R2, clean)[0]!;
    assert.deepEqual(resolveCodeAction('r2.conf', convert, schema(), R2, broken).edits, []);
    assert.deepEqual(resolveCodeAction('r2.conf', convert, schema(), R2, clean), resolveCodeAction('r2.conf', convert, schema(), R2));
    assert.equal(clean.rootNode.type, 'configuration', 'the caller\'s tree is not freed by the ide layer');
  } finally {
    broken.delete();
    clean.delete();
  }
});

const BORDER = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'references', 'mx-border.conf'), 'utf8');
const BORDER_SET = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'references', 'mx-border.set'), 'utf8');

/** Applies the create-definition fix for the undefined `name` and checks the result parses, resolves the reference and adds no error. */
function createFor(text: string, docId: string, name: string): { created: string; newText: string } {
  const { actions } = fixesFor(text, docId, 'undefined-reference', name);
  const create = actions.find((x) => x.title.startsWith('Create'));
  assert.ok(create, `a create action for ${name} (got ${actions.map((x) => x.title).join(', ')})`);
  const created = apply(text, create.edits);
  assert.equal(syntaxErrors(created), syntaxErrors(text), 'no new syntax error');
  assert.deepEqual(codesOn(created, docId, name).filter((c) => c === 'undefined-reference'), [], 'the reference resolves');
  const errors = (t: string) => analyzed(t, docId).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}:${t.slice(d.start, d.end)}`);
  assert.deepEqual(errors(created), errors(text).filter((e) => e !== `undefined-reference:${name}`), 'the stub adds no error');
  return { created, newText: create.edits[0]!.newText };
}

test('a missing firewall filter becomes a filter whose one term accepts, marked as a placeholder (never an empty, discard-all filter)', () => {
  const text = BORDER.replace('input EDGE-IN;', 'input EDGE-NEW;');
  const { created, newText } = createFor(text, 'border.conf', 'EDGE-NEW');
  assert.match(
    newText,
    /^ {8}\/\* placeholder filter: accepts all traffic; replace with the real terms \(an empty filter would discard everything\) \*\/\n {8}filter EDGE-NEW \{\n {12}term placeholder \{\n {16}then accept;\n {12}\}\n {8}\}\n/,
  );
  // in the model: the filter's only term has no `from` (matches everything) and accepts
  const model = buildConfig({ id: 'border.conf', text: created, tree: parseText(created) }, schema());
  const filter = model.find(['firewall', 'family', 'inet', 'filter', 'EDGE-NEW']);
  assert.ok(filter, 'created under [edit firewall family inet]');
  assert.deepEqual(filter.children.map((c) => [c.keyword, c.keys.map((k) => k.text)]), [['term', ['placeholder']]]);
  const term = filter.children[0]!;
  assert.equal(term.children.some((c) => c.keyword === 'from'), false);
  assert.deepEqual(term.children.find((c) => c.keyword === 'then')?.children.map((c) => c.keyword), ['accept']);
  assert.equal(filter.annotation?.text.startsWith('placeholder filter'), true);
});

test('set form: the filter stub is a commented term that accepts', () => {
  const text = BORDER_SET.replace('filter input EDGE-IN', 'filter input EDGE-NEW');
  const { newText } = createFor(text, 'border.set', 'EDGE-NEW');
  assert.equal(
    newText,
    '# placeholder filter: accepts all traffic; replace with the real terms (an empty filter would discard everything)\n' +
      'set firewall family inet filter EDGE-NEW term placeholder then accept\n',
  );
});

test('a missing policy statement passes routes on (next policy), neither accepting nor rejecting them', () => {
  const text = BORDER.replace('export LOAD-BALANCE;', 'export LOAD-SHARE;');
  const { created, newText } = createFor(text, 'border.conf', 'LOAD-SHARE');
  assert.match(newText, /\/\* placeholder policy: passes every route on to the next policy; replace with the real terms \*\/\n {4}policy-statement LOAD-SHARE \{\n {8}term placeholder \{\n {12}then next policy;\n {8}\}\n {4}\}\n/);
  const model = buildConfig({ id: 'border.conf', text: created, tree: parseText(created) }, schema());
  const then = model.find(['policy-options', 'policy-statement', 'LOAD-SHARE', 'term', 'placeholder', 'then']);
  assert.deepEqual(then?.children.map((c) => [c.keyword, c.values.map((v) => v.text)]), [['next', ['policy']]]);
  const setText = BORDER_SET.replace('export NO-BOGONS', 'export NO-MARTIANS');
  assert.equal(
    createFor(setText, 'border.set', 'NO-MARTIANS').newText,
    '# placeholder policy: passes every route on to the next policy; replace with the real terms\nset policy-options policy-statement NO-MARTIANS term placeholder then next policy\n',
  );
});

test('a missing prefix list stays empty (it matches nothing); a missing policer stays empty with a note (it does not commit so)', () => {
  const text = BORDER.replace('prefix-list BOGONS;', 'prefix-list MARTIANS;');
  assert.match(createFor(text, 'border.conf', 'MARTIANS').newText, /^ {4}prefix-list MARTIANS;\n$/);
  const policed = BORDER.replace('input LIMIT-100M;', 'input LIMIT-1G;');
  assert.match(
    createFor(policed, 'border.conf', 'LIMIT-1G').newText,
    /^ {4}\/\* placeholder policer: add if-exceeding and then before committing \(it does not commit empty\) \*\/\n {4}policer LIMIT-1G;\n$/,
  );
});
