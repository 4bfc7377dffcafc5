/**
 * ide/token-legend.ts: the semantic token legend, declared once, the map from highlight-query capture
 *   names (`@keyword`, `@string.special`, ...) to it, and the map from the schema layer's word classes
 *   (ide/schema-tokens.ts) to it.
 * Owns: the order of token types and modifiers (the LSP layer announces exactly these arrays), capture
 *   name resolution by longest dotted prefix, the style of each word class. The VS Code client's
 *   `contributes.semanticTokenScopes` (package.json, written by scripts/e2e/package-manifest.js) names a
 *   TextMate scope for each type and for each type+modifier pair used here (checked by a test).
 * Must not know: LSP types, how captures are produced.
 * Invariants: indexes are stable for a server run; an unknown capture resolves to no token (never a wrong one).
 * Tests: test/src/lsp/features.test.ts
 */

import type { WordClass } from './schema-tokens';

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
  const result = style ? resolve(style) : null;
  resolved.set(name, result);
  return result;
}

/** Styles of the schema layer's word classes. Secrets keep the grammar's style (`string` + `readonly`)
 *  so that a secret looks the same before and after the model is known. */
export const CLASS_STYLES: Readonly<Record<WordClass, CaptureStyle>> = {
  keyword: { type: 'keyword' },
  enum: { type: 'enumMember' },
  number: { type: 'number' },
  address: { type: 'number' },
  string: { type: 'string' },
  interface: { type: 'type' },
  definition: { type: 'variable', modifiers: ['declaration'] },
  'interface-definition': { type: 'type', modifiers: ['declaration'] },
  reference: { type: 'variable' },
  'interface-reference': { type: 'type' },
  secret: { type: 'string', modifiers: ['readonly'] },
};

function resolve(style: CaptureStyle): ResolvedStyle {
  return {
    typeIndex: TOKEN_TYPES.indexOf(style.type),
    modifierBits: (style.modifiers ?? []).reduce((bits, m) => bits | (1 << TOKEN_MODIFIERS.indexOf(m)), 0),
  };
}

const classResolved = new Map<WordClass, ResolvedStyle>();

/** The legend entry of a schema word class. */
export function styleForClass(cls: WordClass): ResolvedStyle {
  let style = classResolved.get(cls);
  if (!style) classResolved.set(cls, (style = resolve(CLASS_STYLES[cls])));
  return style;
}

/** Every `type` and `type.modifier` selector the server can send for these capture names (those of the
 *  grammar's highlight query) and for the schema classes, for the client's scope map. */
export function usedSelectors(captureNames: readonly string[]): string[] {
  const out = new Set<string>();
  const styles: CaptureStyle[] = [...Object.values(CLASS_STYLES)];
  for (const name of captureNames) {
    const r = styleForCapture(name);
    if (!r) continue;
    styles.push({ type: TOKEN_TYPES[r.typeIndex]!, modifiers: TOKEN_MODIFIERS.filter((_, i) => (r.modifierBits & (1 << i)) !== 0) });
  }
  for (const style of styles) {
    out.add(style.type);
    for (const m of style.modifiers ?? []) out.add(`${style.type}.${m}`);
  }
  return [...out];
}
