/**
 * lsp/diagnostics-scheduler.ts: when diagnostics are computed and published for each open document.
 * Owns: the per-document debounce, cancelling a run superseded by a newer edit or a close, the version
 *   check before publishing, the empty publish on close, and deferring work that must not delay a pending
 *   publish (`afterPublish`: warm-ups run once the document's pending diagnostics are out).
 * Must not know: how diagnostics are found (`compute`) or sent (`publish`); LSP conversions.
 * Invariants: at most one pending timer per document; a run's result is published only if its document is
 *   still open at the same version and no newer run started; failures are logged, never thrown; deferred
 *   work runs (on a later turn) when no run or timer is pending for its document, at the latest after the
 *   next run ends (published, cancelled or failed) or the document closes; after a publish, once the
 *   message is written (`publish`'s promise: the writer takes one queued message per turn, so work
 *   started on the next turn would run before the diagnostics reach the client).
 * Tests: test/src/lsp/protocol.test.ts (diagnostics after open and after edits), test/src/lsp/scheduler-defer.test.ts
 */
import { performance } from 'node:perf_hooks';
import { describeError, type Tracer } from './trace';

export interface RunToken {
  readonly cancelled: boolean;
}

export interface ScheduledDocument {
  readonly uri: string;
  readonly version: number;
}

export interface SchedulerDeps<D> {
  /** the document's current version, or undefined when it is not open */
  readonly current: (uri: string) => ScheduledDocument | undefined;
  /** the diagnostics of the document's current version (naming that version), undefined when not open */
  readonly compute: (uri: string, token: RunToken) => Promise<{ version: number; diagnostics: D[] } | undefined>;
  /** may return a promise settled when the message is written: the work deferred after a publish waits for it */
  readonly publish: (uri: string, version: number | undefined, diagnostics: D[]) => unknown;
  readonly tracer: Tracer;
  readonly delayMs: number;
}

interface Pending {
  timer: NodeJS.Timeout | undefined;
  run: { cancelled: boolean } | undefined;
  /** work waiting for this document's pending diagnostics to be published */
  deferred: (() => void)[];
}

export class DiagnosticsScheduler<D> {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly deps: SchedulerDeps<D>) {}

  /** Debounced: a newer call for the same document replaces an older one. `delayMs` 0 runs on the next tick. */
  schedule(uri: string, delayMs = this.deps.delayMs): void {
    const entry = this.entry(uri);
    this.stop(entry);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      void this.run(uri, entry);
    }, delayMs);
  }

  /** Stops any work for the document and clears its published diagnostics. */
  closed(uri: string): void {
    const entry = this.pending.get(uri);
    if (entry) this.stop(entry);
    this.pending.delete(uri);
    this.deps.publish(uri, undefined, []);
    if (entry) this.release(entry);
  }

  /** Runs `work` on a later turn, after the document's pending diagnostics run (if any) has ended, so a
   *  warm-up never delays a publish. */
  afterPublish(uri: string, work: () => void): void {
    const entry = this.pending.get(uri);
    if (entry && (entry.timer || entry.run)) entry.deferred.push(work);
    else setImmediate(work);
  }

  dispose(): void {
    for (const entry of this.pending.values()) this.stop(entry);
    this.pending.clear();
  }

  private entry(uri: string): Pending {
    let entry = this.pending.get(uri);
    if (!entry) this.pending.set(uri, (entry = { timer: undefined, run: undefined, deferred: [] }));
    return entry;
  }

  private stop(entry: Pending): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = undefined;
    if (entry.run) entry.run.cancelled = true;
    entry.run = undefined;
  }

  private async run(uri: string, entry: Pending): Promise<void> {
    const token = { cancelled: false };
    entry.run = token;
    const started = performance.now();
    let written: unknown;
    try {
      const result = await this.deps.compute(uri, token);
      const now = this.deps.current(uri);
      if (token.cancelled || !result || !now || now.version !== result.version) return;
      written = this.deps.publish(uri, result.version, result.diagnostics);
      this.deps.tracer.verbose(
        `diagnostics ${uri} v${result.version}: ${result.diagnostics.length} in ${(performance.now() - started).toFixed(1)} ms`,
      );
    } catch (err) {
      this.deps.tracer.error(`diagnostics for ${uri} failed: ${describeError(err)}`);
    } finally {
      if (entry.run === token) entry.run = undefined;
      const release = (): void => {
        if (!entry.timer && !entry.run) this.release(entry);
      };
      if (written instanceof Promise) void written.then(release, release);
      else release();
    }
  }

  /** Hands the deferred work of a document to a later turn. */
  private release(entry: Pending): void {
    if (entry.deferred.length === 0) return;
    const work = entry.deferred.splice(0);
    setImmediate(() => {
      for (const w of work) w();
    });
  }
}
