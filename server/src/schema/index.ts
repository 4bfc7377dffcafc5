/**
 * schema/index.ts: the public entry of the schema layer; re-exports the loader and lookup API.
 * Owns: nothing but the list of what other layers may import.
 * Must not know: anything beyond the modules it re-exports.
 * Invariants: other layers import from here or from `./types`, never from `generator/`.
 * Tests: test/src/schema/*.test.ts
 */
export type * from './types';
export { loadSchema, loadSchemaFile, findSchemaFile, type SchemaPlatform } from './load';
export {
  lookupPath,
  findStatementElsewhere,
  statementFor,
  matchListKeys,
  keysOfList,
  type KeyMatch,
  type KeyWord,
  type LookupResult,
  type LookupStep,
  type LookupEnd,
  type LookupFailure,
  type LookupOptions,
  type StatementLocation,
} from './lookup';
export { didYouMean, editDistance } from './did-you-mean';
export { describeType, validateValue, isGroupWildcardMember, type ValueProblem, type ValueProblemCode } from './value-types';
