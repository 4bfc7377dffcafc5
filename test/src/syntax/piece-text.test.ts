/**
 * syntax/piece-text.ts: a text kept as pieces after random edits reads exactly as the plain string made by
 * the same edits (every span, every character, its length), past the piece limit and after `flatten`;
 * and a reparse through the pieces gives the tree a fresh parse of the text gives.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { initSyntax, SyntaxDocument } from '../../../server/src/syntax/parser';
import { MAX_PIECES, PieceText, READ_CHUNK } from '../../../server/src/syntax/piece-text';
import { assertSameAsFreshParse, MIXED_CONFIG } from './support';

const edit = fc.record({
  start: fc.double({ min: -0.1, max: 1.1, noNaN: true }),
  length: fc.integer({ min: -3, max: 40 }),
  inserted: fc.constantFrom('', 'x', '\n', 'set system host-name r1;\n', 'é😀', '{\n}', ' '),
  flatten: fc.boolean(),
});

/** The plain string after `text[start, end)` became `inserted`, with PieceText's clamping. */
function plainEdit(text: string, start: number, end: number, inserted: string): string {
  const s = Math.max(0, Math.min(Math.trunc(start) || 0, text.length));
  const e = Math.max(s, Math.min(Math.trunc(end) || 0, text.length));
  return text.slice(0, s) + inserted + text.slice(e);
}

function assertReadsAs(pieces: PieceText, expected: string, probes: readonly number[]): void {
  assert.equal(pieces.length, expected.length);
  assert.ok(pieces.pieceCount <= MAX_PIECES);
  // every character, read chunk by chunk as the parser does
  let read = '';
  for (let at = 0; at < expected.length; ) {
    const part = pieces.read(at);
    assert.ok(part.length > 0 && part.length <= READ_CHUNK);
    read += part;
    at += part.length;
  }
  assert.equal(read, expected);
  assert.equal(pieces.read(expected.length), '');
  for (const p of probes) {
    const at = Math.floor(p * (expected.length + 2)) - 1;
    assert.equal(pieces.charAt(at), expected.charAt(at), `charAt ${at}`);
    assert.equal(pieces.slice(at, at + 7), expected.slice(Math.max(0, at), Math.max(0, at + 7)), `slice ${at}`);
    // (a read stops at its piece's end)
    const read3 = pieces.read(at, 3);
    assert.ok(at < 0 || at >= expected.length ? read3 === '' : read3.length > 0 && expected.startsWith(read3, at), `read ${at}`);
  }
  assert.equal(pieces.text, expected);
}

test('pieces read as the plain string after random edits (past the piece limit, flattened between)', () => {
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 90 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }), (edits, probes) => {
      let plain = 'set interfaces ge-0/0/0 unit 0 family inet address 10.0.0.1/24\n'.repeat(30);
      let pieces = PieceText.of(plain);
      for (const e of edits) {
        const start = e.start * plain.length;
        const end = start + e.length;
        plain = plainEdit(plain, start, end, e.inserted);
        pieces = pieces.edited(start, end, e.inserted);
        if (e.flatten) pieces.flatten();
        assertReadsAs(pieces, plain, probes);
      }
      pieces.flatten();
      assertReadsAs(pieces, plain, probes);
      assert.equal(pieces.pieceCount, plain.length === 0 ? 0 : 1);
    }),
    { numRuns: 60 },
  );
});

test('a reparse through pieces (the caller\'s, and its own past the piece limit) equals a fresh parse; wrong pieces are not used', async () => {
  await initSyntax();
  const doc = new SyntaxDocument(MIXED_CONFIG);
  try {
    let pieces = PieceText.of(MIXED_CONFIG);
    for (let i = 0; i < MAX_PIECES + 10; i++) {
      const at = Math.floor(((i * 7919) % 997) / 997 * doc.text.length);
      const inserted = i % 5 === 0 ? '\n' : i % 3 === 0 ? ';' : 'x';
      pieces = pieces.edited(at, at + (i % 4 === 0 ? 1 : 0), inserted);
      // every other edit hands the caller's pieces over, the others let the document make its own
      if (i % 2 === 0) doc.applyEdit(at, at + (i % 4 === 0 ? 1 : 0), inserted, pieces);
      else doc.applyEdit(at, at + (i % 4 === 0 ? 1 : 0), inserted);
      assert.equal(doc.text, pieces.text);
      assertSameAsFreshParse(doc, `edit ${i}`);
    }
    // pieces of the right length that do not hold the written text there are not taken
    const wrong = PieceText.of('x'.repeat(doc.text.length + 1));
    const expected = `#${doc.text}`;
    doc.applyEdit(0, 0, '#', wrong);
    assert.equal(doc.text, expected);
    assertSameAsFreshParse(doc);
  } finally {
    doc.dispose();
  }
});
