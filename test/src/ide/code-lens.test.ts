/**
 * Code lenses on the bundled R2 (both forms) and fixtures: "Simulate tunnel" on dynamic and manual rules
 * and the service sets applying them (directly or through a rule-set), none on rules without an SA, and
 * "N references" counts on definitions. Across features, on randomly edited generated configurations in
 * both forms: each "N references" lens lists exactly what find references (without the declaration)
 * gives on its name, which is the index's links plus the spelled-name mentions an independent oracle
 * (code-lens-oracle.ts) finds; highlight and rename agree with it (rename refuses exactly when
 * there are mentions, else rewrites the name words and those places); each lens resolved alone equals
 * the lens of the whole list. Fixtures pin the scope rule (a logical system's words are its own) and
 * the kind rule (a prefix list named like a service set is not a reference to it).
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../../server/src/analysis/index';
import type { DocumentAnalysis, SourceSpan } from '../../../server/src/analysis/index';
import { codeLenses, codeLensList, resolveReferenceLens, type CodeLens } from '../../../server/src/ide/code-lens';
import { highlightsAt } from '../../../server/src/ide/document-highlight';
import { referencesAt } from '../../../server/src/ide/references';
import { rename } from '../../../server/src/ide/rename';
import { parseText } from '../../../server/src/syntax/parser';
import { generateLargeConfig, prng } from '../fixtures/large-config';
import { exampleText, schemaFor, setup } from './check';
import { oracleReferringPlaces, writtenNamedEntries } from './code-lens-oracle';

before(() => setup());

function lensLines(text: string, docId: string): string[] {
  const analysis = analyzeDocument({ id: docId, text, tree: parseText(text) }, { platform: 'ms-pic' }, schemaFor('ms-pic'));
  return codeLenses(analysis, docId).map((l) => `${text.slice(l.start, l.end)} | ${l.title}`);
}

const R2 = exampleText('ike-dynamic-sa/r2.conf');

test('R2: simulate the rule and the service set; reference counts on each definition, in both forms', () => {
  const expected = [
    'service-set demo-service-set | Simulate tunnel',
    'service-set demo-service-set | 0 references',
    'rule rule-ike | Simulate tunnel',
    'rule rule-ike | 1 reference',
    'proposal ipsec-demo-proposal | 1 reference',
    'policy ipsec-demo-policy | 1 reference',
    'proposal ike-demo-proposal | 1 reference',
    'policy ike-demo-policy | 1 reference',
  ];
  assert.deepEqual(lensLines(R2, 'r2.conf'), expected);
  assert.deepEqual(lensLines(exampleText('ike-dynamic-sa-set/r2.set'), 'r2.set'), expected);
});

test('command arguments name the rule, the service set, and the reference locations', () => {
  const analysis = analyzeDocument({ id: 'r2.conf', text: R2, tree: parseText(R2) }, { platform: 'ms-pic' }, schemaFor('ms-pic'));
  const lenses = codeLenses(analysis, 'r2.conf');
  assert.deepEqual(lenses.filter((l) => l.command.name === 'junos.simulateTunnel').map((l) => l.command.args), [
    { docId: 'r2.conf', serviceSet: 'demo-service-set' },
    { docId: 'r2.conf', rule: 'rule-ike' },
  ]);
  const ikePolicy = lenses.find((l) => R2.slice(l.start, l.end) === 'policy ike-demo-policy')!;
  assert.equal(ikePolicy.command.name, 'junos.showReferences');
  if (ikePolicy.command.name !== 'junos.showReferences') return;
  assert.equal(R2.slice(ikePolicy.command.args.offset).slice(0, 15), 'ike-demo-policy');
  assert.deepEqual(ikePolicy.command.args.locations.map((s) => R2.slice(s.start - 'ike-policy '.length, s.end)), ['ike-policy ike-demo-policy']);
});

test('manual SAs and rule-sets count; a rule without dynamic/manual gets no simulate lens', () => {
  const text = R2.replace(
    '            match-direction input;\n        }\n',
    '            match-direction input;\n        }\n' +
      '        rule rule-manual {\n            term t1 {\n                then {\n                    remote-gateway 10.1.15.2;\n                    manual {\n                        direction bidirectional {\n                            protocol esp;\n                            spi 16000;\n                        }\n                    }\n                }\n            }\n            match-direction input;\n        }\n' +
      '        rule rule-plain {\n            term t1 {\n                then {\n                    remote-gateway 10.1.15.2;\n                }\n            }\n            match-direction input;\n        }\n' +
      '        rule-set manual-set {\n            rule rule-manual;\n        }\n',
  ).replace('    ipsec-vpn {\n', '    service-set manual-service-set {\n        interface-service {\n            service-interface ms-1/2/0.0;\n        }\n        ipsec-vpn-rule-sets manual-set;\n    }\n    ipsec-vpn {\n');
  const simulate = lensLines(text, 'r2.conf').filter((l) => l.endsWith('Simulate tunnel'));
  assert.deepEqual(simulate, [
    'service-set demo-service-set | Simulate tunnel',
    'service-set manual-service-set | Simulate tunnel',
    'rule rule-ike | Simulate tunnel',
    'rule rule-manual | Simulate tunnel',
  ]);
  assert.ok(lensLines(text, 'r2.conf').includes('rule-set manual-set | 1 reference'));
});

test('prefix lists, policy statements and filters count the places their name is written', () => {
  const text = R2.replace(
    'routing-options {\n',
    'policy-options {\n    prefix-list mgmt {\n        10.0.0.0/8;\n    }\n    prefix-list unused-list {\n        192.0.2.0/24;\n    }\n    policy-statement export-mgmt {\n        from {\n            prefix-list mgmt;\n        }\n        then accept;\n    }\n}\n' +
      'firewall {\n    family inet {\n        filter protect-re {\n            term t1 {\n                from {\n                    source-prefix-list {\n                        mgmt;\n                    }\n                }\n                then accept;\n            }\n        }\n    }\n}\nrouting-options {\n',
  ).replace('                address 10.0.0.2/32;\n', '                address 10.0.0.2/32;\n            }\n            filter {\n                input protect-re;\n');
  const lines = lensLines(text, 'r2.conf').filter((l) => !/ipsec|ike|rule|service-set/.test(l));
  assert.deepEqual(lines, ['prefix-list mgmt | 2 references', 'prefix-list unused-list | 0 references', 'policy-statement export-mgmt | 0 references', 'filter protect-re | 1 reference']);
});

/** A generated configuration with random edits: lines dropped, and lines copied with one word replaced by
 *  a defined name (uses the index links, words in statements it does not know, names in keys). */
