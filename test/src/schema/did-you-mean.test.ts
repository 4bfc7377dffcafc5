/**
 * did-you-mean ranking: case-insensitive first, then edit distance, bounded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { didYouMean, editDistance } from '../../../server/src/schema/did-you-mean';

test('router-ID suggests router-id first', () => {
  assert.deepEqual(didYouMean('router-ID', ['route-distinguisher-id', 'router-id', 'rib', 'resolution'])[0], 'router-id');
});

test('typos within the bound are suggested, far words are not', () => {
  assert.deepEqual(didYouMean('proposal', ['proposals', 'policy', 'description']), ['proposals']);
  assert.deepEqual(didYouMean('pre-shared', ['pre-shared-key', 'proposals', 'mode']), ['pre-shared-key']);
  assert.deepEqual(didYouMean('xyz', ['interfaces', 'protocols']), []);
  assert.deepEqual(didYouMean('agresive', ['main', 'aggressive']), ['aggressive']);
});

test('edit distance counts a swap of neighbours as one edit', () => {
  assert.equal(editDistance('ecnryption', 'encryption'), 1);
  assert.equal(editDistance('abc', 'abc'), 0);
  assert.equal(editDistance('', 'abc'), 3);
});
