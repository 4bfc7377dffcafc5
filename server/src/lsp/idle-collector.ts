/**
 * lsp/idle-collector.ts: gives the garbage of a server process's bursts back to the system once the process
 *   has been idle for a while.
 * Owns: when to force a garbage collection (`IdleCollector`, a policy over a `HeapProbe`) and the process's
 *   probe and timer (`startIdleCollection`). A full analysis of a large configuration leaves most of what it
 *   allocated as garbage in an old space grown for the burst; V8 neither collects it nor returns the pages
 *   while no allocation asks for it (its memory reducer did not start in 24 s of idle after three full
 *   analyses, measured at 100,000 lines curly: 419 MB resident throughout). Three things are given back:
 *   - the garbage, by a full collection once idle;
 *   - the old space's sparse pages: a plain full collection leaves what survives spread over the burst's
 *     pages (100,000 set lines in the server: old space 270-282 MB committed for 220 used) and V8's own
 *     compaction moves at most 4 MB per collection; a compacting one (`--compact-on-every-full-gc` for one
 *     collection) packs it (225 committed). So a plain round frees the garbage and a compacting one follows
 *     while the old generation keeps `minSlack` bytes and `slackShare` of what is used more committed than
 *     used (the former rule, committed including the young generation's 32 MB against used + 25% + 48 MB,
 *     never let the compacting round run at 100k set). One compacting collection instead of the two
 *     (`firstCompacting`) costs less CPU (in one process, scripts/bench/idle-gc-bench.js, set, after 3 full
 *     analyses: 0.5 s against 0.26 + 0.74 s) but copies the survivors while the burst's garbage is still
 *     mapped: RSS rose to 1,092-1,237 MB for a moment in the server, over the burst's own peak (965-1,030),
 *     against 780 MB with the plain round first;
 *   - the young generation (new space): grown to 2 x 16 MB semi-spaces by a burst, V8 shrinks it after a
 *     collection only when the allocation rate it measured over the last 5 s is low (`Heap::
 *     ReduceNewSpaceSize`), so a collection right after a burst never does (nor `gc({flavor:
 *     'last-resort'})`, which Node 20 ignores, nor compacting ones) and nothing collects once idle. A
 *     young-generation collection (a scavenge of an empty young generation: ~1-15 ms) after 12 idle ticks
 *     (6 s, > 5 s) since the last collection does: 32 -> 1 MB committed. Once per quiet spell (a busy tick
 *     starts another), only while it has more than `youngFloor` committed. (`--max-semi-space-size` at
 *     launch would cap it during bursts too, at a CPU cost: process-heap.ts.)
 *   Measured in the server (scripts/bench/lsp-bench.js, 100k lines, RSS after 10 s idle; memory probe for
 *   the split): set 563-639 -> 477-528 MB (old space 270 -> 225 MB committed for 220 used, young 32 -> 1 MB;
 *   the lower figure with the launch environment of process-heap.ts; the 10 s mark may fall before the
 *   young round when the compacting pause is long), curly 262-289 -> 211-231 MB. The cost is the pauses:
 *   at 100k set the plain collection 0.26 s CPU (0.7-1.1 s wall while 2 cores were shared by 6 jobs), the
 *   compacting one 0.74 s CPU (1.9-2.4 s wall then), the young one 1-15 ms; a request arriving during one
 *   waits. The first edit after the young generation was shrunk costs the same CPU as without (in one
 *   process, 58-83 ms both ways on that machine; ~600 more minor page faults while it grows back). So a
 *   full round runs only after the event loop was idle for `idleTicks` ticks in a row (one before a further
 *   round), only when the heap grew by `minGarbage` bytes and a quarter over what was live after the last
 *   collection (a burst: a full analysis, not a keystroke's incremental one), and at most `rounds` times per
 *   growth. Before the first round of a growth the holders registered with `releaseBeforeIdleCollection`
 *   drop what they can make again (the semantic tokens' JSON pieces and spare buffer), so it frees that too.
 * Must not know: anything of the server's work (idleness is read from the event loop, not from requests).
 * Invariants: never throws (a probe that fails stops nothing but the collection); the timer does not keep
 *   the process alive; without a way to force a collection (`gc` could not be exposed) nothing is started.
 * Tests: test/src/lsp/idle-collector.test.ts (policy on a fake heap; a child process whose young
 *   generation the real collection shrinks)
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
  /** tells the holders of memory that can be made again to let go of it (`releaseBeforeIdleCollection`) */
  release(): void;
  /** forces a full collection; `compacting`: one that also moves the survivors of sparse pages together
   *  (V8 compacts only the pages its heuristics pick, otherwise) so the pages can be given back */
  collect(compacting: boolean): void;
  /** bytes the young generation (V8's new space: two semi-spaces) has committed */
  youngCommitted(): number;
  /** forces a young-generation collection (a scavenge: about a millisecond when the young generation is empty) */
  collectYoung(): void;
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
  /** collections per growth at most (default 2: the second only while the first left slack) */
  readonly rounds?: number;
  /** whether the first round of a growth compacts too (default false: a plain one, then a compacting one
   *  while there is slack; true: one collection, less CPU, but a higher peak while it copies) */
  readonly firstCompacting?: boolean;
  /** a further round compacts only when the old generation has this many bytes committed but unused
   *  (default 16 MB) */
  readonly minSlack?: number;
  /** and this share of the bytes in use (default 0.08) */
  readonly slackShare?: number;
  /** idle ticks in a row after the last collection before the young generation's (default 12; V8 shrinks
   *  its young generation after a collection only when the allocation rate it measured over the last 5 s
   *  is low, so this must span more than 5 s) */
  readonly youngIdleTicks?: number;
  /** the young generation's collection runs only when it has more than this many bytes committed
   *  (default 4 MB; shrunk, it has 1-2 MB) */
  readonly youngFloor?: number;
}