function editedConfig(form: 'curly' | 'set', seed: number): string {
  const random = prng(seed);
  const lines = generateLargeConfig({ lines: 1200, form, seed }).split('\n');
  const names = [...new Set(lines.flatMap((l) => [...l.matchAll(/(?:prefix-list|policy-statement|filter|rule|rule-set|policy|proposal|service-set) ([A-Za-z][\w-]*)/g)].map((m) => m[1]!)))];
  for (let i = 0; i < 60; i++) {
    const at = Math.floor(random() * lines.length);
    const line = lines[at]!;
    if (form === 'curly' && !line.endsWith(';')) continue; // blocks stay balanced
    if (random() < 0.3) {
      lines.splice(at, 1);
      continue;
    }
    const words = line.split(' ');
    const w = 1 + Math.floor(random() * Math.max(1, words.length - 1));
    if (w < words.length && !/[{};]/.test(words[w]!)) words[w] = names[Math.floor(random() * names.length)] ?? 'X';
    lines.splice(at + 1, 0, words.join(' '));
  }
  // a logical system's own words (never references to the device's definitions) spelling defined names
  const [first, second, third] = [names[0] ?? 'X', names[1] ?? 'Y', names[2] ?? 'Z'];
  if (form === 'set') {
    lines.push(
      'set groups G1 policy-options prefix-list GROUP-LIST 10.9.0.0/16',
      'set apply-groups G1',
      `set logical-systems LS1 policy-options policy-statement LP from prefix-list ${first}`,
      `set logical-systems LS1 firewall filter F term t from source-prefix-list ${second}`,
      `set logical-systems LS1 policy-options prefix-list ${third} 10.8.0.0/16`,
    );
  } else {
    lines.push(`logical-systems {\n    LS1 {\n        firewall {\n            filter F {\n                term t {\n                    from {\n                        source-prefix-list {\n                            ${second};\n                        }\n                    }\n                }\n            }\n        }\n        policy-options {\n            prefix-list ${third} {\n                10.8.0.0/16;\n            }\n        }\n    }\n}`);
  }
  return lines.join('\n');
}

