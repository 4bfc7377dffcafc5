/**
 * Rename on the bundled R2 (both forms) and on fixtures with groups: the exact edits, the result
 * analysing clean, and the refusals (keywords, values, secrets, interfaces, invalid, empty and taken names).
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../../server/src/analysis/index';
import { prepareRename, rename, type TextEdit } from '../../../server/src/ide/rename';
import { parseText, syntaxProblems } from '../../../server/src/syntax/parser';
import { exampleText, schemaFor, setup } from './check';

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
function renameAt(text: string, docId: string, needle: string, newName: string) {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return rename(analyzed(text, docId), docId, offset + 1, newName, schema());
}

const R2 = exampleText('ike-dynamic-sa/r2.conf');
const R2_SET = exampleText('ike-dynamic-sa-set/r2.set');

test('ike-demo-proposal -> ike-aes-proposal changes the definition and the policy use, in both forms', () => {
  for (const [text, docId, lines] of [
    [R2, 'r2.conf', ['proposal ike-aes-proposal {', 'proposals ike-aes-proposal;']],
    [
      R2_SET,
      'r2.set',
      [
        'set services ipsec-vpn ike proposal ike-aes-proposal authentication-method pre-shared-keys',
        'set services ipsec-vpn ike proposal ike-aes-proposal dh-group group2',
        'set services ipsec-vpn ike policy ike-demo-policy proposals ike-aes-proposal',
      ],
    ],
  ] as const) {
    const result = renameAt(text, docId, 'ike-demo-proposal', 'ike-aes-proposal');
    assert.ok('edits' in result, JSON.stringify(result));
    assert.equal(result.edits.length, lines.length);
    for (const e of result.edits) assert.equal(text.slice(e.start, e.end), 'ike-demo-proposal');
    const renamed = apply(text, result.edits);
    const changed = renamed.split('\n').filter((l, i) => l !== text.split('\n')[i]).map((l) => l.trim());
    assert.deepEqual(changed, lines);
    assert.ok(!renamed.includes('ike-demo-proposal'));
    const before = analyzed(text, docId).diagnostics.map((d) => d.code);
    assert.deepEqual(analyzed(renamed, docId).diagnostics.map((d) => d.code), before);
    assert.deepEqual(before.filter((c) => c !== 'unused-definition'), []);
  }
});

test('renaming from a use renames the definition too', () => {
  const i = R2.indexOf('ike-policy ike-demo-policy') + 'ike-policy '.length;
  const result = rename(analyzed(R2, 'r2.conf'), 'r2.conf', i + 2, 'to-r3', schema());
  assert.ok('edits' in result);
  const renamed = apply(R2, result.edits);
  assert.match(renamed, /policy to-r3 \{/);
  assert.match(renamed, /ike-policy to-r3;/);
  assert.equal(analyzed(renamed, 'r2.conf').diagnostics.length, 0);
});

test('a group rename changes apply-groups too', () => {
  const grouped = R2.replace('system {\n', 'groups {\n    lab {\n        system {\n            host-name lab-router;\n        }\n    }\n}\napply-groups lab;\nsystem {\n');
  const result = renameAt(grouped, 'r2.conf', 'lab {', 'lab-defaults');
  assert.ok('edits' in result);
  const renamed = apply(grouped, result.edits);
  assert.match(renamed, /\n {4}lab-defaults \{/);
  assert.match(renamed, /apply-groups lab-defaults;/);
});

test('prepareRename gives the span and name, or a clear refusal', () => {
  const a = analyzed(R2, 'r2.conf');
  const onName = prepareRename(a, 'r2.conf', R2.indexOf('ike-demo-proposal') + 3);
  assert.deepEqual(onName, { start: R2.indexOf('ike-demo-proposal'), end: R2.indexOf('ike-demo-proposal') + 'ike-demo-proposal'.length, placeholder: 'ike-demo-proposal' });
  assert.deepEqual(prepareRename(a, 'r2.conf', R2.indexOf('dh-group') + 2), { error: '`dh-group` is a keyword and cannot be renamed.' });
  assert.deepEqual(prepareRename(a, 'r2.conf', R2.indexOf('group2;') + 2), { error: "'group2' is a value, not the name of a definition, and cannot be renamed." });
  const secret = prepareRename(a, 'r2.conf', R2.indexOf('"$9$') + 4);
  assert.deepEqual(secret, { error: 'A secret cannot be renamed.' });
  const unit = prepareRename(a, 'r2.conf', R2.indexOf('interface ms-1/2/0.1') + 12);
  assert.ok('error' in unit && /interface name/.test(unit.error));
});

test('invalid, empty, unchanged and taken new names are refused', () => {
  const two = R2.replace('        ike {\n', '        ike {\n            proposal ike-spare {\n                dh-group group14;\n            }\n');
  const refuse = (name: string): string => {
    const r = renameAt(two, 'r2.conf', 'ike-demo-proposal', name);
    assert.ok('error' in r, `${name} is refused`);
    return r.error;
  };
  assert.equal(refuse('1bad name'), "'1bad name' holds a blank, which this name cannot contain (string, 1..32 characters, starting with a letter or digit, then letters, digits, - or _).");
  assert.match(refuse('line\nbreak'), /span lines/);
  assert.match(refuse('-leading-dash'), /not a valid name here/);
  assert.match(refuse('x'.repeat(33)), /too long/);
  assert.match(refuse(''), /empty/);
  assert.match(refuse('ike-demo-proposal'), /already named/);
  assert.equal(refuse('ike-spare'), "'ike-spare' already exists at [edit services ipsec-vpn ike] (proposal ike-spare): choose another name.");
  // a policy of the same name does not block a proposal name
  assert.ok('edits' in renameAt(two, 'r2.conf', 'ike-demo-proposal', 'ike-demo-policy'));
});

test('a proposal defined inside a group is renamed there and where the main configuration uses it', () => {
  const grouped = R2.replace('            proposal ike-demo-proposal {\n                authentication-method pre-shared-keys;\n                dh-group group2;\n            }\n', '').replace(
    'system {\n',
    'groups {\n    ike-common {\n        services {\n            ipsec-vpn {\n                ike {\n                    proposal ike-demo-proposal {\n                        authentication-method pre-shared-keys;\n                        dh-group group2;\n                    }\n                }\n            }\n        }\n    }\n}\napply-groups ike-common;\nsystem {\n',
  );
  assert.deepEqual(analyzed(grouped, 'r2.conf').diagnostics, []);
  const result = renameAt(grouped, 'r2.conf', 'ike-demo-proposal;', 'ike-aes-proposal');
  assert.ok('edits' in result, JSON.stringify(result));
  const renamed = apply(grouped, result.edits);
  assert.match(renamed, /\n {20}proposal ike-aes-proposal \{\n/);
  assert.match(renamed, /proposals ike-aes-proposal;/);
  assert.ok(!renamed.includes('ike-demo-proposal'));
  assert.deepEqual(analyzed(renamed, 'r2.conf').diagnostics, []);
});

test('a name also written where the reference index cannot link it is refused, so nothing dangles', () => {
  // an `apply-macro` holds free-form data: a word there spelling the service set's name is linked to nothing
  const text = R2.replace(
    '    ge-0/0/1 {\n        description "To R3 ge-0/0/1";\n',
    '    ge-0/0/1 {\n        description "To R3 ge-0/0/1";\n        apply-macro tags {\n            service-set demo-service-set;\n        }\n',
  );
  assert.notEqual(text, R2);
  const result = renameAt(text, 'r2.conf', 'demo-service-set {', 'other-set');
  assert.deepEqual(result, {
    error:
      "'demo-service-set' is also written in 1 place (first at [edit interfaces ge-0/0/1 apply-macro tags service-set]) that the schema does not declare as a reference to it, so a rename could leave a dangling name there: rename those by hand.",
  });
});

test("an interface's `service input service-set NAME` is a reference: renaming the service set renames it too", () => {
  const text = R2.replace(
    '    ge-0/0/1 {\n        description "To R3 ge-0/0/1";\n        unit 0 {\n            family inet {\n',
    '    ge-0/0/1 {\n        description "To R3 ge-0/0/1";\n        unit 0 {\n            family inet {\n                service {\n                    input {\n                        service-set demo-service-set;\n                    }\n                }\n',
  );
  assert.notEqual(text, R2);
  const result = renameAt(text, 'r2.conf', 'demo-service-set {', 'other-set');
  assert.ok('edits' in result, JSON.stringify(result));
  const renamed = apply(text, result.edits);
  assert.match(renamed, /input \{\n {24}service-set other-set;/);
  assert.match(renamed, /service-set other-set \{/);
  assert.ok(!renamed.includes('demo-service-set'));
});

test("a logical system's configuration is its own: its names are not the device's, and stay as they are", () => {
  // the prefix list's use in the policy statement is a documented reference (renamed with it); the logical
  // system's `mgmt` is its own prefix list (a logical system has its own policy options)
  const text = R2.replace(
    'routing-options {\n',
    'policy-options {\n    prefix-list mgmt {\n        10.0.0.0/8;\n    }\n    policy-statement export-mgmt {\n        from {\n            prefix-list mgmt;\n        }\n        then accept;\n    }\n}\n' +
      'logical-systems {\n    LS1 {\n        firewall {\n            filter protect {\n                term t1 {\n                    from {\n                        source-prefix-list {\n                            mgmt;\n                        }\n                    }\n                    then accept;\n                }\n            }\n        }\n    }\n}\nrouting-options {\n',
  );
  const result = renameAt(text, 'r2.conf', 'mgmt {', 'mgmt-hosts');
  assert.ok('edits' in result, JSON.stringify(result));
  const renamed = apply(text, result.edits);
  assert.match(renamed, /prefix-list mgmt-hosts \{/);
  assert.match(renamed, /prefix-list mgmt-hosts;/);
  assert.match(renamed, /source-prefix-list \{\n {28}mgmt;/);
});

test('a new name that needs quotes is quoted where the schema allows it (group names)', () => {
  const grouped = R2.replace('system {\n', 'groups {\n    lab {\n        system {\n            host-name lab-router;\n        }\n    }\n}\napply-groups lab;\nsystem {\n');
  const result = renameAt(grouped, 'r2.conf', 'lab {', 'lab defaults');
  assert.ok('edits' in result, JSON.stringify(result));
  assert.deepEqual(result.edits.map((e) => e.newText), ['"lab defaults"', '"lab defaults"']);
  const renamed = apply(grouped, result.edits);
  assert.match(renamed, /\n {4}"lab defaults" \{/);
  assert.match(renamed, /apply-groups "lab defaults";/);
  assert.equal(syntaxProblems(parseText(renamed)).length, 0);
  assert.deepEqual(analyzed(renamed, 'r2.conf').diagnostics, analyzed(grouped, 'r2.conf').diagnostics.map((d) => d));
});