const MB = 1024 * 1024;

export class IdleCollector {
  private readonly idleTicks: number;
  private readonly idleBelow: number;
  private readonly minGarbage: number;
  private readonly growth: number;
  private readonly rounds: number;
  private readonly firstCompacting: boolean;
  private readonly minSlack: number;
  private readonly slackShare: number;
  private readonly youngIdleTicks: number;
  private readonly youngFloor: number;
  /** bytes in use after the last collection (0: none yet) */
  private live = 0;
  /** idle ticks in a row (since the last busy tick or the last collection) */
  private idle = 0;
  /** full collections done since the heap last grew */
  private done = 0;
  /** whether the young generation was collected since the last busy tick */
  private youngDone = false;

  constructor(
    private readonly probe: HeapProbe,
    options: IdleCollectorOptions = {},
  ) {
    this.idleTicks = options.idleTicks ?? 3;
    this.idleBelow = options.idleBelow ?? 0.05;
    this.minGarbage = options.minGarbage ?? 48 * MB;
    this.growth = options.growth ?? 0.25;
    this.rounds = options.rounds ?? 2;
    this.firstCompacting = options.firstCompacting ?? false;
    this.minSlack = options.minSlack ?? 16 * MB;
    this.slackShare = options.slackShare ?? 0.08;
    this.youngIdleTicks = options.youngIdleTicks ?? 12;
    this.youngFloor = options.youngFloor ?? 4 * MB;
  }

  /** One tick of the timer; returns whether it collected (full or young). */
  tick(): boolean {
    const used = this.probe.used();
    if (used > this.live * (1 + this.growth) + this.minGarbage) this.done = 0; // grew: a new burst's garbage
    if (this.probe.busyShare() >= this.idleBelow) {
      this.idle = 0;
      this.youngDone = false;
      return false;
    }
    this.idle++;
    // a further (compacting) round follows the last one after one idle tick: the pages it frees go back at once
    if (this.idle >= (this.done === 0 ? this.idleTicks : 1) && this.done < this.rounds && this.worth(used)) {
      if (this.done === 0) this.probe.release();
      this.probe.collect(this.done > 0 || this.firstCompacting);
      this.done++;
      this.live = this.probe.used();
      return this.collected();
    }
    // the young generation, once the full rounds are over and V8 has seen more than 5 s without allocation
    if (!this.youngDone && this.idle >= this.youngIdleTicks && this.probe.youngCommitted() > this.youngFloor) {
      this.probe.collectYoung();
      this.youngDone = true;
      return this.collected();
    }
    return false;
  }

  /** After a collection: idleness is counted from its end (its own pause is not work). */
  private collected(): true {
    this.idle = 0;
    this.probe.busyShare();
    return true;
  }

  /** Whether the next full round is worth its pause: the first needs the growth; a further (compacting) one
   *  moves what the last left on sparse pages, worth it while the old generation keeps enough more
   *  committed than used (the young generation's committed bytes are not the compaction's to give back). */
  private worth(used: number): boolean {
    if (this.done === 0) return used > this.live * (1 + this.growth) + this.minGarbage;
    const slack = this.probe.committed() - this.probe.youngCommitted() - used;
    return slack > this.minSlack && slack > used * this.slackShare;
  }
}

/** Something holding memory it can make again when asked (a cache): told to let go of it right before the
 *  first full collection after a burst, so that this collection frees it. */
export interface IdleReleasable {
  releaseWhileIdle(): void;
}

/** The registered holders, held weakly (one nothing else keeps is forgotten). */
const releasables = new Set<WeakRef<IdleReleasable>>();

/** Registers `holder`: from now on told to release before the idle full collections of this process. */
export function releaseBeforeIdleCollection(holder: IdleReleasable): void {
  releasables.add(new WeakRef(holder));
}

/** Tells every registered holder still alive to release (one that throws is skipped); returns how many were told. */
export function releaseIdleMemory(): number {
  let told = 0;
  for (const ref of releasables) {
    const holder = ref.deref();
    if (!holder) {
      releasables.delete(ref);
      continue;
    }
    try {
      holder.releaseWhileIdle();
    } catch {
      // its memory stays; the others still release
    }
    told++;
  }
  return told;
}

/** The collections of this process, by `gc` exposed at run time; undefined when V8 refuses. */
interface Collections {
  full(compacting: boolean): void;
  young(): void;
}

function exposedGc(): Collections | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('gc');
    if (typeof gc !== 'function') return undefined;
    const run = gc as (options?: { type: 'minor' | 'major' }) => unknown;
    return {
      full: (compacting) => {
        if (!compacting) return void run();
        v8.setFlagsFromString('--compact-on-every-full-gc');
        try {
          run();
        } finally {
          v8.setFlagsFromString('--no-compact-on-every-full-gc');
        }
      },
      // a V8 whose gc() takes no options collects everything: slower, but it shrinks the young generation too
      young: () => void run({ type: 'minor' }),
    };
  } catch {
    return undefined;
  }
}

/** The process's own probe: V8's heap statistics, the event loop's utilization, the exposed `gc`. */
function processProbe(gc: Collections): HeapProbe {
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
    release: () => void releaseIdleMemory(),
    collect: (compacting) => gc.full(compacting),
    youngCommitted: () => v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0,
    collectYoung: () => gc.young(),
  };
}

/** Starts collecting this process's garbage when idle (a tick every `everyMs`: with the default options the
 *  first collection comes after 1.5 s of idle, the compacting one half a second after it, the young
 *  generation's 6 s after that); returns whether it started. */
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
