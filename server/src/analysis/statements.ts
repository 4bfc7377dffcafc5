/**
 * analysis/statements.ts: turns the model's statement problems (unknown statement, missing or unexpected
 *   value, bad command, nothing to delete, undefined group) into diagnostics that name the fix.
 * Owns: the explanation of an unknown word: wrong case (`router-ID`), a word to remove because the rest of
 *   the statement is valid without it (`pre-shared proposals ...`), a list entry named after a statement
 *   (`rule match-direction input`: the rule name is missing), a statement written at the wrong level
 *   (`ospf` under `interfaces`, `proposals` directly under `ipsec`), and did-you-mean over the siblings.
 *   It also returns the words of "repaired" statements so the reference rules can check them.
 * Must not know: LSP types, line/column positions, other rule families.
 * Invariants: one diagnostic per model problem; messages quote only the statement words (values that are
 *   secrets are masked by the model); never throws.
 *   Incremental: an unknown statement's explanation is kept by its problem (`StatementMemo`) unless its
 *   node or the entry holding it was replaced or lies on the way to the edit.
 * Tests: test/src/analysis/statements.test.ts, test/src/analysis/seed.test.ts, test/src/analysis/incremental.test.ts
 */
import { maskSecretsInText } from '../model/secrets';
import type { ConfigNode, ModelProblem, Word } from '../model/index';
import { forEachDescendant } from '../model/tree';
import { didYouMean, findStatementElsewhere, lookupPath } from '../schema/index';
import type { LookupResult, SchemaNode } from '../schema/index';
import { defaultSeverity, type DiagnosticCode } from './codes';
import { nodeWord, type AnalysisContext } from './context';
import { moveDiagnostic, type ChangeScope } from './change';
import type { Diagnostic, FixData, RelatedPlace } from './diagnostic';

/** The words of a statement that would be valid once a reported mistake is fixed (absolute path). */
export interface RepairedStatement {
  readonly words: readonly Word[];
}

export interface StatementFindings {
  readonly diagnostics: Diagnostic[];
  readonly repaired: RepairedStatement[];
}

function banner(path: readonly string[]): string {
  return path.length === 0 ? '[edit]' : `[edit ${path.join(' ')}]`;
}

function quote(text: string): string {
  return `'${maskSecretsInText(text)}'`;
}

/** Words written after `word` in the same statement: the unknown node's chain of descendants on its line. */
function restOfStatement(ctx: AnalysisContext, unknown: ConfigNode | undefined, start: number): Word[] {
  const out: Word[] = [];
  if (!unknown) return out;
  const lineEnd = ctx.text.indexOf('\n', start);
  const limit = lineEnd < 0 ? ctx.text.length : lineEnd;
  let n: ConfigNode = unknown;
  for (;;) {
    const next: ConfigNode | undefined = n.children.find((c) => {
      const w = c.keywordWord;
      return w !== undefined && w.source.start > start && w.source.start < limit && w.kind !== 'synthetic';
    });
    if (!next) break;
    out.push(next.keywordWord!);
    n = next;
  }
  return out;
}

function walkFrom(ctx: AnalysisContext, from: SchemaNode, words: readonly string[]): LookupResult {
  return lookupPath(ctx.schema, words, { from });
}

/** Statement names (with `<name>` for list keys) leading from `context` to a child called `word`, at most 2 levels down. */
function findBelow(context: SchemaNode, word: string): string[] | undefined {
  for (const c of context.children()) {
    if (c.kind !== 'container' && c.kind !== 'list') continue;
    const step = c.kind === 'list' ? (c.nokeyword ? ['<name>'] : [c.name, '<name>']) : [c.name];
    if (c.child(word) && !c.child(word)!.nokeyword) return step;
  }
  return undefined;
}

function validChildNames(node: SchemaNode): string[] {
  return node.children().filter((c) => !c.nokeyword && !c.name.startsWith('apply-')).map((c) => c.name);
}

