/**
 * Document highlight: the definition's name words are `write`, uses are `read`, only in the document at
 * hand; nothing on keywords.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../../server/src/analysis/index';
import { highlightsAt } from '../../../server/src/ide/document-highlight';
import { parseText } from '../../../server/src/syntax/parser';
import { exampleText, parseFixture, schemaFor, setup } from './check';

before(() => setup());

function analyzed(text: string, docId: string) {
  return analyzeDocument({ id: docId, text, tree: parseText(text) }, { platform: 'ms-pic' }, schemaFor('ms-pic'));
}

const LISTS = `services {
    ipsec-vpn {
        ike {
            proposal ike-a$0es {
                authentication-method pre-shared-keys;
                dh-group group14;
            }
            proposal ike-3des {
                authentication-method pre-shared-keys;
                dh-group group2;
            }
            policy to-r3 {
                proposals [ ike-3des ike-aes ];
                pre-shared-key ascii-text "$9$Ap0I01heK8X-wBIX-bwJZik.P5F1IcM87"; ## SECRET-DATA
            }
            policy to-r4 {
                proposals ike-aes;
                pre-shared-key ascii-text "$9$Ap0I01heK8X-wBIX-bwJZik.P5F1IcM87"; ## SECRET-DATA
            }
        }
    }
}
groups {
    branch {
        services {
            ipsec-vpn {
                ike {
                    policy to-branch {
                        proposals [ ike-aes ];
                    }
                }
            }
        }
    }
}
apply-groups branch;
`;

test('document highlight marks the definition as write and uses as read', () => {
  const f = parseFixture(LISTS);
  const highlights = highlightsAt(analyzed(f.text, f.docId), f.docId, f.offset);
  assert.deepEqual(
    highlights.map((h) => h.kind),
    ['write', 'read', 'read', 'read'],
  );
  assert.ok(highlights.every((h) => f.text.slice(h.start, h.end) === 'ike-aes'));
  assert.deepEqual(highlightsAt(analyzed(f.text, f.docId), f.docId, f.text.indexOf('dh-group') + 1), []);
});

test('in set form every line naming the definition is a write', () => {
  const text = exampleText('ike-dynamic-sa-set/r2.set');
  const highlights = highlightsAt(analyzed(text, 'r2.set'), 'r2.set', text.indexOf('ipsec-demo-policy') + 1);
  const lineOf = (at: number): string => text.slice(text.lastIndexOf('\n', at) + 1, text.indexOf('\n', at));
  assert.deepEqual(
    highlights.map((h) => `${h.kind}: ${lineOf(h.start)}`),
    [
      'read: set services ipsec-vpn rule rule-ike term term-ike then dynamic ipsec-policy ipsec-demo-policy',
      'write: set services ipsec-vpn ipsec policy ipsec-demo-policy perfect-forward-secrecy keys group2',
      'write: set services ipsec-vpn ipsec policy ipsec-demo-policy proposals ipsec-demo-proposal',
    ],
  );
});
