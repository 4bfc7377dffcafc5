/**
 * test/lsp/idle-collector.test.ts: when a server process forces a full collection (lsp/idle-collector.ts):
 * only after idle ticks in a row, only when the heap grew over the last live size, at most `rounds` times
 * per growth (the further rounds only while much more is committed than used); and the process's own
 * collection starts in a child process without keeping it alive.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { type HeapProbe, IdleCollector } from '../../../server/src/lsp/idle-collector';
import { REPO_ROOT } from './harness';

const MB = 1024 * 1024;

/** A heap whose garbage a collection frees, leaving its pages committed; a compacting collection gives them
 *  back. */
class FakeHeap implements HeapProbe {
  live = 100 * MB;
  garbage = 0;
  spare = 0;
  busy = 0;
  collections = 0;
  compacting = 0;
  used(): number {
    return this.live + this.garbage;
  }
  committed(): number {
    return this.used() + this.spare;
  }
  busyShare(): number {
    return this.busy;
  }
  collect(compacting: boolean): void {
    this.collections++;
    if (compacting) this.compacting++;
    if (this.garbage > 0) this.spare += this.garbage;
    else if (compacting) this.spare = 0;
    this.garbage = 0;
  }
  burst(bytes: number): void {
    this.garbage += bytes;
  }
}

test('collects after two idle ticks once the heap grew, then compacts after one more', () => {
  const heap = new FakeHeap();
  const collector = new IdleCollector(heap, { idleTicks: 2 });
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
  assert.equal(heap.collections, 2);
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

test('by default, the first collection waits for three idle ticks, the second for one', () => {
  const heap = new FakeHeap();
  const collector = new IdleCollector(heap);
  heap.burst(200 * MB);
  const ticks = Array.from({ length: 20 }, () => collector.tick());
  assert.deepEqual(
    ticks.flatMap((collected, i) => (collected ? [i + 1] : [])),
    [3, 4],
  );
});

test('a process starts its idle collection and still exits when its work is done', () => {
  const module = path.join(REPO_ROOT, 'out', 'server', 'src', 'lsp', 'idle-collector.js');
  const script = `process.stdout.write(String(require(${JSON.stringify(module)}).startIdleCollection(10)))`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, 'true');
});
