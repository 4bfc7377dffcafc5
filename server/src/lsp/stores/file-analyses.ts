/**
 * lsp/stores/file-analyses.ts: analyses of workspace files that are not open in the editor (workspace
 *   symbols, inlay-hint peers, workspace diagnostics and the simulator read them).
 * Owns: the cache of one analysis per (path, modification time, size, platform); dropping entries of files
 *   the index no longer lists.
 * Must not know: LSP types, the connection, how an analysis is computed (the caller passes `analyze`).
 * Invariants: an entry is reused only while the file's mtime and size are unchanged and the platform is the
 *   same; unreadable files yield undefined, never a throw.
 * Tests: test/src/lsp/language-features.test.ts (workspace symbols, inlay hints, workspace diagnostics)
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

export class FileAnalysisCache {
  private readonly byPath = new Map<string, Entry>();

  /** The analysis of `filePath` as it is on disk, computed by `analyze(text)` when the cache has none. */
  get(filePath: string, platform: Platform, analyze: (text: string) => DocumentAnalysis): FileAnalysis | undefined {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(filePath);
    } catch {
      this.byPath.delete(filePath);
      return undefined;
    }
    const cached = this.byPath.get(filePath);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size && cached.platform === platform) return cached;
    let text: string;
    try {
      text = fs.readFileSync(filePath, 'utf8').replace(/^\uFEFF/, '');
    } catch {
      this.byPath.delete(filePath);
      return undefined;
    }
    const entry: Entry = { mtimeMs: stat.mtimeMs, size: stat.size, platform, text, analysis: analyze(text) };
    this.byPath.set(filePath, entry);
    return entry;
  }

  /** Forgets every file not in `keep` (absolute paths). */
  retainOnly(keep: ReadonlySet<string>): void {
    for (const file of this.byPath.keys()) if (!keep.has(file)) this.byPath.delete(file);
  }
}
