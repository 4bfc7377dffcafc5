/**
 * test/analysis/support/check.ts: one way to run the analysis on fixture text and print its findings, for
 *   every analysis test.
 * Owns: loading the real grammar and schema once, `analyzeTexts` (several documents, one device each),
 *   `render` (a diagnostic as `file:line:col severity[code]`, positions 1-based like the examples README),
 *   and `check` (a snippet's findings as rendered lines, optionally with messages).
 * Must not know: rule internals; tests go through the public API (`analyzeDocument`).
 * Tests: used by test/src/analysis/*.test.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument, type Diagnostic, type DocumentAnalysis, type Platform } from '../../../../server/src/analysis/index';
import { loadSchema } from '../../../../server/src/schema/index';
import type { Schema } from '../../../../server/src/schema/types';
import { initSyntax, parseText } from '../../../../server/src/syntax/parser';
import { LineIndex } from '../../../../server/src/text/line-index';

/** Repository root, computed from out/test/src/analysis/support/. */
export const repoRoot = path.resolve(__dirname, '../../../../..');

const schemas = new Map<string, Schema>();

export async function ready(): Promise<void> {
  await initSyntax();
}

function schemaFor(platform: Platform): Schema {
  const family = platform === 'srx' ? 'srx' : 'mx';
  let s = schemas.get(family);
  if (!s) schemas.set(family, (s = loadSchema(family)));
  return s;
}

export function analyzeText(id: string, text: string, platform: Platform = 'ms-pic'): DocumentAnalysis {
  return analyzeDocument({ id, text, tree: parseText(text) }, { platform }, schemaFor(platform));
}

export function position(text: string, offset: number): string {
  const p = new LineIndex(text).positionAt(offset);
  return `${p.line + 1}:${p.character + 1}`;
}

/** `file:line:col severity[code]`, with ` message` when asked. */
export function render(d: Diagnostic, text: string, options: { messages?: boolean; file?: boolean } = {}): string {
  const where = `${options.file === false ? '' : `${path.basename(d.docId)}:`}${position(text, d.start)}`;
  return `${where} ${d.severity}[${d.code}]${options.messages ? ` ${d.message}` : ''}`;
}

export function readRepoFile(rel: string): string {
  return fs.readFileSync(path.join(repoRoot, rel), 'utf8');
}

/** A snippet's findings, rendered without the file name: ['3:5 error[unknown-statement]', ...]. */
export function check(text: string, platform: Platform = 'ms-pic'): string[] {
  return analyzeText('snippet', text, platform).diagnostics.map((d) => render(d, text, { file: false }));
}

/** The diagnostics of a snippet with one code. */
export function findings(text: string, code: string, platform: Platform = 'ms-pic'): Diagnostic[] {
  return analyzeText('snippet', text, platform).diagnostics.filter((d) => d.code === code);
}

/** The source text of each finding with `code`: the exact words it marks. */
export function marked(text: string, code: string, platform: Platform = 'ms-pic'): string[] {
  return findings(text, code, platform).map((d) => text.slice(d.start, d.end));
}

/** Every finding's code, in order (to check a snippet gives exactly the expected codes). */
export function codes(text: string, platform: Platform = 'ms-pic'): string[] {
  return analyzeText('snippet', text, platform).diagnostics.map((d) => d.code);
}

/** A valid R2-like MS-PIC tunnel end in hierarchical form; tests change one thing at a time. */
export const R2_CURLY = `interfaces {
    ge-0/0/1 {
        unit 0 {
            family inet {
                address 10.1.15.1/30;
            }
        }
    }
    ms-1/2/0 {
        unit 0 {
            family inet;
        }
        unit 1 {
            family inet;
            service-domain inside;
        }
        unit 2 {
            family inet;
            service-domain outside;
        }
    }
}
protocols {
    ospf {
        area 0.0.0.0 {
            interface ge-0/0/1.0;
            interface ms-1/2/0.1;
        }
    }
}
services {
    ipsec-vpn {
        rule rule-ike {
            term term-ike {
                then {
                    remote-gateway 10.1.15.2;
                    dynamic {
                        ike-policy ike-demo-policy;
                        ipsec-policy ipsec-demo-policy;
                    }
                }
            }
            match-direction input;
        }
        ike {
            proposal ike-demo-proposal {
                authentication-method pre-shared-keys;
                dh-group group2;
            }
            policy ike-demo-policy {
                proposals ike-demo-proposal;
                pre-shared-key ascii-text "$9$Hk5FCtO1hr/Au1RESeK"; ## SECRET-DATA
            }
        }
        ipsec {
            proposal ipsec-demo-proposal {
                protocol esp;
                authentication-algorithm hmac-sha1-96;
                encryption-algorithm 3des-cbc;
            }
            policy ipsec-demo-policy {
                perfect-forward-secrecy {
                    keys group2;
                }
                proposals ipsec-demo-proposal;
            }
        }
    }
    service-set demo-service-set {
        next-hop-service {
            inside-service-interface ms-1/2/0.1;
            outside-service-interface ms-1/2/0.2;
        }
        ipsec-vpn-options {
            local-gateway 10.1.15.1;
        }
        ipsec-vpn-rules rule-ike;
    }
}
`;

/** The same configuration as `set` commands. */
export const R2_SET = `set interfaces ge-0/0/1 unit 0 family inet address 10.1.15.1/30
set interfaces ms-1/2/0 unit 0 family inet
set interfaces ms-1/2/0 unit 1 family inet
set interfaces ms-1/2/0 unit 1 service-domain inside
set interfaces ms-1/2/0 unit 2 family inet
set interfaces ms-1/2/0 unit 2 service-domain outside
set protocols ospf area 0.0.0.0 interface ge-0/0/1.0
set protocols ospf area 0.0.0.0 interface ms-1/2/0.1
set services ipsec-vpn rule rule-ike term term-ike then remote-gateway 10.1.15.2
set services ipsec-vpn rule rule-ike term term-ike then dynamic ike-policy ike-demo-policy
set services ipsec-vpn rule rule-ike term term-ike then dynamic ipsec-policy ipsec-demo-policy
set services ipsec-vpn rule rule-ike match-direction input
set services ipsec-vpn ike proposal ike-demo-proposal authentication-method pre-shared-keys
set services ipsec-vpn ike proposal ike-demo-proposal dh-group group2
set services ipsec-vpn ike policy ike-demo-policy proposals ike-demo-proposal
set services ipsec-vpn ike policy ike-demo-policy pre-shared-key ascii-text "$9$Hk5FCtO1hr/Au1RESeK"
set services ipsec-vpn ipsec proposal ipsec-demo-proposal protocol esp
set services ipsec-vpn ipsec proposal ipsec-demo-proposal authentication-algorithm hmac-sha1-96
set services ipsec-vpn ipsec proposal ipsec-demo-proposal encryption-algorithm 3des-cbc
set services ipsec-vpn ipsec policy ipsec-demo-policy perfect-forward-secrecy keys group2
set services ipsec-vpn ipsec policy ipsec-demo-policy proposals ipsec-demo-proposal
set services service-set demo-service-set next-hop-service inside-service-interface ms-1/2/0.1
set services service-set demo-service-set next-hop-service outside-service-interface ms-1/2/0.2
set services service-set demo-service-set ipsec-vpn-options local-gateway 10.1.15.1
set services service-set demo-service-set ipsec-vpn-rules rule-ike
`;

/** `text` with `from` replaced by `to`, failing loudly when `from` is not there (so a test cannot go stale). */
export function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`fixture edit: '${from}' not found`);
  return text.replace(from, to);
}