function analyzed(text: string, docId: string): DocumentAnalysis {
  return analyzeDocument({ id: docId, text, tree: parseText(text) }, { platform: 'ms-pic' }, schemaFor('ms-pic'));
}

const spanKey = (s: SourceSpan): string => `${s.docId}:${s.start}-${s.end}`;
const keys = (spans: readonly SourceSpan[]): string[] => spans.map(spanKey);
/** Unique, by document then offset. */
const sortedKeys = (spans: readonly SourceSpan[]): string[] =>
  [...new Set(keys([...spans].sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : a.start - b.start || a.end - b.end))))];

/** Every cross-feature agreement for one "N references" lens; returns how many places it had. */
function checkLens(analysis: DocumentAnalysis, docId: string, text: string, lens: CodeLens, label: string): number {
  assert.equal(lens.command.name, 'junos.showReferences', label);
  if (lens.command.name !== 'junos.showReferences') return 0;
  const { offset, locations } = lens.command.args;
  const name = text.slice(offset).match(/^\S+/)![0].replace(/^"|"$/g, '');
  const where = `${label} '${name}'`;
  assert.equal(lens.title, `${locations.length} reference${locations.length === 1 ? '' : 's'}`, where);
  // find references without the declaration: the same places, in the same order
  const found = referencesAt(analysis, docId, offset, false);
  assert.deepEqual(keys(locations), keys(found), `${where}: lens = find references`);
  // the oracle: the index's links to the entry, plus the mentions its rule allows
  const oracle = oracleReferringPlaces(analysis, docId, offset);
  assert.ok(oracle, `${where}: the oracle finds the entry`);
  assert.deepEqual(keys(locations), sortedKeys([...oracle.uses, ...oracle.mentions]), `${where}: lens = oracle`);
  // with the declaration: the entry's name words too; highlight: those of this document
  const withDecl = referencesAt(analysis, docId, offset, true);
  assert.deepEqual(sortedKeys(withDecl), sortedKeys([...oracle.nameWords, ...locations]), `${where}: declaration`);
  assert.deepEqual(
    highlightsAt(analysis, docId, offset).map((h) => `${h.kind}:${docId}:${h.start}-${h.end}`),
    withDecl.filter((s) => s.docId === docId).map((s) => `${s.isDefinition ? 'write' : 'read'}:${spanKey(s)}`),
    `${where}: highlight`,
  );
  // rename: refused exactly when some place is a mention the index does not link
  const renamed = rename(analysis, docId, offset, 'RENAMED-NAME', schemaFor('ms-pic'));
  if (oracle.mentions.length > 0) {
    assert.ok('error' in renamed, `${where}: rename refused`);
    if ('error' in renamed) assert.match(renamed.error, new RegExp(`also written in ${oracle.mentions.length} place`), where);
  } else if ('edits' in renamed) {
    assert.deepEqual(sortedKeys(renamed.edits), sortedKeys([...oracle.nameWords, ...oracle.uses]), `${where}: rename edits`);
  } else {
    // another entry of the list may already hold the new name (not in generated configurations)
    assert.fail(`${where}: rename refused: ${renamed.error}`);
  }
  return locations.length;
}

