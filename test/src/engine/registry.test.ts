// Registry names for reports: numbers back to RFC-style names, unknown values kept visible.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ikev1ExchangeType, Ikev1NotifyType } from '../../../engine/src/wire/ikev1/constants';
import { IntegrityTransformId, Ikev2NotifyType } from '../../../engine/src/wire/ikev2/constants';
import { nameOf, registryName } from '../../../engine/src/wire/registry';

test('names follow the RFC spelling', () => {
  assert.equal(nameOf(Ikev2NotifyType, 14), 'NO_PROPOSAL_CHOSEN');
  assert.equal(nameOf(Ikev2NotifyType, 38), 'TS_UNACCEPTABLE');
  assert.equal(nameOf(Ikev2NotifyType, 16388), 'NAT_DETECTION_SOURCE_IP');
  assert.equal(nameOf(Ikev1NotifyType, 24), 'AUTHENTICATION_FAILED');
  assert.equal(nameOf(Ikev1ExchangeType, 32), 'QUICK_MODE');
  assert.equal(nameOf(IntegrityTransformId, 12), 'HMAC_SHA2_256_128');
  assert.equal(registryName('rUThereAck'), 'R_U_THERE_ACK');
});

test('unknown numbers stay visible', () => {
  assert.equal(nameOf(Ikev2NotifyType, 9999, 'NOTIFY'), 'NOTIFY(9999)');
});
