/**
 * schema/docs/routing.ts: our documentation for the routing statements the IPsec example uses:
 *   `protocols ospf area ... interface` and `routing-options router-id`.
 * Owns: the text; facts from the 24.4R1 YANG and the seed example.
 * Must not know: the generated schema, parse trees, LSP.
 * Invariants: keys are real statement paths without list keys; no Juniper prose.
 * Tests: test/src/schema/docs.test.ts
 */
import type { DocTable } from './statement-doc';

const OSPF = 'protocols ospf';

export const routingDocs: DocTable = {
  protocols: {
    summary: 'Routing and signalling protocols of the main routing instance (OSPF, BGP, IS-IS, MPLS, ...).',
    body: 'Each protocol has its own block; a protocol runs only on the interfaces listed in its configuration.',
    seeAlso: ['protocols ospf'],
  },
  [OSPF]: {
    summary: 'OSPFv2, the IPv4 link-state interior routing protocol.',
    body:
      'Interfaces take part in OSPF by being listed under an `area`. In the IKE dynamic SA example each router ' +
      'runs OSPF on its transit and loopback interfaces; R2 and R3 also run it on the inside services unit ' +
      '(`ms-1/2/0.1`), so routes learned across the tunnel point into the next-hop service set.',
    example: 'ospf {\n    area 0.0.0.0 {\n        interface ge-0/0/0.0;\n        interface lo0.0;\n        interface ms-1/2/0.1;\n    }\n}',
  },
  [`${OSPF} area`]: {
    summary: 'An OSPF area, identified in dotted-quad form (`0.0.0.0` is the backbone).',
    body: 'All interfaces listed in the same area share its link-state database. Area 0 must connect every other area.',
  },
  [`${OSPF} area interface`]: {
    summary: 'Runs OSPF on this logical interface (`NAME.UNIT`) in the area.',
    body:
      'Give the unit explicitly (`ge-0/0/0.0`); without a unit, unit 0 is meant. The unit needs `family inet`. ' +
      'Listing a services inside unit makes routes through the IPsec tunnel; a loopback advertises the router\'s address.',
    example: 'area 0.0.0.0 {\n    interface ge-0/0/0.0;\n    interface lo0.0 {\n        passive;\n    }\n}',
  },
  [`${OSPF} area interface disable`]: { summary: 'Stops OSPF on this interface without removing its configuration.', body: 'Adjacencies on the interface go down and its subnet is no longer advertised; delete the statement to resume.' },
  [`${OSPF} area interface interface-type`]: { summary: 'Overrides the OSPF network type: nbma, p2mp, p2p or p2mp-over-lan.', body: 'Setting `p2p` on an Ethernet link between two routers skips DR election.' },
  [`${OSPF} area interface passive`]: { summary: 'Advertises the interface\'s subnet without forming adjacencies on it.', body: 'Typical for loopbacks and customer-facing links.' },
  [`${OSPF} area interface metric`]: { summary: 'OSPF cost of the interface.', body: 'Range 1..65535. Lower costs are preferred; by default it is derived from the bandwidth.' },
  [`${OSPF} area interface priority`]: { summary: 'Priority for designated router election on broadcast links.', body: 'Range 0..255; 0 never becomes DR.', default: '128' },
  [`${OSPF} area interface hello-interval`]: { summary: 'Seconds between OSPF hello packets.', body: 'Range 1..255; must match the neighbour.', default: '10 seconds on broadcast and point-to-point links' },
  [`${OSPF} area interface dead-interval`]: { summary: 'Seconds without hellos before the neighbour is declared down.', body: 'Range 1..65535; must match the neighbour.', default: 'four times the hello interval' },
  'routing-options': {
    summary: 'Protocol-independent routing settings: router ID, static routes, autonomous system.',
    body: 'Settings here apply to the main routing instance.',
  },
  'routing-options router-id': {
    summary: 'The router\'s 32-bit identifier used by OSPF, BGP and other protocols.',
    body:
      'Written as an IPv4 address, usually the loopback address (`10.0.0.2` on R2 of the example). Without ' +
      'it Junos picks an interface address, which can change after a reboot. Junos keywords are ' +
      'case-sensitive: `router-ID` is not valid.',
    example: 'routing-options {\n    router-id 10.0.0.2;\n}',
  },
  'routing-options autonomous-system': { summary: 'The router\'s BGP autonomous system number.', body: 'A 2- or 4-byte AS number; BGP uses it as the local AS unless a group or neighbour overrides it.' },
  'routing-options static': { summary: 'Static routes of the main routing table.', body: 'Each `route PREFIX` gives a next hop; for next-hop IPsec, a static route may point at an inside services unit.' },
};
