// Benchmark (not a test; run `node out/test/src/lsp/server.bench.js [lines] [latency]`): the language server
// over stdio on a generated realistic configuration (default 100,000 lines) in both forms: first diagnostics
// after open, diagnostics after a one-character edit (server time from the verbose trace, and wall time
// including the debounce), latency of the syntax-only features, completion and hover latency (server time:
// the handler, from the verbose trace; wall: the round trip, which also waits for whatever the server was
// doing, e.g. the reparse of an edit just sent) at steady state, right after an edit elsewhere and while
// typing a new statement, and the server's resident memory. `latency` skips all but open and latencies;
// JUNOS_BENCH_FORMS=set (or curly) runs one form; JUNOS_BENCH_LOG=<file> writes the server's trace to <file>.<form>.
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { generateLargeConfig } from '../fixtures/large-config';
import { LspSession } from './harness';

const LINES = Number(process.argv[2] ?? 100_000);
/** `latency`: only open, completion and hover (skips the diagnostics-after-edit and syntax-feature parts) */
const ONLY_LATENCY = process.argv[3] === 'latency';

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
    let version = 1;
    if (!ONLY_LATENCY) version = await diagnosticsAndSyntaxFeatures(session, uri, lines, lineCount);
    await latencies(session, uri, lines, lineCount, version);
    // JUNOS_BENCH_LOG=<file>: the server's trace, for a closer look (one file per form)
    if (process.env.JUNOS_BENCH_LOG) fs.writeFileSync(`${process.env.JUNOS_BENCH_LOG}.${form}`, `${session.logLines.join('\n')}\n`);
    await session.shutdown();
  } finally {
    session.dispose();
  }
}

