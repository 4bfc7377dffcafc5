/**
 * Go to definition on the bundled R2 (both forms) and purpose-written fixtures: IKE/IPsec policy uses,
 * the definition's own name, interface units named by OSPF and the service set, apply-groups, and words
 * that name nothing; and that navigation and rename never throw on broken text.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../../server/src/analysis/index';
import { definitionAt } from '../../../server/src/ide/definition';
import { highlightsAt } from '../../../server/src/ide/document-highlight';
import { referencesAt } from '../../../server/src/ide/references';
import { prepareRename, rename } from '../../../server/src/ide/rename';
import { parseText } from '../../../server/src/syntax/parser';
import { exampleText, parseFixture, schemaFor, setup } from './check';

before(() => setup());

function analyzed(text: string, docId: string) {
  return analyzeDocument({ id: docId, text, tree: parseText(text) }, { platform: 'ms-pic' }, schemaFor('ms-pic'));
}

/** Targets (as `docId:text`) of go-to-definition at the `$0` of a one-document fixture. */
function targets(source: string, docId = 'r2.conf'): { origin: string; target: string; head: string; targetStart: number }[] {
  const f = parseFixture(source, docId);
  return definitionAt(analyzed(f.text, f.docId), f.docId, f.offset).map((l) => ({
    origin: f.text.slice(l.originStart, l.originEnd),
    target: f.text.slice(l.targetStart, l.targetEnd),
    head: f.text.slice(l.start, l.end),
    targetStart: l.targetStart,
  }));
}

function at(text: string, needle: string, delta: number): string {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  return text.slice(0, i + delta) + '$0' + text.slice(i + delta);
}

const R2 = exampleText('ike-dynamic-sa/r2.conf');
const R2_SET = exampleText('ike-dynamic-sa-set/r2.set');

test('ike-policy ike-demo-policy jumps to the IKE policy, in curly form', () => {
  const found = targets(at(R2, 'ike-policy ike-demo-policy', 'ike-policy '.length + 4));
  const definition = /^ *policy ike-demo-policy \{/m.exec(R2)!;
  assert.deepEqual(found, [
    { origin: 'ike-demo-policy', target: 'ike-demo-policy', head: 'policy ike-demo-policy', targetStart: definition.index + definition[0].indexOf('ike-demo-policy') },
  ]);
});

test('ike-policy ike-demo-policy jumps to the first set line defining the policy, in set form', () => {
  const found = targets(at(R2_SET, 'ike-policy ike-demo-policy', 'ike-policy '.length + 4), 'r2.set');
  const first = R2_SET.indexOf('set services ipsec-vpn ike policy ike-demo-policy ') + 'set services ipsec-vpn ike policy '.length;
  assert.deepEqual(found, [{ origin: 'ike-demo-policy', target: 'ike-demo-policy', head: 'policy ike-demo-policy', targetStart: first }]);
});

test('on the definition name itself, the definition is its own target', () => {
  const i = R2.indexOf('proposal ike-demo-proposal {') + 'proposal '.length;
  const found = targets(R2.slice(0, i + 3) + '$0' + R2.slice(i + 3));
  assert.deepEqual(found, [{ origin: 'ike-demo-proposal', target: 'ike-demo-proposal', head: 'proposal ike-demo-proposal', targetStart: i }]);
});

test('an interface named by OSPF and by the service set jumps to its unit statement', () => {
  const unit1 = R2.indexOf('unit 1 {');
  for (const needle of ['interface ms-1/2/0.1', 'inside-service-interface ms-1/2/0.1']) {
    const found = targets(at(R2, needle, needle.length - 3));
    assert.deepEqual(found, [{ origin: 'ms-1/2/0.1', target: '1', head: 'unit 1', targetStart: unit1 + 'unit '.length }], needle);
  }
});

test('apply-groups names jump to the group', () => {
  const grouped = R2.replace(
    'system {\n',
    'groups {\n    common-ike {\n        services {\n            ipsec-vpn {\n                ike {\n                    proposal ike-group-proposal {\n                        dh-group group14;\n                    }\n                }\n            }\n        }\n    }\n}\napply-groups common-ike;\nsystem {\n',
  );
  const found = targets(at(grouped, 'apply-groups common-ike', 'apply-groups co'.length));
  assert.deepEqual(found.map((f) => [f.origin, f.target, f.targetStart]), [['common-ike', 'common-ike', grouped.indexOf('common-ike {')]]);
});

test('keywords, plain values and undefined names have no definition', () => {
  assert.deepEqual(targets(at(R2, 'dh-group group2', 2)), []);
  assert.deepEqual(targets(at(R2, 'dh-group group2', 'dh-group gr'.length)), []);
  const broken = R2.replace('ike-policy ike-demo-policy;', 'ike-policy ike-missing-policy;');
  assert.deepEqual(targets(at(broken, 'ike-missing-policy', 3)), []);
});

test('navigation and rename never throw at any offset of broken, truncated or empty text', () => {
  const seed = exampleText('seed-as-published/r2.conf');
  for (const text of [seed, seed.slice(0, 1234), exampleText('seed-as-published/r2-step-by-step.set').slice(0, 900), '', '}}} { ; [ set', 'set services ipsec-vpn ike policy "unterminated']) {
    const a = analyzed(text, 'x.conf');
    for (let offset = 0; offset <= text.length; offset += 3) {
      for (const l of definitionAt(a, 'x.conf', offset)) assert.ok(l.targetStart >= 0 && l.targetEnd <= text.length);
      for (const s of referencesAt(a, 'x.conf', offset, true)) assert.ok(s.end <= text.length);
      highlightsAt(a, 'x.conf', offset);
      prepareRename(a, 'x.conf', offset);
      const r = rename(a, 'x.conf', offset, 'renamed-name', schemaFor('ms-pic'));
      if ('edits' in r) for (const e of r.edits) assert.equal(e.newText, 'renamed-name');
    }
  }
});
