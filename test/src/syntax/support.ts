/**
 * test/syntax/support.ts: shared pieces of the syntax tests.
 * Owns: the repository root from the compiled location, realistic Junos texts in both forms,
 *   a flat comparable dump of a tree (kinds, fields, JS offsets), line:column of an offset.
 * Tests: used by test/src/syntax/*.test.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import assert from 'node:assert/strict';
import { parseText, type Node, type SyntaxDocument, type Tree } from '../../../server/src/syntax/parser';

/** Repository root, computed from out/test/src/syntax/. */
export const repoRoot = path.resolve(__dirname, '../../../..');

export function readRepoFile(relative: string): string {
  return fs.readFileSync(path.join(repoRoot, relative), 'utf8');
}

/** A realistic configuration mixing both forms, comments, a secret and non-ASCII text. */
export const MIXED_CONFIG = [
  '## Last commit: 2024-05-01 10:00:00 UTC by admin',
  'version 24.4R1;',
  'interfaces {',
  '    ge-0/0/0 {',
  '        description "Vers R1 — liaison ge-0/0/0 ✓";',
  '        unit 0 {',
  '            family inet {',
  '                address 10.1.12.2/30;',
  '            }',
  '        }',
  '    }',
  '    /* service PIC */',
  '    ms-1/2/0 {',
  '        unit 1 {',
  '            family inet;',
  '            service-domain inside;',
  '        }',
  '    }',
  '}',
  'services {',
  '    ipsec-vpn {',
  '        ike {',
  '            policy ike-demo-policy {',
  '                proposals [ ike-demo-proposal p2 ];',
  '                pre-shared-key ascii-text "$9$kqfz6CuEhrvMX-dVw"; ## SECRET-DATA',
  '            }',
  '        }',
  '    }',
  '}',
  'set routing-options router-id 10.0.0.2',
  '[edit protocols ospf]',
  'set area 0.0.0.0 interface ms-1/2/0.1',
  'set area 0.0.0.0 interface lo0.0 passive',
  '',
].join('\n');

export interface FlatNode {
  readonly kind: string;
  readonly field: string | null;
  readonly start: number;
  readonly end: number;
  readonly missing: boolean;
  /** row:column of start and end as tree-sitter reports them */
  readonly points: string;
}

/** Every node of the tree in document order, with its field name and JS offsets. */
export function flatten(tree: Tree): FlatNode[] {
  const out: FlatNode[] = [];
  const cursor = tree.walk();
  try {
    let descending = true;
    for (;;) {
      if (descending) {
        const node: Node = cursor.currentNode;
        const { startPosition: from, endPosition: to } = node;
        out.push({
          kind: node.type,
          field: cursor.currentFieldName,
          start: node.startIndex,
          end: node.endIndex,
          missing: node.isMissing,
          points: `${from.row}:${from.column}-${to.row}:${to.column}`,
        });
        if (cursor.gotoFirstChild()) continue;
      }
      if (cursor.gotoNextSibling()) {
        descending = true;
        continue;
      }
      if (!cursor.gotoParent()) break;
      descending = false;
    }
  } finally {
    cursor.delete();
  }
  return out;
}

/** 1-based `line:column` of a JS offset (column in UTF-16 code units, like the examples' README). */
export function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return `${line}:${column}`;
}

/** Asserts that the incrementally kept tree of `doc` is the tree a fresh parse of its text gives. */
export function assertSameAsFreshParse(doc: SyntaxDocument, message?: string): void {
  const fresh = parseText(doc.text);
  try {
    assert.deepEqual(flatten(doc.tree), flatten(fresh), message);
  } finally {
    fresh.delete();
  }
}
