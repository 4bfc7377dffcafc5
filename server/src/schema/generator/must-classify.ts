/**
 * schema/generator/must-classify.ts: reads a `junos:must` expression and sorts it into references,
 *   exclusions, required companions, or "other" (kept out of the schema, only counted).
 * Owns: the small expression language of `junos:must` (`"path"` terms, `!`, `&&`, `||`, parentheses,
 *   the quantifiers `any`/`all`/`unique`) and the path words (`..` climbs, `$$` = this statement's value,
 *   `$$-IFL`/`$$-IFD` = its logical/physical interface part).
 * Must not know: YANG statements, the emitted format, what a path points at (it is not resolved here).
 * Invariants: never throws; an expression it does not fully understand yields `other`, never a
 *   half-understood constraint (a wrong constraint would flag valid configs).
 * Tests: test/src/schema/must-classify.test.ts
 */
import type { Constraint, MustPath, ReferenceTarget } from '../types';

export interface MustClassification {
  readonly references: ReferenceTarget[];
  readonly constraints: Constraint[];
  /** how many top-level terms were left unparsed */
  readonly other: number;
}

type Expr =
  | { readonly op: 'path'; readonly text: string; readonly quantifier?: string }
  | { readonly op: 'not'; readonly arg: Expr }
  | { readonly op: 'and' | 'or'; readonly args: Expr[] };

type Tok = { readonly t: '(' | ')' | '!' | '&&' | '||' } | { readonly t: 'str'; readonly s: string } | { readonly t: 'word'; readonly s: string };

function lex(src: string): Tok[] | undefined {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n') i++;
    else if (c === '(' || c === ')' || c === '!') {
      out.push({ t: c });
      i++;
    } else if (src.startsWith('&&', i) || src.startsWith('||', i)) {
      out.push({ t: src.slice(i, i + 2) as '&&' | '||' });
      i += 2;
    } else if (c === '"') {
      const end = src.indexOf('"', i + 1);
      if (end < 0) return undefined;
      out.push({ t: 'str', s: src.slice(i + 1, end) });
      i = end + 1;
    } else if (/[a-z]/i.test(c)) {
      let k = i;
      while (k < src.length && /[a-z-]/i.test(src[k]!)) k++;
      out.push({ t: 'word', s: src.slice(i, k) });
      i = k;
    } else return undefined;
  }
  return out;
}

function parseExpr(toks: Tok[]): Expr | undefined {
  let pos = 0;
  const peek = (): Tok | undefined => toks[pos];
  const unary = (): Expr | undefined => {
    const t = peek();
    if (!t) return undefined;
    if (t.t === '!') {
      pos++;
      const arg = unary();
      return arg ? { op: 'not', arg } : undefined;
    }
    if (t.t === '(') {
      pos++;
      const e = or();
      if (!e || peek()?.t !== ')') return undefined;
      pos++;
      return e;
    }
    if (t.t === 'str') {
      pos++;
      return { op: 'path', text: t.s };
    }
    if (t.t === 'word') {
      pos++;
      const next = peek();
      if (next?.t !== 'str') return undefined;
      pos++;
      return { op: 'path', text: next.s, quantifier: t.s };
    }
    return undefined;
  };
  const and = (): Expr | undefined => {
    const first = unary();
    if (!first) return undefined;
    const args = [first];
    while (peek()?.t === '&&') {
      pos++;
      const e = unary();
      if (!e) return undefined;
      args.push(e);
    }
    return args.length === 1 ? first : { op: 'and', args };
  };
  const or = (): Expr | undefined => {
    const first = and();
    if (!first) return undefined;
    const args = [first];
    while (peek()?.t === '||') {
      pos++;
      const e = and();
      if (!e) return undefined;
      args.push(e);
    }
    return args.length === 1 ? first : { op: 'or', args };
  };
  const e = or();
  return e && pos === toks.length ? e : undefined;
}

