/**
 * wire/ikev1/exchange-rules.ts: the payloads of each IKEv1 message (RFC 2409 sections 5 and 5.5,
 * RFC 3947 NAT-D) as data for checkMessageRule.
 * Owns: Main Mode 1-6, Aggressive Mode 1-3, Quick Mode 1-3 and Informational, for pre-shared keys.
 * Must not know: payload contents or state.
 * Invariants: vendor IDs and notifications are tolerated where peers send them in practice.
 * Tests: test/src/engine/message-rules.test.ts
 */
import { ANY, type MessageRule, type PayloadRule } from '../message-rules';

const one = (kind: string): PayloadRule => ({ kind, min: 1, max: 1 });
const optional = (kind: string, max = 1): PayloadRule => ({ kind, min: 0, max });
const extras: PayloadRule[] = [optional('vendorId', ANY), optional('notification', ANY)];

function rule(name: string, encrypted: boolean, payloads: PayloadRule[], first?: string): MessageRule {
  return { name, encrypted, payloads: [...payloads, ...extras], notifyKind: 'notification', ...(first === undefined ? {} : { first }) };
}

export const IKEV1_MESSAGE_RULES = {
  mainMode1: rule('Main Mode message 1', false, [one('sa')]),
  mainMode2: rule('Main Mode message 2', false, [one('sa')]),
  mainMode3: rule('Main Mode message 3', false, [one('keyExchange'), one('nonce'), optional('natDiscovery', ANY)]),
  mainMode4: rule('Main Mode message 4', false, [one('keyExchange'), one('nonce'), optional('natDiscovery', ANY)]),
  mainMode5: rule('Main Mode message 5', true, [one('identification'), one('hash')]),
  mainMode6: rule('Main Mode message 6', true, [one('identification'), one('hash')]),
  aggressive1: rule('Aggressive Mode message 1', false, [one('sa'), one('keyExchange'), one('nonce'), one('identification')]),
  aggressive2: rule('Aggressive Mode message 2', false, [one('sa'), one('keyExchange'), one('nonce'), one('identification'), one('hash'), optional('natDiscovery', ANY)]),
  aggressive3: rule('Aggressive Mode message 3', false, [one('hash'), optional('natDiscovery', ANY)]),
  quickMode1: rule('Quick Mode message 1', true, [one('hash'), one('sa'), one('nonce'), optional('keyExchange'), optional('identification', 2)], 'hash'),
  quickMode2: rule('Quick Mode message 2', true, [one('hash'), one('sa'), one('nonce'), optional('keyExchange'), optional('identification', 2)], 'hash'),
  quickMode3: rule('Quick Mode message 3', true, [one('hash')], 'hash'),
  informational: rule('Informational exchange', true, [optional('hash'), optional('delete', ANY)], 'hash'),
} as const satisfies Record<string, MessageRule>;