/** The `[edit ...]` banner that set the level of a set-form line, if one did (for a related place). */
function bannerBefore(ctx: AnalysisContext, offset: number): RelatedPlace | undefined {
  const lineStart = ctx.text.lastIndexOf('\n', offset - 1) + 1;
  if (!/^\s*(set|delete|activate|deactivate)\s/.test(ctx.text.slice(lineStart, offset))) return undefined;
  let at = ctx.text.lastIndexOf('\n[edit', lineStart - 1);
  if (at < 0 && ctx.text.startsWith('[edit')) at = -1;
  else if (at < 0) return undefined;
  const start = at + 1;
  const end = ctx.text.indexOf('\n', start);
  const text = ctx.text.slice(start, end < 0 ? undefined : end).trim();
  return { docId: ctx.docId, start, end: start + text.length, message: `the level ${text} was set here` };
}

function sameLine(text: string, a: number, b: number): boolean {
  const [lo, hi] = a < b ? [a, b] : [b, a];
  return !text.slice(lo, hi).includes('\n');
}

interface Explanation {
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly data?: FixData;
  readonly related?: RelatedPlace[];
  readonly repaired?: Word[];
}

function explainUnknown(ctx: AnalysisContext, p: ModelProblem, unknown: ConfigNode | undefined): Explanation {
  const word = p.data?.word ?? ctx.text.slice(p.start, p.end);
  const path = p.data?.path ?? [];
  const here = lookupPath(ctx.schema, path, { validateValues: false });
  const context = here.context;
  const rest = restOfStatement(ctx, unknown, p.start);
  const restText = rest.map((w) => w.text);
  const at = banner(path);
  const siblings = validChildNames(context);

  // 1. a keyword in the wrong case
  const sameButCase = siblings.find((s) => s.toLowerCase() === word.toLowerCase());
  if (sameButCase) {
    return {
      start: p.start,
      end: p.end,
      message: `${quote(word)} is not a statement at ${at}: Junos keywords are case-sensitive; write '${sameButCase}'.`,
      data: { kind: 'replace', replacements: [sameButCase] },
    };
  }

  // 2. the word before is a list entry's name that this very statement created: the entry's name is missing
  //    (`rule match-direction input`) or the statement belongs elsewhere (`ospf` read as an interface name)
  const entry = unknown?.parent;
  if (entry && entry.role === 'list-entry' && entry.keys.length === 1 && entry.schema) {
    // the entry exists only because of statements with a reported unknown word, and this line names it
    const keyHere = entry.mentions.find((m) => m.text === entry.keys[0]!.text && sameLine(ctx.text, m.source.start, p.start));
    const createdHere = keyHere !== undefined && entry.mentions.every((m) => ctx.isTainted(m.source.docId, m.source.start));
    const key = keyHere ?? entry.keys[0]!;
    if (createdHere) {
      const listName = entry.keywordHidden ? entry.schema.name : entry.keyword;
      const asChild = entry.schema.child(key.text);
      if (asChild && walkFrom(ctx, entry.schema, [key.text, word, ...restText]).ok) {
        const shown = [entry.keywordHidden ? '' : listName, '<name>', key.text, word, ...restText].filter(Boolean).join(' ');
        return {
          start: key.source.start,
          end: p.end,
          message:
            `${quote(key.text)} is read as the name of a new ${listName}, and ${quote(word)} is not a statement of a ${listName}. ` +
            `'${key.text}' is a statement of each ${listName}: give the ${listName}'s name first (${maskSecretsInText(shown)}).`,
        };
      }
      for (const place of findStatementElsewhere(ctx.schema, key.text, 8)) {
        if (place.node.kind !== 'container' && place.node.kind !== 'list') continue;
        const inner = place.node.kind === 'list' ? undefined : walkFrom(ctx, place.node, [word, ...restText]);
        if (!inner?.ok) continue;
        const parentDisplay = place.display.split(' ').slice(0, -1).join(' ');
        const entryPath = path.slice(0, -1);
        const level = bannerBefore(ctx, key.source.start);
        return {
          start: key.source.start,
          end: p.end,
          ...(level ? { related: [level] } : {}),
          message:
            `${quote(key.text)} is not a statement at ${banner(entryPath)}: here it is read as the name of a new ${listName}, ` +
            `and ${quote(word)} is not valid in one. '${key.text}' belongs under ${parentDisplay ? `[edit ${parentDisplay}]` : '[edit]'}.`,
          data: { kind: 'move', toPath: place.path.slice(0, -1) },
        };
      }
    }
  }

  // 3. the rest of the statement is valid without the word: remove it
  if (restText.length > 0 && context.child(restText[0]!) && walkFrom(ctx, context, restText).ok) {
    const better = didYouMean(word, siblings).filter((s) => walkFrom(ctx, context, [s, ...restText]).ok);
    return {
      start: p.start,
      end: p.end,
      message:
        `${quote(word)} is not a statement at ${at}; remove it: the rest, '${maskSecretsInText(restText.join(' '))}', is valid here` +
        (better.length > 0 ? ` (or did you mean '${better[0]}'?)` : '') +
        '.',
      data: { kind: 'remove', spans: [{ docId: p.docId, start: p.start, end: p.end }] },
      repaired: [...(unknown ? rest : [])],
    };
  }

  // 4. the statement exists below this level or elsewhere
  const suggestions = didYouMean(word, siblings);
  const places = findStatementElsewhere(ctx.schema, word, 8);
  const below = findBelow(context, word);
  if (below) {
    const where = [...here.schemaPath, ...below].join(' ');
    return {
      start: p.start,
      end: p.end,
      message:
        `${quote(word)} is not valid directly at ${at}; it belongs one level down, under '${where}'` +
        (suggestions.length > 0 ? ` (or did you mean '${suggestions[0]}'?)` : '') +
        '.',
      data: { kind: 'move', toPath: [...here.schemaPath, ...below.filter((w) => !w.startsWith('<'))] },
    };
  }
  if (suggestions.length > 0) {
    return {
      start: p.start,
      end: p.end,
      message: `${quote(word)} is not a statement at ${at}; did you mean ${suggestions.map((s) => `'${s}'`).join(' or ')}?`,
      data: { kind: 'replace', replacements: suggestions },
    };
  }
  if (places.length > 0) {
    const first = places[0]!;
    return {
      start: p.start,
      end: p.end,
      message: `${quote(word)} is not valid at ${at}; it belongs under '${first.display.split(' ').slice(0, -1).join(' ') || '[edit]'}'.`,
      data: { kind: 'move', toPath: first.path.slice(0, -1) },
    };
  }
  return {
    start: p.start,
    end: p.end,
    message: `${quote(word)} is not a Junos statement at ${at}; check the spelling or remove it.`,
    data: { kind: 'remove', spans: [{ docId: p.docId, start: p.start, end: p.end }] },
  };
}

