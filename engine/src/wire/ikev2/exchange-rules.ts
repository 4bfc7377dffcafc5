/**
 * wire/ikev2/exchange-rules.ts: the payloads of each IKEv2 request and response (RFC 7296 sections 1.2,
 * 1.3, 1.4, 2.6) as data for checkMessageRule.
 * Owns: IKE_SA_INIT, IKE_AUTH (with the first CHILD_SA), CREATE_CHILD_SA, INFORMATIONAL, both directions;
 *   responses may instead be notifications only (errors such as NO_PROPOSAL_CHOSEN, INVALID_KE_PAYLOAD,
 *   COOKIE, AUTHENTICATION_FAILED, TS_UNACCEPTABLE).
 * Must not know: payload contents or state.
 * Invariants: certificate payloads are tolerated (kept as unknown payloads by the codecs).
 * Tests: test/src/engine/message-rules.test.ts
 */
import { ANY, type MessageRule, type PayloadRule } from '../message-rules';

const one = (kind: string): PayloadRule => ({ kind, min: 1, max: 1 });
const optional = (kind: string, max = 1): PayloadRule => ({ kind, min: 0, max });
const extras: PayloadRule[] = [optional('notify', ANY), optional('vendorId', ANY)];

const CHILD_SA_PAYLOADS = [['sa', 'tsInitiator', 'tsResponder']] as const;

interface RuleOptions { readonly errorResponse?: boolean; readonly carriesChildSa?: boolean }

function rule(name: string, encrypted: boolean, payloads: PayloadRule[], options: RuleOptions = {}): MessageRule {
  return {
    name, encrypted, payloads: [...payloads, ...extras], notifyOnlyAllowed: options.errorResponse ?? false, notifyKind: 'notify',
    together: options.carriesChildSa ? CHILD_SA_PAYLOADS : [],
  };
}

const child = [optional('sa'), optional('tsInitiator'), optional('tsResponder')];

export const IKEV2_MESSAGE_RULES = {
  ikeSaInitRequest: rule('IKE_SA_INIT request', false, [one('sa'), one('keyExchange'), one('nonce')]),
  ikeSaInitResponse: rule('IKE_SA_INIT response', false, [one('sa'), one('keyExchange'), one('nonce')], { errorResponse: true }),
  ikeAuthRequest: rule('IKE_AUTH request', true, [one('idInitiator'), optional('idResponder'), one('authentication'), ...child], { carriesChildSa: true }),
  ikeAuthResponse: rule('IKE_AUTH response', true, [one('idResponder'), one('authentication'), ...child], { errorResponse: true, carriesChildSa: true }),
  createChildSaRequest: rule('CREATE_CHILD_SA request', true, [one('sa'), one('nonce'), optional('keyExchange'), optional('tsInitiator'), optional('tsResponder')]),
  createChildSaResponse: rule('CREATE_CHILD_SA response', true, [one('sa'), one('nonce'), optional('keyExchange'), optional('tsInitiator'), optional('tsResponder')], { errorResponse: true }),
  informationalRequest: rule('INFORMATIONAL request', true, [optional('delete', ANY)]),
  informationalResponse: rule('INFORMATIONAL response', true, [optional('delete', ANY)]),
} as const satisfies Record<string, MessageRule>;
