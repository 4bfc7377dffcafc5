/**
 * simulate/blame.ts: which configuration lines explain a failed negotiation, per verdict: the pre-shared keys
 *   for IKE_AUTH_FAILED, the policies' `proposals` lines for IKE/IPSEC_NO_PROPOSAL, the PFS `keys` lines,
 *   the terms' `from` for TS_UNACCEPTABLE, `version`/`mode` (or the policy when the default applies), and the
 *   initiator's remote-gateway with the responder's local-gateway for PEER_UNREACHABLE.
 * Owns: that choice and the words naming each line.
 * Must not know: how the verdict was reached, output formats.
 * Invariants: never throws; a setting that is not written gives no blame for that end; no span twice.
 * Tests: test/src/engine/simulate.test.ts (scenario blame)
 */
import type { Span } from '../device/types';
import type { EndSpans } from './device-to-sa';
import { uniqueBlame, type PlaceFinder } from './places';
import type { BlameSpan, Verdict } from './result';

export interface BlameEnd {
  readonly device: string;
  readonly spans: EndSpans;
  /** where the IKE policy's `version` and `mode` are written (undefined = the default applies) */
  readonly version: Span | undefined;
  readonly mode: Span | undefined;
}

export function blameFor(verdict: Verdict, ends: readonly BlameEnd[], places: PlaceFinder): BlameSpan[] {
  const out: BlameSpan[] = [];
  for (const [index, { device, spans, version, mode }] of ends.entries()) {
    switch (verdict) {
      case 'IKE_AUTH_FAILED':
        out.push(...places.blame(device, spans.preSharedKey, 'pre-shared-key'));
        break;
      case 'IKE_NO_PROPOSAL':
        for (const s of spans.ikeProposals) out.push(...places.blame(device, s, 'ike policy proposals'));
        break;
      case 'IPSEC_NO_PROPOSAL':
        for (const s of spans.ipsecProposals) out.push(...places.blame(device, s, 'ipsec policy proposals'));
        break;
      case 'PFS_MISMATCH':
        out.push(...places.blame(device, spans.pfs, 'perfect-forward-secrecy keys'));
        break;
      case 'TS_UNACCEPTABLE':
        for (const s of spans.from.length > 0 ? spans.from : [spans.term]) out.push(...places.blame(device, s, 'term from'));
        break;
      case 'IKE_VERSION_MISMATCH':
        out.push(...(version ? places.blame(device, version, 'ike policy version') : places.blame(device, spans.ikePolicy, 'ike policy (version 1 by default)')));
        break;
      case 'IKE_MODE_MISMATCH':
        out.push(...(mode ? places.blame(device, mode, 'ike policy mode') : places.blame(device, spans.ikePolicy, 'ike policy (main mode by default)')));
        break;
      case 'PEER_UNREACHABLE':
        out.push(...places.blame(device, index === 0 ? spans.remoteGateway : spans.localGateway, index === 0 ? 'remote-gateway' : 'local-gateway'));
        break;
      default:
        break;
    }
  }
  return uniqueBlame(out);
}
