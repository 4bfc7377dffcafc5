// Simulated clock and in-memory network: timer order, cancellation, intervals, bounded idling; delivery
// after latency, packet records with virtual times, isolation, unknown endpoints, malformed packets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SimulatedClock } from '../../../engine/src/net/clock';
import { InMemoryNetwork, type ReceivedUdp } from '../../../engine/src/net/network';
import { encodeIcmp, IcmpType } from '../../../engine/src/wire/icmp';
import { IpProtocol } from '../../../engine/src/wire/ipv4';

test('timers fire in due order, ties in scheduling order, only when time reaches them', () => {
  const clock = new SimulatedClock();
  const fired: string[] = [];
  clock.setTimeout(() => fired.push('b@20'), 20);
  clock.setTimeout(() => fired.push('a@10'), 10);
  clock.setTimeout(() => fired.push('c@20'), 20);
  const cancelled = clock.setTimeout(() => fired.push('never'), 15);
  cancelled.cancel();
  assert.equal(clock.advance(9), 0);
  assert.deepEqual(fired, []);
  clock.advance(11);
  assert.deepEqual(fired, ['a@10', 'b@20', 'c@20']);
  assert.equal(clock.now(), 20);
});

test('a timer scheduled by a timer fires within the same advance when due; intervals repeat until cancelled', () => {
  const clock = new SimulatedClock();
  const times: number[] = [];
  clock.setTimeout(() => clock.setTimeout(() => times.push(clock.now()), 5), 5);
  clock.advance(10);
  assert.deepEqual(times, [10]);
  const ticks: number[] = [];
  const handle = clock.setInterval(() => ticks.push(clock.now()), 1000);
  clock.advance(3500);
  assert.deepEqual(ticks, [1010, 2010, 3010]);
  handle.cancel();
  clock.advance(5000);
  assert.equal(ticks.length, 3);
});

test('runUntilIdle drains one-shot timers and stops at its limit for endless intervals', () => {
  const clock = new SimulatedClock();
  let count = 0;
  // A retransmission schedule: 2 s, 4 s, 8 s then give up.
  const retransmit = (attempt: number) => { count++; if (attempt < 3) clock.setTimeout(() => retransmit(attempt + 1), 2000 * 2 ** attempt); };
  clock.setTimeout(() => retransmit(1), 0);
  clock.runUntilIdle();
  assert.equal(count, 3);
  assert.equal(clock.now(), 2000 * 2 + 2000 * 4);
  clock.setInterval(() => count++, 10_000);
  const fired = clock.runUntilIdle(60_000);
  assert.equal(fired, 6);
});

test('UDP is delivered after the latency, with real bytes recorded at the send time', () => {
  const clock = new SimulatedClock();
  const network = new InMemoryNetwork(clock, { latencyMs: 5 });
  const received: ReceivedUdp[] = [];
  network.bindUdp('10.1.15.2', 500, (d) => received.push(d));
  clock.advance(100);
  network.sendUdp({ source: '10.1.15.1', sourcePort: 500, destination: '10.1.15.2', destinationPort: 500, payload: Buffer.from('hello') });
  assert.equal(received.length, 0, 'never synchronous');
  clock.advance(4);
  assert.equal(received.length, 0);
  clock.advance(1);
  assert.equal(received.length, 1);
  assert.equal(received[0]!.payload.toString(), 'hello');
  assert.equal(received[0]!.time, 105);
  assert.equal(received[0]!.source, '10.1.15.1');
  const record = network.records[0]!;
  assert.equal(record.time, 100);
  assert.equal(record.outcome, 'delivered');
  assert.equal(record.bytes[9], IpProtocol.udp);
  assert.equal(record.bytes.readUInt16BE(2), record.bytes.length);
});

test('unbound ports, isolated addresses and malformed packets are recorded, not thrown', () => {
  const clock = new SimulatedClock();
  const network = new InMemoryNetwork(clock);
  let pings = 0;
  network.bindIp('10.1.56.2', IpProtocol.icmp, () => pings++);
  network.sendUdp({ source: '10.1.15.1', sourcePort: 500, destination: '10.1.15.9', destinationPort: 500, payload: Buffer.alloc(1) });
  const icmp = encodeIcmp({ type: IcmpType.echoRequest, code: 0, identifier: 1, sequence: 1, data: Buffer.alloc(8) });
  const ping = { tos: 0, identification: network.takeIdentification(), dontFragment: false, moreFragments: false, fragmentOffset: 0, ttl: 64, protocol: IpProtocol.icmp, source: '10.1.12.2', destination: '10.1.56.2', options: Buffer.alloc(0), payload: icmp };
  network.sendIp(ping);
  clock.advance(1);
  network.setIsolated('10.1.56.2', true);
  network.sendIp(ping);
  network.sendBytes(Buffer.from('not an ip packet'));
  clock.runUntilIdle();
  assert.deepEqual(network.records.map((r) => r.outcome), ['no-endpoint', 'delivered', 'isolated', 'malformed']);
  assert.equal(pings, 1);
});

test('per-link latency and switching recording off', () => {
  const clock = new SimulatedClock();
  const network = new InMemoryNetwork(clock, { latencyMs: (source) => (source === '10.1.15.1' ? 20 : 2), recordPackets: false });
  const arrivals: string[] = [];
  network.bindUdp('10.1.15.9', 500, (d) => arrivals.push(`${d.source}@${d.time}`));
  network.sendUdp({ source: '10.1.15.1', sourcePort: 500, destination: '10.1.15.9', destinationPort: 500, payload: Buffer.alloc(1) });
  network.sendUdp({ source: '10.1.15.2', sourcePort: 500, destination: '10.1.15.9', destinationPort: 500, payload: Buffer.alloc(1) });
  clock.runUntilIdle();
  assert.deepEqual(arrivals, ['10.1.15.2@2', '10.1.15.1@20']);
  assert.equal(network.records.length, 0);
});
