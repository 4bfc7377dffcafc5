/** analysis/syntax.ts: one diagnostic per brace mistake, at the right place, consequences folded in. */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, check, edit, marked, position, R2_CURLY, ready } from './support/check';

before(ready);

test('a block never closed: one syntax error at the end, statements it swallowed folded into it', () => {
  const text = edit(R2_CURLY, '    }\n}\n', '    }\n'); // `interfaces` loses its closing brace
  const result = analyzeText('snippet', text).diagnostics;
  assert.deepEqual(check(text), [`${position(text, text.trimEnd().length)} error[syntax-error]`]);
  const d = result[0]!;
  assert.match(d.message, /'interfaces \{' is never closed: add '\}'/);
  assert.equal(position(text, d.related[0]!.start), '1:12');
  // `protocols` and `services` now read inside `interfaces`: reported only as consequences
  assert.ok(d.related.some((r) => r.message.startsWith('consequence:') && text.slice(r.start, r.end) === 'ospf'));
});

test('a } with no opening brace', () => {
  const text = 'interfaces {\n    ge-0/0/1 {\n        description "to R3";\n    }\n}\n}\n';
  assert.deepEqual(check(text), ['6:1 error[syntax-error]']);
  assert.deepEqual(marked(text, 'syntax-error'), ['}']);
});

test("an empty 'family inet { }' that takes its parent's brace: reported at the extra '}', cause in related", () => {
  const text = [
    'interfaces {',
    '    ms-1/2/0 {',
    '        unit 0 {',
    '            family inet {',
    '        }',
    '        unit 1 {',
    '            family inet;',
    '        }',
    '    }',
    '}',
    '}',
    '',
  ].join('\n');
  const ds = analyzeText('snippet', text).diagnostics;
  assert.deepEqual(check(text), ['11:1 error[syntax-error]']);
  assert.equal(position(text, ds[0]!.related[0]!.start), '4:25');
  assert.ok(ds[0]!.related.some((r) => position(text, r.start) === '6:9' && r.message.startsWith('consequence:')));
});

test('sloppy indentation alone is not a syntax error', () => {
  const text = 'interfaces {\n  ge-0/0/1 {\n      description x;\n}\n}\n';
  assert.deepEqual(check(text), []);
});

test('set form: an unterminated quote is reported where it starts', () => {
  const text = 'set interfaces ge-0/0/1 description "to R3\n';
  const ds = analyzeText('snippet', text).diagnostics.filter((d) => d.code === 'syntax-error');
  assert.ok(ds.length === 1, JSON.stringify(ds));
  assert.equal(text.slice(ds[0]!.start, ds[0]!.start + 1), '"');
});

test('set form: a quote left open runs into the next commands; one error at the opening quote', () => {
  const text = [
    'set interfaces ge-0/0/1 description "to R3',
    'set interfaces ge-0/0/1 unit 0 family inet address 10.1.15.1/30',
    'set interfaces ge-0/0/2 description "to R4 ge-0/0/0"',
    'set interfaces ge-0/0/2 unit 0 family inet address 10.1.16.1/30',
    '',
  ].join('\n');
  assert.deepEqual(check(text), ['1:37 error[syntax-error]']);
  const [d] = analyzeText('snippet', text).diagnostics;
  assert.match(d!.message, /not closed on its line/);
  assert.ok(d!.related.every((r) => r.message.startsWith('consequence:')));
});
