/**
 * test/src/ide/check.ts: the data-driven fixture helper for the ide feature tests (completion, hover,
 *   inlay hints). A fixture is realistic Junos text with one `$0` cursor marker; several documents are
 *   separated by `//- name` header lines (the cursor's document is the one holding `$0`). Documents go
 *   through the real grammar, the real generated schema and the real model, exactly as the server runs.
 * Owns: parsing fixtures, building the model once per fixture, calling the feature, and the repo root
 *   for reading bundled examples.
 * Must not know: how the features work inside.
 * Invariants: a fixture without `$0` fails loudly (a test that cannot place its cursor must not pass).
 * Tests: used by test/src/ide/*.test.ts.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Platform } from '../../../server/src/analysis/platform';
import { complete, type CompletionItem, type CompletionResult } from '../../../server/src/ide/completion';
import { hover, type HoverResult } from '../../../server/src/ide/hover';
import { inlayHints, type InlayHint } from '../../../server/src/ide/inlay-hints';
import { buildConfig, type ConfigModel } from '../../../server/src/model/index';
import { loadSchema } from '../../../server/src/schema/index';
import type { Schema } from '../../../server/src/schema/types';
import { initSyntax, parseText } from '../../../server/src/syntax/parser';

/** The repository root, from the compiled location out/test/src/ide/. */
export const repoRoot = path.resolve(__dirname, '../../../..');

export function exampleText(relative: string): string {
  return fs.readFileSync(path.join(repoRoot, 'examples', relative), 'utf8');
}

let ready: Promise<void> | undefined;
/** Loads the grammar once (call from a `before` hook). */
export function setup(): Promise<void> {
  return (ready ??= initSyntax());
}

const schemas = new Map<string, Schema>();
export function schemaFor(platform: Platform): Schema {
  const family = platform === 'srx' ? 'srx' : 'mx';
  let s = schemas.get(family);
  if (!s) schemas.set(family, (s = loadSchema(family)));
  return s;
}

export interface FixtureDoc {
  readonly id: string;
  readonly text: string;
}

export interface Fixture {
  readonly docs: readonly FixtureDoc[];
  /** the document holding `$0` and the cursor offset in it */
  readonly docId: string;
  readonly offset: number;
  readonly text: string;
}

/** Splits `//- name` sections and finds the `$0` marker. */
export function parseFixture(source: string, defaultId = 'r2.conf'): Fixture {
  const sections: { id: string; text: string }[] = [];
  if (/^\/\/- /m.test(source)) {
    const parts = source.split(/^\/\/- (\S+)[^\n]*\n/m);
    for (let i = 1; i < parts.length; i += 2) sections.push({ id: parts[i]!, text: parts[i + 1] ?? '' });
  } else sections.push({ id: defaultId, text: source });
  let cursor: { docId: string; offset: number; text: string } | undefined;
  const docs = sections.map((s) => {
    const at = s.text.indexOf('$0');
    if (at < 0) return s;
    assert.equal(cursor, undefined, 'a fixture has one $0 marker');
    const text = s.text.slice(0, at) + s.text.slice(at + 2);
    cursor = { docId: s.id, offset: at, text };
    return { id: s.id, text };
  });
  assert.ok(cursor, 'fixture has no $0 cursor marker');
  return { docs, docId: cursor.docId, offset: cursor.offset, text: cursor.text };
}

/** The model of the fixture's documents (one device, applied in order). */
export function modelOf(fixture: Pick<Fixture, 'docs'>, platform: Platform = 'ms-pic'): ConfigModel {
  return buildConfig(
    fixture.docs.map((d) => ({ id: d.id, text: d.text, tree: parseText(d.text) })),
    schemaFor(platform),
  );
}

export function completionAt(source: string, platform: Platform = 'ms-pic'): CompletionResult & { fixture: Fixture } {
  const fixture = parseFixture(source);
  const result = complete({ model: modelOf(fixture, platform), docId: fixture.docId, text: fixture.text, offset: fixture.offset, schema: schemaFor(platform), platform });
  return { ...result, fixture };
}

/** Labels offered at the cursor, in the order given. */
export function completionLabels(source: string, options: { platform?: Platform; kinds?: readonly CompletionItem['kind'][] } = {}): string[] {
  const { items } = completionAt(source, options.platform);
  return items.filter((i) => !options.kinds || options.kinds.includes(i.kind)).map((i) => i.label);
}

/** Asserts the exact labels (in order, or as a set) of the items of the given kinds. */
export function checkCompletion(
  source: string,
  expected: readonly string[],
  options: { platform?: Platform; kinds?: readonly CompletionItem['kind'][]; unordered?: boolean } = {},
): void {
  const labels = completionLabels(source, options);
  if (options.unordered) assert.deepEqual([...labels].sort(), [...expected].sort());
  else assert.deepEqual(labels, expected);
}

/** The item with `label` at the cursor (fails when it is not offered). */
export function completionItem(source: string, label: string, platform: Platform = 'ms-pic'): CompletionItem {
  const { items } = completionAt(source, platform);
  const item = items.find((i) => i.label === label);
  assert.ok(item, `'${label}' is offered (got ${items.map((i) => i.label).join(', ')})`);
  return item;
}

export function hoverAt(source: string, platform: Platform = 'ms-pic'): HoverResult | undefined {
  const fixture = parseFixture(source);
  return hover({ model: modelOf(fixture, platform), docId: fixture.docId, offset: fixture.offset, schema: schemaFor(platform), platform });
}

/** Hover at the `delta`-th character of the first occurrence of `needle` in `text`. */
export function hoverOn(text: string, needle: string, delta = 1, platform: Platform = 'ms-pic', docId = 'r2.conf'): HoverResult | undefined {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `'${needle}' occurs in the fixture`);
  return hoverAt(`//- ${docId}\n${text.slice(0, at + delta)}$0${text.slice(at + delta)}`, platform);
}

/** Inlay hints over a whole document, each as `line text before the hint|label`. */
export function inlayHintLines(
  text: string,
  options: { platform?: Platform; docId?: string; peers?: (gateway: string) => string | undefined } = {},
): string[] {
  const platform = options.platform ?? 'ms-pic';
  const docId = options.docId ?? 'r2.conf';
  const model = modelOf({ docs: [{ id: docId, text }] }, platform);
  const hints: InlayHint[] = inlayHints({
    model,
    docId,
    text,
    range: { start: 0, end: text.length },
    schema: schemaFor(platform),
    platform,
    ...(options.peers ? { peers: options.peers } : {}),
  });
  return hints.map((h) => `${text.slice(text.lastIndexOf('\n', h.offset - 1) + 1, h.offset).trim()}|${h.label}`);
}
