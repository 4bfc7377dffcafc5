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
