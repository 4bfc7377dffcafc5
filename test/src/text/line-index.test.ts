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
