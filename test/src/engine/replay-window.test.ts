// Anti-replay window (RFC 4303 3.4.3): fast-check against a naive set-based model for sizes 32..4096,
// edge cases at the window boundary, the disabled mode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ReplayWindow } from '../../../engine/src/wire/replay-window';

/** The naive model: every accepted number kept in a set; accept iff new and within `size` of the highest. */
class SetModel {
  private readonly seen = new Set<number>();
  private highest = 0;
  constructor(private readonly size: number) {}
  offer(sequence: number): boolean {
    if (sequence === 0) return false;
    if (sequence <= this.highest && (this.highest - sequence >= this.size || this.seen.has(sequence))) return false;
    this.seen.add(sequence);
    this.highest = Math.max(this.highest, sequence);
    return true;
  }
}

test('the bitmap window agrees with the set model (fast-check, sizes 32..4096)', () => {
  const size = fc.oneof(fc.constantFrom(32, 64, 128, 1024, 4096), fc.integer({ min: 32, max: 4096 }));
  fc.assert(fc.property(size, fc.array(fc.integer({ min: -80, max: 200 }), { minLength: 1, maxLength: 300 }), fc.integer({ min: 0, max: 5000 }), (windowSize, steps, base) => {
    const window = new ReplayWindow(windowSize);
    const model = new SetModel(windowSize);
    let cursor = base;
    for (const step of steps) {
      // Mostly forward, sometimes back, sometimes a large jump (step scaled by the window size).
      cursor = Math.max(0, cursor + (Math.abs(step) > 190 ? step * windowSize : step));
      const expected = model.offer(cursor);
      const verdict = window.check(cursor);
      assert.equal(verdict === 'ok', expected, `size ${windowSize} seq ${cursor}: ${verdict}`);
      if (verdict === 'ok') window.accept(cursor);
    }
  }), { numRuns: 300 });
});

test('boundary: highest - size + 1 is inside, highest - size is too old', () => {
  const window = new ReplayWindow(64);
  window.accept(100);
  assert.equal(window.check(37), 'ok');
  assert.equal(window.check(36), 'too-old');
  assert.equal(window.check(100), 'replayed');
  assert.equal(window.check(0), 'zero');
  window.accept(37);
  assert.equal(window.check(37), 'replayed');
  window.accept(164); // slides by 64: 100 is now exactly at the old edge
  assert.equal(window.check(100), 'too-old');
  assert.equal(window.check(101), 'ok');
  window.accept(10_000); // a jump larger than the window clears it
  assert.equal(window.check(9_999), 'ok');
  assert.equal(window.check(10_000), 'replayed');
});

test('check does not change state; sizes are clamped to 32..4096; 0 disables', () => {
  const window = new ReplayWindow(128);
  assert.equal(window.check(5), 'ok');
  assert.equal(window.check(5), 'ok');
  assert.equal(window.highest, 0);
  assert.equal(new ReplayWindow(10).size, 32);
  assert.equal(new ReplayWindow(100_000).size, 4096);
  const off = new ReplayWindow(0);
  off.accept(5);
  assert.equal(off.enabled, false);
  assert.equal(off.check(5), 'ok');
});
