/**
 * sa/transitions.ts: the one shape every exchange's state machine has: a table of rows
 *   (state x event -> action, next state) and the function that fires an event against it.
 * Owns: the row and step-result types, looking up a row, moving to `next` on success, to the table's
 *   failure state on failure, staying put when the action ignores the input.
 * Must not know: any exchange (the tables live in ikev1-main-mode.ts, ikev1-aggressive-mode.ts,
 *   ikev1-quick-mode.ts, ikev2-ike-sa-init.ts, ikev2-ike-auth.ts).
 * Invariants: an event with no row changes nothing and is reported as unexpected; actions never throw
 *   for bad input (they return a failure or ignore).
 * Tests: through test/src/engine/sa-*.test.ts
 */
import type { SaFailure } from './result';

export type StepResult =
  | { readonly kind: 'ok' }
  | { readonly kind: 'fail'; readonly failure: SaFailure }
  | { readonly kind: 'ignore'; readonly why: string };

export const OK: StepResult = { kind: 'ok' };
export const fail = (failure: SaFailure): StepResult => ({ kind: 'fail', failure });
export const ignore = (why: string): StepResult => ({ kind: 'ignore', why });

export interface Transition<S extends string, E extends string, C, I> {
  readonly state: S;
  readonly event: E;
  /** What the row does; its name shows in logs. */
  readonly action: (context: C, input: I) => StepResult;
  readonly next: S;
}

export interface TransitionTable<S extends string, E extends string, C, I> {
  readonly name: string;
  readonly failed: S;
  readonly rows: readonly Transition<S, E, C, I>[];
}

export interface Fired<S extends string> {
  readonly state: S;
  readonly result: StepResult | { readonly kind: 'unexpected'; readonly why: string };
}

/** Fires `event` in `state`: runs the row's action and returns the state to move to. */
export function fire<S extends string, E extends string, C, I>(table: TransitionTable<S, E, C, I>, state: S, event: E, context: C, input: I): Fired<S> {
  const row = table.rows.find((candidate) => candidate.state === state && candidate.event === event);
  if (row === undefined) return { state, result: { kind: 'unexpected', why: `${table.name}: no transition for ${event} in state ${state}` } };
  const result = row.action(context, input);
  if (result.kind === 'ok') return { state: row.next, result };
  if (result.kind === 'fail') return { state: table.failed, result };
  return { state, result };
}
