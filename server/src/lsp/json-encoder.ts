/**
 * lsp/json-encoder.ts: the JSON encoding of outgoing messages, with one shortcut: a response whose result
 *   holds a `PreEncodedArray` (the semantic tokens' data, millions of integers in a large file) gets that
 *   array's text from pieces kept between versions (lsp/semantic-token-rows.ts `jsonPieces`) instead of
 *   `JSON.stringify` walking it.
 * Owns: the content type encoder the stream transport writes with; `PreEncodedArray`.
 * Must not know: features, how the pieces are made.
 * Invariants: the bytes equal `JSON.stringify(message)` but for the array's text, which holds the same
 *   numbers (JSON.parse gives the same message); a `PreEncodedArray` serializes as the plain array through
 *   any other JSON path (`toJSON`: IPC transport, traces); never throws where `JSON.stringify` would not.
 * Tests: test/src/lsp/semantic-token-rows.test.ts (pieces), test/src/lsp/protocol.test.ts,
 *   test/src/lsp/semantic-tokens.test.ts (over stdio)
 */
import type { ContentTypeEncoder, ContentTypeEncoderOptions, Message } from 'vscode-languageserver/node';

/** An array of numbers sent as JSON text made ahead. */
export class PreEncodedArray {
  constructor(
    /** the plain array (for JSON paths other than this encoder) */
    private readonly plain: () => number[],
    /** the array's text without brackets, in pieces to be joined by commas */
    readonly pieces: () => readonly Buffer[],
  ) {}

  toJSON(): number[] {
    return this.plain();
  }
}

/** Stands for the array in the text of the rest of the message (a string no result holds). */
const PLACEHOLDER = '\u0000junos-pre-encoded-array\u0000';
const PLACEHOLDER_JSON = JSON.stringify(PLACEHOLDER);
const COMMA = Buffer.from(',');
const OPEN = Buffer.from('[');
const CLOSE = Buffer.from(']');

/** The `application/json` encoder of vscode-jsonrpc, with the shortcut for `PreEncodedArray` values
 *  directly under a response's `result`. */
export const jsonEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode(msg: Message, options: ContentTypeEncoderOptions): Promise<Uint8Array> {
    try {
      return Promise.resolve(encodeMessage(msg, options.charset));
    } catch (err) {
      return Promise.reject(err);
    }
  },
};

function encodeMessage(msg: Message, charset: string): Buffer {
  const result = (msg as { result?: unknown }).result;
  const key = preEncodedKey(result);
  if (key === undefined || (charset !== 'utf-8' && charset !== 'utf8')) return Buffer.from(JSON.stringify(msg, undefined, 0), charset as BufferEncoding);
  const array = (result as Record<string, unknown>)[key] as PreEncodedArray;
  const text = JSON.stringify({ ...msg, result: { ...(result as object), [key]: PLACEHOLDER } }, undefined, 0);
  const at = text.indexOf(PLACEHOLDER_JSON);
  if (at < 0 || text.indexOf(PLACEHOLDER_JSON, at + 1) >= 0) return Buffer.from(JSON.stringify(msg, undefined, 0), 'utf-8');
  const parts: Buffer[] = [Buffer.from(text.slice(0, at), 'utf-8'), OPEN];
  array.pieces().forEach((piece, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(piece);
  });
  parts.push(CLOSE, Buffer.from(text.slice(at + PLACEHOLDER_JSON.length), 'utf-8'));
  return Buffer.concat(parts);
}

/** The key of the `PreEncodedArray` directly under `result`, if there is one. */
function preEncodedKey(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return undefined;
  for (const key of Object.keys(result)) if ((result as Record<string, unknown>)[key] instanceof PreEncodedArray) return key;
  return undefined;
}
