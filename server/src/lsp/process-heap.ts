/**
 * lsp/process-heap.ts: how a language-server process asks V8 to size its heap.
 * Owns: the V8 flags a server process sets on itself at start (`tuneHeapForServer`), and the reasons.
 *   A full analysis of a large configuration allocates several times its live result in short-lived
 *   objects; with V8's defaults the old space then grows to about twice the live state (V8 picks a growing
 *   factor up to 4 after each full collection) and keeps the pages, so the process's resident memory was
 *   1.5-2x what it really holds. `--heap-growing-percent=100` fixes the factor at 2: a few more full
 *   collections during a burst (about 5% more CPU for a full analysis), a lower peak; a factor of 1.5 or
 *   1.2 lowers it further but costs 40% to 2.5x the CPU of full analyses (table below). Measured (numbers in
 *   `SERVER_V8_FLAGS`' comment) against the alternatives: `--optimize-for-size` (lowest memory, but 2.5x
 *   the CPU of a full analysis), a smaller young generation (`--max-semi-space-size=4`: no gain), and a
 *   forced `gc()` when idle: V8's own memory reducer did not shrink the heap in 24 s of idle after full
 *   analyses (measured), so the server also starts the idle collection of idle-collector.ts, which forces
 *   full collections only after the event loop was idle for a while and the heap grew (numbers there).
 * Must not know: anything of the server's work.
 * Invariants: called once, at the start of a process that runs the server (never from a library or a test
 *   process that loads the server); setting the flags never throws (an unknown flag is ignored by V8);
 *   `JUNOS_LSP_V8_DEFAULTS=1` in the environment leaves V8's defaults and starts no idle collection (for
 *   comparisons); `JUNOS_LSP_IDLE_GC=0` keeps the flags but starts no idle collection.
 * Tests: test/src/lsp/process-heap.test.ts
 */
import * as v8 from 'node:v8';
import { startIdleCollection } from './idle-collector';

/**
 * The flags. Measured with scripts/bench/heap-bench.js (100,000 lines, 4 full analyses of the same text
 * back to back, the last kept; CPU of runs 2-4, median; 2 cores shared with other jobs, so +-20%):
 *   curly, V8 defaults             ~2.1 s per analysis, peak RSS 576-673 MB, at the end 520-673 MB
 *   `--heap-growing-percent=100`   ~2.2 s,              peak 535-542 MB,     at the end 382-525 MB
 *   `--heap-growing-percent=50`    ~3.0 s,              peak 491 MB,         at the end 447 MB
 *   `--heap-growing-percent=20`    ~3.0-4.0 s,          peak 434 MB
 *   `--optimize-for-size`          ~4.6-6.8 s,          peak 393 MB
 *   set, defaults ~4.7-6.5 s, peak 1,342 MB; `=50` ~6.3-7.5 s, peak 1,172 MB, at the end 1,004 MB.
 * The real server over lsp-bench's phases with `=20`: set form, ten full rebuilds 2.6x the CPU of the
 * defaults (and peak RSS 2,310 -> 1,145 MB): a low factor is not worth it while full rebuilds remain.
 */
export const SERVER_V8_FLAGS: readonly string[] = ['--heap-growing-percent=100'];

/** Sets `SERVER_V8_FLAGS` on this process and starts the idle collection (idle-collector.ts) unless
 *  `JUNOS_LSP_V8_DEFAULTS` is set (`JUNOS_LSP_IDLE_GC=0`: no idle collection); returns the flags set. */
export function tuneHeapForServer(env: NodeJS.ProcessEnv = process.env): readonly string[] {
  if (env['JUNOS_LSP_V8_DEFAULTS']) return [];
  const set: string[] = [];
  for (const flag of SERVER_V8_FLAGS) {
    try {
      v8.setFlagsFromString(flag);
      set.push(flag);
    } catch {
      // V8 ignores unknown flags; nothing else to do
    }
  }
  if (env['JUNOS_LSP_IDLE_GC'] !== '0') startIdleCollection();
  return set;
}
