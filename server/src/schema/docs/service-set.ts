/**
 * schema/docs/service-set.ts: our documentation for every statement under `services service-set`:
 *   the service-set style (interface or next-hop), IPsec options, rule attachments of each service,
 *   limits, logging and the remaining service-set knobs (these briefly).
 * Owns: the text; facts follow the 24.4R1 YANG (`junos-conf-services`), JUNOS-FACTS.md and the seed.
 * Must not know: the generated schema, parse trees, LSP.
 * Invariants: keys are real statement paths without list keys; no Juniper prose; no plain secrets.
 * Tests: test/src/schema/docs.test.ts
 */
import { type DocTable, type StatementDoc, under } from './statement-doc';
import { servicesSyslogDocs } from './shared';

const S = 'services service-set';
const OPT = `${S} ipsec-vpn-options`;

/** The `<service>-rules` / `<service>-rule-sets` attachments of services other than IPsec, kept brief. */
function otherRules(service: string, defined: string, notWithIpsec: boolean): DocTable {
  const clash = notWithIpsec
    ? ' In the 24.4 schema this cannot share a service set with IPsec VPN rules, rule sets or `ipsec-vpn-options`.'
    : '';
  return {
    [`${S} ${service}-rules`]: {
      summary: `Applies a ${defined} rule to traffic in this service set.`,
      body: `Names a rule defined under the ${defined} service; rules are evaluated in the order listed.${clash}`,
    },
    [`${S} ${service}-rule-sets`]: {
      summary: `Applies a ${defined} rule set to traffic in this service set.`,
      body: `Names a rule set defined under the ${defined} service, evaluated as one ordered list.${clash}`,
    },
  };
}

const threshold = (what: string): DocTable => ({
  '': { summary: `SNMP trap thresholds for ${what} usage.`, body: 'A trap is raised when usage crosses `high` and cleared when it falls below `low`.' },
  low: { summary: `Usage percentage under which the ${what} trap clears.`, body: 'Range 0..100 percent.' },
  high: { summary: `Usage percentage above which the ${what} trap is raised.`, body: 'Range 0..100 percent.' },
});

const profileRef = (what: string, where: string): StatementDoc => ({
  summary: `Attaches a ${what} profile to the service set.`,
  body: `Must name a configured \`${where}\`. Affects only services that use the profile; IPsec VPN ignores it.`,
});

