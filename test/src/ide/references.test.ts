/**
 * Find references on the bundled R2 (both forms) and on a fixture where IKE
 * proposals are named in `proposals [ a b ]` lists, once in a group.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../../server/src/analysis/index';
import { referencesAt } from '../../../server/src/ide/references';
import { parseText } from '../../../server/src/syntax/parser';
import { exampleText, parseFixture, schemaFor, setup } from './check';

before(() => setup());

function analyzed(text: string, docId: string) {
  return analyzeDocument({ id: docId, text, tree: parseText(text) }, { platform: 'ms-pic' }, schemaFor('ms-pic'));
}

/** Each reference as the text of its line (trimmed) and whether it is the definition. */
function referenceLines(source: string, includeDeclaration: boolean): string[] {
  const f = parseFixture(source);
  return referencesAt(analyzed(f.text, f.docId), f.docId, f.offset, includeDeclaration).map((s) => {
    const lineStart = f.text.lastIndexOf('\n', s.start - 1) + 1;
    const lineEnd = f.text.indexOf('\n', s.end);
    const line = f.text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd).trim();
    assert.equal(f.text.slice(s.start, s.end), 'ike-aes');
    return `${s.isDefinition ? 'def' : 'use'}: ${line}`;
  });
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

test('references of an IKE proposal include each name in proposals [ ] lists and in groups', () => {
  assert.deepEqual(referenceLines(LISTS, true), [
    'def: proposal ike-aes {',
    'use: proposals [ ike-3des ike-aes ];',
    'use: proposals ike-aes;',
    'use: proposals [ ike-aes ];',
  ]);
  assert.deepEqual(referenceLines(LISTS, false), ['use: proposals [ ike-3des ike-aes ];', 'use: proposals ike-aes;', 'use: proposals [ ike-aes ];']);
});

test('references from a use are the same as from the definition', () => {
  const fromUse = LISTS.replace('ike-a$0es {', 'ike-aes {').replace('proposals ike-aes;', 'proposals ike-$0aes;');
  assert.deepEqual(referenceLines(fromUse, true), referenceLines(LISTS, true));
});

test('IKE proposal references in both forms of R2', () => {
  for (const [file, id, defs] of [
    ['ike-dynamic-sa/r2.conf', 'r2.conf', 1],
    ['ike-dynamic-sa-set/r2.set', 'r2.set', 2],
  ] as const) {
    const text = exampleText(file);
    const offset = text.indexOf('ike-demo-proposal') + 2;
    const spans = referencesAt(analyzed(text, id), id, offset, true);
    assert.equal(spans.filter((s) => s.isDefinition).length, defs, file);
    const uses = spans.filter((s) => !s.isDefinition);
    assert.equal(uses.length, 1, file);
    assert.ok(text.slice(uses[0]!.start - 'proposals '.length, uses[0]!.end) === 'proposals ike-demo-proposal', file);
  }
});
