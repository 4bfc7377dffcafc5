/**
 * net/clock.ts: simulated (virtual) time for the engine: retransmissions, lifetimes, DPD intervals and
 * link latency advance instantly and reproducibly.
 * Owns: the current virtual time in milliseconds, one-shot and repeating timers, running due timers in
 *   order (by due time, then by the order they were scheduled).
 * Must not know: what timers do; never reads the real clock.
 * Invariants: time never goes backwards; a timer scheduled while timers run fires in the same advance if
 *   it falls due within it; a cancelled timer never fires; runUntilIdle is bounded (no hang on a timer
 *   that keeps rescheduling itself).
 * Tests: test/src/engine/net.test.ts
 */

export interface TimerHandle {
  readonly dueAt: number;
  cancel(): void;
}

interface Timer {
  dueAt: number;
  readonly order: number;
  readonly fire: () => void;
  cancelled: boolean;
  readonly intervalMs?: number;
}

function earlier(a: Timer, b: Timer): boolean {
  return a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.order < b.order);
}

export class SimulatedClock {
  private current = 0;
  private nextOrder = 0;
  private readonly heap: Timer[] = [];

  /** Virtual milliseconds since the start of the simulation. */
  now(): number {
    return this.current;
  }

  /** Timers not yet fired or cancelled. */
  pendingCount(): number {
    return this.heap.filter((timer) => !timer.cancelled).length;
  }

  /** Runs `fire` once, `delayMs` from now (0 = at the current time, after already-due timers). */
  setTimeout(fire: () => void, delayMs: number): TimerHandle {
    return this.schedule(fire, Math.max(0, delayMs), undefined);
  }

  /** Runs `fire` every `intervalMs` (> 0) until cancelled. */
  setInterval(fire: () => void, intervalMs: number): TimerHandle {
    return this.schedule(fire, Math.max(1, intervalMs), Math.max(1, intervalMs));
  }

  private schedule(fire: () => void, delayMs: number, intervalMs: number | undefined): TimerHandle {
    const timer: Timer = { dueAt: this.current + delayMs, order: this.nextOrder++, fire, cancelled: false, ...(intervalMs === undefined ? {} : { intervalMs }) };
    this.push(timer);
    const handle: TimerHandle = {
      get dueAt() { return timer.dueAt; },
      cancel: () => { timer.cancelled = true; },
    };
    return handle;
  }

  /** Moves time forward by `ms`, firing every timer that falls due; returns how many fired. */
  advance(ms: number): number {
    return this.advanceTo(this.current + Math.max(0, ms));
  }

  /** Moves time to `time` (never backwards), firing due timers in order. */
  advanceTo(time: number): number {
    let fired = 0;
    for (;;) {
      const next = this.peek();
      if (next === undefined || next.dueAt > time) break;
      this.pop();
      this.current = Math.max(this.current, next.dueAt);
      if (next.intervalMs !== undefined) {
        next.dueAt += next.intervalMs;
        this.push(next);
      }
      next.fire();
      fired++;
    }
    this.current = Math.max(this.current, time);
    return fired;
  }

  /**
   * Fires timers in order, jumping time to each, until none is left or the next one is more than
   * `limitMs` after the start (repeating timers would otherwise run forever). Returns how many fired.
   */
  runUntilIdle(limitMs = 24 * 3600 * 1000): number {
    const stopAt = this.current + limitMs;
    let fired = 0;
    for (;;) {
      const next = this.peek();
      if (next === undefined || next.dueAt > stopAt) return fired;
      fired += this.advanceTo(next.dueAt);
    }
  }

  private peek(): Timer | undefined {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.pop();
    return this.heap[0];
  }

  private push(timer: Timer): void {
    const heap = this.heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!earlier(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private pop(): Timer | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last !== undefined) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && earlier(heap[left]!, heap[smallest]!)) smallest = left;
        if (right < heap.length && earlier(heap[right]!, heap[smallest]!)) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
        i = smallest;
      }
    }
    return top;
  }
}
