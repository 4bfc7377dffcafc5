/**
 * simulate/places.ts: offsets -> 1-based line/column places for the result (the editor and the CLI both
 *   need lines; the model keeps offsets only).
 * Owns: one `LineIndex` per document of a simulation, the conversion, de-duplication of blame spans.
 * Must not know: what the spans mean.
 * Invariants: never throws (an unknown document gives line 1, column offset+1); a span is converted the same
 *   way every time.
 * Tests: test/src/engine/simulate.test.ts (blame lines)
 */
import { LineIndex } from '../../../server/src/text/line-index';
import type { Span } from '../device/types';
import type { BlameSpan, SourcePlace } from './result';

export class PlaceFinder {
  private readonly indexes = new Map<string, LineIndex>();

  constructor(private readonly texts: ReadonlyMap<string, string>) {}

  place(span: Span): SourcePlace {
    let index = this.indexes.get(span.docId);
    if (!index) {
      index = new LineIndex(this.texts.get(span.docId) ?? '');
      this.indexes.set(span.docId, index);
    }
    const s = index.positionAt(span.start);
    const e = index.positionAt(span.end);
    return { docId: span.docId, start: span.start, end: span.end, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
  }

  blame(device: string, span: Span | undefined, what: string): BlameSpan[] {
    return span ? [{ ...this.place(span), device, what }] : [];
  }
}

/** Drops repeated spans (same document and range), keeping the first. */
export function uniqueBlame(list: readonly BlameSpan[]): BlameSpan[] {
  const seen = new Set<string>();
  return list.filter((b) => {
    const key = `${b.docId}\u0000${b.start}\u0000${b.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
