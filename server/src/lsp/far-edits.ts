/**
 * lsp/far-edits.ts: keeps each analysis update narrow when edits arrive at places far apart before the
 *   analysis of the text between them ran (the user types at one place, then at another before the
 *   debounced diagnostics; a multi-cursor edit: one `didChange` with changes at several places).
 * Owns: the rule, applied before each content change of a `didChange` (documents.ts `beforeEach`): when
 *   the document's current state is not analysed, its last analysis can be updated (same platform, the
 *   edit log reaches back to it) and the change lies more than `NEAR_LINES` line breaks away from the
 *   edits since that analysis, the current state is analysed first (an update over those nearby edits),
 *   so the next update covers the new change alone instead of one span from the first edit to the last
 *   (diagnostics-source.ts `coveringEdit`), which re-reads everything between them or gives up and
 *   builds from scratch. Edits at one place (typing, a line break, the line next to it) never analyse
 *   here. A state inside a multi-change `didChange` (after some of its changes) is analysed only when the
 *   notification holds at most `MAX_CHANGES_SETTLED` changes (a rename applying hundreds of edits is
 *   left to one analysis of the result), and then the final state is analysed too before the handler
 *   returns, so that every stored analysis outside the handler is of a whole version (analyses.ts).
 * Must not know: rules, the scheduler's timing, LSP types.
 * Invariants: never throws; changes nothing but the analysis store (and the trace).
 * Tests: test/src/lsp/far-edits.test.ts (over the real server: no full or wide analysis after edits far
 *   apart), test/src/lsp/incremental-diagnostics.test.ts (diagnostics after far-apart bursts and
 *   multi-change notifications equal a fresh open)
 */
import { performance } from 'node:perf_hooks';
import type { ServerContext } from './context';
import { coveringEdit, currentAnalysis } from './diagnostics-source';
import { prepareForRequests } from './position-request';
import type { PendingStep } from './stores/documents';
import { describeError } from './trace';

/** Line breaks between the edits since the last analysis and a new change up to which they stay one
 *  update (typing on a line, on the next one, a line break). */
export const NEAR_LINES = 1;

/** States inside one `didChange` analysed at most for notifications of this many changes. */
export const MAX_CHANGES_SETTLED = 16;

export interface ChangeSettler {
  /** before a content change is applied (documents.ts `change`'s `beforeEach`) */
  readonly before: (step: PendingStep, index: number) => void;
  /** after all the changes of the notification are applied */
  readonly after: () => void;
  /** milliseconds spent analysing so far */
  readonly spentMs: () => number;
}

/** The rule above for one `didChange` of `uri` with `changeCount` content changes. */
export function changeSettler(ctx: ServerContext, uri: string, changeCount: number): ChangeSettler {
  let insideAnalysed = false;
  let spent = 0;
  const timed = (work: () => void): void => {
    const started = performance.now();
    work();
    spent += performance.now() - started;
  };
  return {
    spentMs: () => spent,
    before: (step, index) => {
      if (index > 0 && changeCount > MAX_CHANGES_SETTLED) return;
      const doc = ctx.documents.snapshot(uri);
      const platform = ctx.settings.current.platform;
      const latest = ctx.analyses.latest(uri);
      if (!doc || !latest || latest.platform !== platform || latest.seq >= doc.seq) return;
      const steps = ctx.documents.editsAfter(uri, latest.seq);
      if (!steps || steps.length === 0) return;
      const pending = coveringEdit(steps);
      if (linesBetween(doc.text, pending.start, pending.newEnd, step.start, step.end, NEAR_LINES) <= NEAR_LINES) return;
      try {
        const reason = `before a change far from the ${steps.length} edit(s) since v${latest.version}`;
        timed(() => {
          const analysis = currentAnalysis(ctx, doc, { reason, ...(index > 0 ? { state: `after ${index} of its ${changeCount} changes` } : {}) });
          // a whole version's analysis stays the latest: the next completion or hover answers from it
          // (stale-snapshot rule) and reads its indexes, built now as after `analyseSoon`
          if (index === 0) prepareForRequests(analysis, doc.text);
        });
        if (index > 0) insideAnalysed = true;
      } catch (err) {
        ctx.tracer.verbose(`analysing ${uri} before a far change failed: ${describeError(err)}`);
      }
    },
    after: () => {
      if (!insideAnalysed) return;
      // the stored analysis is of a state inside this notification: replaced by the final state's
      const doc = ctx.documents.snapshot(uri);
      if (!doc) return;
      try {
        timed(() => prepareForRequests(currentAnalysis(ctx, doc, { reason: 'the last state of a multi-change notification' }), doc.text));
      } catch (err) {
        ctx.tracer.verbose(`analysing ${uri} after a multi-change notification failed: ${describeError(err)}`);
      }
      const latest = ctx.analyses.latest(uri);
      if (latest && latest.seq !== doc.seq && latest.version === doc.version) ctx.analyses.forget(uri);
    },
  };
}

/**
 * The line breaks in `text` between the span `[aStart, aEnd]` and the span `[bStart, bEnd]` (0 when they
 * overlap or touch), counted up to `limit + 1`.
 */
export function linesBetween(text: string, aStart: number, aEnd: number, bStart: number, bEnd: number, limit: number): number {
  const from = bEnd < aStart ? bEnd : aEnd < bStart ? aEnd : -1;
  const to = bEnd < aStart ? aStart : bStart;
  if (from < 0) return 0;
  let count = 0;
  for (let at = text.indexOf('\n', from); at >= 0 && at < to; at = text.indexOf('\n', at + 1)) {
    if (++count > limit) break;
  }
  return count;
}
