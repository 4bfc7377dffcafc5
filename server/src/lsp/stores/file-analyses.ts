/**
 * lsp/stores/file-analyses.ts: analyses of workspace files that are not open in the editor (workspace
 *   symbols, inlay-hint peers, workspace diagnostics and the simulator read them).
 * Owns: the cache of one analysis per (path, modification time, size, platform); dropping entries of files
 *   the index no longer lists; a memory bound: the analyses held add up to at most a budget of text
 *   (an analysis weighs about 100 bytes per character of its text: model, effective tree, reference
 *   index, diagnostics), the least recently used dropped first (asked again, it is computed again).
 * Must not know: LSP types, the connection, how an analysis is computed (the caller passes `analyze`).
 * Invariants: an entry is reused only while the file's mtime and size are unchanged and the platform is the
 *   same; unreadable files yield undefined, never a throw; the text held never exceeds the budget, but for
 *   the one entry just returned (a file larger than the budget is analysed and returned, not kept).
 * Tests: test/src/lsp/language-features.test.ts (workspace symbols, inlay hints, workspace diagnostics),
 *   test/src/lsp/file-analyses.test.ts (reuse, the budget)
 */
import * as fs from 'node:fs';
import type { DocumentAnalysis, Platform } from '../../analysis/index';

interface Entry {
  readonly mtimeMs: number;
  readonly size: number;
  readonly platform: Platform;
  readonly text: string;
  readonly analysis: DocumentAnalysis;
}

export interface FileAnalysis {
  readonly text: string;
  readonly analysis: DocumentAnalysis;
}

/** Characters of text whose analyses are kept: at ~100 bytes of analysis per character about 400 MB at
 *  most; a 100,000-line configuration is ~3 M characters, a router's usually under 50,000. */
const DEFAULT_TEXT_BUDGET = 4_000_000;

export class FileAnalysisCache {
  /** least recently used first */
  private readonly byPath = new Map<string, Entry>();
  private heldText = 0;

  constructor(private readonly textBudget: number = DEFAULT_TEXT_BUDGET) {}

  /** Characters of text whose analyses are held. */
  get held(): number {
    return this.heldText;
  }

  /** The analysis of `filePath` as it is on disk, computed by `analyze(text)` when the cache has none. */
  get(filePath: string, platform: Platform, analyze: (text: string) => DocumentAnalysis): FileAnalysis | undefined {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(filePath);
    } catch {
      this.drop(filePath);
      return undefined;
    }
    const cached = this.byPath.get(filePath);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size && cached.platform === platform) {
      // most recently used: moved to the end
      this.byPath.delete(filePath);
      this.byPath.set(filePath, cached);
      return cached;
    }
    let text: string;
    try {
      text = fs.readFileSync(filePath, 'utf8').replace(/^\uFEFF/, '');
    } catch {
      this.drop(filePath);
      return undefined;
    }
    const entry: Entry = { mtimeMs: stat.mtimeMs, size: stat.size, platform, text, analysis: analyze(text) };
    this.drop(filePath);
    if (text.length <= this.textBudget) {
      for (const [file, old] of this.byPath) {
        if (this.heldText + text.length <= this.textBudget) break;
        this.byPath.delete(file);
        this.heldText -= old.text.length;
      }
      this.byPath.set(filePath, entry);
      this.heldText += text.length;
    }
    return entry;
  }

  private drop(filePath: string): void {
    const old = this.byPath.get(filePath);
    if (!old) return;
    this.byPath.delete(filePath);
    this.heldText -= old.text.length;
  }

  /** Forgets every file not in `keep` (absolute paths). */
  retainOnly(keep: ReadonlySet<string>): void {
    for (const file of [...this.byPath.keys()]) if (!keep.has(file)) this.drop(file);
  }
}
