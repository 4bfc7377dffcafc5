/**
 * text/junos-sniff.ts: decides from the first lines of a text whether it is a Junos configuration.
 * Owns: the content test shared by the CLI's folder walk and the language server's workspace index.
 * Must not know: parsing, the schema, file systems or LSP.
 * Invariants: pure and total (any string in, a boolean out); reads at most the first 4 KiB.
 * Tests: test/src/cli/inputs.test.ts (through the CLI re-export), test/src/lsp/stores.test.ts (workspace index)
 */

/** True when a text starts like a Junos configuration in either form. */
export function looksLikeJunos(text: string): boolean {
  if (typeof text !== 'string') return false;
  const head = text.slice(0, 4096).split(/\r?\n/);
  for (const raw of head) {
    const line = raw.trim();
    if (line === '') continue;
    if (/^## Last (commit|changed)/.test(line)) return true;
    if (/^#/.test(line) || /^\/\*/.test(line)) continue;
    if (/^version\s+\S+;/.test(line)) return true;
    if (/^(set|delete|deactivate|activate|edit)\s+\S/.test(line)) return true;
    if (/^\[edit(\s[^\]]*)?\]$/.test(line)) return true;
    if (/^(inactive:\s*)?[a-z][a-z0-9-]*(\s+\S+)*\s*\{$/.test(line)) return true;
    return false;
  }
  return false;
}
