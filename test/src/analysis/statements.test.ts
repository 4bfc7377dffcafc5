/** analysis/statements.ts: unknown statements explained, missing and unexpected values, bad commands. */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { check, edit, findings, marked, R2_CURLY, R2_SET, ready } from './support/check';

before(ready);

test('unknown-statement: a misspelt keyword gets did-you-mean over its siblings, in both forms', () => {
  for (const text of [edit(R2_CURLY, '            match-direction input;', '            match-directoin input;'), edit(R2_SET, 'rule-ike match-direction input', 'rule-ike match-directoin input')]) {
    assert.deepEqual(marked(text, 'unknown-statement'), ['match-directoin']);
    const [d] = findings(text, 'unknown-statement');
    assert.match(d!.message, /did you mean 'match-direction'\?/);
    assert.deepEqual(d!.data, { kind: 'replace', replacements: ['match-direction'] });
    assert.deepEqual(check(text).length, 1);
  }
});

test('unknown-statement: wrong case is named as such', () => {
  const [d] = findings('routing-options {\n    router-ID 10.0.0.2;\n}\n', 'unknown-statement');
  assert.match(d!.message, /case-sensitive; write 'router-id'/);
});

test('unknown-statement: a statement at the wrong level says where it belongs', () => {
  const text = '[edit interfaces]\nset ospf area 0.0.0.0 interface ge-0/0/1.0\n';
  assert.deepEqual(marked(text, 'unknown-statement'), ['ospf area']);
  assert.deepEqual(findings(text, 'unknown-statement')[0]!.data, { kind: 'move', toPath: ['protocols'] });
});

test('missing-value: a leaf without its value, in both forms', () => {
  assert.deepEqual(marked(edit(R2_CURLY, '            match-direction input;', '            match-direction;'), 'missing-value'), ['match-direction']);
  assert.deepEqual(marked(edit(R2_SET, 'rule-ike match-direction input', 'rule-ike match-direction'), 'missing-value'), ['match-direction']);
});

test('unexpected-value: a [ ] list given to a one-value leaf', () => {
  assert.deepEqual(marked(edit(R2_CURLY, '            match-direction input;', '            match-direction [ input output ];'), 'unexpected-value'), ['[ input output ]']);
});

test('undefined-group: apply-groups naming no group', () => {
  assert.deepEqual(marked(edit(R2_CURLY, 'interfaces {', 'apply-groups no-such-group;\ninterfaces {'), 'undefined-group'), ['no-such-group']);
});

test('delete-nonexistent: deleting what is not configured', () => {
  const text = edit(R2_SET, 'set interfaces ms-1/2/0 unit 0 family inet', 'set interfaces ms-1/2/0 unit 0 family inet\ndelete interfaces ge-9/9/9');
  assert.deepEqual(marked(text, 'delete-nonexistent'), ['interfaces ge-9/9/9']);
  assert.equal(findings(text, 'delete-nonexistent')[0]!.severity, 'warning');
});

test('invalid-command: rename without a new name', () => {
  const text = edit(R2_SET, 'set interfaces ms-1/2/0 unit 0 family inet', 'set interfaces ms-1/2/0 unit 0 family inet\nrename interfaces ms-1/2/0 unit 0 to');
  assert.equal(findings(text, 'invalid-command').length, 1);
});
