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
 *     'last-resort'})`, which Node 20 ignores, nor compacting ones, nor `--max-semi-space-size` set at run
 *     time: measured) and nothing collects once idle. V8 measures that rate over the spans between
 *     collections, the newest first, until they cover 5 s: so a young-generation collection (a scavenge:
 *     ~1-15 ms) on the first idle tick ends the span holding the work's allocation, and one 5.25 s (real
 *     time: the full rounds' pauses delay the ticks) after that first collection, or after the last
 *     collection that followed a release (whose allocation is in the span it ended), shrinks it: 32 -> 1 MB
 *     committed, 6-8 s after the work ended (before: 12 ticks after the last full round, 8.5-11 s after,
 *     so the 10 s mark of lsp-bench.js often came before it). Tried again a second later while V8 leaves
 *     it large (up to `youngRounds` per quiet spell: at 100k set lines V8 sometimes still counted some
 *     allocation at the first), only while it has more than `youngFloor` committed. (`--max-semi-space-size`
 *     at launch would cap it during bursts too, at a CPU cost: process-heap.ts.)
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
 *   drop what they can make again (the semantic tokens brought up to date, their JSON pieces and spare
 *   buffer dropped and their data packed), so it frees that too.
 *   After work that was no burst (edits, requests: a keystroke's incremental analysis grows the heap by a
 *   few MB), the holders release too, once the event loop was still (busy under `stillBelow`, so not
 *   answering a stream of light requests) for `releaseIdleTicks` (3 s) after any busy tick, once per spell of work; a plain full collection follows when they let go of something or the
 *   heap grew by `minReleaseGarbage` since the last collection (what they let go would otherwise stay until
 *   V8 collects the old generation again, which it does not while idle). Typing keeps ticks busy, so
 *   nothing runs between keystrokes less than 3 s apart; a keystroke arriving during the collection waits
 *   for it (100,000 set lines: the plain collection ~0.26 s CPU), and the next token request unpacks the
 *   data (15-20 ms, once).
 * Must not know: anything of the server's work (idleness is read from the event loop, not from requests).
 * Invariants: never throws (a probe that fails stops nothing but the collection); the timer does not keep
 *   the process alive; without a way to force a collection (`gc` could not be exposed) nothing is started.
 * Tests: test/src/lsp/idle-collector.test.ts (policy on a fake heap; a child process whose young
 *   generation the real collection shrinks), test/src/lsp/semantic-tokens.test.ts (a server's release after
 *   edits, and its answers after it)
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
  /** tells the holders of memory that can be made again to let go of it (`releaseBeforeIdleCollection`);
   *  returns about how many bytes they let go */
  release(): number;
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
  /** the release after work that was no burst counts only ticks whose busy share is below this (default
   *  0.005): a stream of light requests (hovers, highlights) keeps it from running */
  readonly stillBelow?: number;
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
  /** milliseconds after the first collection since the last busy tick before the young generation's
   *  (default 5,250; V8 shrinks its young generation after a collection only when the allocation rate it
   *  measured over the spans between collections of the last 5 s is low, so this must span more than 5 s);
   *  that first collection is a young one on the first idle tick when the young generation is large */
  readonly youngAfterMs?: number;
  /** young-generation rounds per quiet spell at most, while V8 leaves it large (default 4: V8's own
   *  measure of the spans sometimes still saw allocation at the first; measured at 100k set lines) */
  readonly youngRounds?: number;
  /** milliseconds between them (default 1,000) */
  readonly youngRetryMs?: number;
  /** the time in milliseconds (default: a clock that moves `tickMs` per tick, for tests; the process's
   *  collection reads the real one: a long pause delays the ticks, not the time) */
  readonly clock?: () => number;
  /** the ticks' period for the default clock (default 500) */
  readonly tickMs?: number;
  /** the young generation's collection runs only when it has more than this many bytes committed
   *  (default 4 MB; shrunk, it has 1-2 MB) */
  readonly youngFloor?: number;
  /** after work that was no burst (edits, requests: any busy tick since the last release), idle ticks in a
   *  row before the holders release and a plain full collection frees what they let go (default 6: 3 s) */
  readonly releaseIdleTicks?: number;
  /** that collection runs also when nothing was released but the heap grew by this many bytes over the live
   *  size after the last collection (default 16 MB: a keystroke's garbage promoted to the old generation) */
  readonly minReleaseGarbage?: number;
}

const MB = 1024 * 1024;

export class IdleCollector {
  private readonly idleTicks: number;
  private readonly idleBelow: number;
  private readonly stillBelow: number;
  /** ticks in a row below `stillBelow` */
  private still = 0;
  private readonly minGarbage: number;
  private readonly growth: number;
  private readonly rounds: number;
  private readonly firstCompacting: boolean;
  private readonly minSlack: number;
  private readonly slackShare: number;
  private readonly youngAfterMs: number;
  private readonly youngRounds: number;
  private readonly youngRetryMs: number;
  private readonly clock: () => number;
  /** moves the default clock on by one tick (nothing with a real clock) */
  private readonly advance: () => void;
  private readonly youngFloor: number;
  private readonly releaseIdleTicks: number;
  private readonly minReleaseGarbage: number;
  /** whether a busy tick came since the holders last released (work whose caches may be released) */
  private worked = false;
  /** bytes in use after the last collection (0: none yet) */
  private live = 0;
  /** idle ticks in a row (since the last busy tick or the last collection) */
  private idle = 0;
  /** full collections done since the heap last grew */
  private done = 0;
  /** young-generation rounds since the last busy tick (each one that left it large is tried again later) */
  private youngTries = 0;
  /** idle ticks in a row since the last busy tick (collections do not restart it) */
  private quiet = 0;
  /** the time of the last busy tick (or of the start) */
  private quietSince = 0;
  /** the time the first collection after the last busy tick ended, or the last one after a release
   *  (undefined: none yet); V8 measures the allocation rate over the spans between collections, so the
   *  work's allocation (or the release's) ends in the span before it */
  private closedAt: number | undefined;

  constructor(
    private readonly probe: HeapProbe,
    options: IdleCollectorOptions = {},
  ) {
    this.idleTicks = options.idleTicks ?? 3;
    this.idleBelow = options.idleBelow ?? 0.05;
    this.stillBelow = options.stillBelow ?? 0.005;
    this.minGarbage = options.minGarbage ?? 48 * MB;
    this.growth = options.growth ?? 0.25;
    this.rounds = options.rounds ?? 2;
    this.firstCompacting = options.firstCompacting ?? false;
    this.minSlack = options.minSlack ?? 16 * MB;
    this.slackShare = options.slackShare ?? 0.08;
    this.youngAfterMs = options.youngAfterMs ?? 5250;
    this.youngRounds = options.youngRounds ?? 4;
    this.youngRetryMs = options.youngRetryMs ?? 1000;
    const tickMs = options.tickMs ?? 500;
    let ticks = 0;
    this.clock = options.clock ?? ((): number => ticks * tickMs);
    this.advance = options.clock ? (): void => {} : (): void => void ticks++;
    this.quietSince = this.clock();
    this.youngFloor = options.youngFloor ?? 4 * MB;
    this.releaseIdleTicks = options.releaseIdleTicks ?? 6;
    this.minReleaseGarbage = options.minReleaseGarbage ?? 16 * MB;
  }

  /** One tick of the timer; returns whether it collected (full or young). */
  tick(): boolean {
    this.advance();
    const used = this.probe.used();
    if (used > this.live * (1 + this.growth) + this.minGarbage) this.done = 0; // grew: a new burst's garbage
    const busy = this.probe.busyShare();
    this.still = busy < this.stillBelow ? this.still + 1 : 0;
    if (busy >= this.idleBelow) {
      this.idle = 0;
      this.quiet = 0;
      this.quietSince = this.clock();
      this.closedAt = undefined;
      this.youngTries = 0;
      this.worked = true;
      return false;
    }
    this.idle++;
    this.quiet++;
    // a further (compacting) round follows the last one after one idle tick: the pages it frees go back at once
    if (this.idle >= (this.done === 0 ? this.idleTicks : 1) && this.done < this.rounds && this.worth(used)) {
      const releasing = this.done === 0;
      if (releasing) this.released();
      this.probe.collect(this.done > 0 || this.firstCompacting);
      this.done++;
      this.live = this.probe.used();
      return this.collected(releasing);
    }
    // after work that was no burst: the holders release, and a plain collection frees it (else what they let
    // go stays until V8 collects the old generation again, which it does not while idle)
    if (this.worked && this.still >= this.releaseIdleTicks) {
      const released = this.released();
      if (released > 0 || used > this.live + this.minReleaseGarbage) {
        this.probe.collect(false);
        this.live = this.probe.used();
        return this.collected(true);
      }
    }
    // else, on the first idle tick: a young-generation collection (a few ms) ends the span V8 measured the work's
    // allocation over, so the young generation can shrink 5 s later rather than 5 s after the full rounds
    if (this.closedAt === undefined && this.quiet === 1 && this.probe.youngCommitted() > this.youngFloor) {
      this.probe.collectYoung();
      this.closedAt = this.clock();
      this.probe.busyShare();
      return true;
    }
    // the young generation, once V8 has seen more than 5 s without allocation since the collection that
    // ended the work's span
    const sinceClosed = this.clock() - (this.closedAt ?? this.quietSince);
    const youngDue = this.youngAfterMs + this.youngTries * this.youngRetryMs;
    if (this.youngTries < this.youngRounds && sinceClosed >= youngDue && this.probe.youngCommitted() > this.youngFloor) {
      this.probe.collectYoung();
      this.youngTries++;
      return this.collected();
    }
    return false;
  }

  /** The holders release (once per spell of work: the next busy tick makes it due again); bytes let go. */
  private released(): number {
    this.worked = false;
    const bytes = this.probe.release();
    this.probe.busyShare(); // its own work is not work (else a release freeing nothing would come back forever)
    return bytes;
  }

  /** After a collection: idleness is counted from its end (its own pause is not work). `released`: the
   *  holders released right before it (their allocation, e.g. the semantic tokens' update, is in the span
   *  this collection ended, so the young generation's round counts from its end). */
  private collected(released = false): true {
    if (released || this.closedAt === undefined) this.closedAt = this.clock();
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
 *  first full collection after a burst, or once idle after other work (a plain collection follows when it
 *  let go of something), so that this collection frees it. */
export interface IdleReleasable {
  /** lets go of what can be made again; returns about how many bytes (0: nothing was held) */
  releaseWhileIdle(): number;
}

/** The registered holders, held weakly (one nothing else keeps is forgotten). */
const releasables = new Set<WeakRef<IdleReleasable>>();

/** Registers `holder`: from now on told to release before the idle full collections of this process. */
export function releaseBeforeIdleCollection(holder: IdleReleasable): void {
  releasables.add(new WeakRef(holder));
}

/** Tells every registered holder still alive to release (one that throws is skipped); returns how many were
 *  told and about how many bytes they let go. */
export function releaseIdleMemory(): { told: number; bytes: number } {
  let told = 0;
  let bytes = 0;
  for (const ref of releasables) {
    const holder = ref.deref();
    if (!holder) {
      releasables.delete(ref);
      continue;
    }
    try {
      const released = holder.releaseWhileIdle();
      if (Number.isFinite(released) && released > 0) bytes += released;
    } catch {
      // its memory stays; the others still release
    }
    told++;
  }
  return { told, bytes };
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
    release: () => releaseIdleMemory().bytes,
    collect: (compacting) => gc.full(compacting),
    youngCommitted: () => v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0,
    collectYoung: () => gc.young(),
  };
}

/** Starts collecting this process's garbage when idle (a tick every `everyMs`: with the default options the
 *  first collection comes after 1.5 s of idle, the compacting one half a second after it, the young
 *  generation's about 5 s after the collection that closed the work); returns whether it started. */
export function startIdleCollection(everyMs = 500, options: IdleCollectorOptions = {}): boolean {
  const gc = exposedGc();
  if (!gc) return false;
  const collector = new IdleCollector(processProbe(gc), { clock: () => performance.now(), ...options });
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