async function diagnosticsAndSyntaxFeatures(session: LspSession, uri: string, lines: string[], lineCount: number): Promise<number> {
  const editTimes: number[] = [];
  const serverTimes: number[] = [];
  const reparseTimes: number[] = [];
  const copyTimes: number[] = [];
  const ruleTimes: number[] = [];
  let version = 1;
  const descriptionLines = lines.flatMap((l, k) => (/description "/.test(l) ? [k] : []));
  if (descriptionLines.length === 0) throw new Error(`no description line to edit in the generated ${lineCount}-line config`);
  for (let i = 0; i < 5; i++) {
    // five edit places spread over the second half of the description lines, whatever the size
    const target = descriptionLines[Math.floor(descriptionLines.length * (0.5 + i / 10))]!;
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
    // the first request computes (semantic tokens: once per document version); the later ones may be cached
    console.log(`  ${name}: first ${times[0]!.toFixed(1)} ms, median ${median(times).toFixed(1)} ms wall`);
  }
  return version;
}

async function latencies(session: LspSession, uri: string, lines: string[], lineCount: number, startVersion: number): Promise<void> {
  let version = startVersion;
  // completion and hover at deterministic statement lines spread over the file (steady state: analysis current)
  const sampleLines: number[] = [];
  for (let k = 0; sampleLines.length < 60 && k < 600; k++) {
    const line = Math.floor(((k * 7919) % 997) / 997 * (lineCount - 2));
    if (/^\s*(set )?[a-z]/.test(lines[line] ?? '')) sampleLines.push(line);
  }
  // server time: the guard's "<method> answered in X ms" line, logged before the response is sent (so it
  // has arrived when the response has); wall time also holds the JSON-RPC round trip and (de)serialising
  const serverTime = async (method: string, params: unknown): Promise<{ server: number; wall: number; log: string[] }> => {
    const mark = session.logLines.length;
    const [, wall] = await timed(() => session.request(method, params));
    const log = session.logLines.slice(mark);
    const answered = log.map((l) => new RegExp(`^${method.replace('/', '\\/')} answered in ([\\d.]+) ms`).exec(l)).find((m) => m);
    if (!answered) throw new Error(`no "${method} answered in" log line (is the trace verbose?)`);
    return { server: Number(answered[1]), wall, log };
  };
  const summary = (values: number[]): string =>
    `p50 ${percentile(values, 50).toFixed(1)}, p95 ${percentile(values, 95).toFixed(1)}, max ${Math.max(...values).toFixed(1)} ms`;
  // an analysis line of the request's handler: one without a reason (the didChange before it, far-edits.ts,
  // the next-turn analysis after an earlier answer and the diagnostics run name theirs, and their trace
  // lines may arrive after the request was sent)
  const analysedOnRequest = (l: string): boolean => /^analysis .* v\d+:/.test(l) && !/; (before a change far|the last state of a multi-change|on the next turn|for diagnostics)/.test(l);
  // the analyses didChange made before a change far from the edits not analysed yet (far-edits.ts)
  const changeAnalyses = (mark: number): string => {
    const times = session.logLines.slice(mark).flatMap((l) => {
      const m = /^changed .* \(and analysed before far changes in ([\d.]+) ms\)/.exec(l);
      return m ? [Number(m[1])] : [];
    });
    return times.length === 0 ? 'no analysis in didChange' : `${times.length} didChange(s) analysed first: ${summary(times)}`;
  };
  const firstWordEnd = (line: number): number => {
    const m = /^\s*(set\s+)?\S+/.exec(lines[line] ?? '');
    return m ? m[0].length : 0;
  };
  const completionAt = (line: number): [string, unknown] => ['textDocument/completion', { textDocument: { uri }, position: { line, character: firstWordEnd(line) + 1 } }];
  const hoverAt = (line: number): [string, unknown] => ['textDocument/hover', { textDocument: { uri }, position: { line, character: Math.max(0, firstWordEnd(line) - 1) } }];
  const latency = async (name: string, make: (line: number) => [string, unknown]): Promise<void> => {
    const server: number[] = [];
    const wall: number[] = [];
    for (const line of sampleLines) {
      const t = await serverTime(...make(line));
      server.push(t.server);
      wall.push(t.wall);
    }
    console.log(`  ${name}: server ${summary(server)}; wall ${summary(wall)} (${server.length} requests)`);
  };
  // the first request on a model may build its offset indexes (unless the server prepared them after
  // the analysis): it is measured like any other
  await latency('completion (after the first word of a line)', completionAt);
  await latency('hover (on the first word of a line)', hoverAt);
  // typing: a one-character edit, then at once a completion and a hover elsewhere (the analysis of the
  // new version is pending: debounced); how each was answered is read from the trace
  const typing = { completion: { server: [] as number[], wall: [] as number[] }, hover: { server: [] as number[], wall: [] as number[] } };
  const how = { stale: 0, analysed: 0, current: 0 };
  // thirty edit places from a quarter of the description lines on, whatever the size
  const descriptionLines = lines.flatMap((l, k) => (/description "/.test(l) ? [k] : []));
  const typingMark = session.logLines.length;
  for (let i = 0; i < 30; i++) {
    const target = descriptionLines[Math.floor((descriptionLines.length * (10 + i)) / 40)]!;
    const character = lines[target]!.indexOf('description "') + 'description "'.length;
    version++;
    await session.change(uri, version, [{ range: { start: { line: target, character }, end: { line: target, character } }, text: 'y' }]);
    const line = sampleLines[i % sampleLines.length]!;
    for (const [kind, make] of [['completion', completionAt], ['hover', hoverAt]] as const) {
      const t = await serverTime(...make(line));
      typing[kind].server.push(t.server);
      typing[kind].wall.push(t.wall);
      if (t.log.some((l) => /answering from the analysis of/.test(l))) how.stale++;
      else if (t.log.some((l) => analysedOnRequest(l))) how.analysed++;
      else how.current++;
    }
  }
  console.log(`  right after an edit: completion server ${summary(typing.completion.server)}; wall ${summary(typing.completion.wall)}`);
  console.log(`                       hover      server ${summary(typing.hover.server)}; wall ${summary(typing.hover.wall)}`);
  console.log(`    (${how.stale} answered from the last analysis, ${how.analysed} analysed the new version on the request path, ${how.current} found it analysed)`);
  console.log(`    ${changeAnalyses(typingMark)}`);
  // typing a new statement: a line with a half-typed word is added below a statement line, and completion
  // is asked at once at its end (the edited line itself: never answerable from the older analysis)
  const current = [...lines];
  const atCursor = { server: [] as number[], wall: [] as number[] };
  const answered = { typed: 0, stale: 0, analysed: 0, current: 0 };
  const typedServer: number[] = [];
  const statementMark = session.logLines.length;
  const analysedOnPath: string[] = [];
  const offPath: string[] = [];
  for (let i = 0; i < 10; i++) {
    const mark = session.logLines.length;
    const line = sampleLines[i]! + i; // earlier insertions moved it down by i lines
    const indent = /^\s*/.exec(current[line]!)![0];
    const typed = `${indent}${/^\s*set /.test(current[line]!) ? 'set i' : 'd'}`;
    const end = { line, character: current[line]!.length };
    current.splice(line + 1, 0, typed);
    version++;
    await session.change(uri, version, [{ range: { start: end, end }, text: `\n${typed}` }]);
    const t = await serverTime('textDocument/completion', { textDocument: { uri }, position: { line: line + 1, character: typed.length } });
    atCursor.server.push(t.server);
    atCursor.wall.push(t.wall);
    if (t.log.some((l) => /completing the typed line from the analysis of/.test(l))) {
      answered.typed++;
      typedServer.push(t.server);
    }
    else if (t.log.some((l) => /answering from the analysis of/.test(l))) answered.stale++;
    else if (t.log.some((l) => analysedOnRequest(l))) {
      answered.analysed++;
      analysedOnPath.push(...t.log.filter((l) => analysedOnRequest(l)).map((l) => `v${version}: ${l.replace(/^analysis \S+ /, '')}`));
    }
    else answered.current++;
    // analyses made off the request path since the last request (didChange, the next-turn analysis)
    offPath.push(...session.logLines.slice(mark).filter((l) => /^analysis .* v\d+/.test(l) && !(analysedOnRequest(l) && t.log.includes(l))).map((l) => l.replace(/^analysis \S+ /, '')));
  }
  console.log(`  typing a new statement, completion at it: server ${summary(atCursor.server)}; wall ${summary(atCursor.wall)}`);
  console.log(`    (${answered.typed} completed the typed line from the last analysis, ${answered.stale} answered from the last analysis, ${answered.analysed} analysed the new version on the request path, ${answered.current} found it analysed)`);
  if (typedServer.length > 0) console.log(`    those completed from the typed line: server ${summary(typedServer)}`);
  for (const l of analysedOnPath) console.log(`    analysed on the request path: ${l}`);
  for (const l of offPath) console.log(`    analysed off the request path: ${l}`);
  console.log(`    ${changeAnalyses(statementMark)}`);
  await session.diagnosticsFor(uri, version);
  console.log(`  server memory (RSS) with the document open: ${rssMb(session.pid)}`);
  // the server gives the garbage of its last analyses back once idle for a while (lsp/idle-collector.ts:
  // its collections take seconds at 100k set lines on a loaded machine)
  const idle: string[] = [];
  let waited = 0;
  for (const seconds of [3, 6, 10]) {
    await new Promise((resolve) => setTimeout(resolve, (seconds - waited) * 1000));
    waited = seconds;
    idle.push(`${seconds} s: ${rssMb(session.pid)}`);
  }
  console.log(`    after idle ${idle.join(', ')}`);
}

/** JUNOS_BENCH_FORMS=set (or curly): only that form (default both) */
const FORMS = (process.env.JUNOS_BENCH_FORMS ?? 'curly,set').split(',').filter((form): form is 'curly' | 'set' => form === 'curly' || form === 'set');

void (async () => {
  for (const form of FORMS) await bench(form);
})();
