// Benchmark (not a test; run `node out/test/src/lsp/outline.bench.js [lines] [versions] [curly|set|both] [maxItemsComputed]`):
// the language server
// over stdio on a generated realistic configuration (default 100,000 lines) in both forms: the features VS Code
// asks for after every edit (document symbols, folding ranges, code lens, inlay hints of a visible range) and
// on request (selection ranges, document highlight, formatting), each asked once per document version, after a
// one-character edit inside a word and after a new line (which moves every later line). Server time: the
// guard's "<method> answered in X ms" trace line (the handler, without writing the answer); wall: the round
// trip (also serialising, sending and parsing the answer, e.g. 16-27 MB of JSON for a full outline); server
// CPU: the server process's CPU time over the round trip (from /proc, 10 ms steps; includes writing the answer
// and GC threads, and does not count waiting for a core: the machine's load does not inflate it).
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { generateLargeConfig } from '../fixtures/large-config';
import { LspSession } from './harness';

const LINES = Number(process.argv[2] ?? 100_000);
/** document versions measured per edit kind */
const VERSIONS = Number(process.argv[3] ?? 4);
/** `curly` or `set`: only that form (default both) */
const FORMS = (process.argv[4] && process.argv[4] !== 'both' ? [process.argv[4]] : ['curly', 'set']) as ('curly' | 'set')[];
/** the `junos.maxItemsComputed` setting (default: the server's, 5000; 0: no limit) */
const MAX_ITEMS = process.argv[5] !== undefined ? Number(process.argv[5]) : undefined;

/** CPU time (user + system, all threads) the process used so far, in ms (10 ms resolution on Linux). */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface Times {
  server: number[];
  wall: number[];
  cpu: number[];
  size: number;
  /** the answer's JSON, in KB */
  kb: number;
}

async function bench(form: 'curly' | 'set'): Promise<void> {
  const text = generateLargeConfig({ lines: LINES, form, seed: 1 });
  const lines = text.split('\n');
  const session = await LspSession.start({ settings: MAX_ITEMS === undefined ? { trace: 'verbose' } : { trace: 'verbose', maxItemsComputed: MAX_ITEMS } });
  try {
    await session.logLine(/workspace index:/);
    const uri = `file:///bench/outline.${form === 'curly' ? 'conf' : 'set'}`;
    await session.open(uri, text);
    console.log(`${form}: ${lines.length} lines, junos.maxItemsComputed ${MAX_ITEMS ?? 'default'}`);
    const descriptionLines = lines.flatMap((l, k) => (/description "/.test(l) ? [k] : []));
    // a word other statements name (an IKE proposal), for document highlight
    const proposalLine = lines.findIndex((l) => /\bproposal \S+/.test(l) && !/proposals/.test(l));
    const proposalCharacter = proposalLine >= 0 ? lines[proposalLine]!.search(/proposal \S/) + 'proposal '.length + 1 : 0;
    const serverTime = async (method: string, params: unknown): Promise<{ server: number; wall: number; cpu: number; size: number; kb: number }> => {
      const mark = session.logLines.length;
      const cpuStart = cpuMs(session.pid);
      const start = performance.now();
      const result = await session.request(method, params);
      const wall = performance.now() - start;
      const cpu = cpuMs(session.pid) - cpuStart;
      const pattern = new RegExp(`^${method.replace(/\//g, '\\/')} answered in ([\\d.]+) ms`);
      let answered = session.logLines.slice(mark).map((l) => pattern.exec(l)).find((m) => m);
      if (!answered) answered = pattern.exec(await session.logLine(pattern)) ?? undefined;
      const kb = Math.round(JSON.stringify(result ?? null).length / 1024);
      return { server: Number(answered![1]), wall, cpu, size: Array.isArray(result) ? result.length : result ? 1 : 0, kb };
    };
    let version = 1;
    let inserted = 0;
    // as an editor does on open: each feature once (what a feature keeps across versions is made here)
    for (const method of ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/codeLens']) await session.request(method, { textDocument: { uri } });
    for (const kind of ['one character inside a word', 'a new line'] as const) {
      const times = new Map<string, Times>();
      for (let i = 0; i < VERSIONS; i++) {
        const target = descriptionLines[Math.floor((descriptionLines.length * (1 + 2 * i)) / (2 * VERSIONS + 1))]! + inserted;
        const character = lines[target]!.indexOf('description "') + 'description "'.length;
        version++;
        const published = session.diagnosticsFor(uri, version);
        if (kind === 'a new line') {
          const end = { line: target, character: lines[target]!.length };
          const added = form === 'curly' ? `${/^\s*/.exec(lines[target]!)![0]}mtu 1500;` : 'set system host-name bench';
          await session.change(uri, version, [{ range: { start: end, end }, text: `\n${added}` }]);
          lines.splice(target + 1, 0, added);
          inserted++;
        } else {
          await session.change(uri, version, [{ range: { start: { line: target, character }, end: { line: target, character } }, text: 'x' }]);
          lines[target] = `${lines[target]!.slice(0, character)}x${lines[target]!.slice(character)}`;
        }
        await published;
        // let the work the publication started (if any) finish before measuring
        await new Promise((resolve) => setTimeout(resolve, 300));
        const visible = { start: { line: Math.max(0, target - 30), character: 0 }, end: { line: target + 30, character: 0 } };
        const requests: [string, string, unknown][] = [
          ['documentSymbol', 'textDocument/documentSymbol', { textDocument: { uri } }],
          ['foldingRange', 'textDocument/foldingRange', { textDocument: { uri } }],
          ['codeLens', 'textDocument/codeLens', { textDocument: { uri } }],
          ['inlayHint (60 lines)', 'textDocument/inlayHint', { textDocument: { uri }, range: visible }],
          ['selectionRange', 'textDocument/selectionRange', { textDocument: { uri }, positions: [{ line: target, character }] }],
          ['documentHighlight', 'textDocument/documentHighlight', { textDocument: { uri }, position: { line: proposalLine + (proposalLine > target ? 1 : 0), character: proposalCharacter } }],
          ['formatting', 'textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } }],
        ];
        for (const [name, method, params] of requests) {
          const t = await serverTime(method, params);
          let entry = times.get(name);
          if (!entry) times.set(name, (entry = { server: [], wall: [], cpu: [], size: 0, kb: 0 }));
          entry.server.push(t.server);
          entry.wall.push(t.wall);
          entry.cpu.push(t.cpu);
          entry.size = t.size;
          entry.kb = t.kb;
        }
      }
      console.log(`  after ${kind} (first request on each of ${VERSIONS} versions, median):`);
      for (const [name, t] of times) {
        console.log(`    ${name.padEnd(22)} server ${median(t.server).toFixed(1).padStart(7)} ms, wall ${median(t.wall).toFixed(1).padStart(7)} ms, server CPU ${median(t.cpu).toFixed(0).padStart(5)} ms [${t.cpu.join(', ')}] (${t.size} items, ${t.kb} KB)`);
      }
    }
    await session.shutdown();
  } finally {
    session.dispose();
  }
}

void (async () => {
  for (const form of FORMS) await bench(form);
})();
