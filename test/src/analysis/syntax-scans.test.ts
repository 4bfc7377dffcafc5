/**
 * test/analysis/syntax-scans.test.ts: the two whole-text scans that decide whether the syntax diagnostics look
 * for runaway strings and shifted braces (`oddQuoteLine`, `indentationDisagrees`) give what the plain
 * one-character-at-a-time scans they replaced give, on random texts made of the characters that matter
 * (quotes, backslashes, braces, blanks, line ends, `#`, Unicode spaces) and on generated configurations.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indentationDisagrees, oddQuoteLine } from '../../../server/src/analysis/syntax';
import { generateLargeConfig, prng } from '../fixtures/large-config';

/** the scan `oddQuoteLine` replaced */
function referenceOddQuoteLine(text: string): boolean {
  if (!text.includes('"')) return false;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') count++;
    else if (c === '\n') {
      if (count % 2 === 1) return true;
      count = 0;
    }
  }
  return count % 2 === 1;
}

/** the scan `indentationDisagrees` replaced */
function referenceIndentationDisagrees(text: string): boolean {
  if (!text.includes('{')) return false;
  const open: number[] = [];
  let at = 0;
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    let i = at;
    while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
    const indent = i - at;
    let last = end - 1;
    while (last > i && /\s/.test(text[last]!)) last--;
    if (text[i] === '}') {
      const opened = open.pop();
      if (opened !== undefined && indent < opened) return true;
    }
    if (last >= i && text[last] === '{' && text[i] !== '#') open.push(indent);
    at = end + 1;
  }
  return false;
}

const PIECES = ['"', '\\', '{', '}', ' ', '  ', '\t', '\n', '\r\n', '#', 'a', 'set x', '\u00a0', '\u2003', '\ufeff', ';', 'é'];

test('the scans agree with the plain scans on random texts', () => {
  const next = prng(4242);
  for (let run = 0; run < 4000; run++) {
    const parts: string[] = [];
    const length = Math.floor(next() * 40);
    for (let k = 0; k < length; k++) parts.push(PIECES[Math.floor(next() * PIECES.length)]!);
    // without backslashes half of the time (the fast path)
    const text = run % 2 === 0 ? parts.join('').replace(/\\/g, '') : parts.join('');
    assert.equal(oddQuoteLine(text), referenceOddQuoteLine(text), JSON.stringify(text));
    assert.equal(indentationDisagrees(text), referenceIndentationDisagrees(text), JSON.stringify(text));
  }
});

test('the scans agree with the plain scans on generated configurations, before and after a broken line', () => {
  for (const form of ['curly', 'set'] as const) {
    const text = generateLargeConfig({ lines: 3000, form, seed: 9 });
    const mid = text.indexOf('\n', text.length / 2) + 1;
    for (const variant of [text, `${text.slice(0, mid)}  description "open\n${text.slice(mid)}`, `${text.slice(0, mid)}x {\n}\n  }\n${text.slice(mid)}`]) {
      assert.equal(oddQuoteLine(variant), referenceOddQuoteLine(variant));
      assert.equal(indentationDisagrees(variant), referenceIndentationDisagrees(variant));
    }
  }
});
