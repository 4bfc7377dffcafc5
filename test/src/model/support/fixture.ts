/**
 * test/model/support/fixture.ts: one place that turns fixture text into a model, and trees into
 *   comparable plain values, for the model tests.
 * Owns: fixture lookup (from the compiled location), `modelOf`, `shape` (a tree without source ranges).
 * Must not know: internals of the builder beyond the public API.
 * Tests: used by test/src/model/*.test.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildConfig, type ConfigModel, type ConfigNode } from '../../../../server/src/model/index';
import type { Schema } from '../../../../server/src/schema/types';
import { parseContract } from './contract-syntax';
import { testSchema } from './schema-literal';

/** Repository root, computed from out/test/src/model/support/. */
export const repoRoot = path.resolve(__dirname, '../../../../..');

export function fixtureText(name: string): string {
  return fs.readFileSync(path.join(repoRoot, 'test/src/model/fixtures', name), 'utf8');
}

export function fixtureNames(): string[] {
  return fs.readdirSync(path.join(repoRoot, 'test/src/model/fixtures')).sort();
}

export function modelOf(texts: string | readonly { id: string; text: string }[], schema: Schema = testSchema): ConfigModel {
  const docs = typeof texts === 'string' ? [{ id: 'doc', text: texts }] : texts;
  return buildConfig(
    docs.map((d) => ({ id: d.id, text: d.text, tree: parseContract(d.text) })),
    schema,
  );
}

export interface Shape {
  readonly k: string;
  readonly keys?: string[];
  readonly values?: string[];
  readonly inactive?: true;
  readonly protect?: true;
  readonly annotation?: string;
  readonly comments?: string[];
  readonly children?: Shape[];
}

/** The tree as plain data (keywords, keys, values, flags, order), without source ranges. */
export function shape(node: ConfigNode, options: { comments?: boolean } = {}): Shape {
  const out: { -readonly [K in keyof Shape]: Shape[K] } = { k: node.keyword };
  if (node.keys.length > 0) out.keys = node.keys.map((w) => w.text);
  if (node.values.length > 0) out.values = node.values.map((w) => w.text);
  if (node.inactive) out.inactive = true;
  if (node.protect) out.protect = true;
  if (node.annotation) out.annotation = node.annotation.text;
  if (options.comments && node.comments.length > 0) out.comments = node.comments.map((c) => c.text);
  if (node.children.length > 0) out.children = node.children.map((c) => shape(c, options));
  return out;
}

/** The source text of a word range. */
export function slice(text: string, at: { start: number; end: number }): string {
  return text.slice(at.start, at.end);
}
