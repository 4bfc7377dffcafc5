/**
 * lsp/params.ts: checks the shape of incoming request parameters before a handler reads them.
 * Owns: the small validators (`textDocumentUri`, `positionParam`, `rangeParam`, ...) and `InvalidParams`,
 *   the error the guard turns into an LSP InvalidParams response.
 * Must not know: any feature.
 * Invariants: a validator either returns a well-typed value or throws `InvalidParams` with a message
 *   naming the bad field; it never lets `undefined` through as a position or uri.
 * Tests: test/src/lsp/protocol.test.ts (malformed requests)
 */

export class InvalidParams extends Error {}

type Json = Record<string, unknown>;

export function objectParam(value: unknown, what = 'params'): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidParams(`${what} must be an object`);
  return value as Json;
}

export function stringField(object: Json, field: string, what = 'params'): string {
  const value = object[field];
  if (typeof value !== 'string' || value === '') throw new InvalidParams(`${what}.${field} must be a non-empty string`);
  return value;
}

export function optionalStringField(object: Json, field: string, what = 'params'): string | undefined {
  const value = object[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new InvalidParams(`${what}.${field} must be a string`);
  return value;
}

/** `params.textDocument.uri` */
export function textDocumentUri(params: unknown): string {
  const object = objectParam(params);
  return stringField(objectParam(object['textDocument'], 'params.textDocument'), 'uri', 'params.textDocument');
}

export interface PlainPosition {
  readonly line: number;
  readonly character: number;
}

export function positionParam(value: unknown, what = 'params.position'): PlainPosition {
  const object = objectParam(value, what);
  const { line, character } = object;
  if (!isCount(line) || !isCount(character)) throw new InvalidParams(`${what} needs non-negative integer line and character`);
  return { line, character };
}

export function rangeParam(value: unknown, what = 'params.range'): { start: PlainPosition; end: PlainPosition } {
  const object = objectParam(value, what);
  const start = positionParam(object['start'], `${what}.start`);
  const end = positionParam(object['end'], `${what}.end`);
  if (end.line < start.line || (end.line === start.line && end.character < start.character)) {
    throw new InvalidParams(`${what} ends before it starts`);
  }
  return { start, end };
}

export function positionsParam(value: unknown, what = 'params.positions'): PlainPosition[] {
  if (!Array.isArray(value)) throw new InvalidParams(`${what} must be an array`);
  return value.map((p, i) => positionParam(p, `${what}[${i}]`));
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
