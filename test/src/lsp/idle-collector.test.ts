/**
 * test/lsp/idle-collector.test.ts: when a server process forces a full collection (lsp/idle-collector.ts):
 * only after idle ticks in a row, only when the heap grew over the last live size, at most `rounds` times
 * per growth (the further, compacting rounds only while the old generation keeps enough more committed
 * than used: the young generation's committed bytes do not count); young-generation collections on the
 * first idle tick and once per quiet spell more than 5 s after the first collection since the work (or the
 * last one after a release), only while the young generation is large; after any work that was no burst, a release once idle for 6 ticks, and a plain
 * collection when something was released or the heap grew; and the process's own collection starts in a
 * child process without keeping it alive and really shrinks its young generation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { type HeapProbe, IdleCollector, releaseBeforeIdleCollection, releaseIdleMemory } from '../../../server/src/lsp/idle-collector';
import { REPO_ROOT } from './harness';

const MB = 1024 * 1024;

/** A heap whose garbage a collection frees, leaving its pages committed; a compacting collection gives them
 *  back. */
class FakeHeap implements HeapProbe {
  live = 100 * MB;
  garbage = 0;
  spare = 0;
  busy = 0;
  /** the young generation's committed bytes (part of `committed`) */
  young = 0;
  collections = 0;
  compacting = 0;
  youngCollections = 0;
  /** what was asked, in order: 'release', 'full', 'compacting', 'young' */
  readonly calls: string[] = [];
  /** bytes the holders let go on the next release (then none until `hold` again) */
  releasable = 0;
  release(): number {
    this.calls.push('release');
    const bytes = this.releasable;
    this.live -= bytes;
    this.garbage += bytes;
    this.releasable = 0;
    return bytes;
  }
  /** the holders keep `bytes` more that they can let go */
  hold(bytes: number): void {
    this.releasable += bytes;
  }
  used(): number {
    return this.live + this.garbage;
  }
  committed(): number {
    return this.used() + this.spare + this.young;
  }
  youngCommitted(): number {
    return this.young;
  }
  /** young collections that do not shrink it (V8 measured a high allocation rate over the last 5 s) */
  keepYoung = 0;
  collectYoung(): void {
    this.youngCollections++;
    this.calls.push('young');
    if (this.keepYoung > 0) this.keepYoung--;
    else this.young = Math.min(this.young, 1 * MB);
  }
  busyShare(): number {
    return this.busy;
  }
  collect(compacting: boolean): void {
    this.collections++;
    this.calls.push(compacting ? 'compacting' : 'full');
    if (compacting) this.compacting++;
    // a plain collection leaves the garbage's pages committed; a compacting one packs what lives
    if (compacting) this.spare = 0;
    else this.spare += this.garbage;
    this.garbage = 0;
  }
  burst(bytes: number): void {
    this.garbage += bytes;
  }
}

test('collects after two idle ticks once the heap grew, then (first round plain) compacts after one more', () => {
  const heap = new FakeHeap();
  const collector = new IdleCollector(heap, { idleTicks: 2, firstCompacting: false });
  heap.burst(200 * MB);
  heap.busy = 0.9;
  assert.equal(collector.tick(), false, 'busy');
  heap.busy = 0;
  assert.equal(collector.tick(), false, 'one idle tick');
  assert.equal(collector.tick(), true, 'two idle ticks');
  assert.equal(heap.garbage, 0);
  assert.equal(collector.tick(), true, 'second round, one idle tick later: 200 MB committed but unused');
  assert.equal(heap.compacting, 1, 'the second round compacts');
  for (let i = 0; i < 10; i++) assert.equal(collector.tick(), false, 'nothing more to do');
  assert.equal(heap.collections, 2);
  assert.equal(heap.committed(), heap.used());
});

test('no collection while busy, nor for a small growth', () => {
  const heap = new FakeHeap();
  const collector = new IdleCollector(heap, { idleTicks: 2 });
  heap.burst(300 * MB);
  heap.busy = 0.5;
  for (let i = 0; i < 10; i++) assert.equal(collector.tick(), false);
  heap.busy = 0;
  for (let i = 0; i < 20; i++) collector.tick();
  assert.equal(heap.collections, 2, 'plain, then compacting');
  heap.burst(20 * MB); // below 48 MB + 25% of 100 MB
  for (let i = 0; i < 10; i++) assert.equal(collector.tick(), false);
  assert.equal(heap.collections, 2);
});

test('a new burst after the rounds starts the rounds again', () => {
  const heap = new FakeHeap();
  const collector = new IdleCollector(heap, { rounds: 1, idleTicks: 2 });
  heap.burst(200 * MB);
  collector.tick();
  assert.equal(collector.tick(), true);
  for (let i = 0; i < 5; i++) assert.equal(collector.tick(), false, 'one round per growth');
  heap.busy = 1;
  heap.burst(200 * MB);
  collector.tick();
  heap.busy = 0;
  collector.tick();
  assert.equal(collector.tick(), true);
  assert.equal(heap.collections, 2);
});

