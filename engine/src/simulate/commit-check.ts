/**
 * simulate/commit-check.ts: would Junos accept each router's commit? The simulator refuses to negotiate for
 *   a router whose configuration Junos would reject.
 * Owns: running the analysis on the routers' documents, which problems block a commit (the analysis
 *   layer's errors, never warnings; the device compiler's own problems do not decide), their order and
 *   wording (an error the device compiler also describes, at the same words, takes the compiler's sentence
 *   about the IPsec objects and comes first; the rest follow by position).
 * Must not know: tunnels, protocols, output formats.
 * Invariants: never throws on any text; messages come from the analysis/compiler layers, which never hold
 *   secrets; only the documents asked about are analysed.
 * Tests: test/src/engine/simulate.test.ts (seed-as-published)
 */
import { analyzeDocuments, type Platform } from '../../../server/src/analysis/index';
import type { ConfigModel } from '../../../server/src/model/index';
import type { Device } from '../device/types';
import type { PlaceFinder } from './places';
import type { BlockingProblem } from './result';

function overlaps(a: { docId: string; start: number; end: number }, b: { docId: string; start: number; end: number }): boolean {
  return a.docId === b.docId && a.start < b.end && b.start < a.end;
}

export interface CommitCheck {
  /** the problems that block each router's commit, keyed by device docId (empty list = commits) */
  readonly blocking: Map<string, BlockingProblem[]>;
  /** each analysed document's configuration model (for statement spans the device model does not keep) */
  readonly models: Map<string, ConfigModel>;
}

/** Analyses the given routers' documents and lists what blocks each commit. */
export async function checkCommits(
  devices: readonly Device[],
  texts: ReadonlyMap<string, string>,
  platform: Platform,
  places: PlaceFinder,
): Promise<CommitCheck> {
  const docs = devices.map((d) => ({ id: d.docId, text: texts.get(d.docId) ?? '' }));
  const analysis = await analyzeDocuments(docs, { platform });
  const out = new Map<string, BlockingProblem[]>();
  for (const device of devices) {
    // The analysis decides what blocks a commit; where the device compiler describes the same words, its
    // sentence (about the IPsec objects) is used and listed first.
    const described: BlockingProblem[] = [];
    const others: BlockingProblem[] = [];
    for (const d of analysis.diagnostics) {
      if (d.docId !== device.docId || d.severity !== 'error') continue;
      const twin = device.problems.find((p) => p.severity === 'error' && p.spans.some((s) => overlaps(s, d)));
      if (twin) described.push({ ...places.place(d), device: device.name, code: twin.code, message: twin.message });
      else others.push({ ...places.place(d), device: device.name, code: d.code, message: d.message });
    }
    out.set(device.docId, [...described, ...others]);
  }
  const models = new Map<string, ConfigModel>();
  for (const [id, doc] of analysis.documents) models.set(id, doc.model);
  return { blocking: out, models };
}
