/**
 * The analysis never throws and keeps every span inside its document, whatever the text: random edits of
 * the seed's files (characters deleted, braces and words inserted, lines swapped), checked with fast-check.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeText, readRepoFile, ready, R2_CURLY, R2_SET } from './support/check';

before(ready);

const BASES = [R2_CURLY, R2_SET, readRepoFile('examples/seed-as-published/r3.conf'), readRepoFile('examples/seed-as-published/r2-step-by-step.set')];
const INSERTS = ['{', '}', ';', '[', ']', '"', '\n', ' set ', ' unit 1 ', ' family inet { ', ' [edit services] ', ' inactive: ', '/* x ', '$9$abc', ' delete ', ' 99999999999999999999 '];

const edits = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...INSERTS) }),
  ),
  { minLength: 1, maxLength: 6 },
);

test('random edits: no throw, every diagnostic and related place inside the document, no secret shown', () => {
  fc.assert(
    fc.property(fc.constantFrom(...BASES.keys()), edits, (which, changes) => {
      let text = BASES[which]!;
      for (const c of changes) {
        const at = c.at % (text.length + 1);
        text = c.kind === 'delete' ? text.slice(0, at) + text.slice(at + c.length) : text.slice(0, at) + c.text + text.slice(at);
      }
      const { diagnostics } = analyzeText('doc', text);
      for (const d of diagnostics) {
        assert.ok(d.start >= 0 && d.start <= d.end && d.end <= text.length, `${d.code} ${d.start}-${d.end} of ${text.length}`);
        for (const r of d.related) assert.ok(r.start >= 0 && r.end <= text.length && r.start <= r.end, `${d.code} related`);
        assert.ok(!/Hk5FCtO1hr|keyfordemo/.test(d.message + d.related.map((r) => r.message).join('')), d.message);
      }
    }),
    { numRuns: 150, seed: 7 },
  );
});