test('by default, the first collection waits for three idle ticks, the compacting one for one more', () => {
  const heap = new FakeHeap();
  const collector = new IdleCollector(heap);
  heap.burst(200 * MB);
  const ticks = Array.from({ length: 20 }, () => collector.tick());
  assert.deepEqual(
    ticks.flatMap((collected, i) => (collected ? [i + 1] : [])),
    [3, 4],
  );
  assert.deepEqual(heap.calls, ['release', 'full', 'compacting']);
  assert.equal(heap.committed(), heap.used());
});

test('a first round that compacts leaves no slack: no second one', () => {
  const heap = new FakeHeap();
  const collector = new IdleCollector(heap, { firstCompacting: true });
  heap.burst(200 * MB);
  const ticks = Array.from({ length: 20 }, () => collector.tick());
  assert.deepEqual(
    ticks.flatMap((collected, i) => (collected ? [i + 1] : [])),
    [3],
  );
  assert.deepEqual(heap.calls, ['release', 'compacting']);
});

test('a second round follows one idle tick after a compacting first one while that left slack', () => {
  const heap = new FakeHeap();
  const collector = new IdleCollector(heap, { firstCompacting: true });
  heap.burst(200 * MB);
  heap.collect = function (compacting: boolean): void {
    FakeHeap.prototype.collect.call(this, compacting);
    if (this.collections === 1) this.spare = 40 * MB; // say, what weak callbacks let go only after the first
  };
  const ticks = Array.from({ length: 20 }, () => collector.tick());
  assert.deepEqual(
    ticks.flatMap((collected, i) => (collected ? [i + 1] : [])),
    [3, 4],
  );
  assert.equal(heap.compacting, 2);
});

test('the compacting round needs slack in the old generation, not a large young generation', () => {
  const heap = new FakeHeap();
  heap.live = 270 * MB;
  heap.young = 32 * MB;
  const collector = new IdleCollector(heap, { idleTicks: 1, youngAfterMs: 1e9, firstCompacting: false });
  heap.burst(300 * MB);
  assert.equal(collector.tick(), true, 'first round');
  heap.spare = 10 * MB; // the first round left 10 MB unused in the old generation (32 MB more in the young one)
  for (let i = 0; i < 5; i++) assert.equal(collector.tick(), false, '10 MB of slack is not worth a compaction');
  assert.equal(heap.compacting, 0);

  const second = new FakeHeap();
  second.live = 270 * MB;
  second.young = 32 * MB;
  const compactor = new IdleCollector(second, { idleTicks: 1, youngAfterMs: 1e9, firstCompacting: false });
  second.burst(300 * MB);
  assert.equal(compactor.tick(), true, 'first round');
  second.spare = 50 * MB; // measured at 100,000 set lines: 270 MB committed for 220 used in the old space
  assert.equal(compactor.tick(), true, '50 MB of slack (18%) is');
  assert.equal(second.compacting, 1);
  assert.equal(second.spare, 0);
});

test('the young generation: a collection on the first idle tick ends the work\'s span, the one that shrinks it comes 11 ticks (> 5 s) after the round that followed the release', () => {
  const heap = new FakeHeap();
  heap.young = 32 * MB;
  heap.keepYoung = 1; // the first: V8 saw the burst's allocation over the last 5 s
  const collector = new IdleCollector(heap);
  heap.burst(200 * MB);
  const ticks = Array.from({ length: 40 }, () => collector.tick());
  assert.deepEqual(
    ticks.flatMap((collected, i) => (collected ? [i + 1] : [])),
    [1, 3, 4, 14],
    'young, plain (after the release), compacting, then the young generation 11 ticks after the plain one',
  );
  assert.deepEqual(heap.calls, ['young', 'release', 'full', 'compacting', 'young']);
  assert.equal(heap.young, 1 * MB);
});

test('without a young collection on the first idle tick (small young generation then), the young round counts from the first full round', () => {
  const heap = new FakeHeap();
  const collector = new IdleCollector(heap);
  heap.burst(200 * MB);
  const ticks: boolean[] = [];
  for (let i = 0; i < 40; i++) {
    if (i === 4) heap.young = 32 * MB; // grown by the rounds, say
    ticks.push(collector.tick());
  }
  assert.deepEqual(ticks.flatMap((collected, i) => (collected ? [i + 1] : [])), [3, 4, 14]);
});

