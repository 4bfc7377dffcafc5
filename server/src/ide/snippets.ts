/**
 * ide/snippets.ts: ready-made blocks for the configurations IPsec engineers write again and again (an IKE
 *   proposal, an IKE policy with a pre-shared key placeholder, an IPsec proposal, an IPsec policy with
 *   PFS, a dynamic-SA rule, a next-hop service set), rendered for the form and level at the cursor.
 * Owns: the snippet table (each snippet is a list of statement paths below an anchor, in LSP snippet
 *   syntax for placeholders), where each one fits, and rendering to curly blocks (with braces and `;`,
 *   indented from the cursor's line) or to `set` lines (prefixed with the path from the edit level).
 * Must not know: config trees, LSP types, completion ranking.
 * Invariants: every path is valid against the schema once placeholders take their default text (tested);
 *   secrets are `$9$` placeholders, never a key; deterministic output.
 * Tests: test/src/ide/completion.test.ts
 */

export interface SnippetDefinition {
  /** the label shown in the list */
  readonly label: string;
  /** one sentence */
  readonly description: string;
  /** where the paths start: statement words without keys */
  readonly anchor: readonly string[];
  /** statement paths below the anchor; words may hold LSP placeholders (`${1:name}`, `${2|a,b|}`) */
  readonly paths: readonly (readonly string[])[];
}

const NAME = (n: number, text: string): string => `\${${n}:${text}}`;
const CHOICE = (n: number, values: readonly string[]): string => `\${${n}|${values.join(',')}|}`;
const DH_GROUPS = ['group14', 'group19', 'group20', 'group2', 'group5'];

const VPN = ['services', 'ipsec-vpn'];

export const SNIPPETS: readonly SnippetDefinition[] = [
  {
    label: 'ike-proposal (pre-shared keys)',
    description: 'An IKE proposal: pre-shared keys, a DH group, SHA-256 and AES-256.',
    anchor: VPN,
    paths: [
      ['ike', 'proposal', NAME(1, 'ike-proposal'), 'authentication-method', 'pre-shared-keys'],
      ['ike', 'proposal', NAME(1, 'ike-proposal'), 'dh-group', CHOICE(2, DH_GROUPS)],
      ['ike', 'proposal', NAME(1, 'ike-proposal'), 'authentication-algorithm', CHOICE(3, ['sha-256', 'sha-384', 'sha1'])],
      ['ike', 'proposal', NAME(1, 'ike-proposal'), 'encryption-algorithm', CHOICE(4, ['aes-256-cbc', 'aes-128-cbc', '3des-cbc'])],
    ],
  },
  {
    label: 'ike-policy (pre-shared key)',
    description: 'An IKE policy naming a proposal, with a placeholder for the pre-shared key (Junos stores it as `$9$`).',
    anchor: VPN,
    paths: [
      ['ike', 'policy', NAME(1, 'ike-policy'), 'mode', CHOICE(2, ['main', 'aggressive'])],
      ['ike', 'policy', NAME(1, 'ike-policy'), 'version', CHOICE(3, ['1', '2'])],
      ['ike', 'policy', NAME(1, 'ike-policy'), 'proposals', NAME(4, 'ike-proposal')],
      ['ike', 'policy', NAME(1, 'ike-policy'), 'pre-shared-key', 'ascii-text', `"${NAME(5, '\\$9\\$...')}"`],
    ],
  },
  {
    label: 'ipsec-proposal (ESP)',
    description: 'An IPsec proposal: ESP with HMAC-SHA1-96 and AES-128.',
    anchor: VPN,
    paths: [
      ['ipsec', 'proposal', NAME(1, 'ipsec-proposal'), 'protocol', 'esp'],
      ['ipsec', 'proposal', NAME(1, 'ipsec-proposal'), 'authentication-algorithm', CHOICE(2, ['hmac-sha1-96', 'hmac-sha-256-128', 'hmac-md5-96'])],
      ['ipsec', 'proposal', NAME(1, 'ipsec-proposal'), 'encryption-algorithm', CHOICE(3, ['aes-128-cbc', 'aes-256-cbc', '3des-cbc'])],
    ],
  },
  {
    label: 'ipsec-policy (PFS)',
    description: 'An IPsec policy with perfect forward secrecy, naming an IPsec proposal.',
    anchor: VPN,
    paths: [
      ['ipsec', 'policy', NAME(1, 'ipsec-policy'), 'perfect-forward-secrecy', 'keys', CHOICE(2, DH_GROUPS)],
      ['ipsec', 'policy', NAME(1, 'ipsec-policy'), 'proposals', NAME(3, 'ipsec-proposal')],
    ],
  },
  {
    label: 'rule (dynamic SA)',
    description: 'An IPsec rule whose term builds a dynamic SA to a remote gateway with an IKE and an IPsec policy.',
    anchor: VPN,
    paths: [
      ['rule', NAME(1, 'rule-ike'), 'term', NAME(2, 'term-ike'), 'then', 'remote-gateway', NAME(3, '192.0.2.2')],
      ['rule', NAME(1, 'rule-ike'), 'term', NAME(2, 'term-ike'), 'then', 'dynamic', 'ike-policy', NAME(4, 'ike-policy')],
      ['rule', NAME(1, 'rule-ike'), 'term', NAME(2, 'term-ike'), 'then', 'dynamic', 'ipsec-policy', NAME(5, 'ipsec-policy')],
      ['rule', NAME(1, 'rule-ike'), 'match-direction', CHOICE(6, ['input', 'output'])],
    ],
  },
  {
    label: 'service-set (next-hop, IPsec)',
    description: 'A next-hop service set applying IPsec rules between two units of a service interface.',
    anchor: ['services'],
    paths: [
      ['service-set', NAME(1, 'ipsec-service-set'), 'next-hop-service', 'inside-service-interface', NAME(2, 'ms-1/2/0.1')],
      ['service-set', NAME(1, 'ipsec-service-set'), 'next-hop-service', 'outside-service-interface', NAME(3, 'ms-1/2/0.2')],
      ['service-set', NAME(1, 'ipsec-service-set'), 'ipsec-vpn-options', 'local-gateway', NAME(4, '192.0.2.1')],
      ['service-set', NAME(1, 'ipsec-service-set'), 'ipsec-vpn-rules', NAME(5, 'rule-ike')],
    ],
  },
];

