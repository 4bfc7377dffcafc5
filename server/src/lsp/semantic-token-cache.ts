/**
 * lsp/semantic-token-cache.ts: the last full semantic-token result sent per document, for delta requests.
 * Owns: result ids, the encoded tokens of the current version of each document (with the analysis they
 *   used), the documents answered before their analysis was ready (to be refreshed when it is), the edit
 *   between two encoded token arrays (one replacement: common prefix and suffix).
 * Must not know: how tokens are computed.
 * Invariants: a delta is only computed against the result id the client names; an unknown id means the
 *   caller must send a full result; applying the returned edit to the old data yields the new data.
 * Tests: test/src/lsp/protocol.test.ts (semantic tokens delta)
 */

export interface TokenDataEdit {
  readonly start: number;
  readonly deleteCount: number;
  readonly data: number[];
}

export class SemanticTokenCache {
  private readonly results = new Map<string, { resultId: string; data: number[] }>();
  private readonly encoded = new Map<string, { version: number; basis: string; data: number[] }>();
  private readonly waiting = new Set<string>();
  private counter = 0;

  /** The encoded tokens of a document version made from the analysis named by `basis`, computed once per
   *  (version, basis) (editors ask several times). */
  dataFor(uri: string, version: number, basis: string, compute: () => number[]): number[] {
    const cached = this.encoded.get(uri);
    if (cached && cached.version === version && cached.basis === basis) return cached.data;
    const data = compute();
    this.encoded.set(uri, { version, basis, data });
    return data;
  }

  /** True when the client asked for tokens of `uri` (since it was opened). */
  asked(uri: string): boolean {
    return this.encoded.has(uri) || this.results.has(uri);
  }

  /** Notes that tokens of `uri` were answered without the analysis of its current version. */
  awaitAnalysis(uri: string): void {
    this.waiting.add(uri);
  }

  /** True (once) when `uri` was answered without its analysis since the last call: the client should refresh. */
  takeRefresh(uri: string): boolean {
    return this.waiting.delete(uri);
  }

  /** Records a full result and returns its id. */
  remember(uri: string, data: number[]): string {
    const resultId = String(++this.counter);
    this.results.set(uri, { resultId, data });
    return resultId;
  }

  /** The edits from the named previous result to `data`, or undefined when that result is not known. */
  delta(uri: string, previousResultId: string, data: number[]): TokenDataEdit[] | undefined {
    const previous = this.results.get(uri);
    if (!previous || previous.resultId !== previousResultId) return undefined;
    return diffTokenData(previous.data, data);
  }

  forget(uri: string): void {
    this.results.delete(uri);
    this.encoded.delete(uri);
    this.waiting.delete(uri);
  }
}

export function diffTokenData(before: readonly number[], after: readonly number[]): TokenDataEdit[] {
  let prefix = 0;
  const shorter = Math.min(before.length, after.length);
  while (prefix < shorter && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  if (prefix === before.length && prefix === after.length) return [];
  return [{ start: prefix, deleteCount: before.length - prefix - suffix, data: after.slice(prefix, after.length - suffix) }];
}
