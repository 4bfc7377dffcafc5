/**
 * ide/token-legend.ts: the semantic token legend, declared once, and the map from highlight-query capture
 *   names (`@keyword`, `@string.special`, ...) to it.
 * Owns: the order of token types and modifiers (the LSP layer announces exactly these arrays), capture
 *   name resolution by longest dotted prefix.
 * Must not know: LSP types, how captures are produced.
 * Invariants: indexes are stable for a server run; an unknown capture resolves to no token (never a wrong one).
 * Tests: test/src/lsp/features.test.ts
 */

export const TOKEN_TYPES = [
  'keyword',
  'string',
  'number',
  'comment',
  'variable',
  'property',
  'operator',
  'enumMember',
  'type',
  'function',
  'namespace',
  'parameter',
  'decorator',
  'macro',
] as const;

export const TOKEN_MODIFIERS = ['declaration', 'definition', 'readonly', 'deprecated', 'defaultLibrary', 'modification'] as const;

export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

interface CaptureStyle {
  readonly type: TokenType;
  readonly modifiers?: readonly TokenModifier[];
}

/** Capture names as tree-sitter query authors write them; `null` means "draw nothing" (punctuation). */
const CAPTURE_STYLES: Readonly<Record<string, CaptureStyle | null>> = {
  keyword: { type: 'keyword' },
  'keyword.modifier': { type: 'keyword', modifiers: ['modification'] },
  string: { type: 'string' },
  'string.special': { type: 'string', modifiers: ['readonly'] },
  number: { type: 'number' },
  float: { type: 'number' },
  'constant.numeric': { type: 'number' },
  comment: { type: 'comment' },
  'comment.documentation': { type: 'comment', modifiers: ['declaration'] },
  variable: { type: 'variable' },
  'variable.parameter': { type: 'parameter' },
  'variable.builtin': { type: 'variable', modifiers: ['defaultLibrary'] },
  parameter: { type: 'parameter' },
  property: { type: 'property' },
  field: { type: 'property' },
  label: { type: 'property' },
  operator: { type: 'operator' },
  constant: { type: 'enumMember' },
  'constant.builtin': { type: 'enumMember', modifiers: ['defaultLibrary'] },
  type: { type: 'type' },
  tag: { type: 'type' },
  function: { type: 'function' },
  module: { type: 'namespace' },
  namespace: { type: 'namespace' },
  attribute: { type: 'decorator' },
  preproc: { type: 'macro' },
  punctuation: null,
  embedded: null,
  spell: null,
  nospell: null,
};

export interface ResolvedStyle {
  readonly typeIndex: number;
  readonly modifierBits: number;
}

const resolved = new Map<string, ResolvedStyle | null>();

/** The legend entry for a capture name (`@` optional), by its longest known dotted prefix. */
export function styleForCapture(captureName: string): ResolvedStyle | null {
  const name = captureName.replace(/^@/, '');
  const cached = resolved.get(name);
  if (cached !== undefined) return cached;
  let style: CaptureStyle | null | undefined;
  const parts = name.split('.');
  while (parts.length > 0 && style === undefined) {
    style = CAPTURE_STYLES[parts.join('.')];
    parts.pop();
  }
  const result = style
    ? {
        typeIndex: TOKEN_TYPES.indexOf(style.type),
        modifierBits: (style.modifiers ?? []).reduce((bits, m) => bits | (1 << TOKEN_MODIFIERS.indexOf(m)), 0),
      }
    : null;
  resolved.set(name, result);
  return result;
}
