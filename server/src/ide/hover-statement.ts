/**
 * ide/hover-statement.ts: the markdown that explains one statement: our hand-written documentation
 *   when the statement has it, the schema facts otherwise (and always the facts that matter: type, range,
 *   default, units, what it references), headed by the Junos `[edit ...]` hierarchy level.
 * Owns: the layout of statement documentation, shared by hover and completion's resolve step; the short
 *   one-line facts used as completion `detail`.
 * Must not know: config trees, source offsets, LSP.
 * Invariants: never prints a secret (the docs' examples only hold `$9$` placeholders and are masked
 *   again here); pure; never throws.
 * Tests: test/src/ide/hover.test.ts, test/src/ide/completion.test.ts
 */
import type { Platform } from '../analysis/platform';
import { maskSecretsInText } from '../model/secrets';
import { statementDoc } from '../schema/docs/index';
import { describeType, isGroupWildcardMember } from '../schema/index';
import type { SchemaNode, ValueType } from '../schema/types';
import { omittedDefault } from './hover-defaults';

/** The statement kinds completion and hover name. */
export type StatementKindLabel = 'container' | 'list' | 'leaf' | 'flag';

export function statementKindOf(node: SchemaNode): StatementKindLabel {
  if (node.kind === 'list') return 'list';
  if (node.kind === 'container') return node.presence && meaningfulChildren(node).length === 0 ? 'flag' : 'container';
  return node.type?.kind === 'empty' ? 'flag' : 'leaf';
}

/** Children other than the `apply-*` statements Junos allows everywhere. */
export function meaningfulChildren(node: SchemaNode): SchemaNode[] {
  return node.children().filter((c) => !c.name.startsWith('apply-'));
}

/** Enumeration values a type accepts (directly or through a union), in schema order. */
export function enumValues(type: ValueType | undefined): string[] {
  if (!type) return [];
  if (type.kind === 'enumeration') return [...type.values];
  if (type.kind === 'boolean') return ['true', 'false'];
  if (type.kind === 'union') return type.members.flatMap((m) => enumValues(m));
  return [];
}

function typeText(type: ValueType | undefined): string {
  if (type?.kind === 'union') {
    const members = type.members.filter((m) => !isGroupWildcardMember(m));
    return members.length === 1 ? describeType(members[0]) : describeType({ kind: 'union', members });
  }
  return describeType(type);
}

/** One line of facts for a completion item's `detail`: `leaf · integer 64..4096 · seconds`. */
export function statementDetail(node: SchemaNode): string {
  const kind = statementKindOf(node);
  const parts: string[] = [node.kind === 'leaf-list' ? 'leaf list' : kind];
  if (node.kind === 'list') parts.push(`key ${node.keys.map((k) => k.name).join(' ') || 'name'}`);
  if ((node.kind === 'leaf' || node.kind === 'leaf-list') && node.type?.kind !== 'empty') parts.push(typeText(node.type));
  if (node.units) parts.push(node.units);
  return parts.join(' · ');
}

/** `[edit services ipsec-vpn rule rule-ike term term-ike then]` from path words with keys. */
export function editBanner(pathWithKeys: readonly string[]): string {
  return pathWithKeys.length === 0 ? '[edit]' : `[edit ${pathWithKeys.join(' ')}]`;
}

/**
 * What the statement's value names. A relative `junos:must` path (`.. .. .. proposal`) is resolved against
 * the statement's level with keys (a container is one word and one level, a list entry two: keyword and
 * key, as Junos counts levels), so the text reads `services ipsec-vpn ike proposal`; without that level
 * the list is named alone.
 */
function referenceText(node: SchemaNode, levelWithKeys: readonly string[] | undefined): string | undefined {
  if (node.references.length === 0) return undefined;
  const names = node.references.map((r) => {
    if (r.valueForm === 'ifl') return 'a logical interface (`interfaces NAME unit N`)';
    if (r.valueForm === 'ifd') return 'an interface (`interfaces NAME`)';
    if (!r.relative) return `an existing \`${r.path.join(' ')}\` entry`;
    // level 0 is the statement itself (`levelWithKeys` + its name); each `..` climbs one word
    const words = levelWithKeys ? [...levelWithKeys, node.name] : undefined;
    if (words && r.up <= words.length) return `an existing \`${[...words.slice(0, words.length - r.up), ...r.path].join(' ')}\` entry`;
    return `an existing \`${r.path.join(' ')}\` entry of this hierarchy`;
  });
  return [...new Set(names)].join(' or ');
}

export interface StatementMarkdownInput {
  readonly node: SchemaNode;
  /** statement names from the root, no keys: ['services', 'ipsec-vpn', 'rule', 'term', 'then', 'remote-gateway'] */
  readonly schemaPath: readonly string[];
  /** the hierarchy level holding the statement, with keys, when known */
  readonly levelWithKeys?: readonly string[];
  readonly platform: Platform;
}

/** The full documentation of a statement, as markdown. */
export function statementMarkdown(input: StatementMarkdownInput): string {
  const { node, schemaPath, platform } = input;
  const out: string[] = [];
  out.push(`**${node.name}** (${statementDetail(node)})`);
  const level = input.levelWithKeys ?? schemaPath.slice(0, -1);
  out.push('`' + editBanner(level) + '`');
  const doc = statementDoc(schemaPath);
  if (doc) {
    out.push(doc.summary);
    if (doc.body) out.push(doc.body);
  }
  const facts: string[] = [];
  if (node.kind === 'leaf' || node.kind === 'leaf-list') {
    if (node.type?.kind !== 'empty') facts.push(`- Value: ${typeText(node.type)}`);
  }
  if (node.kind === 'list') facts.push(`- Key: ${node.keys.map((k) => `${k.name} (${typeText(k.type)})`).join(', ') || 'name'}`);
  if (node.units) facts.push(`- Units: ${node.units}`);
  const fallback = omittedDefault(schemaPath, node, platform);
  if (doc?.default) facts.push(`- Default: ${doc.default}`);
  if (fallback) facts.push(`- Default on ${platform}: ${fallback.value}${node.units ? ` ${node.units}` : ''}`);
  if (node.mandatory) facts.push('- Mandatory');
  const refers = referenceText(node, input.levelWithKeys);
  if (refers) facts.push(`- Names ${refers}`);
  if (node.deprecated) facts.push('- Deprecated: still accepted, no longer recommended');
  if (node.opaque) facts.push('- Contents are not described by the YANG models; they are not checked');
  if (facts.length > 0) out.push(facts.join('\n'));
  if (doc?.example) out.push('```junos\n' + maskSecretsInText(doc.example) + '\n```');
  return out.join('\n\n');
}

/** The one-sentence summary for completion lists: our docs, else nothing (the detail has the facts). */
export function statementSummary(schemaPath: readonly string[]): string | undefined {
  return statementDoc(schemaPath)?.summary;
}
