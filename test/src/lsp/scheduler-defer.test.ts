/**
 * test/lsp/scheduler-defer.test.ts: `DiagnosticsScheduler.afterPublish`: work deferred while a document's
 * diagnostics are pending (debounce timer or a run in progress) runs only after they are published; with
 * nothing pending it runs on a later turn; a close releases it too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticsScheduler } from '../../../server/src/lsp/diagnostics-scheduler';
import { Tracer } from '../../../server/src/lsp/trace';

const quiet = new Tracer({ error: () => undefined, warn: () => undefined, info: () => undefined, log: () => undefined } as never);

function setup(): { scheduler: DiagnosticsScheduler<string>; events: string[] } {
  const events: string[] = [];
  const scheduler = new DiagnosticsScheduler<string>({
    current: (uri) => ({ uri, version: 1 }),
    compute: async () => ({ version: 1, diagnostics: ['d'] }),
    publish: (uri, version) => events.push(`publish ${uri} ${version ?? 'closed'}`),
    tracer: quiet,
    delayMs: 5,
  });
  return { scheduler, events };
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (a loaded machine may be slow) until `done` holds; gives up after a few seconds. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !done(); i++) await settle(10);
}

test('work deferred while diagnostics are pending runs after they are published', async () => {
  const { scheduler, events } = setup();
  scheduler.schedule('a');
  scheduler.afterPublish('a', () => events.push('warm-up a'));
  scheduler.afterPublish('b', () => events.push('warm-up b'));
  await until(() => events.includes('warm-up a') && events.includes('warm-up b'));
  assert.deepEqual(events.filter((e) => e !== 'warm-up b'), ['publish a 1', 'warm-up a']);
  assert.ok(events.includes('warm-up b'), 'work for a document with nothing pending runs too');
  scheduler.dispose();
});

test('a newer edit keeps the work waiting for the newer publish; a close releases it', async () => {
  const { scheduler, events } = setup();
  scheduler.schedule('a');
  scheduler.afterPublish('a', () => events.push('warm-up'));
  scheduler.schedule('a', 15);
  await settle(8);
  assert.equal(events.length, 0, 'the first timer was replaced: nothing published, nothing warmed');
  await until(() => events.includes('warm-up'));
  assert.deepEqual(events, ['publish a 1', 'warm-up']);
  scheduler.schedule('a', 50);
  scheduler.afterPublish('a', () => events.push('warm-up 2'));
  scheduler.closed('a');
  await until(() => events.includes('warm-up 2'));
  assert.deepEqual(events.slice(2), ['publish a closed', 'warm-up 2']);
  scheduler.dispose();
});
