/**
 * lsp/idle-collector.ts: gives the garbage of a server process's bursts back to the system once the process
 *   has been idle for a while.
 * Owns: when to force a full garbage collection (`IdleCollector`, a policy over a `HeapProbe`) and the
 *   process's probe and timer (`startIdleCollection`). A full analysis of a large configuration leaves most
 *   of what it allocated as garbage in an old space grown for the burst; V8 neither collects it nor
 *   returns the pages while no allocation asks for it (its memory reducer did not start in 24 s of idle
 *   after three full analyses, measured at 100,000 lines curly: 419 MB resident throughout). Full
 *   collections in idle time, the first to free the garbage, the second compacting (it moves what
 *   survives on the pages the first left sparse, so V8 can give those back), brought that to 197 MB (set
 *   form: 977 -> 410 MB; two plain collections: 214 / 472 MB; measured in one process,
 *   scripts/bench/idle-gc-bench.js). In the server (scripts/bench/lsp-bench.js, 100k lines, RSS after the
 *   bench's last edits, then after 6 s idle): curly 452-486 -> 272-273 MB, set 1,022-1,195 -> 644-646 MB.
 *   (Not done: a third collection some seconds later so V8 shrinks its young generation, 32 -> 2 MB
 *   committed, as it did in one process after 5 s of low allocation; in the server it did not shrink.) The cost is the pause of a full collection (measured 90-290 ms
 *   curly, 420 ms set; the compacting one 180-530 ms curly, 0.9 s set in one process, up to 3 s in the
 *   set-form server while 2 cores were shared with other jobs): a request arriving during it waits. So
 *   each runs only after the event loop was idle for `idleTicks` ticks in a row (one before the second
 *   round), only when the heap grew by `minGarbage` bytes and a quarter over what was live after the last
 *   collection (a burst: a full analysis, not a keystroke's incremental one), and at most `rounds` times
 *   per growth.
 * Must not know: anything of the server's work (idleness is read from the event loop, not from requests).
 * Invariants: never throws (a probe that fails stops nothing but the collection); the timer does not keep
 *   the process alive; without a way to force a collection (`gc` could not be exposed) nothing is started.
 * Tests: test/src/lsp/idle-collector.test.ts
 */
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** What the policy reads and does; the process's own in `startIdleCollection`, a fake in tests. */
export interface HeapProbe {
  /** bytes of the V8 heap in use (live and garbage) */
  used(): number;
  /** bytes the V8 heap has committed */
  committed(): number;
  /** the share of the time since the previous call the event loop was busy (0..1) */
  busyShare(): number;
  /** forces a full collection; `compacting`: one that also moves the survivors of sparse pages together
   *  (V8 compacts only the pages its heuristics pick, otherwise) so the pages can be given back */
  collect(compacting: boolean): void;
}

export interface IdleCollectorOptions {
  /** idle ticks in a row before the first collection of a growth (default 3; before the second: 1) */
  readonly idleTicks?: number;
  /** a tick whose busy share is below this is idle (default 0.05) */
  readonly idleBelow?: number;
  /** the heap must have grown by this many bytes over the live size after the last collection (default 48 MB) */
  readonly minGarbage?: number;
  /** and by this share of that live size (default 0.25) */
  readonly growth?: number;
  /** collections per growth at most (default 2: plain, then compacting) */
  readonly rounds?: number;
}

const MB = 1024 * 1024;

export class IdleCollector {
  private readonly idleTicks: number;
  private readonly idleBelow: number;
  private readonly minGarbage: number;
  private readonly growth: number;
  private readonly rounds: number;
  /** bytes in use after the last collection (0: none yet) */
  private live = 0;
  /** idle ticks in a row */
  private idle = 0;
  /** collections done since the heap last grew */
  private done = 0;

  constructor(
    private readonly probe: HeapProbe,
    options: IdleCollectorOptions = {},
  ) {
    this.idleTicks = options.idleTicks ?? 3;
    this.idleBelow = options.idleBelow ?? 0.05;
    this.minGarbage = options.minGarbage ?? 48 * MB;
    this.growth = options.growth ?? 0.25;
    this.rounds = options.rounds ?? 2;
  }

  /** One tick of the timer; returns whether it collected. */
  tick(): boolean {
    const used = this.probe.used();
    if (used > this.live * (1 + this.growth) + this.minGarbage) this.done = 0; // grew: a new burst's garbage
    if (this.probe.busyShare() >= this.idleBelow) {
      this.idle = 0;
      return false;
    }
    // a further (compacting) round follows the last one after one idle tick: the pages it frees go back at once
    if (++this.idle < (this.done === 0 ? this.idleTicks : 1) || this.done >= this.rounds) return false;
    if (!this.worth(used)) return false;
    this.probe.collect(this.done > 0);
    this.done++;
    this.idle = 0;
    this.live = this.probe.used();
    this.probe.busyShare(); // the collection's own pause is not work: idleness is counted from its end
    return true;
  }

  /** Whether the next round is worth its pause: the first needs the growth; a further (compacting) one
   *  moves what the last left on sparse pages, worth it while V8 keeps much more committed than is used. */
  private worth(used: number): boolean {
    if (this.done === 0) return used > this.live * (1 + this.growth) + this.minGarbage;
    return this.probe.committed() > used * (1 + this.growth) + this.minGarbage;
  }
}

/** `gc` of this process, exposed at run time; undefined when V8 refuses. */
function exposedGc(): ((compacting: boolean) => void) | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('gc');
    if (typeof gc !== 'function') return undefined;
    return (compacting) => {
      if (!compacting) return void (gc as () => unknown)();
      v8.setFlagsFromString('--compact-on-every-full-gc');
      try {
        (gc as () => unknown)();
      } finally {
        v8.setFlagsFromString('--no-compact-on-every-full-gc');
      }
    };
  } catch {
    return undefined;
  }
}

/** The process's own probe: V8's heap statistics, the event loop's utilization, the exposed `gc`. */
function processProbe(gc: (compacting: boolean) => void): HeapProbe {
  let last: EventLoopUtilization = performance.eventLoopUtilization();
  return {
    used: () => v8.getHeapStatistics().used_heap_size,
    committed: () => v8.getHeapStatistics().total_heap_size,
    busyShare: () => {
      const now = performance.eventLoopUtilization();
      const share = performance.eventLoopUtilization(now, last).utilization;
      last = now;
      return share;
    },
    collect: gc,
  };
}

/** Starts collecting this process's garbage when idle (a tick every `everyMs`: with the default options the
 *  first collection comes after 1.5 s of idle, the compacting one half a second after it); returns whether
 *  it started. */
export function startIdleCollection(everyMs = 500, options: IdleCollectorOptions = {}): boolean {
  const gc = exposedGc();
  if (!gc) return false;
  const collector = new IdleCollector(processProbe(gc), options);
  let failed = false;
  const timer = setInterval(() => {
    if (failed) return;
    try {
      collector.tick();
    } catch {
      failed = true;
      clearInterval(timer);
    }
  }, everyMs);
  timer.unref();
  return true;
}