test('the young collection runs once per quiet spell (again while V8 leaves it large, at most 4 rounds), only while the young generation is large, and a busy tick restarts its count', () => {
  const heap = new FakeHeap();
  heap.live = 20 * MB; // below the growth that asks for a full round
  heap.young = 16 * MB;
  heap.keepYoung = 1;
  // (the release after work, which would also collect here, is tested apart)
  const collector = new IdleCollector(heap, { releaseIdleTicks: 1000 });
  const collectedAt = (ticks: number): number[] => Array.from({ length: ticks }, () => collector.tick()).flatMap((collected, i) => (collected ? [i + 1] : []));
  assert.deepEqual(collectedAt(8), [1], 'the first idle tick');
  heap.busy = 0.3;
  assert.equal(collector.tick(), false);
  heap.busy = 0;
  heap.keepYoung = 1;
  assert.deepEqual(collectedAt(40), [1, 12], 'counted again after the busy tick');
  assert.equal(heap.young, 1 * MB);
  // shrunk: nothing more in this quiet spell
  assert.deepEqual(collectedAt(30), []);
  // V8 leaves it large (it judged the allocation rate high): tried again every 2 ticks, 4 rounds in all
  heap.young = 16 * MB;
  heap.busy = 0.5;
  collector.tick();
  heap.busy = 0;
  heap.keepYoung = 100;
  assert.deepEqual(collectedAt(40), [1, 12, 14, 16, 18]);
  heap.keepYoung = 2;
  heap.busy = 0.5;
  collector.tick();
  heap.busy = 0;
  assert.deepEqual(collectedAt(40), [1, 12, 14], 'the second round after the early one shrinks it');
  assert.equal(heap.young, 1 * MB);
  // a small young generation (already shrunk) is left alone
  heap.young = 1 * MB;
  heap.busy = 0.5;
  collector.tick();
  heap.busy = 0;
  assert.deepEqual(collectedAt(30), []);
});

/** A heap after a burst and its rounds: 100 MB live, nothing more to collect; `collector` with the defaults. */
function settled(): { heap: FakeHeap; collector: IdleCollector } {
  const heap = new FakeHeap();
  const collector = new IdleCollector(heap);
  heap.burst(200 * MB);
  for (let i = 0; i < 30; i++) collector.tick();
  assert.deepEqual(heap.calls, ['release', 'full', 'compacting']);
  heap.calls.length = 0;
  return { heap, collector };
}

/** One busy tick (work allocating `garbage` bytes), then `idle` idle ticks; the ticks (1-based) that collected. */
function workThenIdle(heap: FakeHeap, collector: IdleCollector, garbage: number, idle: number): number[] {
  heap.busy = 0.4;
  heap.burst(garbage);
  collector.tick();
  heap.busy = 0;
  return Array.from({ length: idle }, () => collector.tick()).flatMap((collected, i) => (collected ? [i + 1] : []));
}

test('after work that was no burst, the holders release once idle for 6 ticks and a plain collection frees what they let go', () => {
  const { heap, collector } = settled();
  // typing: a keystroke's few MB of garbage, the token caches grown by 14 MB
  heap.hold(14 * MB);
  assert.deepEqual(workThenIdle(heap, collector, 3 * MB, 30), [6]);
  assert.deepEqual(heap.calls, ['release', 'full']);
  assert.equal(heap.garbage, 0, 'the collection freed what was released');
  assert.equal(heap.releasable, 0);
  // once per spell of work: more idle ticks do nothing
  for (let i = 0; i < 30; i++) assert.equal(collector.tick(), false);
  assert.deepEqual(heap.calls, ['release', 'full']);
});

test('after work, nothing runs while busy ticks keep coming less than 6 idle ticks apart', () => {
  const { heap, collector } = settled();
  heap.hold(14 * MB);
  for (let k = 0; k < 20; k++) assert.deepEqual(workThenIdle(heap, collector, 1 * MB, 5), [], `pause ${k}`);
  assert.deepEqual(heap.calls, []);
  assert.deepEqual(workThenIdle(heap, collector, 1 * MB, 6), [6], 'a pause of 6 idle ticks');
  assert.deepEqual(heap.calls, ['release', 'full']);
});

test('after work, the collection is skipped when nothing was released and little garbage grew, not when more grew', () => {
  const { heap, collector } = settled();
  assert.deepEqual(workThenIdle(heap, collector, 2 * MB, 30), [], 'nothing held, 2 MB of garbage');
  assert.deepEqual(heap.calls, ['release'], 'the holders were still asked');
  heap.calls.length = 0;
  assert.deepEqual(workThenIdle(heap, collector, 20 * MB, 30), [6], 'nothing held, 22 MB of garbage since the last collection');
  assert.deepEqual(heap.calls, ['release', 'full']);
  assert.equal(heap.garbage, 0);
});

