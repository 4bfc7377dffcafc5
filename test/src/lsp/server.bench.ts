// Benchmark (not a test; run `node out/test/src/lsp/server.bench.js [lines]`): the language server over
// stdio on a generated realistic configuration (default 100,000 lines) in both forms: first diagnostics
// after open, diagnostics after a one-character edit (server time from the verbose trace, and wall time
// including the debounce), latency of the syntax-only features, and the server's resident memory.
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { generateLargeConfig } from '../fixtures/large-config';
import { LspSession } from './harness';

const LINES = Number(process.argv[2] ?? 100_000);

function rssMb(pid: number | undefined): string {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return `${(kb / 1024).toFixed(0)} MB`;
  } catch {
    return 'n/a';
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed<T>(body: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await body();
  return [result, performance.now() - start];
}

async function bench(form: 'curly' | 'set'): Promise<void> {
  const text = generateLargeConfig({ lines: LINES, form, seed: 1 });
  const lineCount = text.split('\n').length;
  const session = await LspSession.start({ settings: { trace: 'verbose' } });
  try {
    await session.logLine(/workspace index:/); // settings pulled: verbose from here on
    const uri = `file:///bench/large.${form === 'curly' ? 'conf' : 'set'}`;
    const [first, openMs] = await timed(() => session.open(uri, text));
    const parseLine = await session.logLine(/opened .* parsed in/);
    const diagLine = await session.logLine(/diagnostics .* v1: /);
    console.log(`${form}: ${lineCount} lines, ${(text.length / 1e6).toFixed(1)} MB`);
    console.log(`  open -> first diagnostics: ${openMs.toFixed(0)} ms wall (${first.diagnostics.length} diagnostics)`);
    console.log(`    server: ${/parsed in ([\d.]+ ms)/.exec(parseLine)![1]} parse, ${/in ([\d.]+ ms)/.exec(diagLine)![1]} diagnostics`);

    const lines = text.split('\n');
    const editTimes: number[] = [];
    const serverTimes: number[] = [];
    const reparseTimes: number[] = [];
    const copyTimes: number[] = [];
    const ruleTimes: number[] = [];
    let version = 1;
    for (let i = 0; i < 5; i++) {
      const target = lines.findIndex((l, k) => k > lineCount / 2 + i * 1000 && /description "/.test(l));
      const character = lines[target]!.indexOf('description "') + 'description "'.length;
      version++;
      const published: Promise<PublishDiagnosticsParams> = session.diagnosticsFor(uri, version);
      const [, ms] = await timed(async () => {
        await session.change(uri, version, [{ range: { start: { line: target, character }, end: { line: target, character } }, text: 'x' }]);
        await published;
      });
      editTimes.push(ms);
      const serverLine = await session.logLine(new RegExp(`diagnostics .* v${version}: `));
      serverTimes.push(Number(/in ([\d.]+) ms/.exec(serverLine)![1]));
      const reparse = await session.logLine(new RegExp(`changed .* v${version}: .*reparsed in`));
      reparseTimes.push(Number(/reparsed in ([\d.]+) ms/.exec(reparse)![1]));
      const analysis = await session.logLine(new RegExp(`analysis .* v${version}: `));
      copyTimes.push(Number(/tree copy ([\d.]+) ms/.exec(analysis)![1]));
      ruleTimes.push(Number(/rules ([\d.]+) ms/.exec(analysis)![1]));
    }
    console.log(
      `  one-character edit -> diagnostics: median ${median(editTimes).toFixed(0)} ms wall (200 ms debounce included); ` +
        `server: reparse ${median(reparseTimes).toFixed(1)} ms + diagnostics ${median(serverTimes).toFixed(1)} ms ` +
        `(tree copy ${median(copyTimes).toFixed(1)} ms, analysis rules ${median(ruleTimes).toFixed(1)} ms)`,
    );

    const requests: [string, string, unknown][] = [
      ['foldingRange', 'textDocument/foldingRange', { textDocument: { uri } }],
      ['documentSymbol', 'textDocument/documentSymbol', { textDocument: { uri } }],
      ['semanticTokens/full', 'textDocument/semanticTokens/full', { textDocument: { uri } }],
      ['semanticTokens/range (60 lines)', 'textDocument/semanticTokens/range', { textDocument: { uri }, range: { start: { line: 5000, character: 0 }, end: { line: 5060, character: 0 } } }],
      ['selectionRange', 'textDocument/selectionRange', { textDocument: { uri }, positions: [{ line: 5000, character: 10 }] }],
      ['formatting', 'textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } }],
    ];
    for (const [name, method, params] of requests) {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) times.push((await timed(() => session.request(method, params)))[1]);
      console.log(`  ${name}: median ${median(times).toFixed(1)} ms wall`);
    }
    // completion and hover at deterministic statement lines spread over the file (steady state: analysis current)
    const sampleLines: number[] = [];
    for (let k = 0; sampleLines.length < 60 && k < 600; k++) {
      const line = Math.floor(((k * 7919) % 997) / 997 * (lineCount - 2));
      if (/^\s*(set )?[a-z]/.test(lines[line] ?? '')) sampleLines.push(line);
    }
    const latency = async (name: string, make: (line: number) => [string, unknown]): Promise<void> => {
      const times: number[] = [];
      for (const line of sampleLines) times.push((await timed(() => session.request(...make(line))))[1]);
      console.log(`  ${name}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms wall (${times.length} requests)`);
    };
    const firstWordEnd = (line: number): number => {
      const m = /^\s*(set\s+)?\S+/.exec(lines[line] ?? '');
      return m ? m[0].length : 0;
    };
    await latency('completion (after the first word of a line)', (line) => ['textDocument/completion', { textDocument: { uri }, position: { line, character: firstWordEnd(line) + 1 } }]);
    await latency('hover (on the first word of a line)', (line) => ['textDocument/hover', { textDocument: { uri }, position: { line, character: Math.max(0, firstWordEnd(line) - 1) } }]);
    // typing: a one-character edit, then at once a completion and a hover elsewhere (before any diagnostics)
    const typingCompletion: number[] = [];
    const typingHover: number[] = [];
    for (let i = 0; i < 10; i++) {
      const target = lines.findIndex((l, k) => k > lineCount / 3 + i * 500 && /description "/.test(l));
      const character = lines[target]!.indexOf('description "') + 'description "'.length;
      version++;
      await session.change(uri, version, [{ range: { start: { line: target, character }, end: { line: target, character } }, text: 'y' }]);
      const line = sampleLines[i]!;
      typingCompletion.push((await timed(() => session.request('textDocument/completion', { textDocument: { uri }, position: { line, character: firstWordEnd(line) + 1 } })))[1]);
      typingHover.push((await timed(() => session.request('textDocument/hover', { textDocument: { uri }, position: { line, character: Math.max(0, firstWordEnd(line) - 1) } })))[1]);
    }
    console.log(
      `  right after an edit (analysis pending): completion p50 ${percentile(typingCompletion, 50).toFixed(1)} / max ${Math.max(...typingCompletion).toFixed(1)} ms, ` +
        `hover p50 ${percentile(typingHover, 50).toFixed(1)} / max ${Math.max(...typingHover).toFixed(1)} ms wall`,
    );
    await session.diagnosticsFor(uri, version);
    console.log(`  server memory (RSS) with the document open: ${rssMb(session.pid)}`);
    await session.shutdown();
  } finally {
    session.dispose();
  }
}

void (async () => {
  await bench('curly');
  await bench('set');
})();
