/**
 * report/index.ts: the public API of the text reports (Junos show outputs, the human summary).
 * Owns: nothing but the list of exports.
 * Must not know: anything beyond the modules it re-exports.
 * Invariants: other folders import the reports from here.
 * Tests: test/src/engine/report.test.ts
 */
export { showIkeSecurityAssociations, showIkeSecurityAssociationsDetail } from './show-ike';
export { junosIdentity, showIpsecSecurityAssociations, showIpsecSecurityAssociationsDetail } from './show-ipsec';
export { formatSummary } from './summary';
export { formatPing } from './ping';
export { formatTraceroute } from './traceroute';
export { showIpsecStatistics } from './show-statistics';
