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
