// Benchmark (not a test; run `node scripts/bench/tokens-bench.js [lines] [edits]`): semantic tokens of a
// generated realistic configuration (default 100,000 lines) in both forms, through the real server over
// stdio: the first full request after open (computed from scratch), then after each one-character edit
// `full/delta` at once (the analysis of the new version is pending: the last analysis's classes, moved),
// `full/delta` again once the new version's diagnostics are published (its own classes, as after a
// `workspace/semanticTokens/refresh`), and a `full` request; server time is the handler's, from the verbose
// trace ("<method> answered in X ms"), wall time is the round trip (JSON included: a full answer at 100k
// lines is megabytes). Every answer is checked against a fresh full request at the end (same tokens).
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver-protocol';
import { generateLargeConfig } from '../fixtures/large-config';
import { FULL_CLIENT_CAPABILITIES, LspSession } from './harness';

const LINES = Number(process.argv[2] ?? 100_000);
const EDITS = Number(process.argv[3] ?? 10);

function rssMb(pid: number | undefined): string {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return `${(kb / 1024).toFixed(0)} MB`;
  } catch {
    return 'n/a';
  }
}

function summary(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
  return `p50 ${at(50).toFixed(1)}, p95 ${at(95).toFixed(1)}, max ${sorted[sorted.length - 1]!.toFixed(1)} ms`;
}

function applyDelta(data: readonly number[], delta: SemanticTokensDelta): number[] {
  let out = [...data];
  for (const edit of [...delta.edits].sort((a, b) => b.start - a.start)) out = [...out.slice(0, edit.start), ...(edit.data ?? []), ...out.slice(edit.start + edit.deleteCount)];
  return out;
}

async function bench(form: 'curly' | 'set'): Promise<void> {
  const text = generateLargeConfig({ lines: LINES, form, seed: 1 });
  const session = await LspSession.start({
    capabilities: { ...FULL_CLIENT_CAPABILITIES, workspace: { ...FULL_CLIENT_CAPABILITIES.workspace, semanticTokens: { refreshSupport: true } } },
    settings: { trace: 'verbose' },
  });
  session.connection.onRequest('workspace/semanticTokens/refresh', () => null);
  try {
    await session.logLine(/workspace index:/);
    const uri = `file:///bench/tokens.${form === 'curly' ? 'conf' : 'set'}`;
    await session.open(uri, text);
    const timed = async <T>(method: string, params: unknown): Promise<{ result: T; server: number; wall: number }> => {
      const mark = session.logLines.length;
      const start = performance.now();
      const result = await session.request<T>(method, params);
      const wall = performance.now() - start;
      const line = session.logLines.slice(mark).map((l) => new RegExp(`^${method.replace(/\//g, '\\/')} answered in ([\\d.]+) ms`).exec(l)).find((m) => m);
      if (!line) throw new Error(`no "${method} answered in" line (is the trace verbose?)`);
      return { result, server: Number(line[1]), wall };
    };
    const first = await timed<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    console.log(`${form}: ${text.split('\n').length} lines, ${first.result.data.length / 5} tokens`);
    console.log(`  first full (from scratch): server ${first.server.toFixed(0)} ms, wall ${first.wall.toFixed(0)} ms`);
    let data = first.result.data;
    let resultId = first.result.resultId!;
    const lines = text.split('\n');
    const descriptionLines = lines.flatMap((l, k) => (/description "/.test(l) ? [k] : []));
    const pending = { server: [] as number[], wall: [] as number[] };
    const analysed = { server: [] as number[], wall: [] as number[] };
    const fulls = { server: [] as number[], wall: [] as number[] };
    let version = 1;
    for (let i = 0; i < EDITS; i++) {
      const target = descriptionLines[Math.floor((descriptionLines.length * (i + 1)) / (EDITS + 2))]!;
      const character = lines[target]!.indexOf('description "') + 'description "'.length;
      version++;
      const published = session.diagnosticsFor(uri, version);
      await session.change(uri, version, [{ range: { start: { line: target, character }, end: { line: target, character } }, text: 'x' }]);
      const delta = async (into: { server: number[]; wall: number[] }): Promise<void> => {
        const t = await timed<SemanticTokens | SemanticTokensDelta>('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: resultId });
        into.server.push(t.server);
        into.wall.push(t.wall);
        data = 'edits' in t.result ? applyDelta(data, t.result) : t.result.data;
        resultId = t.result.resultId!;
      };
      await delta(pending);
      await published;
      await delta(analysed);
      const full = await timed<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
      fulls.server.push(full.server);
      fulls.wall.push(full.wall);
      if (JSON.stringify(full.result.data) !== JSON.stringify(data)) throw new Error(`edit ${i}: the deltas applied differ from a full answer`);
      data = full.result.data;
      resultId = full.result.resultId!;
    }
    console.log(`  one-character edit -> full/delta at once (analysis pending): server ${summary(pending.server)}; wall ${summary(pending.wall)}`);
    console.log(`                     -> full/delta after its diagnostics:      server ${summary(analysed.server)}; wall ${summary(analysed.wall)}`);
    console.log(`                     -> full (same version, held):           server ${summary(fulls.server)}; wall ${summary(fulls.wall)}`);
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
