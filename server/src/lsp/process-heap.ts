/**
 * lsp/process-heap.ts: how a language-server process asks V8 and the C library to size its heaps.
 * Owns: the V8 flags a server process sets on itself at start (`tuneHeapForServer`), the environment its
 *   launchers start it with (`serverLaunchEnv`), and the reasons.
 *   A full analysis of a large configuration allocates several times its live result in short-lived
 *   objects; with V8's defaults the old space then grows to about twice the live state (V8 picks a growing
 *   factor up to 4 after each full collection) and keeps the pages, so the process's resident memory was
 *   1.5-2x what it really holds. `--heap-growing-percent=100` fixes the factor at 2: a few more full
 *   collections during a burst (about 5% more CPU for a full analysis), a lower peak; a factor of 1.5 or
 *   1.2 lowers it further but costs 40% to 2.5x the CPU of full analyses (table below). Measured (numbers in
 *   `SERVER_V8_FLAGS`' comment) against the alternatives: `--optimize-for-size` (lowest memory, but 2.5x
 *   the CPU of a full analysis) and a forced `gc()` when idle: V8's own memory reducer did not shrink the
 *   heap in 24 s of idle after full analyses (measured), so the server also starts the idle collection of
 *   idle-collector.ts, which forces a compacting full collection once the event loop was idle for a while
 *   after the heap grew, and a young-generation one some seconds later that lets V8 shrink its new space
 *   (numbers there). A smaller young generation is a launch-time choice only: `--max-semi-space-size` set
 *   with `v8.setFlagsFromString` in a running process has no effect (measured in Node 20: the young
 *   generation still grew to 2 x 16 MB; the "no gain" once noted here was measured that way); given at
 *   launch, `=4` caps it at 8 MB. Not used: the idle collection already brings it to 1 MB once idle, and
 *   during bursts it saved ~60 MB of peak RSS at 100k set lines for a CPU effect the shared machine could
 *   not resolve (scripts/bench/heap-bench.js under `node --max-semi-space-size=4`: 4.9-5.9 s per analysis
 *   against 4.4-6.7 s).
 *   The environment: glibc's malloc (where Node allocates array buffers: the semantic tokens' rows, the
 *   stdio JSON of a full answer, 17 MB each at 100,000 set lines) raises its mmap threshold to the size of
 *   the largest block freed (up to 32 MB) and its trim threshold to twice that, so after the first large
 *   buffer is freed the later ones come from the main heap and, freed, stay resident: 64 MB of malloc
 *   heap after lsp-bench-like edits and full token requests at 100k set lines. `MALLOC_MMAP_THRESHOLD_`
 *   fixes the threshold (and with it the trim threshold): large blocks are mapped and unmapped on their own
 *   (17 MB of malloc heap; RSS at idle 492 -> 449 MB). glibc reads it at process start, so a process cannot
 *   set it on itself: every launcher that starts a server process passes `serverLaunchEnv()` (the VS Code
 *   client, client/src/language-client.ts; the test harness). `junos-ipsec lsp` runs the server in the
 *   process the user started (its usage text says to set it). Cost: a fresh mapping's page faults for each
 *   block of 128 KB or more (one-character edit: 2,500-2,800 minor faults with and without it, measured
 *   in one process; a full token answer's 17 MB: ~4,000 faults, a few ms of its 200+ ms). Other C
 *   libraries ignore the variable.
 * Must not know: anything of the server's work.
 * Invariants: `tuneHeapForServer` is called once, at the start of a process that runs the server (never from
 *   a library or a test process that loads the server); setting the flags never throws (an unknown flag is
 *   ignored by V8); `JUNOS_LSP_V8_DEFAULTS=1` in the environment leaves V8's defaults, starts no idle
 *   collection and adds nothing to a launched server's environment (for comparisons); `JUNOS_LSP_IDLE_GC=0`
 *   keeps the flags but starts no idle collection; a value already in the environment wins over ours.
 * Tests: test/src/lsp/process-heap.test.ts (a server launched by the harness runs with the environment)
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

/** What a launcher adds to a server process's environment (see the header: read at process start). */
export const SERVER_LAUNCH_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '131072' };

/** The environment to start a server process with: `base` with `SERVER_LAUNCH_ENV` added (a variable `base`
 *  already sets is kept; nothing is added when `base` asks for V8's defaults). */
export function serverLaunchEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (base['JUNOS_LSP_V8_DEFAULTS']) return { ...base };
  return { ...SERVER_LAUNCH_ENV, ...base };
}

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