/** The words of a path with placeholders replaced by their default text (`${1:name}` -> `name`). */
export function plainWords(path: readonly string[]): string[] {
  return path.map((w) =>
    w
      .replace(/\$\{\d+:((?:[^}\\]|\\.)*)\}/g, (_m, text: string) => text.replace(/\\(.)/g, '$1'))
      .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1'),
  );
}

/** How many words of the anchor+path chain lie above `level`, or -1 when the snippet does not fit there. */
function fit(snippet: SnippetDefinition, level: readonly string[], form: 'curly' | 'set'): number {
  const head = snippet.anchor;
  if (level.length > head.length) {
    // below the anchor: only through the paths' common fixed words
    const extra = level.slice(head.length);
    for (const p of snippet.paths) {
      for (let i = 0; i < extra.length; i++) if (p[i] !== extra[i]) return -1;
    }
    return level.length;
  }
  for (let i = 0; i < level.length; i++) if (head[i] !== level[i]) return -1;
  // set lines name the whole path anyway; curly blocks are offered at the anchor and one level above it
  return form === 'set' || head.length - level.length <= 1 ? level.length : -1;
}

/** Snippets that fit at a level (statement path words with keys, from the root). */
export function snippetsAt(level: readonly string[], form: 'curly' | 'set'): SnippetDefinition[] {
  return SNIPPETS.filter((s) => fit(s, level, form) >= 0);
}

/** The snippet's paths relative to `level` (which must fit). */
function relativePaths(snippet: SnippetDefinition, level: readonly string[]): string[][] {
  return snippet.paths.map((p) => [...snippet.anchor, ...p].slice(level.length));
}

interface Tree {
  readonly name: string;
  readonly children: Tree[];
}

/** Merges paths into a tree; the last word of each path is a leaf value (kept with its keyword). */
function toTree(paths: readonly (readonly string[])[]): Tree[] {
  const roots: Tree[] = [];
  for (const p of paths) {
    let level = roots;
    // the leaf keyword and its value print as one line: `dh-group group14;`
    const heads = p.slice(0, -2);
    const line = p.slice(-2).join(' ');
    let i = 0;
    while (i < heads.length) {
      // a list keyword and its key print on one line: `proposal NAME {`
      const word = heads[i]!;
      const next = heads[i + 1];
      const name = next !== undefined && isPlaceholder(next) ? `${word} ${next}` : word;
      i += name === word ? 1 : 2;
      let node = level.find((t) => t.name === name);
      if (!node) level.push((node = { name, children: [] }));
      level = node.children;
    }
    level.push({ name: line, children: [] });
  }
  return roots;
}

function isPlaceholder(word: string): boolean {
  return word.startsWith('${');
}

function printTree(nodes: readonly Tree[], indent: string, unit: string, out: string[]): void {
  for (const n of nodes) {
    if (n.children.length === 0) out.push(`${indent}${n.name};`);
    else {
      out.push(`${indent}${n.name} {`);
      printTree(n.children, indent + unit, unit, out);
      out.push(`${indent}}`);
    }
  }
}

/**
 * The snippet text for a cursor at `level`: curly form as nested blocks whose first line continues the
 * cursor's line and whose other lines start with `indent`; set form as one `set` line per path, relative to
 * `level`. Ends with `$0`.
 */
export function renderSnippet(snippet: SnippetDefinition, level: readonly string[], form: 'curly' | 'set', indent: string): string {
  const rel = relativePaths(snippet, level);
  if (form === 'set') {
    const lines = rel.map((p) => `${indent}set ${p.join(' ')}`);
    return lines.join('\n').slice(indent.length) + '$0';
  }
  const out: string[] = [];
  printTree(toTree(rel), indent, '    ', out);
  return out.join('\n').slice(indent.length) + '$0';
}
