// The stale-snapshot rule's text facts carried over an edit (lsp/text-facts.ts) equal the facts of the
// edited text found from scratch: random edits of realistic configs in both forms, with set-form level
// commands (`edit`, `top`, `[edit ...]`) and lines starting with braces, comments and blanks typed in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { generateLargeConfig } from '../fixtures/large-config';
import { changesLevels, editedTextFacts, scanTextFacts, topLevelEnd, topLevelStart } from '../../../server/src/lsp/text-facts';

const PIECES = ['\n', '\n\n', 'x', ' ', '}', '#', '/* c */', '\nedit services', '\ntop\n', '\n[edit interfaces]\n', 'up', '\n    set a b\n', 'set system host-name r1\n', '\t', '\r\n'];

function applied(text: string, start: number, oldEnd: number, inserted: string): string {
  return text.slice(0, start) + inserted + text.slice(oldEnd);
}

for (const form of ['curly', 'set'] as const) {
  test(`text facts carried over random edits equal a fresh scan (${form})`, () => {
    const base = generateLargeConfig({ lines: 400, form, seed: 11 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.nat(40), fc.array(fc.constantFrom(...PIECES), { maxLength: 4 })), { minLength: 1, maxLength: 12 }),
        (edits) => {
          let text = base;
          let facts = scanTextFacts(text);
          for (const [at, removed, pieces] of edits) {
            const start = at % (text.length + 1);
            const oldEnd = Math.min(text.length, start + removed);
            const inserted = pieces.join('');
            text = applied(text, start, oldEnd, inserted);
            facts = editedTextFacts(facts, text, { start, oldEnd, newEnd: start + inserted.length });
            const fresh = scanTextFacts(text);
            assert.deepEqual([...facts.topLevelLines], [...fresh.topLevelLines]);
            assert.deepEqual([...facts.levelLines], [...fresh.levelLines]);
          }
        },
      ),
      { numRuns: 150, seed: form === 'set' ? 7 : 8 },
    );
  });
}

test('text facts: top-level lines and level commands of a set file', () => {
  const text = 'set system host-name r1\n    set a b\n}\n# note\nedit services\n  up 2\ntop\n[edit interfaces]\nset x\n';
  const facts = scanTextFacts(text);
  const starts = (s: string) => text.indexOf(s);
  assert.deepEqual([...facts.topLevelLines], [starts('set system'), starts('edit services'), starts('top'), starts('[edit'), starts('set x')]);
  assert.deepEqual([...facts.levelLines], [starts('edit services'), starts('  up 2'), starts('top'), starts('[edit')]);
  assert.equal(changesLevels(facts), true);
  // the top-level statement around an offset: from its line to the line break before the next one
  assert.equal(topLevelStart(facts, starts('set a b')), starts('set system'));
  assert.equal(topLevelEnd(facts, starts('set a b'), text.length), starts('edit services') - 1);
  assert.equal(topLevelStart(facts, starts('set x') + 2), starts('set x'));
  assert.equal(topLevelEnd(facts, starts('set x'), text.length), text.length);
  assert.equal(topLevelStart(scanTextFacts('  indented\n'), 3), 0);
  assert.equal(changesLevels(scanTextFacts('set a b\nset editor x\n')), false);
});
