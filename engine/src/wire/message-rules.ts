/**
 * wire/message-rules.ts: which payloads a message of a given exchange step may carry, as data
 * (strongSwan's encoding/message.c idea), and the one checker that applies such a rule.
 * Owns: the rule shape (payload kind, min, max, order constraints, encrypted or not) and checking a list
 *   of payload kinds against it. The tables themselves live beside each version (ikev1/exchange-rules.ts,
 *   ikev2/exchange-rules.ts).
 * Must not know: payload contents, state machines (they pick which rule applies).
 * Invariants: never throws; every violation is reported (not just the first).
 * Tests: test/src/engine/message-rules.test.ts
 */
import { wireProblem, type WireProblem } from './problems';

export interface PayloadRule {
  readonly kind: string;
  readonly min: number;
  readonly max: number;
}

export interface MessageRule {
  /** A name for messages ("Main Mode message 3", "IKE_AUTH request"). */
  readonly name: string;
  /** Whether the payloads travel encrypted (IKEv1 E flag / inside the IKEv2 SK payload). */
  readonly encrypted: boolean;
  readonly payloads: readonly PayloadRule[];
  /** A payload kind that must come first when present (IKEv1 Quick Mode HASH). */
  readonly first?: string;
  /** Payload kinds that come all together or not at all (IKE_AUTH's SA, TSi, TSr). */
  readonly together?: readonly (readonly string[])[];
  /** When true, a message made only of notifications is also acceptable (an error response). */
  readonly notifyOnlyAllowed?: boolean;
  /** Name of the notification payload kind for `notifyOnlyAllowed` ('notify' / 'notification'). */
  readonly notifyKind?: string;
}

export const ANY = Number.POSITIVE_INFINITY;

/** Problems with `kinds` (the message's payload kinds in order) under `rule`; [] when it conforms. */
export function checkMessageRule(rule: MessageRule, kinds: readonly string[]): WireProblem[] {
  const notifyKind = rule.notifyKind ?? 'notify';
  if (rule.notifyOnlyAllowed && kinds.length > 0 && kinds.every((kind) => kind === notifyKind)) return [];
  const problems: WireProblem[] = [];
  const counts = new Map<string, number>();
  for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  for (const payload of rule.payloads) {
    const count = counts.get(payload.kind) ?? 0;
    if (count < payload.min) problems.push(wireProblem('bad-value', `${rule.name}: missing ${payload.kind} payload`));
    if (count > payload.max) problems.push(wireProblem('bad-value', `${rule.name}: ${count} ${payload.kind} payloads, at most ${payload.max} allowed`));
  }
  const allowed = new Set(rule.payloads.map((payload) => payload.kind));
  for (const kind of new Set(kinds)) {
    if (!allowed.has(kind) && kind !== 'unknown') problems.push(wireProblem('bad-value', `${rule.name}: unexpected ${kind} payload`));
  }
  for (const group of rule.together ?? []) {
    const present = group.filter((kind) => counts.has(kind));
    if (present.length > 0 && present.length < group.length) {
      problems.push(wireProblem('bad-value', `${rule.name}: ${group.filter((kind) => !counts.has(kind)).join(', ')} missing (${group.join(', ')} go together)`));
    }
  }
  if (rule.first !== undefined && kinds.includes(rule.first) && kinds[0] !== rule.first) {
    problems.push(wireProblem('bad-value', `${rule.name}: ${rule.first} must be the first payload`));
  }
  return problems;
}
