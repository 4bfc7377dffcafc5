// scripts/bench/memory-probe.js: an opt-in record of where a language-server process's memory goes, loaded
// into the server with NODE_OPTIONS (`NODE_OPTIONS=--require=<this file> JUNOS_LSP_MEMORY_LOG=<file> node
// scripts/bench/lsp-bench.js`): in a process started as a language server (`lsp` or `--stdio` among its
// arguments) it appends one JSON line to the file every JUNOS_LSP_MEMORY_EVERY_MS (default 500) ms and at exit:
// resident set, V8 heap used/committed (and per space), external memory (the web-tree-sitter wasm memory is
// most of it: a WebAssembly.Memory counts as external, not as an array buffer), array buffers, and peaks. At exit
// it also collects garbage twice and writes the live sizes after it; with JUNOS_LSP_MEMORY_SNAPSHOT=<dir>, a heap
// snapshot there once the process was idle for 4 s after a busy spell. Also a line per garbage collection
// whose pause took JUNOS_LSP_MEMORY_GC_MS (default 20) ms or more (label 'gc', kind, ms; the sizes are the
// ones after it). Other processes: nothing.
// Not a test; read the file with scripts/bench/memory-report.js.
'use strict';
const fs = require('node:fs');
const v8 = require('node:v8');
const vm = require('node:vm');

const file = process.env.JUNOS_LSP_MEMORY_LOG;
const args = process.argv.slice(2);
if (file && (args.includes('lsp') || args.includes('--stdio'))) {
  const MB = (bytes) => Math.round((bytes / 1048576) * 10) / 10;
  const peaks = { rss: 0, heapCommitted: 0, external: 0 };
  const sample = (label) => {
    const usage = process.memoryUsage();
    const heap = v8.getHeapStatistics();
    peaks.rss = Math.max(peaks.rss, usage.rss);
    peaks.heapCommitted = Math.max(peaks.heapCommitted, heap.total_heap_size);
    peaks.external = Math.max(peaks.external, usage.external);
    const spaces = {};
    for (const space of v8.getHeapSpaceStatistics()) spaces[space.space_name] = [MB(space.space_used_size), MB(space.space_size)];
    return {
      label, pid: process.pid, at: Date.now(), rss: MB(usage.rss), heapUsed: MB(heap.used_heap_size),
      heapCommitted: MB(heap.total_heap_size), external: MB(usage.external), arrayBuffers: MB(usage.arrayBuffers),
      spaces, peakRss: MB(peaks.rss), peakHeapCommitted: MB(peaks.heapCommitted), peakExternal: MB(peaks.external),
    };
  };
  const write = (label) => {
    try { fs.appendFileSync(file, `${JSON.stringify(sample(label))}\n`); } catch { /* dropped */ }
  };
  // resident kB of the process's mappings by kind: the malloc heap, anonymous mappings by size (the wasm
  // memory is one huge reservation; V8's heap pages are 256 kB chunks), files
  const smaps = () => {
    const kinds = {};
    let kind = 'other';
    for (const line of fs.readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
      const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
      if (head) {
        const size = (parseInt(head[2], 16) - parseInt(head[1], 16)) / 1048576;
        const name = head[3];
        kind = name === '[heap]' ? 'malloc heap' : name.startsWith('/') ? 'files' : name ? name : size >= 1024 ? 'anon >= 1 GB (wasm memory)' : size >= 64 ? 'anon 64 MB..1 GB' : size > 1 ? 'anon 1..64 MB' : 'anon <= 1 MB';
        continue;
      }
      const rss = /^Rss:\s+(\d+) kB/.exec(line);
      if (rss) kinds[kind] = Math.round(((kinds[kind] ?? 0) + Number(rss[1]) / 1024) * 10) / 10;
    }
    return kinds;
  };
  let gc;
  try {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc');
  } catch { gc = undefined; }
  write('start');
  // every garbage collection that took 20 ms or more: kind (major, minor, ...) and pause, one line each
  try {
    const { PerformanceObserver, constants } = require('node:perf_hooks');
    const kinds = { [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major', [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor', [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb' };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.duration < Number(process.env.JUNOS_LSP_MEMORY_GC_MS ?? 20)) continue;
        const kind = kinds[entry.detail?.kind ?? entry.kind] ?? String(entry.detail?.kind);
        try { fs.appendFileSync(file, `${JSON.stringify({ ...sample('gc'), kind, ms: Math.round(entry.duration * 10) / 10 })}\n`); } catch { /* dropped */ }
      }
    }).observe({ entryTypes: ['gc'] });
  } catch { /* no gc entries */ }
  // JUNOS_LSP_MEMORY_SNAPSHOT=<dir>: a heap snapshot once the process was idle for 4 s (after a busy spell)
  const dir = process.env.JUNOS_LSP_MEMORY_SNAPSHOT;
  const { performance } = require('node:perf_hooks');
  let elu = performance.eventLoopUtilization();
  let idleSince = Date.now();
  let snapped = true;
  setInterval(() => {
    write('tick');
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, elu).utilization > 0.05;
    elu = now;
    if (busy) { idleSince = Date.now(); snapped = false; }
    else if (dir && !snapped && Date.now() - idleSince >= 4000) {
      snapped = true;
      try { v8.writeHeapSnapshot(`${dir}/server-${process.pid}-${Date.now()}.heapsnapshot`); } catch { /* dropped */ }
      elu = performance.eventLoopUtilization();
    }
  }, Number(process.env.JUNOS_LSP_MEMORY_EVERY_MS) || 500).unref();
  process.on('exit', () => {
    write('exit');
    if (typeof gc !== 'function') return;
    gc(); gc();
    write('exit after gc');
    try { fs.appendFileSync(file, `${JSON.stringify({ label: 'smaps', pid: process.pid, ...smaps() })}\n`); } catch { /* dropped */ }
  });
}