test('after work, the young generation is collected on the first idle tick and 11 ticks after the release round', () => {
  const { heap, collector } = settled();
  heap.young = 32 * MB;
  heap.keepYoung = 1;
  heap.hold(14 * MB);
  assert.deepEqual(workThenIdle(heap, collector, 3 * MB, 40), [1, 6, 17]);
  assert.deepEqual(heap.calls, ['young', 'release', 'full', 'young']);
  assert.equal(heap.young, 1 * MB);
});

test('a process starts its idle collection and still exits when its work is done', () => {
  const module = path.join(REPO_ROOT, 'out', 'server', 'src', 'lsp', 'idle-collector.js');
  const script = `process.stdout.write(String(require(${JSON.stringify(module)}).startIdleCollection(10)))`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, 'true');
});

test("a process's idle collection shrinks its young generation after a burst", () => {
  // a burst grows V8's young generation to its maximum; the collection of the idle process (short ticks,
  // the young round after 12 of them, > 5 s) gives it back
  const module = path.join(REPO_ROOT, 'out', 'server', 'src', 'lsp', 'idle-collector.js');
  const script = `
    const v8 = require('node:v8');
    const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
    const keep = [];
    for (let r = 0; r < 40; r++) { const a = []; for (let i = 0; i < 100000; i++) a.push({ i, s: 'x' + i }); keep.push(a.filter((_, k) => k % 5 === 0)); }
    const before = young();
    require(${JSON.stringify(module)}).startIdleCollection(500, { minGarbage: 1 });
    const started = Date.now();
    const poll = setInterval(() => {
      if (young() > 4 * 1048576 && Date.now() - started < 30000) return;
      clearInterval(poll);
      process.stdout.write(JSON.stringify({ before, after: young(), kept: keep.length }));
    }, 250);`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 90_000 });
  assert.equal(run.status, 0, run.stderr);
  const { before, after } = JSON.parse(run.stdout) as { before: number; after: number };
  assert.ok(before > 8 * MB, `the burst grew the young generation (${before} bytes)`);
  assert.ok(after <= 4 * MB, `the idle collection shrank it (${before} -> ${after} bytes)`);
});

test('the holders registered are told to release before the first full round of a growth, not before the others', () => {
  const heap = new FakeHeap();
  heap.young = 32 * MB;
  heap.keepYoung = 1;
  const collector = new IdleCollector(heap, { firstCompacting: false });
  heap.burst(200 * MB);
  for (let i = 0; i < 40; i++) collector.tick();
  assert.deepEqual(heap.calls, ['young', 'release', 'full', 'compacting', 'young']);
});

test('releaseIdleMemory tells every registered holder, past one that throws', () => {
  const told: string[] = [];
  const holders = [
    {
      releaseWhileIdle: (): number => {
        told.push('a');
        return 100;
      },
    },
    {
      releaseWhileIdle: (): number => {
        throw new Error('cannot');
      },
    },
    {
      releaseWhileIdle: (): number => {
        told.push('c');
        return 20;
      },
    },
  ];
  for (const holder of holders) releaseBeforeIdleCollection(holder);
  const released = releaseIdleMemory();
  assert.ok(released.told >= 3);
  assert.ok(released.bytes >= 120, 'the bytes the holders let go, summed');
  assert.deepEqual(told, ['a', 'c']);
});

test('after work, a stream of light requests (busy but under the idle share) keeps the release from running', () => {
  const { heap, collector } = settled();
  heap.hold(14 * MB);
  heap.busy = 0.4;
  heap.burst(3 * MB);
  collector.tick();
  // hovers and highlights: 3 % of each tick, idle for the burst rounds but not still
  heap.busy = 0.03;
  for (let i = 0; i < 30; i++) collector.tick();
  assert.deepEqual(heap.calls.filter((c) => c !== 'young'), [], 'nothing released or collected while requests keep coming');
  heap.busy = 0;
  const collected = Array.from({ length: 10 }, () => collector.tick()).flatMap((c, i) => (c ? [i + 1] : []));
  assert.deepEqual(collected, [6]);
  assert.deepEqual(heap.calls.filter((c) => c !== 'young'), ['release', 'full']);
});

/** A heap whose release costs CPU: the next busy share read shows it. */
class CostlyReleaseHeap extends FakeHeap {
  private cost = 0;
  override release(): number {
    const bytes = super.release();
    this.cost = 0.06;
    return bytes;
  }
  override busyShare(): number {
    const share = this.busy + this.cost;
    this.cost = 0;
    return share;
  }
}

test('a release that frees nothing but costs CPU does not make itself due again', () => {
  const heap = new CostlyReleaseHeap();
  const collector = new IdleCollector(heap);
  heap.burst(200 * MB);
  for (let i = 0; i < 30; i++) collector.tick();
  heap.calls.length = 0;
  workThenIdle(heap, collector, 1 * MB, 60);
  assert.deepEqual(heap.calls.filter((c) => c === 'release'), ['release'], 'one release per spell of work');
});