/** Checks every lens of a configuration across features; returns the lens count and places in all. */
function checkAll(text: string, docId: string, label: string): { lenses: number; places: number; mentions: number } {
  const analysis = analyzed(text, docId);
  const lenses = codeLenses(analysis, docId);
  let places = 0;
  let mentions = 0;
  const counted = lenses.filter((l) => l.command.name === 'junos.showReferences');
  for (const lens of counted) {
    places += checkLens(analysis, docId, text, lens, label);
    if (lens.command.name === 'junos.showReferences') mentions += oracleReferringPlaces(analysis, docId, lens.command.args.offset)?.mentions.length ?? 0;
  }
  // every named entry written in the document has its lens
  const lensAt = new Set(counted.map((l) => (l.command.name === 'junos.showReferences' ? l.command.args.offset : -1)));
  for (const entry of writtenNamedEntries(analysis, docId)) assert.ok(lensAt.has(entry.nameStart), `${label}: a lens on ${entry.kind} ${entry.name}`);
  // each lens resolved alone (in a shuffled order, on a fresh analysis) is the lens of the whole list
  const again = analyzed(text, docId);
  const listed = codeLensList(again, docId);
  assert.equal(listed.length, lenses.length, label);
  const random = prng(text.length);
  const order = listed.map((_, i) => i).sort(() => random() - 0.5);
  for (const i of order) {
    const entry = listed[i]!;
    const lens = entry.kind === 'complete' ? entry.lens : resolveReferenceLens(again, docId, entry.nameStart);
    assert.deepEqual(lens, lenses[i], `${label} lens ${i}`);
  }
  return { lenses: counted.length, places, mentions };
}

test('each lens lists what find references gives (and the oracle), highlight and rename agree, on edited generated configurations', () => {
  let mentions = 0;
  for (const form of ['set', 'curly'] as const) {
    for (let seed = 1; seed <= 4; seed++) {
      const text = editedConfig(form, seed);
      const got = checkAll(text, `gen-${seed}.${form === 'set' ? 'set' : 'conf'}`, `${form} seed ${seed}`);
      assert.ok(got.lenses > 20 && got.places > 20, `${form} ${seed}: lenses and places to compare (${got.lenses}, ${got.places})`);
      mentions += got.mentions;
    }
  }
  assert.ok(mentions > 0, 'some places are mentions the index does not link');
});

/** A small configuration, in set form, around a service set. */
const SERVICE_SET = [
  'set interfaces ms-1/0/0 unit 0 family inet',
  'set services service-set SS-0 interface-service service-interface ms-1/0/0.0',
  'set services service-set SS-0 ipsec-vpn-rules R1',
  'set services ipsec-vpn rule R1 term t1 then remote-gateway 10.0.0.2',
  'set services ipsec-vpn rule R1 match-direction input',
  'set policy-options prefix-list PL-1 10.1.0.0/16',
  'set policy-options policy-statement EXPORT term a from prefix-list-filter PL-1 orlonger',
  'set policy-options policy-statement EXPORT term a then accept',
];

function lensOn(text: string, docId: string, head: string): CodeLens {
  const analysis = analyzed(text, docId);
  const lens = codeLenses(analysis, docId).find((l) => l.command.name === 'junos.showReferences' && text.slice(l.start, l.end) === head);
  assert.ok(lens, `a lens on ${head}`);
  return lens;
}

function placeLines(text: string, lens: CodeLens): string[] {
  if (lens.command.name !== 'junos.showReferences') return [];
  return lens.command.args.locations.map((s) => {
    const from = text.lastIndexOf('\n', s.start - 1) + 1;
    const to = text.indexOf('\n', s.end);
    return `${text.slice(from, to < 0 ? undefined : to)} @${text.slice(s.start, s.end)}`;
  });
}

