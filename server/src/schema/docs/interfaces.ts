/**
 * schema/docs/interfaces.ts: our documentation for the interface statements the IPsec example uses:
 *   physical interface basics, units, `family inet`/`inet6` addresses, services interfaces
 *   (`services-options`, `service-domain`) and applying interface-style service sets.
 * Owns: the text. Keys drop the YANG list name `interface` (Junos writes `interfaces ge-0/0/0 ...`).
 * Must not know: the generated schema, parse trees, LSP.
 * Invariants: keys are real statement paths without list keys; no Juniper prose; no plain secrets.
 * Tests: test/src/schema/docs.test.ts
 */
import { type DocTable, under } from './statement-doc';
import { servicesSyslogDocs } from './shared';

const I = 'interfaces';
const U = `${I} unit`;
const INET = `${U} family inet`;
const SO = `${I} services-options`;

export const interfacesDocs: DocTable = {
  [I]: {
    summary: 'Physical and logical interface configuration, one block per interface name (ge-0/0/0, lo0, ms-1/2/0, ...).',
    body:
      'Each interface holds physical properties (description, MTU, encapsulation) and numbered logical ' +
      '`unit`s, which carry the protocol families and addresses. Services interfaces (`ms-`, `sp-`, `ams-`) ' +
      'also take `services-options`, and their units a `service-domain` when used by next-hop service sets.',
    example:
      'interfaces {\n    ge-0/0/1 {\n        description "to R3 ge-0/0/1";\n        unit 0 {\n            family inet {\n                address 10.1.15.1/30;\n            }\n        }\n    }\n    ms-1/2/0 {\n        unit 1 {\n            family inet;\n            service-domain inside;\n        }\n    }\n}',
  },
  [`${I} description`]: {
    summary: 'Free-text description of the physical interface.',
    body: 'Shown by `show interfaces` and SNMP (ifAlias). Quote it when it contains spaces. No effect on forwarding.',
    example: 'ge-0/0/0 {\n    description "to R2 ge-0/0/0";\n}',
  },
  [`${I} disable`]: {
    summary: 'Administratively shuts the physical interface down.',
    body: 'All units go down with it. Remove the statement (or `delete`) to bring it back.',
  },
  [`${I} mtu`]: {
    summary: 'Media MTU of the physical interface, in bytes, including the link-layer header.',
    body: 'The allowed range depends on the interface type. IPsec tunnels on services PICs do not follow it: they use `tunnel-mtu` (1500 by default).',
    seeAlso: ['services ipsec-vpn rule term then tunnel-mtu'],
  },
  [`${I} vlan-tagging`]: {
    summary: 'Enables 802.1Q VLAN tagging so each unit can carry its own `vlan-id`.',
    body: 'Without it only unit 0 is allowed on an Ethernet port.',
  },
  [U]: {
    summary: 'A logical unit of the interface, written `ge-0/0/0.0` elsewhere in the configuration.',
    body:
      'Protocol families, addresses, filters and services are configured per unit. Other statements refer ' +
      'to it as `NAME.UNIT` (for example `protocols ospf area 0.0.0.0 interface ge-0/0/0.0` or ' +
      '`inside-service-interface ms-1/2/0.1`). On services interfaces, unit 0 is the default unit of ' +
      'interface-style service sets, and units marked with `service-domain` serve next-hop service sets.',
  },
  [`${U} description`]: { summary: 'Free-text description of the logical unit.', body: 'Shown by `show interfaces`; no effect on forwarding.' },
  [`${U} disable`]: { summary: 'Administratively shuts this logical unit down.', body: 'Other units of the interface stay up.' },
  [`${U} vlan-id`]: { summary: 'VLAN ID carried by this unit on a tagged Ethernet interface.', body: 'Requires `vlan-tagging` (or flexible tagging) on the interface.' },
  [`${U} family`]: { summary: 'Protocol families enabled on the unit (inet, inet6, mpls, ...).', body: 'A unit forwards only the families configured here.' },
  [INET]: {
    summary: 'Enables IPv4 on the logical unit.',
    body:
      'Add one or more `address` entries for a numbered interface. Services interface units used by next-hop ' +
      'service sets need `family inet;` without addresses. Input/output filters and interface-style service ' +
      'sets (`service`) attach here.',
    example: 'unit 0 {\n    family inet {\n        address 10.1.12.1/30;\n    }\n}',
  },
  [`${INET} address`]: {
    summary: 'An IPv4 address of the unit, with its prefix length (e.g. `10.1.15.1/30`).',
    body:
      'The prefix defines the directly connected subnet. An address used as an IPsec `local-gateway` must be ' +
      'configured here on some unit. Loopback addresses are usually /32. With several addresses, `primary` ' +
      'chooses the source for locally generated traffic.',
    example: 'family inet {\n    address 10.1.15.1/30;\n}',
    seeAlso: ['services service-set ipsec-vpn-options local-gateway'],
  },
  [`${INET} address primary`]: { summary: 'Marks this address as the unit\'s primary address.', body: 'Used as the source for traffic the router originates on this unit when several addresses exist.' },
  [`${INET} address preferred`]: { summary: 'Prefers this address as source when several addresses share a subnet.', body: 'No value.' },
  [`${INET} address destination`]: { summary: 'Remote address of a point-to-point link.', body: 'For point-to-point interfaces that are configured with a host address.' },
  [`${INET} address broadcast`]: { summary: 'Broadcast address of the subnet.', body: 'Normally derived from the prefix; set only for unusual layouts.' },
  [`${INET} mtu`]: {
    summary: 'Largest IPv4 packet the unit forwards, in bytes.',
    body: 'Not supported on services (`sp-`) interface units for IPsec: use `tunnel-mtu` in the IPsec rule instead.',
    seeAlso: ['services ipsec-vpn rule term then tunnel-mtu'],
  },
  [`${INET} filter`]: { summary: 'Firewall filters applied to IPv4 traffic of the unit.', body: 'Filters under `input` see packets arriving, `output` packets leaving.' },
  [`${INET} filter input`]: { summary: 'Firewall filter applied to IPv4 packets received on the unit.', body: 'Names a `firewall family inet filter`.' },
  [`${INET} filter output`]: { summary: 'Firewall filter applied to IPv4 packets sent on the unit.', body: 'Names a `firewall family inet filter`.' },
  [`${INET} service`]: {
    summary: 'Applies interface-style service sets to IPv4 traffic of this unit.',
    body:
      'Packets are diverted to the service set\'s `service-interface` for processing. Traffic entering the ' +
      'unit is seen as direction input by the rules, traffic leaving it as output.',
    example: 'family inet {\n    service {\n        input {\n            service-set ss-if;\n        }\n        output {\n            service-set ss-if;\n        }\n    }\n}',
    seeAlso: ['services service-set interface-service'],
  },
  [`${INET} service input`]: { summary: 'Service sets applied to packets arriving on the unit.', body: 'Rules with `match-direction input` see this traffic.' },
  [`${INET} service input service-set`]: {
    summary: 'An interface-style service set that processes packets arriving on the unit.',
    body: 'Must name a `services service-set` that uses `interface-service`. Apply the same set on `output` too when the tunnel carries both directions.',
  },
  [`${INET} service input service-set service-filter`]: { summary: 'Service filter that picks which arriving packets the service set sees.', body: 'Names a `firewall family inet service-filter`; unmatched packets bypass the services.' },
  [`${INET} service input post-service-filter`]: { summary: 'Filter applied to arriving packets after the services have processed them.', body: 'Names a `firewall family inet service-filter`.' },
  [`${INET} service output`]: { summary: 'Service sets applied to packets leaving on the unit.', body: 'Rules with `match-direction output` see this traffic.' },
  [`${INET} service output service-set`]: { summary: 'An interface-style service set that processes packets leaving on the unit.', body: 'Must name a `services service-set` that uses `interface-service`.' },
  [`${INET} service output service-set service-filter`]: { summary: 'Service filter that picks which leaving packets the service set sees.', body: 'Names a `firewall family inet service-filter`.' },
  [`${U} family inet6`]: { summary: 'Enables IPv6 on the logical unit.', body: 'Add `address` entries; IPsec rules accept IPv6 selectors and gateways (not on ACX).' },
  [`${U} family inet6 address`]: { summary: 'An IPv6 address of the unit with its prefix length.', body: 'For example `2001:db8:15::1/64`.' },
  [`${U} service-domain`]: {
    summary: 'Marks a services interface unit as the `inside` or `outside` side of a next-hop service set.',
    body:
      'A next-hop service set needs its `inside-service-interface` unit to have `service-domain inside` and its ' +
      '`outside-service-interface` unit `service-domain outside`, both on the same services interface. ' +
      'Units used with `from ipsec-inside-interface` must be inside units.',
    example: 'ms-1/2/0 {\n    unit 1 {\n        family inet;\n        service-domain inside;\n    }\n    unit 2 {\n        family inet;\n        service-domain outside;\n    }\n}',
    seeAlso: ['services service-set next-hop-service'],
  },
  [`${U} dial-options`]: { summary: 'Per-unit options for dial-style (L2TP or IPsec) services units.', body: 'Choose the interface ID and whether the unit is dedicated or shared.' },
  [`${U} dial-options ipsec-interface-id`]: { summary: 'Identifier linking this inside services unit to IPsec dynamic endpoints.', body: 'The unit must have `service-domain inside`. Referenced from IKE access profiles.' },
  [`${U} dial-options l2tp-interface-id`]: { summary: 'Identifier linking this unit to L2TP sessions.', body: 'Not allowed on a unit with `service-domain`.' },
  [`${U} dial-options dedicated`]: { summary: 'Dedicates the unit to a single tunnel or session.', body: 'Opposite of `shared`.' },
  [`${U} dial-options shared`]: { summary: 'Lets several tunnels or sessions share the unit.', body: 'Opposite of `dedicated`.' },
  [SO]: {
    summary: 'Options of a services interface (ms-, sp-, ams-): logging, session timeouts and fragment handling.',
    body: 'Settings here are defaults for every service set that uses this interface; a service set\'s own settings (for example its `syslog`) take precedence.',
    example: 'ms-1/2/0 {\n    services-options {\n        syslog {\n            host local {\n                services info;\n            }\n        }\n    }\n}',
  },
  ...under(SO, servicesSyslogDocs),
  [`${SO} syslog-local-system-timestamp`]: { summary: 'Stamps services log messages with the Routing Engine\'s local time.', body: 'No value.' },
  [`${SO} utc-timestamp`]: { summary: 'Stamps services log messages in UTC.', body: 'No value.' },
  [`${SO} fpc-pic-information`]: { summary: 'Adds the FPC and PIC slot to services log messages.', body: 'No value.' },
  [`${SO} jflow-log`]: { summary: 'Flow-record logging options of the services interface.', body: 'Settings for exporting logs as flow records.' },
  [`${SO} deterministic-nat-configuration-log-interval`]: { summary: 'How often the deterministic NAT mapping is logged.', body: 'For NAT services on this interface.' },
  [`${SO} open-timeout`]: { summary: 'Time allowed for a TCP handshake on this interface\'s sessions.', body: 'Range 4..300 seconds.' },
  [`${SO} close-timeout`]: { summary: 'How long a closing TCP session is kept.', body: 'Range 2..300 seconds.' },
  [`${SO} inactivity-timeout`]: { summary: 'Idle timeout of sessions on this services interface.', body: 'In seconds; a session without traffic for this long is removed.' },
  [`${SO} inactivity-tcp-timeout`]: { summary: 'Idle timeout of established TCP sessions.', body: 'Range 4..86400 seconds.' },
  [`${SO} inactivity-asymm-tcp-timeout`]: { summary: 'Idle timeout of asymmetric TCP sessions.', body: 'Range 4..86400 seconds.' },
  [`${SO} inactivity-non-tcp-timeout`]: { summary: 'Idle timeout of non-TCP sessions.', body: 'Range 4..86400 seconds.' },
  [`${SO} session-timeout`]: { summary: 'Lifetime of any session regardless of activity.', body: 'Range 4..86400 seconds.' },
  [`${SO} disable-global-timeout-override`]: { summary: 'Keeps application-specific timeouts from being overridden by the global ones.', body: 'No value.' },
  [`${SO} tcp-tickles`]: { summary: 'Keepalive probes sent before an idle TCP session is closed.', body: 'Range 0..30.', default: '4' },
  [`${SO} trio-flow-offload`]: { summary: 'Offloads established flows to the Trio forwarding hardware.', body: 'Reduces PIC load for long-lived flows.' },
  [`${SO} fragment-limit`]: { summary: 'Most fragments accepted per packet for reassembly.', body: 'Range 1..250.', default: '64' },
  [`${SO} reassembly-timeout`]: { summary: 'Time allowed to collect all fragments of a packet.', body: 'Range 1..60 seconds.', default: '4 seconds' },
  [`${SO} cgn-pic`]: { summary: 'Dedicates the PIC to carrier-grade NAT.', body: 'No value.' },
  [`${SO} pba-interim-logging-interval`]: { summary: 'Interval of interim logs for NAT port block allocation.', body: 'Range 0..86400 seconds; 0 disables interim logs.', default: '0' },
  [`${SO} session-limit`]: { summary: 'Caps sessions and session setup rate on this services interface.', body: 'Set the maximum and rate below.' },
  [`${SO} enable-subscriber-analysis`]: { summary: 'Turns on subscriber analysis on this interface.', body: 'Exclusive with `disable-subscriber-analysis`.' },
  [`${SO} disable-subscriber-analysis`]: { summary: 'Turns off subscriber analysis on this interface.', body: 'Exclusive with `enable-subscriber-analysis`.' },
  [`${SO} disable-usp-tracing`]: { summary: 'Turns off USP tracing on the PIC.', body: 'No value.' },
  [`${SO} disable-drop-flows`]: { summary: 'Stops the PIC from creating drop flows.', body: 'Dropped packets then do not create flow state.' },
  [`${SO} ignore-errors`]: { summary: 'Tolerates selected protocol errors on this interface\'s sessions.', body: 'Choose the error classes below.' },
  [`${SO} capture`]: { summary: 'Packet capture on the services interface.', body: 'For troubleshooting.' },
  [`${SO} flow`]: { summary: 'Flow-processing options of the services interface.', body: 'Per-interface flow settings.' },
};
