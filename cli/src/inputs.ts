/**
 * cli/inputs.ts: turns the PATH arguments of a command into the Junos documents to read.
 * Owns: folder expansion (which files look like Junos), reading, and clear errors for unreadable or binary files.
 * Must not know: parsing or analysis.
 * Invariants: never throws for a bad path; every problem becomes an `InputProblem` with a message for a person.
 * Tests: test/src/cli/inputs.test.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { looksLikeJunos } from '../../server/src/text/junos-sniff';

/** The content test lives in the server (the workspace index uses it too); re-exported for the CLI. */
export { looksLikeJunos };

export interface InputDocument {
  /** the path as the user will recognise it (relative to the working directory when possible) */
  readonly id: string;
  readonly absolutePath: string;
  readonly text: string;
}

export interface InputProblem {
  readonly path: string;
  readonly message: string;
}

/** File endings that are Junos by name; `.conf`/`.cfg`/`.txt` files are Junos only if their content says so. */
const JUNOS_EXTENSIONS = new Set(['.junos', '.jcfg', '.set']);
const MAYBE_JUNOS_EXTENSIONS = new Set(['.conf', '.cfg', '.txt', '.config']);
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'out', 'dist']);

/** A file is treated as binary when it has NUL bytes or is not valid UTF-8 in its first 64 KiB. */
export function isBinary(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 65536);
  if (sample.includes(0)) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.length === bytes.length ? sample : trimPartialUtf8(sample));
    return false;
  } catch {
    return true;
  }
}

function trimPartialUtf8(sample: Buffer): Buffer {
  // cutting at 64 KiB may split a multi-byte character: drop up to 3 trailing continuation bytes
  let end = sample.length;
  for (let i = 0; i < 3 && end > 0 && (sample[end - 1]! & 0xc0) === 0x80; i++) end--;
  if (end > 0 && sample[end - 1]! >= 0xc0) end--;
  return sample.subarray(0, end);
}

export interface CollectedInputs {
  readonly documents: InputDocument[];
  readonly problems: InputProblem[];
}

export function collectInputs(paths: readonly string[], cwd = process.cwd()): CollectedInputs {
  const documents: InputDocument[] = [];
  const problems: InputProblem[] = [];
  const seen = new Set<string>();

  const displayId = (abs: string): string => {
    const rel = path.relative(cwd, abs);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
  };

  const readFile = (abs: string, explicit: boolean): void => {
    if (seen.has(abs)) return;
    seen.add(abs);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(abs);
    } catch (err) {
      problems.push({ path: displayId(abs), message: `cannot read file: ${describeFsError(err)}` });
      return;
    }
    if (isBinary(bytes)) {
      if (explicit) problems.push({ path: displayId(abs), message: 'not a text file (binary content); skipped' });
      return;
    }
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    const ext = path.extname(abs).toLowerCase();
    if (!explicit && !JUNOS_EXTENSIONS.has(ext) && !(MAYBE_JUNOS_EXTENSIONS.has(ext) && looksLikeJunos(text))) return;
    documents.push({ id: displayId(abs), absolutePath: abs, text });
  };

  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      problems.push({ path: displayId(dir), message: `cannot read folder: ${describeFsError(err)}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) walk(full);
      } else if (entry.isFile()) {
        readFile(full, false);
      }
    }
  };

  for (const given of paths) {
    const abs = path.resolve(cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch (err) {
      problems.push({ path: given, message: `no such file or folder (${describeFsError(err)})` });
      continue;
    }
    if (stat.isDirectory()) {
      const before = documents.length;
      walk(abs);
      if (documents.length === before) problems.push({ path: given, message: 'folder holds no Junos configuration files' });
    } else {
      readFile(abs, true);
    }
  }
  return { documents, problems };
}

function describeFsError(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err) {
    const code = String((err as { code: unknown }).code);
    switch (code) {
      case 'ENOENT':
        return 'it does not exist';
      case 'EACCES':
      case 'EPERM':
        return 'permission denied';
      case 'EISDIR':
        return 'it is a folder';
      default:
        return code;
    }
  }
  return String(err);
}