export const serviceSetDocs: DocTable = {
  [S]: {
    summary: 'A named bundle of services (IPsec, NAT, stateful firewall, ...) applied by a services interface to selected traffic.',
    body:
      'A service set is either interface-style (`interface-service`: applied to a physical interface\'s ' +
      'family with `service input/output service-set`) or next-hop style (`next-hop-service`: traffic is ' +
      'routed into its inside or outside services unit). It lists the rules of each service it runs and ' +
      'their options; for IPsec that means `ipsec-vpn-rules` or `ipsec-vpn-rule-sets` plus ' +
      '`ipsec-vpn-options local-gateway`.\n\nThe packet direction seen by rules (`match-direction`) comes from the service set\'s style.',
    example:
      'service-set demo-service-set {\n    next-hop-service {\n        inside-service-interface ms-1/2/0.1;\n        outside-service-interface ms-1/2/0.2;\n    }\n    ipsec-vpn-options {\n        local-gateway 10.1.15.1;\n    }\n    ipsec-vpn-rules rule-ike;\n}',
    seeAlso: [`${S} next-hop-service`, `${S} interface-service`, `${S} ipsec-vpn-rules`],
  },
  ...under(S, servicesSyslogDocs),
  [`${S} max-flows`]: {
    summary: 'Largest number of flows the service set may hold on the PIC.',
    body: 'A number, optionally with a `k` or `m` suffix. New flows beyond it are dropped. Needed before `snmp-trap-thresholds flow`.',
  },
  [`${S} hosted-service-identifier`]: { summary: 'Numeric identifier of a hosted service for this service set.', body: 'Range 1..63.' },
  [`${S} max-session-setup-rate`]: { summary: 'Caps how many new sessions per second the service set may create.', body: 'A number, optionally suffixed with `k` or `m`; excess session setups are dropped.' },
  [`${S} max-drop-flows`]: { summary: 'Caps how many drop flows (flows created only to discard packets) are kept.', body: 'Separate limits for each direction below.' },
  [`${S} max-drop-flows ingress`]: { summary: 'Largest number of ingress drop flows.', body: 'Range 0..8500000.' },
  [`${S} max-drop-flows egress`]: { summary: 'Largest number of egress drop flows.', body: 'Range 0..8500000.' },
  [`${S} snmp-trap-thresholds`]: { summary: 'Usage levels at which the service set raises and clears SNMP traps.', body: 'Configure flow, NAT address/port or session thresholds below.' },
  ...under(`${S} snmp-trap-thresholds flow`, threshold('flow (requires `max-flows`)')),
  ...under(`${S} snmp-trap-thresholds nat-address-port`, threshold('NAT address and port')),
  ...under(`${S} snmp-trap-thresholds session`, threshold('session (requires `service-set-options session-limit`)')),
  [`${S} tcp-mss`]: { summary: 'Clamps the TCP MSS option of SYN packets passing through the service set.', body: 'Range 536..65535. Lower it so TCP segments fit a tunnel after encapsulation overhead.' },
  [`${S} cos-options`]: { summary: 'Class-of-service options of the service set.', body: 'See `match-rules-on-reverse-flow`.' },
  [`${S} cos-options match-rules-on-reverse-flow`]: { summary: 'Also applies CoS rules to the reverse direction of a flow.', body: 'Without it, CoS rules act only on the direction they match.' },
  [`${S} softwire-options`]: { summary: 'Options for softwire (DS-Lite, 6rd) services in this service set.', body: 'See `dslite-ipv6-prefix-length`.' },
  [`${S} softwire-options dslite-ipv6-prefix-length`]: { summary: 'Prefix length used to group DS-Lite clients: 56, 64, 96 or 128.', body: 'Clients sharing the prefix share softwire state.', default: '128' },
  [`${S} nat-options`]: { summary: 'NAT behaviour options for this service set.', body: 'Stateful NAT64, NPTv6, land-attack checks and per-subscriber session limits.' },
  [`${S} nat-options stateful-nat64`]: { summary: 'Options for stateful NAT64 translation.', body: 'Fragment header, DF bit, IPv6 MTU and H.323 RAS handling.' },
  [`${S} nat-options stateful-nat64 no-v6-frag-header`]: { summary: 'Omits the IPv6 fragment header on translated packets.', body: 'For IPv6 hosts that mishandle fragment headers.' },
  [`${S} nat-options stateful-nat64 clear-dont-fragment-bit`]: { summary: 'Clears the DF bit on IPv4 packets produced by NAT64.', body: 'Lets large translated packets be fragmented instead of dropped.' },
  [`${S} nat-options stateful-nat64 ipv6-mtu`]: { summary: 'MTU assumed on the IPv6 side of NAT64.', body: 'Range 1280..9192 bytes.' },
  [`${S} nat-options stateful-nat64 disable-h323-ras`]: { summary: 'Turns off the H.323 RAS ALG for NAT64 traffic.', body: 'No value.' },
  [`${S} nat-options nptv6`]: { summary: 'Options for IPv6-to-IPv6 network prefix translation.', body: 'See `icmpv6-error-messages`.' },
  [`${S} nat-options nptv6 icmpv6-error-messages`]: { summary: 'Sends ICMPv6 errors for packets NPTv6 cannot translate.', body: 'No value.' },
  [`${S} nat-options land-attack-check`]: { summary: 'Drops packets whose source equals the destination: `ip-only` or `ip-port`.', body: '`ip-only` compares addresses; `ip-port` compares addresses and ports.' },
  [`${S} nat-options max-sessions-per-subscriber`]: { summary: 'Caps NAT sessions per subscriber.', body: 'Range 1..32000.' },
  [`${S} nat-options snmp-value-match-msmic`]: { summary: 'Reports NAT SNMP values in the same form as the MS-MIC.', body: 'For monitoring systems that expect MS-MIC counters.' },
  [`${S} service-set-options`]: { summary: 'Session-handling options for this service set (timeouts, limits, TCP checks).', body: 'Mostly relevant to stateful services; IPsec tunnels are not affected by session timeouts.' },
  [`${S} service-set-options tcp-non-syn`]: { summary: 'What to do with a TCP packet that starts a session without SYN: `drop-flow` or `drop-flow-send-rst`.', body: '`drop-flow-send-rst` also answers with a TCP reset.' },
  [`${S} service-set-options tcp-fast-open`]: { summary: 'How SYN packets that use TCP Fast Open are handled: `disabled` or `drop`.', body: 'Applies to TCP sessions created by stateful services of the set.' },
  [`${S} service-set-options bypass-traffic-on-pic-failure`]: { summary: 'Forwards traffic unserviced when the services PIC fails, instead of dropping it.', body: 'Keeps connectivity at the cost of skipping the services; do not use when traffic must be encrypted.' },
  [`${S} service-set-options bypass-traffic-on-exceeding-flow-limits`]: { summary: 'Forwards traffic unserviced when the flow limit is reached.', body: 'Instead of dropping new flows beyond `max-flows`.' },
  [`${S} service-set-options enable-asymmetric-traffic-processing`]: { summary: 'Allows sessions whose two directions arrive through different paths.', body: 'No value.' },
  [`${S} service-set-options subscriber-awareness`]: { summary: 'Makes the service set subscriber-aware.', body: 'For subscriber services; no value.' },
  [`${S} service-set-options static-subscriber-application`]: { summary: 'Applies subscriber services to statically configured subscribers.', body: 'No value.' },
  [`${S} service-set-options header-integrity-check`]: { summary: 'Checks IP and transport headers for anomalies before servicing.', body: 'Use `enable-all` to turn every check on.' },
  [`${S} service-set-options header-integrity-check enable-all`]: { summary: 'Turns on all header integrity checks.', body: 'No value.' },
  [`${S} service-set-options enable-descriptive-session-syslog`]: { summary: 'Adds descriptive fields to session syslog messages.', body: 'No value.' },
  [`${S} service-set-options enable-change-on-ams-redistribution`]: { summary: 'Lets the service set react when AMS redistributes traffic among members.', body: 'For aggregated multiservices interfaces; no value.' },
  [`${S} service-set-options routing-engine-services`]: { summary: 'Uses Routing Engine based services for this service set.', body: 'A flag without a value.' },
  [`${S} service-set-options inactivity-non-tcp-timeout`]: { summary: 'Idle timeout for non-TCP sessions.', body: 'Range 4..86400 seconds.' },
  [`${S} service-set-options session-timeout`]: { summary: 'Lifetime of any session regardless of activity.', body: 'Range 4..86400 seconds.' },
  [`${S} service-set-options session-limit`]: { summary: 'Caps the number of sessions in the service set.', body: 'Set `maximum` below.' },
  [`${S} service-set-options session-limit maximum`]: { summary: 'Largest number of sessions.', body: 'A number, optionally suffixed with `k` or `m`.' },
  [`${S} service-set-options max-sessions-per-subscriber`]: { summary: 'Caps sessions per subscriber.', body: 'Range 1..32000.' },
  [`${S} service-set-options tcp-session`]: { summary: 'TCP session options: MSS clamping, keepalives, timeouts, error tolerance.', body: 'Apply to TCP sessions created by stateful services in the set.' },
  [`${S} service-set-options tcp-session tcp-mss`]: { summary: 'Clamps the MSS option in TCP SYNs.', body: 'Range 536..65535.' },
  [`${S} service-set-options tcp-session tcp-tickles`]: { summary: 'Keepalive probes sent before an idle TCP session is closed.', body: 'Range 0..30; 0 disables them.', default: '4' },
  [`${S} service-set-options tcp-session open-timeout`]: { summary: 'Time allowed for a TCP handshake to complete.', body: 'Range 4..300 seconds.' },
  [`${S} service-set-options tcp-session inactivity-tcp-timeout`]: { summary: 'Idle timeout for established TCP sessions.', body: 'Range 4..86400 seconds.' },
  [`${S} service-set-options tcp-session inactivity-asymm-tcp-timeout`]: { summary: 'Idle timeout for asymmetric TCP sessions.', body: 'Range 4..86400 seconds.' },
  [`${S} service-set-options tcp-session ignore-errors`]: { summary: 'Tolerates selected protocol errors instead of dropping the session.', body: 'See `tcp`.' },
  [`${S} service-set-options tcp-session ignore-errors tcp`]: { summary: 'Ignores TCP state-tracking errors.', body: 'No value.' },
  [`${S} service-set-options tcp-session close-timeout`]: { summary: 'How long a closing TCP session is kept.', body: 'Range 2..300 seconds.' },
  [`${S} service-set-options tcp-session tcp-non-syn`]: { summary: 'Handling of TCP session starts without SYN: `drop-flow` or `drop-flow-send-rst`.', body: 'Same as the statement one level up.' },
  [`${S} service-set-options tcp-session tcp-fast-open`]: { summary: 'Handling of TCP Fast Open: `disabled` or `drop`.', body: 'Same as the statement one level up.' },
  [`${S} service-set-options enforce-global-timeout`]: { summary: 'Applies the global session timeout even when a per-application timeout exists.', body: 'No value.' },
  [`${S} service-set-options unidirectional-session-refreshing`]: { summary: 'Refreshes a session\'s idle timer on traffic in one direction: `input` or `output`.', body: 'By default traffic in either direction refreshes it.' },
  [`${S} replicate-services`]: { summary: 'Replicates session state to a standby services PIC.', body: 'For inter-chassis redundancy of stateful services.' },
  [`${S} replicate-services replication-threshold`]: { summary: 'Age a session must reach before it is replicated.', body: 'Range 180..86400 seconds.', default: '180 seconds' },
  [`${S} replicate-services disable-replication-capability`]: { summary: 'Turns replication off for this service set.', body: 'No value.' },
  [`${S} allow-multicast`]: { summary: 'Lets multicast traffic through a next-hop service set.', body: 'Requires `next-hop-service`. Without it, multicast routed to the service interfaces is not serviced.' },
  [`${S} softwires-rule-set`]: { summary: 'Applies a softwire rule set to the service set.', body: 'Names a softwire rule set.' },
  [`${S} ids-option`]: { summary: 'Applies a screen (IDS option) to the service set.', body: 'Names a configured `services screen ids-option` (1..31 characters).' },
  [`${S} appid-profile`]: profileRef('application identification', 'services application-identification profile'),
  [`${S} application-identification-profile`]: profileRef('application identification', 'services application-identification profile'),
  [`${S} pcef-profile`]: profileRef('policy and charging enforcement', 'services pcef profile'),
  [`${S} lrf-profile`]: profileRef('logging and reporting', 'services lrf profile'),
  [`${S} hcm-profile`]: profileRef('HTTP content management', 'services hcm profile'),
  [`${S} web-filter-profile`]: profileRef('web filtering', 'services web-filter profile'),
  [`${S} idp-profile`]: profileRef('intrusion detection and prevention', 'security idp idp-policy'),
  [`${S} captive-portal-content-delivery-profile`]: profileRef('captive portal content delivery', 'services captive-portal-content-delivery profile'),
  [`${S} policy-decision-statistics-profile`]: { summary: 'Collects policy-decision statistics for this service set.', body: 'Name the statistics profile below.' },
  [`${S} policy-decision-statistics-profile profile-name`]: { summary: 'The policy-decision statistics profile to use.', body: 'Must name a configured statistics profile.' },
  [`${S} interface-service`]: {
    summary: 'Makes this an interface-style service set, run by one services interface for traffic of the interfaces that apply it.',
    body:
      'Apply the set on a traffic interface with `family inet service input service-set NAME` and/or ' +
      '`service output service-set NAME`. Packets entering that interface have direction input and packets ' +
      'leaving it output, which is what `match-direction` compares with. Mutually exclusive with `next-hop-service`; ' +
      'rules using `from ipsec-inside-interface` are not allowed here.',
    example: 'service-set ss-if {\n    interface-service {\n        service-interface ms-1/2/0.0;\n    }\n    ipsec-vpn-options {\n        local-gateway 10.1.15.1;\n    }\n    ipsec-vpn-rules rule-ike;\n}',
    seeAlso: [`${S} next-hop-service`, 'interfaces unit family inet service'],
  },
  [`${S} interface-service service-interface`]: {
    summary: 'The services interface (for example `ms-1/2/0` or `ms-1/2/0.0`) that processes traffic of this service set.',
    body: 'An adaptive or multiservices interface (`sp-`, `ms-`, `ams-`, ...). Without a unit, unit 0 is used; the interface needs `family inet` on that unit.',
  },
  [`${S} interface-service load-balancing-options`]: { summary: 'How traffic is spread over the members of an aggregated multiservices interface.', body: 'Choose the hash keys below.' },
  [`${S} interface-service load-balancing-options hash-keys`]: { summary: 'Packet fields hashed to pick an AMS member.', body: 'Separate keys for ingress and egress.' },
  [`${S} interface-service load-balancing-options hash-keys resource-triggered`]: { summary: 'Rebalances hashing when member resources change.', body: 'No value.' },
  [`${S} interface-service load-balancing-options hash-keys ingress-key`]: { summary: 'Fields hashed for incoming traffic: source-ip, destination-ip, protocol, iif.', body: 'Several may be listed.' },
  [`${S} interface-service load-balancing-options hash-keys egress-key`]: { summary: 'Fields hashed for outgoing traffic: source-ip, destination-ip, protocol, oif.', body: 'Several may be listed.' },
  [`${S} sampling-service`]: { summary: 'Sends sampled traffic of this service set to a services interface for flow monitoring.', body: 'Used with `jflow-rules`.' },
  [`${S} sampling-service service-interface`]: { summary: 'The services interface that receives sampled packets.', body: 'A services logical interface such as `ms-1/2/0.0`.' },
  [`${S} next-hop-service`]: {
    summary: 'Makes this a next-hop service set: traffic is routed into its inside or outside services unit.',
    body:
      'Routes (static, or a routing protocol such as OSPF on the inside unit) point at the inside or outside ' +
      'unit of the services interface. Packets routed to the inside unit have direction input; packets routed ' +
      'to the outside unit have direction output. Both units must belong to the same services interface, the ' +
      'inside one with `service-domain inside` and the outside one with `service-domain outside`. Mutually exclusive with `interface-service`.',
    example: 'next-hop-service {\n    inside-service-interface ms-1/2/0.1;\n    outside-service-interface ms-1/2/0.2;\n}',
    seeAlso: ['interfaces unit service-domain', 'services ipsec-vpn rule match-direction', `${S} interface-service`],
  },
  [`${S} next-hop-service inside-service-interface`]: {
    summary: 'The services unit on the inside (protected) side; traffic routed to it has direction input.',
    body: 'Must be a unit of a services interface with `service-domain inside`, e.g. `ms-1/2/0.1`. In the IKE dynamic SA example, OSPF runs on this unit so routes to the far side point into the tunnel.',
    seeAlso: ['interfaces unit service-domain', `${S} next-hop-service outside-service-interface`],
  },
  [`${S} next-hop-service outside-service-interface`]: {
    summary: 'The services unit on the outside (transport) side; traffic routed to it has direction output.',
    body: 'Must be a unit of the same services interface as the inside one, with `service-domain outside`, e.g. `ms-1/2/0.2`.',
    seeAlso: ['interfaces unit service-domain', `${S} next-hop-service inside-service-interface`],
  },
  [`${S} next-hop-service outside-service-interface-type`]: { summary: 'Marks the outside service interface as `local`.', body: 'For services terminated on the router itself.' },
  [`${S} next-hop-service service-interface-pool`]: { summary: 'Uses a pool of services interfaces instead of one inside/outside pair.', body: 'Names a `services service-interface-pools pool`; not allowed with most stateful rule types.' },
  [`${S} extension-service`]: { summary: 'Runs a named SDK extension service (third-party application) in this service set.', body: 'The name identifies the application package; it excludes several built-in rule types.' },
  [`${S} service-order`]: { summary: 'Overrides the order in which the service set\'s services process a flow.', body: 'Separate lists for each direction of the flow.' },
  [`${S} service-order forward-flow`]: { summary: 'Order of services for the forward direction of a flow.', body: 'Service names in processing order.' },
  [`${S} service-order reverse-flow`]: { summary: 'Order of services for the reverse direction of a flow.', body: 'Service names in processing order.' },
  [`${S} jflow-log`]: { summary: 'Exports service-set logs as flow-monitoring records.', body: 'Choose the template below.' },
  [`${S} jflow-log template-profile`]: { summary: 'The jflow-log template profile used for the records.', body: 'Must name a `services jflow-log template-profile`.' },
  [`${S} flow`]: { summary: 'Flow-processing settings of the service set.', body: 'See `traceoptions`.' },
  [`${S} flow traceoptions`]: { summary: 'Traces flow processing for this service set.', body: 'Presence enables tracing with default settings.' },
  [OPT]: {
    summary: 'IPsec settings that apply to every IPsec rule of this service set.',
    body:
      '`local-gateway` is required whenever the service set has `ipsec-vpn-rules` or `ipsec-vpn-rule-sets`. ' +
      'Anti-replay, DF-bit and MTU settings here apply to every tunnel of the set; the same statements also exist ' +
      'per term under a rule\'s `then`, and a term\'s `anti-replay-window-size` overrides the one here.',
    example: 'ipsec-vpn-options {\n    local-gateway 10.1.15.1;\n    anti-replay-window-size 256;\n    tunnel-mtu 1400;\n}',
  },
  [`${OPT} trusted-ca`]: {
    summary: 'Certificate authority profiles trusted for validating peer certificates in this service set.',
    body: 'Ordered list of CA profile names; only used with certificate (signature) authentication.',
  },
  [`${OPT} local-gateway`]: {
    summary: 'The local tunnel endpoint address for the IPsec rules of this service set.',
    body:
      'The address must be configured on an interface of the router (in the given routing instance) and is ' +
      'what the peer\'s `remote-gateway` points at. IKE and ESP packets leave from it. Written as ' +
      '`local-gateway ADDRESS;`, optionally followed by `routing-instance NAME`.',
    example: 'ipsec-vpn-options {\n    local-gateway 10.1.15.1;\n}',
    seeAlso: ['services ipsec-vpn rule term then remote-gateway'],
  },
  [`${OPT} local-gateway address`]: {
    summary: 'The IPv4 or IPv6 local gateway address (given without a keyword).',
    body: 'Must be an address of one of the router\'s interfaces; a mismatch with the peer\'s `remote-gateway` prevents the tunnel.',
  },
  [`${OPT} local-gateway routing-instance`]: {
    summary: 'Routing instance that owns the local gateway address.',
    body: 'Must name a configured `routing-instances` entry.',
    default: 'default (the main routing table)',
  },
  [`${OPT} local-gateway interface`]: {
    summary: 'Takes the local gateway address from this interface instead of a literal address.',
    body: 'The interface unit must have a `family inet` or `family inet6` address. Cannot be combined with an explicit address.',
  },
  [`${OPT} local-gateway gw-interface`]: {
    summary: 'Interface unit that holds the local gateway address; its failure clears the service set\'s SAs.',
    body: 'When that interface goes down or loses the address, the IKE and IPsec SAs of the service set are cleaned up instead of lingering. The unit must have an IPv4 or IPv6 address.',
  },
  [`${OPT} ike-access-profile`]: {
    summary: 'IKE access profile for accepting dynamic peers whose addresses are not known in advance.',
    body: 'Must name an `access profile` of type IKE. The profile supplies the IKE and IPsec policies; the service set then only responds to peers.',
  },
  [`${OPT} passive-mode-tunneling`]: {
    summary: 'Tunnels packets without the PIC\'s active IP header checks.',
    body: 'Malformed packets that would normally be dropped are encapsulated as they are; useful when the tunnel must carry such traffic untouched.',
  },
  [`${OPT} clear-dont-fragment-bit`]: {
    summary: 'Clears the DF bit of IPv4 packets entering any tunnel of this service set.',
    body: 'Same behaviour as the rule-level statement; a packet larger than the tunnel MTU is fragmented before encapsulation. Mutually exclusive with `copy-dont-fragment-bit` and `set-dont-fragment-bit`.',
    seeAlso: ['services ipsec-vpn rule term then clear-dont-fragment-bit'],
  },
  [`${OPT} copy-dont-fragment-bit`]: { summary: 'Copies the inner DF bit to the outer header for all tunnels of the set.', body: 'Mutually exclusive with the other two DF-bit statements.' },
  [`${OPT} set-dont-fragment-bit`]: { summary: 'Always sets the DF bit in the outer header for all tunnels of the set.', body: 'Mutually exclusive with the other two DF-bit statements.' },
  [`${OPT} tunnel-mtu`]: {
    summary: 'MTU of all IPsec tunnels of this service set.',
    body: 'Range 256..9192 bytes. The same statement exists per term under a rule\'s `then`.',
    default: '1500 bytes',
    seeAlso: ['services ipsec-vpn rule term then tunnel-mtu'],
  },
  [`${OPT} no-anti-replay`]: {
    summary: 'Turns off anti-replay checking for all tunnels of this service set.',
    body: 'Cannot be combined with `anti-replay-window-size` here. Rules can also turn anti-replay off per term with `then no-anti-replay`.',
  },
  [`${OPT} anti-replay-window-size`]: {
    summary: 'Anti-replay window size for all tunnels of this service set.',
    body: 'Range 64..4096; AS PICs cap it at 1024 without a commit error. Overridden by `anti-replay-window-size` in a rule\'s `then`.',
    default: '64 on AS PICs, 128 on MultiServices PICs and DPCs',
    seeAlso: ['services ipsec-vpn rule term then anti-replay-window-size'],
  },
  [`${OPT} udp-encapsulate`]: {
    summary: 'Encapsulates ESP in UDP for all tunnels of this service set.',
    body: 'Lets ESP cross devices that only pass UDP. Both peers must agree on the port.',
  },
  [`${OPT} udp-encapsulate dest-port`]: { summary: 'UDP destination port for encapsulated ESP.', body: 'Range 1025..65535; the peer must listen on the same port.', default: '4565' },
  [`${OPT} no-nat-traversal`]: {
    summary: 'Disables NAT traversal for the tunnels of this service set.',
    body: 'IKE then never switches to UDP 4500 even if a NAT is detected. Not allowed together with `nat-keepalive`.',
  },
  [`${OPT} nat-keepalive`]: {
    summary: 'Interval of NAT keepalive packets that keep a NAT binding open.',
    body: 'Range 1..300 seconds. Not allowed with `no-nat-traversal` or `services ipsec-vpn disable-natt`.',
  },
  [`${OPT} no-certificate-chain-in-ike`]: {
    summary: 'Sends only the end-entity certificate in IKE, not the full chain.',
    body: 'Shrinks IKE messages for peers that already hold the intermediate CAs.',
  },
  [`${S} ipsec-group-vpn`]: {
    summary: 'Makes the service set a group VPN member using the named group.',
    body: 'A group VPN name may be used by only one service set, and cannot be combined with `ipsec-vpn-rules`, `ipsec-vpn-rule-sets` or `ipsec-vpn-options`.',
  },
  [`${S} redundancy-set-id`]: { summary: 'Ties the service set to a redundancy set for inter-chassis failover.', body: 'Range 1..100; must name a configured `services redundancy-set`.' },
  [`${S} ipsec-vpn-rules`]: {
    summary: 'Applies an IPsec VPN rule to this service set.',
    body:
      'Must name a `services ipsec-vpn rule`. Several may be listed; they are evaluated in order and the first ' +
      'matching term acts. Requires `ipsec-vpn-options local-gateway` in the same service set.',
    example: 'ipsec-vpn-rules rule-ike;',
    seeAlso: ['services ipsec-vpn rule', `${OPT} local-gateway`, `${S} ipsec-vpn-rule-sets`],
  },
  [`${S} ipsec-vpn-rule-sets`]: {
    summary: 'Applies an IPsec VPN rule set to this service set.',
    body: 'Must name a `services ipsec-vpn rule-set`. Requires `ipsec-vpn-options local-gateway`.',
    seeAlso: ['services ipsec-vpn rule-set'],
  },
  [`${S} jflow-rules`]: { summary: 'Flow-monitoring (jflow) sampling for the service set.', body: 'Requires `sampling-service`.' },
  [`${S} jflow-rules sampling`]: { summary: 'Samples the service set\'s traffic for flow records.', body: 'A `forwarding-options sampling` configuration must exist.' },
  [`${S} jflow-rules sampling instance`]: { summary: 'The sampling instance that exports the records.', body: 'Must name a `forwarding-options sampling instance`.' },
  ...otherRules('softwire', 'softwire', false),
  ...otherRules('stateful-firewall', 'stateful firewall', true),
  ...otherRules('pcp', 'Port Control Protocol', false),
  ...otherRules('nat', 'NAT', true),
  ...otherRules('ids', 'intrusion detection', true),
  ...otherRules('cos', 'class-of-service', true),
  ...otherRules('aacl', 'application-aware access list', true),
  ...otherRules('pgcp', 'packet gateway control', true),
  ...otherRules('hcm-url', 'HTTP content management URL', false),
  ...otherRules('tag', 'traffic tagging', false),
  [`${S} ip-reassembly-rules`]: { summary: 'Applies an IP reassembly rule to the service set.', body: 'Must name a `services ip-reassembly rule`; reassembles fragments before other services see them.' },
  [`${S} aacl-dyn-rules`]: { summary: 'Applies a dynamic application-aware access list rule.', body: 'Names a dynamic AACL rule.' },
};
