/**
 * ide/rename.ts: rename a named definition (IKE/IPsec proposals and policies, rules, rule-sets, service
 *   sets, policy statements, prefix lists, filters, groups, ...) and every word that refers to it in that
 *   device's configuration, in both forms and inside groups.
 * Owns: the refusals (keywords, values that name nothing, secrets, interfaces, empty/invalid/taken new
 *   names, and names also written where the schema declares no reference but that may refer to it: the
 *   `mentions` of references.ts `referringPlaces`) with messages in our words, and quoting the new name.
 * Must not know: LSP types, line/column positions; how references are found (the analysis index and
 *   references.ts `referringPlaces`, shared with find references, highlight and the code lens, do).
 * Invariants: never throws; edits never overlap and are sorted; a refused rename returns `{ error }`
 *   and no edits; secrets never appear in messages.
 * Tests: test/src/ide/rename.test.ts
 */
import type { Definition, DocumentAnalysis } from '../analysis/index';
import { isNineSecret } from '../model/secrets';
import { quoteWord, type ConfigNode } from '../model/index';
import { validateValue } from '../schema/index';
import type { Schema, SchemaNode } from '../schema/types';
import { definitionUnder } from './definition';
import { referringPlaces, uniqueSorted } from './references';

export interface TextEdit {
  readonly docId: string;
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export type PrepareRenameResult = { readonly start: number; readonly end: number; readonly placeholder: string } | { readonly error: string };
export type RenameResult = { readonly edits: readonly TextEdit[] } | { readonly error: string };

/** Whether the word at `offset` can be renamed, and its span and current name. */
export function prepareRename(analysis: DocumentAnalysis, docId: string, offset: number): PrepareRenameResult {
  const found = definitionUnder(analysis, docId, offset);
  if (found) {
    if (found.definition.kind === 'interfaces') return { error: `'${found.definition.name}' is an interface name: rename the interface in [edit interfaces] and its uses by hand.` };
    return { start: found.word.source.start, end: found.word.source.end, placeholder: found.definition.name };
  }
  const at = analysis.model.nodeAt(docId, offset);
  if (!at) return { error: 'There is no name here to rename.' };
  const { word, part, node } = at;
  if (word.kind === 'secret' || isNineSecret(word.text) || node.schema?.type?.kind === 'named' && node.schema.type.name === 'unreadable') {
    return { error: 'A secret cannot be renamed.' };
  }
  if (part === 'keyword') return { error: `\`${word.text}\` is a keyword and cannot be renamed.` };
  const use = analysis.references.useAt(docId, offset);
  if (use) return { error: `'${use.name}' names something that is not configured, so there is nothing to rename: define it first.` };
  if (part === 'key') return { error: `'${word.text}' is a name nothing can refer to; edit it in place.` };
  return { error: `'${word.text}' is a value, not the name of a definition, and cannot be renamed.` };
}

/** The edits renaming the definition named at `offset` to `newName`, or why that is refused. */
export function rename(analysis: DocumentAnalysis, docId: string, offset: number, newName: string, schema: Schema): RenameResult {
  const prepared = prepareRename(analysis, docId, offset);
  if ('error' in prepared) return prepared;
  const { definition } = definitionUnder(analysis, docId, offset)!;
  const refusal = newNameProblem(definition, newName, schema);
  if (refusal) return { error: refusal };
  // the places referring to it that the index does not link could not be renamed safely
  const unlinked = referringPlaces(analysis, definition).mentions;
  if (unlinked.length > 0) {
    const first = analysis.model.nodeAt(unlinked[0]!.docId, unlinked[0]!.start);
    const where = first ? ` (first at [edit ${pathOf(first.node.parent)}])` : '';
    return {
      error:
        `'${definition.name}' is also written in ${unlinked.length} place${unlinked.length === 1 ? '' : 's'}${where} that the schema does not declare as a reference to it, ` +
        `so a rename could leave a dangling name there: rename those by hand.`,
    };
  }
  const newText = quoteWord(newName);
  const spans = uniqueSorted(analysis.references.renameSpans(definition));
  return { edits: spans.map((s) => ({ docId: s.docId, start: s.start, end: s.end, newText })) };
}

/** Why `newName` cannot name this definition, or undefined when it can. */
export function newNameProblem(definition: Definition, newName: string, schema: Schema): string | undefined {
  if (newName.trim().length === 0) return 'The new name is empty.';
  if (newName === definition.name) return `The definition is already named '${newName}'.`;
  if (/[\r\n]/.test(newName)) return 'A name cannot span lines.';
  const list = definition.node.schema ?? listSchema(schema, definition.kind);
  const keyType = list?.keys[0]?.type;
  const problem = validateValue(keyType, newName);
  if (problem && /\s/.test(newName)) return `'${newName}' holds a blank, which this name cannot contain (${problem.expected}).`;
  if (problem) return `'${newName}' is not a valid name here: ${problem.message}.`;
  const taken = siblingsOf(definition.node).some((n) => n !== definition.node && n.keys[0]?.text === newName);
  if (taken) return `'${newName}' already exists at [edit ${pathOf(definition.node.parent)}]${definition.node.keywordHidden ? '' : ` (${definition.node.keyword} ${newName})`}: choose another name.`;
  return undefined;
}

/** The schema list at a definition kind's statement names (for entries the model kept without schema). */
function listSchema(schema: Schema, kind: string): SchemaNode | undefined {
  let node: SchemaNode | undefined = schema.root;
  for (const word of kind.split(' ')) node = node?.child(word);
  return node?.kind === 'list' ? node : undefined;
}

function siblingsOf(node: ConfigNode): ConfigNode[] {
  const written = node.origin?.node ?? node;
  const out: ConfigNode[] = [];
  for (const parent of [node.parent, written.parent]) for (const c of parent?.children ?? []) if (c.keyword === node.keyword) out.push(c);
  return out;
}

function pathOf(node: ConfigNode | undefined): string {
  const parts: string[] = [];
  for (let n = node; n && n.role !== 'root'; n = n.parent) parts.unshift(...(n.keywordHidden ? n.keys.map((k) => k.text) : [n.keyword, ...n.keys.map((k) => k.text)]));
  return parts.join(' ');
}
