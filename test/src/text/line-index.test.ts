import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../../server/src/text/line-index';

test('positions and offsets round-trip over LF, CRLF and CR line ends', () => {
  const text = 'system {\n    host-name R2;\r\n}\rinterfaces;';
  const index = new LineIndex(text);
  assert.equal(index.lineCount, 4);
  for (let offset = 0; offset <= text.length; offset++) {
    const pos = index.positionAt(offset);
    const back = index.offsetAt(pos);
    // offsets inside a CRLF pair map to the end of the line's content
    if (text[offset - 1] === '\r' && text[offset] === '\n') continue;
    assert.equal(back, offset, `offset ${offset} -> ${JSON.stringify(pos)}`);
  }
  assert.deepEqual(index.positionAt(text.indexOf('host-name')), { line: 1, character: 4 });
  assert.equal(index.lineText(1), '    host-name R2;');
  assert.equal(index.lineText(2), '}');
  assert.equal(index.lineText(3), 'interfaces;');
});

test('out-of-range positions clamp instead of throwing', () => {
  const index = new LineIndex('a;\nb;');
  assert.deepEqual(index.positionAt(-5), { line: 0, character: 0 });
  assert.deepEqual(index.positionAt(99), { line: 1, character: 2 });
  assert.equal(index.offsetAt({ line: 7, character: 0 }), 5);
  assert.equal(index.offsetAt({ line: 0, character: 40 }), 2);
  assert.equal(index.lineText(9), '');
});

test('characters count UTF-16 code units as LSP does', () => {
  const text = 'description "Zürich 🚀 link";\nunit 0;';
  const index = new LineIndex(text);
  assert.deepEqual(index.positionAt(text.indexOf('unit')), { line: 1, character: 0 });
  assert.deepEqual(index.positionAt(text.indexOf('link')), { line: 0, character: text.indexOf('link') });
});

test('LF-only texts (found by a native search) and texts with CR (a character loop) agree with splitting the lines', () => {
  let seed = 3;
  const pick = (s: string): string => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return s[seed % s.length]!;
  };
  for (let round = 0; round < 200; round++) {
    const crlf = round % 2 === 1;
    let text = '';
    for (let i = 0; i < round % 40; i++) text += pick('ab \n\n{}');
    if (crlf) text = text.replace(/\n/g, '\r\n');
    const index = new LineIndex(text);
    const lines = text.split(crlf ? '\r\n' : '\n');
    assert.equal(index.lineCount, lines.length, JSON.stringify(text));
    let offset = 0;
    lines.forEach((line, n) => {
      for (let c = 0; c <= line.length; c++) {
        assert.deepEqual(index.positionAt(offset + c), { line: n, character: c }, `${JSON.stringify(text)} at ${offset + c}`);
        assert.equal(index.offsetAt({ line: n, character: c }), offset + c);
      }
      assert.equal(index.lineText(n), line);
      offset += line.length + (crlf ? 2 : 1);
    });
  }
});

test('an index made from the one before an edit equals a fresh one; the one before still answers for its text', () => {
  let seed = 99;
  const next = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pieces = ['a', 'bc', '\n', '\n\n', ' ', 'x\ny', '\r\n', '{', ''];
  let text = 'system {\n    host-name R2;\n}\n';
  let index = new LineIndex(text);
  for (let run = 0; run < 600; run++) {
    const start = Math.floor(next() * (text.length + 1));
    const end = Math.min(text.length, start + Math.floor(next() * 6));
    // a carriage return now and then (the index is then built afresh, and stays so while the text has one)
    const inserted = pieces[Math.floor(next() * (run % 50 === 49 ? pieces.length : pieces.length - 3))]!;
    const before = index;
    const beforeText = text;
    text = text.slice(0, start) + inserted + text.slice(end);
    index = LineIndex.afterEdit(before, start, end, inserted, text);
    const fresh = new LineIndex(text);
    assert.equal(index.lineCount, fresh.lineCount, `run ${run}`);
    for (let offset = 0; offset <= text.length; offset++) assert.deepEqual(index.positionAt(offset), fresh.positionAt(offset), `run ${run} offset ${offset}`);
    const old = new LineIndex(beforeText);
    for (let offset = 0; offset <= beforeText.length; offset += 3) assert.deepEqual(before.positionAt(offset), old.positionAt(offset));
    if (text.length > 400) {
      text = text.slice(0, 200);
      index = new LineIndex(text);
    }
  }
});
