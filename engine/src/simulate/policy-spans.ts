/**
 * simulate/policy-spans.ts: where an IKE policy's `version` or `mode` is written, for blame. The device model
 *   keeps the policy's span but not these two leaves', so the analysed configuration model is asked.
 * Owns: that lookup (effective configuration -> services ipsec-vpn ike policy NAME -> leaf word).
 * Must not know: what the verdicts are, the exchanges.
 * Invariants: never throws; undefined when the leaf is not written (the default applies) or the model is absent.
 * Tests: test/src/engine/simulate.test.ts (ike-version-mismatch blame)
 */
import type { ConfigModel } from '../../../server/src/model/index';
import { descend, entries, leafWord, spanOfWord } from '../device/read';
import type { Span } from '../device/types';

export function ikePolicyLeafSpan(model: ConfigModel | undefined, policy: string, keyword: 'version' | 'mode'): Span | undefined {
  if (!model) return undefined;
  const ike = descend(model.effective(), 'services', 'ipsec-vpn', 'ike');
  const entry = entries(ike, 'policy').find((e) => e.name.text === policy);
  return spanOfWord(leafWord(entry?.node, keyword));
}
