/**
 * test/ide/folding-memo.test.ts: the folding memo (ide/folding-ranges.ts `FoldingMemo`) keeps a set file's
 * top-level commands in its columns also after the document's first words changed past its word limit
 * (the words of the older version are forgotten at the next call), with the same regions as from scratch.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { FoldingMemo, foldingRegions } from '../../../server/src/ide/folding-ranges';
import { mirrorTree } from '../../../server/src/ide/tree-mirror';
import { initSyntax, SyntaxDocument } from '../../../server/src/syntax/parser';
import { LineIndex } from '../../../server/src/text/line-index';

before(async () => {
  await initSyntax();
});

/** A set file whose commands start with each of `firsts`, twice. */
function setFile(firsts: readonly string[]): string {
  return firsts.flatMap((w) => [`set ${w} a 1\n`, `set ${w} b 2\n`]).join('');
}

test('after the first words changed past the limit, the new ones are numbered again and the commands kept in columns', () => {
  const memo = new FoldingMemo(4);
  const copies = new Map<string, ReturnType<typeof mirrorTree>>();
  /** the regions of `text`, from the copy made for it before when `again` (the same nodes: kept by the memo) */
  const regionsOf = (text: string, again = false): void => {
    const copy = (again && copies.get(text)) || mirrorTree(new SyntaxDocument(text).tree);
    copies.set(text, copy);
    const lines = new LineIndex(text);
    assert.deepEqual(memo.regions(text, copy, lines, 'doc'), foldingRegions(text, copy, lines));
  };
  regionsOf(setFile(['system', 'interfaces', 'security', 'protocols']));
  assert.equal(memo.commandsInColumns('doc'), 8);
  // four other words: the limit is reached while the last version's words are still numbered
  const next = setFile(['snmp', 'routing-options', 'policy-options', 'firewall']);
  regionsOf(next);
  assert.equal(memo.commandsInColumns('doc'), 0, 'past the limit: kept by node');
  // the same nodes: those kept by node move into the columns
  regionsOf(next, true);
  assert.equal(memo.commandsInColumns('doc'), 8, 'the commands are kept in the columns again');
  regionsOf(setFile(['chassis', 'services', 'applications', 'groups']));
  regionsOf(setFile(['chassis', 'services', 'applications', 'groups']));
  assert.equal(memo.commandsInColumns('doc'), 8);
});
