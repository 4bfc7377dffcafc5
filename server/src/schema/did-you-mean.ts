/**
 * schema/did-you-mean.ts: suggests the intended word for a misspelt statement or value.
 * Owns: the ranking (case-insensitive equality first, then optimal-string-alignment edit distance,
 *   then a shared prefix), and the distance bound that keeps suggestions plausible.
 * Must not know: the schema's shape (it gets candidate strings), messages.
 * Invariants: pure, never throws, deterministic order (distance, then candidate order); returns at
 *   most `limit` names and never the input itself.
 * Tests: test/src/schema/did-you-mean.test.ts
 */

/** Optimal string alignment distance (insert, delete, substitute, swap neighbours), capped at `cap + 1`. */
export function editDistance(a: string, b: string, cap = Number.MAX_SAFE_INTEGER): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prev2 = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const cur = new Array<number>(cols);
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > cap) return cap + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[cols - 1]!;
}

/** Candidates that `name` was probably meant to be, best first (`router-ID` -> `router-id`). */
export function didYouMean(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = name.toLowerCase();
  const cap = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
  const scored: { name: string; score: number; order: number }[] = [];
  let order = 0;
  const seen = new Set<string>();
  for (const c of candidates) {
    if (c === name || seen.has(c)) continue;
    seen.add(c);
    const cl = c.toLowerCase();
    let score: number | undefined;
    if (cl === lower) score = 0;
    else {
      const d = editDistance(lower, cl, cap);
      if (d <= cap) score = d;
      else if (lower.length >= 4 && (cl.startsWith(lower) || lower.startsWith(cl))) score = cap + 1;
    }
    if (score !== undefined) scored.push({ name: c, score, order: order++ });
  }
  scored.sort((x, y) => x.score - y.score || x.order - y.order);
  return scored.slice(0, limit).map((s) => s.name);
}
