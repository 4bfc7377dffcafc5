/**
 * wire/replay-window.ts: the ESP anti-replay window (RFC 4303 section 3.4.3, 32-bit sequence numbers).
 * Owns: a sliding bitmap of any size 32..4096 (Junos `anti-replay-window-size`), or a disabled window
 *   (`no-anti-replay`) that accepts everything.
 * Must not know: ESP framing or keys.
 * Invariants: `check` never changes state (callers check before the integrity check and `accept` after it,
 *   as the RFC orders them); a sequence number is accepted at most once; numbers at or below
 *   highest - size are refused; 0 is never valid.
 * Tests: test/src/engine/replay-window.test.ts (fast-check against a set-based model)
 */

export type ReplayVerdict = 'ok' | 'replayed' | 'too-old' | 'zero';

export const MIN_REPLAY_WINDOW = 32;
export const MAX_REPLAY_WINDOW = 4096;

export class ReplayWindow {
  /** Window size in packets; 0 when anti-replay is disabled. */
  readonly size: number;
  private highestSeen = 0;
  private readonly bits: Uint32Array;

  /** `size` 0 disables the window; other sizes must be within 32..4096 (clamped otherwise). */
  constructor(size: number) {
    this.size = size === 0 ? 0 : Math.min(MAX_REPLAY_WINDOW, Math.max(MIN_REPLAY_WINDOW, Math.floor(size)));
    this.bits = new Uint32Array(Math.ceil(this.size / 32));
  }

  get enabled(): boolean {
    return this.size > 0;
  }

  /** The highest sequence number accepted so far (0 before the first). */
  get highest(): number {
    return this.highestSeen;
  }

  private bit(sequence: number): boolean {
    const index = sequence % this.size;
    return (this.bits[index >>> 5]! & (1 << (index & 31))) !== 0;
  }

  private setBit(sequence: number, on: boolean): void {
    const index = sequence % this.size;
    if (on) this.bits[index >>> 5]! |= 1 << (index & 31);
    else this.bits[index >>> 5]! &= ~(1 << (index & 31));
  }

  /** Whether a packet with this sequence number may be processed further (no state change). */
  check(sequence: number): ReplayVerdict {
    if (!this.enabled) return 'ok';
    if (sequence === 0) return 'zero';
    if (sequence > this.highestSeen) return 'ok';
    if (this.highestSeen - sequence >= this.size) return 'too-old';
    return this.bit(sequence) ? 'replayed' : 'ok';
  }

  /** Records a sequence number after its packet passed the integrity check. */
  accept(sequence: number): void {
    if (!this.enabled || this.check(sequence) !== 'ok') return;
    if (sequence > this.highestSeen) {
      const advance = sequence - this.highestSeen;
      if (advance >= this.size) this.bits.fill(0);
      else for (let s = this.highestSeen + 1; s <= sequence; s++) this.setBit(s, false);
      this.highestSeen = sequence;
    }
    this.setBit(sequence, true);
  }
}
