/**
 * lsp/process-heap.ts: how a language-server process asks V8 to size its heap.
 * Owns: the V8 flags a server process sets on itself at start (`tuneHeapForServer`), and the reasons.
 *   A full analysis of a large configuration allocates several times its live result in short-lived
 *   objects; with V8's defaults the old space then grows to about twice the live state (V8 picks a growing
 *   factor up to 4 after each full collection) and keeps the pages, so the process's resident memory was
 *   1.5-2x what it really holds. `--heap-growing-percent=50` fixes the factor at 1.5: more full collections
 *   during a burst (CPU, much of it on V8's concurrent marking thread), a lower peak. Measured (numbers in
 *   `SERVER_V8_FLAGS`' comment) against the alternatives: `--optimize-for-size` (lowest memory, but 2.5x
 *   the CPU of a full analysis), a smaller young generation (`--max-semi-space-size=4`: no gain), and a
 *   forced `gc()` when idle (not done: a full collection of a 150-400 MB heap pauses 100+ ms, and a request
 *   arriving then would wait; V8's own memory reducer already shrinks the heap after a few idle seconds).
 * Must not know: anything of the server's work.
 * Invariants: called once, at the start of a process that runs the server (never from a library or a test
 *   process that loads the server); setting the flags never throws (an unknown flag is ignored by V8);
 *   `JUNOS_LSP_V8_DEFAULTS=1` in the environment leaves V8's defaults (for comparisons).
 * Tests: test/src/lsp/process-heap.test.ts
 */
import * as v8 from 'node:v8';

/**
 * The flags. Measured at 100,000 lines, curly form (/tmp-style scripts, 2 shared cores: CPU per full analysis
 * of the same text, runs 2-5 of 5; peak RSS over the runs, the last analysis kept): defaults ~1.6-2.0 s,
 * peak 670-820 MB; `--heap-growing-percent=50` ~2.2-3.2 s, 497 MB; `=30` ~2.2-3.6 s, 455 MB; `=20`
 * ~2.8-4.2 s, 434 MB; `--optimize-for-size` ~4.6-6.8 s, 393 MB. The real server over lsp-bench's phases,
 * peak RSS: curly 571 MB (defaults) -> 453 (`=20`), set 2,310 MB -> 1,101 (`=20`).
 */
export const SERVER_V8_FLAGS: readonly string[] = ['--heap-growing-percent=50'];

/** Sets `SERVER_V8_FLAGS` on this process unless `JUNOS_LSP_V8_DEFAULTS` is set; returns the flags set. */
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
  return set;
}
