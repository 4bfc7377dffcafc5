// Payload rules per exchange: the fixtures conform; missing, extra, misplaced and half-present payloads
// are each reported; notify-only error responses are accepted where the RFC allows them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkMessageRule } from '../../../engine/src/wire/message-rules';
import { IKEV1_MESSAGE_RULES } from '../../../engine/src/wire/ikev1/exchange-rules';
import { IKEV2_MESSAGE_RULES } from '../../../engine/src/wire/ikev2/exchange-rules';
import { ikeSaInitRequest, mainModeMessage1 } from './fixtures';

const kinds = (payloads: readonly { kind: string }[]) => payloads.map((p) => p.kind);

test('the realistic fixtures conform to their rules', () => {
  assert.deepEqual(checkMessageRule(IKEV1_MESSAGE_RULES.mainMode1, kinds(mainModeMessage1().payloads)), []);
  assert.deepEqual(checkMessageRule(IKEV2_MESSAGE_RULES.ikeSaInitRequest, kinds(ikeSaInitRequest().payloads)), []);
  assert.deepEqual(checkMessageRule(IKEV1_MESSAGE_RULES.quickMode1, ['hash', 'sa', 'nonce', 'keyExchange', 'identification', 'identification']), []);
});

test('violations are all reported', () => {
  const problems = checkMessageRule(IKEV1_MESSAGE_RULES.mainMode3, ['keyExchange', 'keyExchange', 'sa']).map((p) => p.message);
  assert.deepEqual(problems, [
    'Main Mode message 3: 2 keyExchange payloads, at most 1 allowed',
    'Main Mode message 3: missing nonce payload',
    'Main Mode message 3: unexpected sa payload',
  ]);
  assert.match(checkMessageRule(IKEV1_MESSAGE_RULES.quickMode1, ['sa', 'hash', 'nonce'])[0]!.message, /hash must be the first payload/);
  assert.match(checkMessageRule(IKEV2_MESSAGE_RULES.ikeAuthRequest, ['idInitiator', 'authentication', 'sa', 'tsInitiator'])[0]!.message, /tsResponder missing/);
  assert.deepEqual(checkMessageRule(IKEV2_MESSAGE_RULES.ikeAuthRequest, ['idInitiator', 'authentication']), [], 'IKE_AUTH without a child SA');
});

test('notification-only error responses are accepted for responses, not requests', () => {
  assert.deepEqual(checkMessageRule(IKEV2_MESSAGE_RULES.ikeSaInitResponse, ['notify']), []);
  assert.deepEqual(checkMessageRule(IKEV2_MESSAGE_RULES.ikeAuthResponse, ['notify']), []);
  assert.notDeepEqual(checkMessageRule(IKEV2_MESSAGE_RULES.ikeSaInitRequest, ['notify']), []);
});
