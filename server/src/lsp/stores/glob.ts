/**
 * lsp/stores/glob.ts: matches workspace-relative paths against the glob patterns of `junos.files`.
 * Owns: the glob dialect VS Code settings use: `**` (any folders), `*` and `?` (within one path segment),
 *   `{a,b}` alternatives, `[...]` character classes; `/` as the separator on every platform.
 * Must not know: file systems.
 * Invariants: compiling a pattern never throws (an unclosed `{` or `[` is taken literally); matching is
 *   case-sensitive and whole-path.
 * Tests: test/src/lsp/stores.test.ts
 */

export type PathMatcher = (relativePath: string) => boolean;

export function compileGlobs(patterns: readonly string[]): PathMatcher {
  const regexes = patterns.map(globToRegExp);
  return (relativePath) => {
    const normalised = relativePath.split('\\').join('/');
    return regexes.some((r) => r.test(normalised));
  };
}

export function globToRegExp(pattern: string): RegExp {
  let source = '';
  let i = 0;
  let braceDepth = 0;
  const glob = pattern.replace(/^\.\//, '');
  while (i < glob.length) {
    const ch = glob[i]!;
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more folders; a trailing `**` matches everything below
        const slash = glob[i + 2] === '/';
        source += slash ? '(?:[^/]*/)*' : '.*';
        i += slash ? 3 : 2;
        continue;
      }
      source += '[^/]*';
    } else if (ch === '?') {
      source += '[^/]';
    } else if (ch === '{' && glob.indexOf('}', i) > i) {
      source += '(?:';
      braceDepth++;
    } else if (ch === '}' && braceDepth > 0) {
      source += ')';
      braceDepth--;
    } else if (ch === ',' && braceDepth > 0) {
      source += '|';
    } else if (ch === '[' && glob.indexOf(']', i + 1) > i + 1) {
      const close = glob.indexOf(']', i + 1);
      let body = glob.slice(i + 1, close);
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      source += `[${body.replace(/\\/g, '\\\\')}]`;
      i = close + 1;
      continue;
    } else {
      source += ch.replace(/[.+^$()|\\\]{}[]/g, '\\$&');
    }
    i++;
  }
  while (braceDepth-- > 0) source += ')';
  try {
    return new RegExp(`^${source}$`);
  } catch {
    return new RegExp(`^${glob.replace(/[.*+?^$()|\\\]{}[]/g, '\\$&')}$`);
  }
}
