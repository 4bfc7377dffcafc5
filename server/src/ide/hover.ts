/**
 * ide/hover.ts: what the editor shows when the pointer rests on a word of a Junos configuration.
 *   On a keyword: our documentation or the schema facts, under the `[edit ...]` level with keys. On a
 *   value: the result of checking it against its type, and the platform default. On a reference: a short
 *   curly excerpt of the definition it names and where that is. On a secret: that it is a secret, masked,
 *   and whether it decodes. On an unknown statement: the did-you-mean, if any.
 * Owns: choosing which of those applies and laying it out as markdown.
 * Must not know: LSP types, line/column positions.
 * Invariants: secrets never appear in plain text (values of `unreadable` statements and `$9$` words are
 *   masked; excerpts go through `maskSecretsInText`); never throws; undefined when there is nothing to say.
 * Tests: test/src/ide/hover.test.ts
 */
import { referenceHolder, resolveInterface } from '../analysis/paths';
import { documentedReference } from '../analysis/references';
import type { Platform } from '../analysis/platform';
import { nodePath, toCurly, type ConfigModel, type ConfigNode, type Word } from '../model/index';
import { decodeNineSecret, isNineSecret, maskSecret, maskSecretsInText } from '../model/secrets';
import { didYouMean, findStatementElsewhere, validateValue } from '../schema/index';
import type { ReferenceTarget, Schema, SchemaNode } from '../schema/types';
import { effectiveTwin, takesInterface } from './completion-references';
import { omittedDefault } from './hover-defaults';
import { editBanner, statementDetail, statementMarkdown, statementSummary } from './hover-statement';

export interface HoverInput {
  readonly model: ConfigModel;
  readonly docId: string;
  readonly offset: number;
  readonly schema: Schema;
  readonly platform: Platform;
}

export interface HoverResult {
  /** the hovered word's range */
  readonly start: number;
  readonly end: number;
  readonly markdown: string;
  /** on a reference: where the definition's name is written */
  readonly definition?: { readonly docId: string; readonly start: number; readonly end: number };
}

/** Lines of a definition excerpt before it is cut. */
const EXCERPT_LINES = 14;

/** Statement names from the root, no keys (the nokeyword list `interface` included, as the schema has it). */
function schemaPathOf(node: ConfigNode): string[] {
  const parts: string[] = [];
  for (let n: ConfigNode | undefined = node; n && n.role !== 'root'; n = n.parent) parts.unshift(n.keyword);
  return parts;
}

function levelOf(node: ConfigNode): string[] {
  return node.parent ? nodePath(node.parent) : [];
}

const SECRET_KEYWORDS: ReadonlySet<string> = new Set(['ascii-text', 'hexadecimal', 'encrypted-password', 'secret', 'authentication-key', 'simple-password']);

function isSecret(node: ConfigNode, word: Word): boolean {
  const type = node.schema?.type;
  if (type?.kind === 'named' && type.name === 'unreadable') return true;
  return SECRET_KEYWORDS.has(node.keyword) || isNineSecret(word.text) || word.text.startsWith('$9$');
}

/** Hover at `offset`, or undefined when nothing useful is known there. */
export function hover(input: HoverInput): HoverResult | undefined {
  try {
    const at = input.model.nodeAt(input.docId, input.offset);
    if (!at) return undefined;
    const { node, word } = at;
    const range = { start: word.source.start, end: word.source.end };
    if (node.role === 'unknown') return unknownHover(input, node, word, range);
    if (node.role === 'opaque' || !node.schema) return undefined;
    if (at.part === 'value') {
      if (isSecret(node, word)) return { ...range, markdown: secretMarkdown(node, word) };
      return valueHover(input, node, word, range);
    }
    if (at.part === 'key' && node.schema.kind === 'list' && referenceTargets(node).length > 0) {
      const ref = referenceHover(input, node, word, range);
      if (ref) return ref;
    }
    const markdown = statementMarkdown({ node: node.schema, schemaPath: schemaPathOf(node), levelWithKeys: levelOf(node), platform: input.platform });
    return { ...range, markdown };
  } catch {
    return undefined;
  }
}

function unknownHover(input: HoverInput, node: ConfigNode, word: Word, range: { start: number; end: number }): HoverResult | undefined {
  // only the unknown keyword itself; never echo a word that may be a secret
  if (word.text !== node.keyword || word.text.startsWith('$') || SECRET_KEYWORDS.has(node.parent?.keyword ?? '')) return undefined;
  let holder = node.parent;
  while (holder && !holder.schema) holder = holder.parent;
  const siblings = holder?.schema?.children().filter((c) => !c.nokeyword && !c.deprecated).map((c) => c.name) ?? [];
  const near = didYouMean(word.text, siblings);
  const elsewhere = findStatementElsewhere(input.schema, word.text, 3);
  if (near.length === 0 && elsewhere.length === 0) return undefined;
  const lines = [`\`${word.text}\` is not a statement at \`${editBanner(holder ? nodePath(holder) : [])}\`.`];
  if (near.length > 0) lines.push(`Did you mean ${near.map((n) => `\`${n}\``).join(' or ')}?`);
  if (elsewhere.length > 0) lines.push(`It exists at: ${elsewhere.map((e) => `\`[edit ${e.display.split(' ').slice(0, -1).join(' ')}]\``).join(', ')}`);
  return { ...range, markdown: lines.join('\n\n') };
}

function secretMarkdown(node: ConfigNode, word: Word): string {
  const lines = [`**secret (masked)**: \`${node.keyword} ${maskSecret(word.text)}\``];
  if (word.text.startsWith('$9$')) {
    const decoded = decodeNineSecret(word.text);
    lines.push(decoded.ok ? 'A well-formed `$9$` value: it decodes, and compares equal to any other encoding of the same key.' : `Not a valid \`$9$\` value (${decoded.problem.code}): Junos will reject it or read a different key.`);
  } else {
    lines.push('Written in plain text: Junos stores it as a `$9$` value on commit.');
  }
  return lines.join('\n\n');
}

