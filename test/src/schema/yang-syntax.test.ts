/**
 * The YANG statement reader: quoted strings, `+` concatenation, escapes, comments, and recovery from
 * malformed text without throwing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYang } from '../../../server/src/schema/generator/yang-syntax';

test('reads keywords, arguments, blocks and prefixed extension statements', () => {
  const r = parseYang(`module m { prefix p; // trailing comment
    container services { /* block
      comment */ leaf x { type string; junos:must "(\\".. no-anti-replay\\")"; } } }`);
  assert.deepEqual(r.problems, []);
  const mod = r.statements[0]!;
  assert.equal(mod.keyword, 'module');
  assert.equal(mod.arg, 'm');
  const leaf = mod.children[1]!.children[0]!;
  assert.equal(leaf.keyword, 'leaf');
  const must = leaf.children.find((c) => c.keyword === 'junos:must')!;
  assert.equal(must.arg, '(".. no-anti-replay")');
  assert.equal(leaf.line, 3);
});

test('joins quoted strings with +, keeps single quotes verbatim and trims continuation indentation', () => {
  const r = parseYang(`pattern "abc" + 'd\\e' + "f";\n  description "line one\n     line two";`);
  assert.deepEqual(r.problems, []);
  assert.equal(r.statements[0]!.arg, 'abcd\\ef');
  assert.equal(r.statements[1]!.arg, 'line one\nline two');
});

test('keeps $ and <> inside patterns untouched', () => {
  const r = parseYang('type string { pattern "<.*>|$.*"; junos:posix-pattern "^[[:alnum:]][[:alnum:]_-]*$"; }');
  const t = r.statements[0]!;
  assert.equal(t.children[0]!.arg, '<.*>|$.*');
  assert.equal(t.children[1]!.arg, '^[[:alnum:]][[:alnum:]_-]*$');
});

test('malformed text yields statements plus problems, never a throw', () => {
  const r = parseYang('container a { leaf b { type string; } \n leaf c "unterminated');
  assert.ok(r.problems.length >= 1);
  assert.equal(r.statements[0]!.keyword, 'container');
  assert.equal(r.statements[0]!.children[0]!.arg, 'b');
  const stray = parseYang('} ; leaf x;');
  assert.ok(stray.problems.some((p) => p.includes("unexpected '}'")));
  assert.equal(stray.statements[0]!.arg, 'x');
});