test("a logical system's words are its own: its prefix list named like a service set is no reference to it", () => {
  const text = [...SERVICE_SET, 'set logical-systems LS1 policy-options policy-statement LP from prefix-list SS-0', 'set logical-systems LS1 policy-options prefix-list PL-1 10.9.0.0/16'].join('\n');
  const lens = lensOn(text, 'ls.set', 'service-set SS-0');
  assert.equal(lens.title, '0 references');
  // the service set has no definition in the reference index (nothing links to it): find references,
  // highlight and rename still work on its name
  const offset = text.indexOf('SS-0');
  const analysis = analyzed(text, 'ls.set');
  assert.equal(analysis.references.definitions.some((d) => d.kind === 'services service-set'), false);
  assert.deepEqual(referencesAt(analysis, 'ls.set', offset, false), []);
  assert.equal(referencesAt(analysis, 'ls.set', offset, true).length, 2, 'its two name words');
  assert.equal(highlightsAt(analysis, 'ls.set', offset).filter((h) => h.kind === 'write').length, 2);
  const renamed = rename(analysis, 'ls.set', offset, 'SS-MAIN', schemaFor('ms-pic'));
  assert.ok('edits' in renamed, JSON.stringify(renamed));
  assert.equal(renamed.edits.length, 2);
  // the device's prefix list: its one use; the logical system's own PL-1 is not it
  assert.deepEqual(placeLines(text, lensOn(text, 'ls.set', 'prefix-list PL-1')), ['set policy-options policy-statement EXPORT term a from prefix-list-filter PL-1 orlonger @PL-1']);
  checkAll(text, 'ls.set', 'logical system fixture');
});

test('a service set and a prefix list of the same name: each counts only what names its kind', () => {
  const text = [...SERVICE_SET, 'set services service-set PL-1 interface-service service-interface ms-1/0/0.0', 'set interfaces ms-1/0/0 unit 0 family inet service input service-set SS-0'].join('\n');
  // the prefix list: its use in the policy statement (the service set's key PL-1 names the service set)
  assert.deepEqual(placeLines(text, lensOn(text, 'pl.set', 'prefix-list PL-1')), ['set policy-options policy-statement EXPORT term a from prefix-list-filter PL-1 orlonger @PL-1']);
  assert.equal(lensOn(text, 'pl.set', 'service-set PL-1').title, '0 references');
  // an interface's `service input service-set SS-0` names the service set (the YANG's must into the entry links it)
  assert.deepEqual(placeLines(text, lensOn(text, 'pl.set', 'service-set SS-0')), ['set interfaces ms-1/0/0 unit 0 family inet service input service-set SS-0 @SS-0']);
  const analysis = analyzed(text, 'pl.set');
  const renamedList = rename(analysis, 'pl.set', text.indexOf('PL-1'), 'PL-2', schemaFor('ms-pic'));
  assert.ok('edits' in renamedList && renamedList.edits.length === 2, JSON.stringify(renamedList));
  const renamedSet = rename(analysis, 'pl.set', text.indexOf('SS-0'), 'SS-1', schemaFor('ms-pic'));
  assert.ok('edits' in renamedSet, JSON.stringify(renamedSet));
  assert.deepEqual(renamedSet.edits.map((e) => text.slice(e.start, e.end)), ['SS-0', 'SS-0', 'SS-0']);
  assert.ok(renamedSet.edits.some((e) => e.start === text.indexOf('input service-set SS-0') + 'input service-set '.length));
  checkAll(text, 'pl.set', 'same-name fixture');
});

test('resolving at an offset where no lens is gives nothing', () => {
  const analysis = analyzeDocument({ id: 'r2.conf', text: R2, tree: parseText(R2) }, { platform: 'ms-pic' }, schemaFor('ms-pic'));
  const names = new Set(codeLensList(analysis, 'r2.conf').flatMap((l) => (l.kind === 'references' ? [l.nameStart] : [])));
  for (const offset of [-1, 0, 1, R2.length, R2.length + 10, 0.5, NaN]) {
    if (!names.has(offset)) assert.equal(resolveReferenceLens(analysis, 'r2.conf', offset), undefined);
  }
  const first = [...names][0]!;
  assert.equal(resolveReferenceLens(analysis, 'other.conf', first), undefined, 'another document');
});