function valueHover(input: HoverInput, node: ConfigNode, word: Word, range: { start: number; end: number }): HoverResult {
  const schema = node.schema!;
  const ref = referenceTargets(node).length > 0 || takesInterface(schema.type) ? referenceHover(input, node, word, range) : undefined;
  if (ref) return ref;
  const problem = validateValue(schema.type, word.text);
  const path = schemaPathOf(node);
  const lines = [`\`${node.keyword} ${word.text}\` (${statementDetail(schema)})`, '`' + editBanner(levelOf(node)) + '`'];
  lines.push(problem ? `**Invalid:** ${problem.message}` : `Valid: ${word.text} is accepted for \`${node.keyword}\`.`);
  const summary = statementSummary(path);
  if (summary) lines.push(summary);
  const fallback = omittedDefault(path, schema, input.platform);
  if (fallback) lines.push(`Default when omitted on ${input.platform}: ${fallback.value}${schema.units ? ` ${schema.units}` : ''}`);
  return { ...range, markdown: lines.join('\n\n') };
}

/** What a statement's values name: the YANG's references, else the ones Juniper documents (prefix lists, filters, ...). */
function referenceTargets(node: ConfigNode): readonly ReferenceTarget[] {
  const schema = node.schema;
  if (!schema) return [];
  return schema.references.length > 0 ? schema.references : (documentedReference(node)?.targets ?? []);
}

/** The definition a reference word names, found the way diagnostics find it. */
function definitionOf(node: ConfigNode, schema: SchemaNode, text: string): { entry: ConfigNode; listPath: string[] } | undefined {
  const targets = referenceTargets(node);
  for (const target of targets) {
    if (target.valueForm) {
      const r = resolveInterface(node, text, target.valueForm);
      if (r.kind === 'found') return { entry: r.node, listPath: ['interfaces'] };
      continue;
    }
    const h = referenceHolder(node, target);
    const entry = h?.holder?.children.find((c) => c.keyword === h.list && c.role === 'list-entry' && c.keys[0]?.text === text);
    if (entry && h) return { entry, listPath: h.path };
  }
  if (targets.length === 0 && takesInterface(schema.type)) {
    const r = resolveInterface(node, text, 'ifl');
    if (r.kind === 'found') return { entry: r.node, listPath: ['interfaces'] };
  }
  return undefined;
}

function excerpt(entry: ConfigNode): string {
  const header = entry.keywordHidden ? entry.keys.map((k) => k.text).join(' ') : [entry.keyword, ...entry.keys.map((k) => k.text)].join(' ');
  const body = toCurly(entry)
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => `    ${l}`);
  const cut = body.length > EXCERPT_LINES ? [...body.slice(0, EXCERPT_LINES), '    ...'] : body;
  const text = cut.length === 0 ? `${header};` : [`${header} {`, ...cut, '}'].join('\n');
  return maskSecretsInText(text);
}

function referenceHover(input: HoverInput, node: ConfigNode, word: Word, range: { start: number; end: number }): HoverResult | undefined {
  const schema = node.schema!;
  // group-inherited definitions only exist in the effective tree: look there when the written one has none
  let found = definitionOf(node, schema, word.text);
  if (!found) {
    const twin = effectiveTwin(input.model.effective(), node);
    if (twin?.schema) found = definitionOf(twin, twin.schema, word.text);
  }
  const what = `\`${node.keyword}\` names`;
  if (!found) {
    const expected = referenceTargets(node)[0];
    const where = expected && !expected.valueForm && !expected.relative ? ` (no \`${expected.path.join(' ')} ${word.text}\`)` : '';
    return { ...range, markdown: `${what} \`${word.text}\`, which is not configured${where}.` };
  }
  const { entry } = found;
  const nameWord = entry.mentions.find((m) => m.kind !== 'synthetic' && m.text === entry.keys[0]?.text) ?? entry.keys[0];
  const lines = [
    `${what} **${word.text}**, defined under \`${editBanner(levelOf(entry))}\`${nameWord && nameWord.kind !== 'synthetic' ? ` in \`${nameWord.source.docId}\`` : ''}${entry.origin?.group ? ` (inherited from group \`${entry.origin.group}\`)` : ''}:`,
    '```junos\n' + excerpt(entry) + '\n```',
  ];
  return {
    ...range,
    markdown: lines.join('\n\n'),
    ...(nameWord && nameWord.kind !== 'synthetic' ? { definition: { docId: nameWord.source.docId, start: nameWord.source.start, end: nameWord.source.end } } : {}),
  };
}
