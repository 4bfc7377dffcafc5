// Addresses, prefixes, IKEv1 proxy identities and IKEv2 traffic selectors from the prefixes Junos configures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isIPv6 } from 'node:net';
import fc from 'fast-check';
import { formatIpv6Address, parseIpAddress, parseIpv6Address, parsePrefix, prefixRange } from '../../../engine/src/wire/ip-address';
import { Ikev1IdType } from '../../../engine/src/wire/ikev1/constants';
import { describeIkev1Id, ikev1IdFromPrefix } from '../../../engine/src/wire/ikev1/identities';
import { IKEV1_PAYLOADS } from '../../../engine/src/wire/ikev1/payloads';
import { describeTrafficSelector, ikev2IdFromAddress, trafficSelectorFromPrefix } from '../../../engine/src/wire/ikev2/traffic-selectors';

test('IPv6 text forms parse to the same bytes and print canonically', () => {
  assert.equal(parseIpv6Address('2001:db8::1')?.toString('hex'), '20010db8000000000000000000000001');
  assert.equal(parseIpv6Address('::')?.toString('hex'), '0'.repeat(32));
  assert.equal(parseIpv6Address('::ffff:10.1.15.1')?.toString('hex'), '00000000000000000000ffff0a010f01');
  assert.equal(parseIpv6Address('1:2:3:4:5:6:1.2.3.4')?.toString('hex'), '00010002000300040005000601020304');
  for (const bad of ['1::2::3', '12345::', '1:2:3:4:5:6:7', 'g::1', '1:2:3:4:5:6:7:8:9']) assert.equal(parseIpv6Address(bad), undefined, bad);
  assert.equal(formatIpv6Address(parseIpv6Address('2001:0db8:0:0:1:0:0:1')!), '2001:db8::1:0:0:1');
  fc.assert(fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (raw) => {
    const text = formatIpv6Address(Buffer.from(raw));
    assert.ok(isIPv6(text), text);
    assert.deepEqual(parseIpv6Address(text), Buffer.from(raw));
  }), { numRuns: 300 });
});

test('prefixes clear host bits and give their first/last address', () => {
  const prefix = parsePrefix('10.1.12.77/24')!;
  assert.equal(prefix.address.toString('hex'), '0a010c00');
  const range = prefixRange(prefix);
  assert.equal(range.end.toString('hex'), '0a010cff');
  assert.equal(parsePrefix('10.1.12.0/33'), undefined);
  assert.equal(parsePrefix('2001:db8::/32')?.length, 32);
  assert.equal(parseIpAddress('10.1.56.2')?.family, 4);
});

test('IKEv1 proxy identities: subnet, host, any-any, IPv6, and back to text', () => {
  const subnet = ikev1IdFromPrefix('10.1.12.0/24')!;
  assert.equal(subnet.idType, Ikev1IdType.ipv4AddressSubnet);
  assert.equal(subnet.data.toString('hex'), '0a010c00ffffff00');
  assert.deepEqual(IKEV1_PAYLOADS.identification.codec.verify(subnet as never), []);
  assert.equal(describeIkev1Id(subnet), '10.1.12.0/24');
  const host = ikev1IdFromPrefix('10.1.15.1', 17, 500)!;
  assert.equal(host.idType, Ikev1IdType.ipv4Address);
  assert.equal(describeIkev1Id(host), '10.1.15.1');
  assert.equal(describeIkev1Id(ikev1IdFromPrefix('0.0.0.0/0')!), '0.0.0.0/0');
  const v6 = ikev1IdFromPrefix('2001:db8:1::/48')!;
  assert.equal(v6.idType, Ikev1IdType.ipv6AddressSubnet);
  assert.equal(describeIkev1Id(v6), '2001:db8:1::/48');
  assert.equal(ikev1IdFromPrefix('no'), undefined);
  assert.equal(describeIkev1Id({ idType: Ikev1IdType.fqdn, protocolId: 0, port: 0, data: Buffer.from('r2.example.net') }), 'fqdn r2.example.net');
});

test('IKEv2 traffic selectors and ID from prefixes', () => {
  const ts = trafficSelectorFromPrefix('10.1.56.0/24')!;
  assert.equal(ts.startAddress.toString('hex'), '0a013800');
  assert.equal(ts.endAddress.toString('hex'), '0a0138ff');
  assert.equal(describeTrafficSelector(ts), '10.1.56.0/24');
  assert.equal(describeTrafficSelector({ ...ts, endAddress: Buffer.from('0a013805', 'hex') }), '10.1.56.0-10.1.56.5');
  assert.equal(describeTrafficSelector(trafficSelectorFromPrefix('10.0.0.1/32', 17, 500, 500)!), '10.0.0.1/32 protocol 17 ports 500-500');
  assert.equal(describeTrafficSelector(trafficSelectorFromPrefix('0.0.0.0/0')!), '0.0.0.0/0');
  assert.deepEqual(ikev2IdFromAddress('10.1.15.1'), { idType: 1, data: Buffer.from([10, 1, 15, 1]) });
  assert.equal(ikev2IdFromAddress('2001:db8::1')?.idType, 5);
});
