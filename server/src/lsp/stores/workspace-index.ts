/**
 * lsp/stores/workspace-index.ts: the Junos files of the workspace folders (the simulator looks for tunnel
 *   peers there; workspace symbols will list them).
 * Owns: scanning folders for files that match the `junos.files` globs and whose first 4 KiB look like
 *   Junos (`looksLikeJunos`), updating single files from file-watch events, the scan limits.
 * Must not know: the connection, LSP types (paths in, paths out; the lsp layer converts URIs), parsing.
 * Invariants: IO errors skip the file (and are counted), never throw; a newer scan supersedes an older one
 *   still running; `node_modules`, `.git`, `out`, `dist` and hidden folders are never entered.
 * Tests: test/src/lsp/stores.test.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { looksLikeJunos } from '../../text/junos-sniff';
import { compileGlobs, type PathMatcher } from './glob';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'out', 'dist']);
const SNIFF_BYTES = 4096;
/** folders with more files than this are indexed partially (and the index says so) */
const MAX_VISITED_FILES = 50_000;

export type FileChange = 'created' | 'changed' | 'deleted';

export interface ScanSummary {
  readonly files: number;
  readonly visited: number;
  readonly unreadable: number;
  readonly truncated: boolean;
}

export class WorkspaceIndex {
  private folders: string[] = [];
  private matcher: PathMatcher = () => false;
  private readonly junosFiles = new Set<string>();
  private generation = 0;

  /** Absolute folder paths; call `rebuild` afterwards. */
  setFolders(folders: readonly string[]): void {
    this.folders = [...new Set(folders.map((f) => path.resolve(f)))];
  }

  folderPaths(): string[] {
    return [...this.folders];
  }

  setGlobs(globs: readonly string[]): void {
    this.matcher = compileGlobs(globs);
  }

  /** Absolute paths of the indexed Junos files, sorted. */
  files(): string[] {
    return [...this.junosFiles].sort();
  }

  has(filePath: string): boolean {
    return this.junosFiles.has(path.resolve(filePath));
  }

  async rebuild(): Promise<ScanSummary> {
    const generation = ++this.generation;
    const found = new Set<string>();
    const counts = { visited: 0, unreadable: 0, truncated: false };
    for (const folder of this.folders) {
      await this.scanFolder(folder, folder, found, counts, generation);
      if (generation !== this.generation) break;
    }
    if (generation === this.generation) {
      this.junosFiles.clear();
      for (const file of found) this.junosFiles.add(file);
    }
    return { files: found.size, visited: counts.visited, unreadable: counts.unreadable, truncated: counts.truncated };
  }

  /** Applies one file-watch event. Returns true when the index changed. */
  async fileChanged(filePath: string, change: FileChange): Promise<boolean> {
    const abs = path.resolve(filePath);
    const had = this.junosFiles.has(abs);
    if (change === 'deleted') {
      this.junosFiles.delete(abs);
      return had;
    }
    const folder = this.folders.find((f) => abs === f || abs.startsWith(f + path.sep));
    const isJunos = folder !== undefined && this.wanted(folder, abs) && (await sniffFile(abs)) === true;
    if (isJunos) this.junosFiles.add(abs);
    else this.junosFiles.delete(abs);
    return had !== isJunos;
  }

  private wanted(folder: string, abs: string): boolean {
    const relative = path.relative(folder, abs);
    if (relative.split(path.sep).some((part) => SKIPPED_FOLDERS.has(part) || part.startsWith('.'))) return false;
    return this.matcher(relative);
  }

  private async scanFolder(
    root: string,
    dir: string,
    found: Set<string>,
    counts: { visited: number; unreadable: number; truncated: boolean },
    generation: number,
  ): Promise<void> {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      counts.unreadable++;
      return;
    }
    for (const entry of entries) {
      if (generation !== this.generation) return;
      if (counts.visited >= MAX_VISITED_FILES) {
        counts.truncated = true;
        return;
      }
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) await this.scanFolder(root, full, found, counts, generation);
      } else if (entry.isFile()) {
        counts.visited++;
        if (!this.matcher(path.relative(root, full))) continue;
        const sniffed = await sniffFile(full);
        if (sniffed === undefined) counts.unreadable++;
        else if (sniffed) found.add(full);
      }
    }
  }
}

/** true/false for Junos or not; undefined when the file cannot be read. Binary content is not Junos. */
async function sniffFile(file: string): Promise<boolean | undefined> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(file, 'r');
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head.includes(0)) return false;
    return looksLikeJunos(head.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