const MODEL_CODES: Readonly<Record<ModelProblem['code'], DiagnosticCode>> = {
  'unknown-statement': 'unknown-statement',
  'missing-value': 'missing-value',
  'unexpected-value': 'unexpected-value',
  'delete-nonexistent': 'delete-nonexistent',
  'undefined-group': 'undefined-group',
  'invalid-command': 'invalid-command',
};

/** Diagnostics for every problem the model reported, unknown statements explained. */
export function statementDiagnostics(ctx: AnalysisContext): StatementFindings {
  return statementFindings(ctx);
}

interface Explained {
  readonly unknown: ConfigNode | undefined;
  readonly diagnostic: Diagnostic;
  readonly repaired: RepairedStatement | undefined;
}

/** What an incremental run keeps: every unknown node, and each unknown statement's explanation by the
 *  problem it explains (offsets of the text it was made for). */
export interface StatementMemo {
  readonly unknowns: Set<ConfigNode>;
  readonly explained: Map<string, Explained>;
}

function problemKey(p: ModelProblem, start: number, end: number): string {
  return `${start}\u0000${end}\u0000${p.message}\u0000${p.data?.word ?? ''}\u0000${p.data?.path.join(' ') ?? ''}`;
}

function plainDiagnostic(p: ModelProblem): Diagnostic {
  const code = MODEL_CODES[p.code];
  return { docId: p.docId, start: p.start, end: p.end, code, severity: defaultSeverity(code), message: p.message, related: [] };
}

