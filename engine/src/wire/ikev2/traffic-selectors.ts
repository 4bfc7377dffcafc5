/**
 * wire/ikev2/traffic-selectors.ts: IKEv2 traffic selectors and ID payloads from the addresses Junos
 * configures, and back to text for reports.
 * Owns: prefix -> TS_IPV4_ADDR_RANGE / TS_IPV6_ADDR_RANGE (RFC 7296 3.13.1), address -> ID_IPV4_ADDR /
 *   ID_IPV6_ADDR, selector -> `10.1.12.0/24` (or `a-b` when the range is not a prefix).
 * Must not know: narrowing (the SA layer decides what is acceptable).
 * Invariants: never throws; bad text gives undefined.
 * Tests: test/src/engine/identities.test.ts
 */
import { formatIpAddress, parseIpAddress, parsePrefix, prefixRange } from '../ip-address';
import { Ikev2IdType, TrafficSelectorType } from './constants';
import type { Ikev2Identification, TrafficSelector } from './payloads';

/** A selector covering `prefix` (any protocol and port unless given). */
export function trafficSelectorFromPrefix(text: string, ipProtocol = 0, startPort = 0, endPort = 65535): TrafficSelector | undefined {
  const prefix = parsePrefix(text);
  if (prefix === undefined) return undefined;
  const { start, end } = prefixRange(prefix);
  const tsType = prefix.family === 4 ? TrafficSelectorType.ipv4AddressRange : TrafficSelectorType.ipv6AddressRange;
  return { tsType, ipProtocol, startPort, endPort, startAddress: start, endAddress: end };
}

/** `10.1.12.0/24` when the range is a prefix, else `start-end`; protocol and ports appended when set. */
export function describeTrafficSelector(selector: TrafficSelector): string {
  const start = selector.startAddress, end = selector.endAddress;
  let text = `${formatIpAddress(start)}-${formatIpAddress(end)}`;
  if (start.length === end.length) {
    for (let length = 0; length <= start.length * 8; length++) {
      const candidate = parsePrefix(`${formatIpAddress(start)}/${length}`);
      if (candidate === undefined) continue;
      const range = prefixRange(candidate);
      if (range.start.equals(start) && range.end.equals(end)) { text = `${formatIpAddress(start)}/${length}`; break; }
    }
  }
  if (selector.ipProtocol !== 0) text += ` protocol ${selector.ipProtocol}`;
  if (selector.startPort !== 0 || selector.endPort !== 65535) text += ` ports ${selector.startPort}-${selector.endPort}`;
  return text;
}

/** ID payload body for an address identity. */
export function ikev2IdFromAddress(text: string): Ikev2Identification | undefined {
  const parsed = parseIpAddress(text);
  if (parsed === undefined) return undefined;
  return { idType: parsed.family === 4 ? Ikev2IdType.ipv4Address : Ikev2IdType.ipv6Address, data: parsed.bytes };
}