/** A path we understand: plain words, leading `..`, and at most one whole-word `$$`/`$$-IFL`/`$$-IFD`. */
export function parseMustPath(text: string): MustPath | undefined {
  const words = text.trim().split(/\s+/).filter((w) => w.length > 0);
  let up = 0;
  while (words[up] === '..') up++;
  const rest = words.slice(up);
  if (rest.length === 0) return undefined;
  let valueIndex: number | undefined;
  let valueForm: 'ifl' | 'ifd' | undefined;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i]!;
    if (w === '..') return undefined;
    if (w === '$$' || w === '$$-IFL' || w === '$$-IFD') {
      if (valueIndex !== undefined) return undefined;
      valueIndex = i;
      if (w !== '$$') valueForm = w === '$$-IFL' ? 'ifl' : 'ifd';
      continue;
    }
    if (/[$<>{}*"=]/.test(w)) return undefined;
  }
  const path = rest.filter((_, i) => i !== valueIndex);
  const base: MustPath = { path, up, relative: up > 0 };
  return valueIndex === undefined ? base : { ...base, valueIndex, ...(valueForm ? { valueForm } : {}) };
}

/**
 * The list entry a path through the statement's own value implies (`services service-set $$ interface-service`
 * cannot hold unless `services service-set <value>` exists): a reference to that list, so a value naming no
 * entry is reported as undefined. Only plain `$$` after at least one list word; interface forms are left to
 * their own musts, as are plain `interfaces $$ ...` paths (a value there may name a unit).
 */
function entryReference(p: MustPath): ReferenceTarget | undefined {
  if (p.valueIndex === undefined || p.valueIndex === 0 || p.valueIndex >= p.path.length || p.valueForm) return undefined;
  // an interface name (`interfaces $$ family inet`) may carry a unit: interfaces are matched by their own rule
  if (p.path[p.valueIndex - 1] === 'interfaces') return undefined;
  return { path: p.path.slice(0, p.valueIndex), relative: p.relative, up: p.up };
}

function sameReference(a: ReferenceTarget, b: ReferenceTarget): boolean {
  return a.up === b.up && a.relative === b.relative && a.valueForm === b.valueForm && a.path.join(' ') === b.path.join(' ');
}

/** References with duplicates (the same list named by several musts of one statement) dropped. */
export function distinctReferences(refs: readonly ReferenceTarget[]): ReferenceTarget[] {
  const out: ReferenceTarget[] = [];
  for (const r of refs) if (!out.some((o) => sameReference(o, r))) out.push(r);
  return out;
}

function classifyTerm(e: Expr, into: MustClassification): boolean {
  if (e.op === 'path' && e.quantifier === undefined) {
    const p = parseMustPath(e.text);
    if (!p) return false;
    if (p.valueIndex !== undefined && p.valueIndex === p.path.length) {
      const ref: ReferenceTarget = { path: p.path, relative: p.relative, up: p.up, ...(p.valueForm ? { valueForm: p.valueForm } : {}) };
      into.references.push(ref);
    } else {
      into.constraints.push({ kind: 'requires', ...p });
      const entry = entryReference(p);
      if (entry) into.references.push(entry);
    }
    return true;
  }
  if (e.op === 'not' && e.arg.op === 'path' && e.arg.quantifier === undefined) {
    const p = parseMustPath(e.arg.text);
    if (!p) return false;
    into.constraints.push({ kind: 'excludes', ...p });
    return true;
  }
  if (e.op === 'not' && e.arg.op === 'or') {
    // !(a || b) == !a && !b
    return e.arg.args.every((a) => classifyTerm({ op: 'not', arg: a }, into));
  }
  if (e.op === 'or' && e.args.every((a) => a.op === 'path' && a.quantifier === undefined)) {
    const alternatives: MustPath[] = [];
    for (const a of e.args) {
      const p = a.op === 'path' ? parseMustPath(a.text) : undefined;
      if (!p) return false;
      alternatives.push(p);
    }
    into.constraints.push({ kind: 'requires-any', alternatives });
    const entries = alternatives.map(entryReference);
    const first = entries[0];
    if (first && entries.every((r) => r !== undefined && sameReference(r, first))) into.references.push(first);
    return true;
  }
  return false;
}

/** Classifies one `junos:must` argument (already unquoted, e.g. `(!(".. no-anti-replay"))`). */
export function classifyMust(expression: string): MustClassification {
  const result: MustClassification = { references: [], constraints: [], other: 0 };
  const toks = lex(expression);
  const expr = toks ? parseExpr(toks) : undefined;
  if (!expr) return { ...result, other: 1 };
  const terms = expr.op === 'and' ? expr.args : [expr];
  let other = 0;
  for (const term of terms) {
    const attempt: MustClassification = { references: [], constraints: [], other: 0 };
    if (classifyTerm(term, attempt)) {
      result.references.push(...attempt.references);
      result.constraints.push(...attempt.constraints);
    } else other++;
  }
  return { ...result, other };
}