function explained(ctx: AnalysisContext, p: ModelProblem, unknown: ConfigNode | undefined): Explained {
  const code = MODEL_CODES[p.code];
  const e = explainUnknown(ctx, p, unknown);
  let repaired: RepairedStatement | undefined;
  if (e.repaired && unknown) {
    const prefix: Word[] = [];
    // absolute words of the statement without the removed word: the path above it, then the rest
    for (let n = unknown.parent; n && n.role !== 'root'; n = n.parent) {
      prefix.unshift(...n.keys);
      const w = n.keywordHidden ? undefined : nodeWord(n);
      if (w && !n.keywordHidden) prefix.unshift({ text: n.keyword, kind: w.kind, source: w.source });
    }
    repaired = { words: [...prefix, ...e.repaired] };
  }
  const diagnostic: Diagnostic = {
    docId: p.docId,
    start: e.start,
    end: e.end,
    code,
    severity: defaultSeverity(code),
    message: e.message,
    related: e.related ?? [],
    ...(e.data ? { data: e.data } : {}),
  };
  return { unknown, diagnostic, repaired };
}

function unknownsByStart(unknowns: Iterable<ConfigNode>): Map<number, ConfigNode> {
  const out = new Map<number, ConfigNode>();
  for (const c of unknowns) for (const m of c.mentions) out.set(m.source.start, c);
  return out;
}

export function statementFindings(ctx: AnalysisContext): StatementFindings & { memo: StatementMemo } {
  const diagnostics: Diagnostic[] = [];
  const repaired: RepairedStatement[] = [];
  const problems = ctx.model.problems.filter((p) => p.docId === ctx.docId);
  const unknowns = new Set<ConfigNode>();
  forEachDescendant(ctx.model.root, (c) => {
    if (c.role === 'unknown') unknowns.add(c);
  });
  const byStart = unknownsByStart(unknowns);
  const memo: StatementMemo = { unknowns, explained: new Map() };
  for (const p of problems) {
    if (p.code !== 'unknown-statement') {
      diagnostics.push(plainDiagnostic(p));
      continue;
    }
    const e = explained(ctx, p, byStart.get(p.start));
    memo.explained.set(problemKey(p, p.start, p.end), e);
    if (e.repaired) repaired.push(e.repaired);
    diagnostics.push(e.diagnostic);
  }
  return { diagnostics, repaired, memo };
}

/** The findings after one change: an unknown statement keeps its explanation unless its node, or the
 *  entry holding it, was replaced or lies on the way to the change (what `explainUnknown` reads). */
export function updateStatementFindings(ctx: AnalysisContext, memo: StatementMemo, scope: ChangeScope): StatementFindings & { memo: StatementMemo } {
  const { edit, delta } = scope;
  const unknowns = memo.unknowns;
  for (const n of scope.removed) unknowns.delete(n);
  for (const n of scope.added) if (n.role === 'unknown') unknowns.add(n);
  const byStart = unknownsByStart(unknowns);
  const near = (n: ConfigNode | undefined): boolean => n !== undefined && (scope.addedSet.has(n) || scope.pathSet.has(n));
  const oldOffset = (o: number): number | undefined => (o >= edit.newEnd ? o - delta : o <= edit.start ? o : undefined);
  const diagnostics: Diagnostic[] = [];
  const repaired: RepairedStatement[] = [];
  const next: StatementMemo = { unknowns, explained: new Map() };
  for (const p of ctx.model.problems) {
    if (p.docId !== ctx.docId) continue;
    if (p.code !== 'unknown-statement') {
      diagnostics.push(plainDiagnostic(p));
      continue;
    }
    const unknown = byStart.get(p.start);
    const oldStart = oldOffset(p.start);
    const oldEnd = oldOffset(p.end);
    const kept = oldStart !== undefined && oldEnd !== undefined ? memo.explained.get(problemKey(p, oldStart, oldEnd)) : undefined;
    const clean = kept !== undefined && unknown !== undefined && kept.unknown === unknown && !near(unknown) && !near(unknown.parent);
    const e = clean ? { ...kept, diagnostic: moveDiagnostic(kept.diagnostic, ctx.docId, edit) } : explained(ctx, p, unknown);
    next.explained.set(problemKey(p, p.start, p.end), e);
    if (e.repaired) repaired.push(e.repaired);
    diagnostics.push(e.diagnostic);
  }
  return { diagnostics, repaired, memo: next };
}
