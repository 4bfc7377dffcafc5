/**
 * schema/docs/services-ipsec-vpn.ts: our documentation for every statement under `services ipsec-vpn`
 *   (rules and terms, rule sets, IKE and IPsec proposals/policies, tracing, global knobs) as found on
 *   MX/M/T routers with MS-PIC, MS-DPC, MS-MPC or AS PIC service interfaces.
 * Owns: the text; facts (types, ranges, defaults) follow the 24.4R1 YANG, JUNOS-FACTS.md and the
 *   seed example (IKE dynamic SA between R2 and R3).
 * Must not know: the generated schema, parse trees, LSP, the engine's code.
 * Invariants: keys are real statement paths without list keys; no Juniper prose; example secrets are
 *   `"$9$..."` placeholders with `## SECRET-DATA`.
 * Tests: test/src/schema/docs.test.ts
 */
import { type DocTable, under } from './statement-doc';
import { traceFileDocs } from './shared';

const P = 'services ipsec-vpn';
const THEN = `${P} rule term then`;

const manualKeyDocs = (what: 'authentication' | 'encryption'): DocTable => ({
  key: {
    summary: `The static ${what} key of the manual SA, as ASCII text or hexadecimal.`,
    body:
      'Both ends must hold the same key for the same direction. Its length is fixed by the algorithm: ' +
      (what === 'authentication'
        ? '`hmac-md5-96` needs 16 bytes, `hmac-sha1-96` 20 bytes, and the SHA-256 variants 32 bytes. '
        : '`des-cbc` needs 8 bytes, `3des-cbc` 24 bytes, `aes-128-cbc` 16, `aes-192-cbc` 24 and `aes-256-cbc` 32 bytes. ') +
      'Junos stores the key in `$9$` form and shows it masked; the language server never displays the plain value.',
    example: `${what} {\n    algorithm ${what === 'authentication' ? 'hmac-sha1-96' : '3des-cbc'};\n    key ascii-text "$9$..."; ## SECRET-DATA\n}`,
  },
  'key ascii-text': {
    summary: 'The key given as printable characters, one byte per character.',
    body: 'The character count must equal the key length the algorithm needs (1..255 characters accepted by the syntax). Junos encrypts it to a `$9$` string on commit.',
  },
  'key hexadecimal': {
    summary: 'The key given as hexadecimal digits, two digits per byte.',
    body: 'Twice as many digits as the algorithm\'s key length in bytes, for example 48 digits for `3des-cbc`. Stored as a `$9$` string.',
  },
});

const identityLeafDocs = (side: 'local' | 'remote'): DocTable => ({
  ipv4_addr: {
    summary: side === 'local' ? 'Sends this IPv4 address as the local IKE identity.' : 'Accepts peers that identify themselves with one of these IPv4 addresses.',
    body: side === 'local'
      ? 'Use it when the identity must differ from the local gateway address (for example behind NAT).'
      : 'Several addresses may be listed in `[ ]`.',
  },
  'ipv6-addr': {
    summary: side === 'local' ? 'Sends this IPv6 address as the local IKE identity.' : 'Accepts peers that identify themselves with one of these IPv6 addresses.',
    body: side === 'local' ? 'Use it when the identity must differ from the local gateway address, as for `ipv4_addr`.' : 'Several addresses may be listed in `[ ]`.',
  },
  fqdn: {
    summary: side === 'local' ? 'Sends a fully qualified domain name as the local IKE identity.' : 'Accepts peers that identify themselves with one of these domain names.',
    body: 'Compared as a string (1..255 characters); no DNS lookup is made.',
  },
  'key-id': {
    summary: side === 'local' ? 'Sends an opaque key identifier as the local IKE identity.' : 'Accepts peers that identify themselves with one of these key identifiers.',
    body: 'A free string (1..255 characters) both ends agree on; common with aggressive mode and pre-shared keys.',
  },
});

const ipsecVpnOwn: DocTable = {
  services: {
    summary: 'Services run on services PICs, MPCs or the Routing Engine: IPsec VPN, NAT, stateful firewall, flow monitoring and more.',
    body:
      'Each service has its own hierarchy of rules (`ipsec-vpn`, `nat`, `stateful-firewall`, ...); a ' +
      '`service-set` chooses which rules apply together and which services interface runs them.',
    seeAlso: ['services ipsec-vpn', 'services service-set'],
  },
  [P]: {
    summary: 'IPsec VPN service on a services PIC: rules that select traffic, and the IKE and IPsec settings that protect it.',
    body:
      'Rules (`rule`) match packets by direction and addresses and say which tunnel protects them; a ' +
      'service set attaches rules (`ipsec-vpn-rules`) to a services interface and sets the local gateway. ' +
      'Dynamic SAs are negotiated with IKE using `ike` and `ipsec` policies; manual SAs carry static keys.\n\n' +
      'When no IKE proposal, IPsec proposal or IPsec policy is configured on a MultiServices PIC, Junos ' +
      'negotiates with its built-in defaults: ESP, HMAC-SHA1-96 and 3DES-CBC, IKE version 1 in main mode, ' +
      'IKE lifetime 3600 s and IPsec lifetime 28800 s.',
    example:
      'ipsec-vpn {\n    rule rule-ike {\n        term term-ike {\n            then {\n                remote-gateway 10.1.15.2;\n                dynamic {\n                    ike-policy ike-demo-policy;\n                    ipsec-policy ipsec-demo-policy;\n                }\n            }\n        }\n        match-direction input;\n    }\n}',
    seeAlso: ['services service-set ipsec-vpn-rules', 'services service-set ipsec-vpn-options local-gateway'],
  },
  [`${P} rule`]: {
    summary: 'A named IPsec rule: an ordered list of terms plus the traffic direction it applies to.',
    body:
      'A rule does nothing until a service set lists it in `ipsec-vpn-rules` (or through a `rule-set`). ' +
      'For each packet the PIC considers only rules whose `match-direction` equals the packet\'s direction; ' +
      'within a rule the first matching term acts and processing stops. If no rule matches, the packet is dropped.\n\n' +
      'Rule names are 1..63 characters.',
    example:
      'rule rule-ike {\n    term term-ike {\n        then {\n            remote-gateway 10.1.15.2;\n            dynamic {\n                ike-policy ike-demo-policy;\n                ipsec-policy ipsec-demo-policy;\n            }\n        }\n    }\n    match-direction input;\n}',
    seeAlso: [`${P} rule match-direction`, `${P} rule-set`, 'services service-set ipsec-vpn-rules'],
  },
  [`${P} rule term`]: {
    summary: 'One match-and-action step of an IPsec rule, evaluated in the order written.',
    body:
      '`from` says which packets the term selects; `then` says which tunnel protects them (a dynamic SA ' +
      'negotiated with IKE or a manual SA) and how. A term without `from` matches any source and any ' +
      'destination; such "any-any" terms get packet-based (flowless) IPsec, which saves flow resources on the PIC.\n\n' +
      'Term names are 1..63 characters. Use `insert` to change the order.',
    seeAlso: [`${P} rule term from`, `${P} rule term then`],
  },
  [`${P} rule term from`]: {
    summary: 'The match conditions of the term: source and destination prefixes and, for next-hop service sets, the inside interface.',
    body:
      'Every condition given must match. An omitted address matches IPv4 any (`0.0.0.0/0`); IPv6 any ' +
      '(`::/0`) must be written explicitly. Omitting `from` altogether makes an any-any term, served by ' +
      'packet-based IPsec.\n\n' +
      'In a link-type (next-hop) service set, any-any and selector terms may be mixed: any-any tunnels stay ' +
      'packet-based and the others are flow-based. In other service sets that mix both kinds, every tunnel becomes flow-based.',
    example: 'from {\n    source-address {\n        10.0.1.0/24;\n    }\n    destination-address {\n        10.0.2.0/24;\n    }\n}',
  },
  [`${P} rule term from source-address`]: {
    summary: 'Matches packets whose source address falls in one of these prefixes.',
    body: 'IPv4 or IPv6 prefixes; several may be listed. Without it the source matches IPv4 any (0.0.0.0/0). ACX routers accept IPv4 only.',
    default: '0.0.0.0/0 (IPv4 any)',
  },
  [`${P} rule term from destination-address`]: {
    summary: 'Matches packets whose destination address falls in one of these prefixes.',
    body: 'IPv4 or IPv6 prefixes; several may be listed. Without it the destination matches IPv4 any (0.0.0.0/0).',
    default: '0.0.0.0/0 (IPv4 any)',
  },
  [`${P} rule term from ipsec-inside-interface`]: {
    summary: 'Binds the tunnels created by this term to one inside services logical interface.',
    body:
      'Only for next-hop service sets: Junos rejects it when the rule is used by an interface-style service ' +
      'set. The interface must be a services unit with `service-domain inside`. When several link-type ' +
      'tunnels share one service set and all match any-any, this is what tells them apart, and routes ' +
      'pointing at that unit select the tunnel.',
    example: 'from {\n    ipsec-inside-interface ms-1/2/0.10;\n}',
    seeAlso: ['interfaces unit service-domain', 'services service-set next-hop-service inside-service-interface'],
  },
  [THEN]: {
    summary: 'What to do with matching packets: which SA protects them and the tunnel\'s options.',
    body:
      'Give exactly one of `dynamic` (IKE-negotiated SA) or `manual` (static SA), plus `remote-gateway` for ' +
      'the peer. Optional statements tune the tunnel: `backup-remote-gateway` and dead peer detection, ' +
      'anti-replay, `tunnel-mtu`, DF-bit handling, outer TTL and ToS, and `syslog`.\n\n' +
      'Several of these (anti-replay, DF bit, `tunnel-mtu`) also exist under the service set\'s `ipsec-vpn-options`; ' +
      'an `anti-replay-window-size` given here overrides the service set\'s value.',
    seeAlso: [`${THEN} dynamic`, `${THEN} manual`, `${THEN} remote-gateway`],
  },
  [`${THEN} syslog`]: {
    summary: 'Logs an event to syslog for every packet this term matches.',
    body: 'Messages go to the hosts configured under the service set\'s or the service interface\'s `services-options syslog`. Expensive on busy tunnels; enable while troubleshooting.',
    seeAlso: ['services service-set syslog', 'interfaces services-options syslog'],
  },
  [`${THEN} remote-gateway`]: {
    summary: 'IP address of the IPsec peer this term builds its tunnel to.',
    body:
      'IPv4 or IPv6. It must be the address the peer uses as its `local-gateway`, and it must be reachable ' +
      'from the local gateway. A dynamic rule needs it unless the router only responds to peers (as with an ' +
      'IKE access profile).',
    example: 'then {\n    remote-gateway 10.1.15.2;\n}',
    seeAlso: ['services service-set ipsec-vpn-options local-gateway', `${THEN} backup-remote-gateway`],
  },
  [`${THEN} backup-remote-gateway`]: {
    summary: 'A second peer address that takes over when dead peer detection declares the primary peer dead.',
    body:
      'Only with `dynamic` SAs. Configuring it turns on dead peer detection (RFC 3706): a tunnel with no ' +
      'incoming traffic for 10 seconds is flagged inactive (tunnels are polled every 10 s), a DPD hello is ' +
      'sent, and after two unanswered retries 2 s apart the peer is declared dead. The tunnel then fails ' +
      'over to the backup; a phase-1 timeout also triggers failover. If the backup times out, Junos returns ' +
      'to the primary; with both down it alternates six times and then stays on the primary with the backup in standby.',
    example: 'then {\n    remote-gateway 10.1.15.2;\n    backup-remote-gateway 10.1.25.2;\n    dynamic {\n        ike-policy ike-demo-policy;\n    }\n}',
    seeAlso: [`${THEN} initiate-dead-peer-detection`, `${THEN} remote-gateway`],
  },
  [`${THEN} manual`]: {
    summary: 'Builds the tunnel from a static (manual) SA instead of negotiating it with IKE.',
    body:
      'Each `direction` block gives the protocol, SPI, algorithms and keys. Both peers must mirror each ' +
      'other: the same SPI, algorithms and keys for each direction. No rekeying or dead peer detection ' +
      'happens, and anti-replay cannot work across a peer restart. Cannot be combined with `dynamic`.',
    example:
      'manual {\n    direction bidirectional {\n        protocol esp;\n        spi 16000;\n        authentication {\n            algorithm hmac-sha1-96;\n            key ascii-text "$9$..."; ## SECRET-DATA\n        }\n        encryption {\n            algorithm 3des-cbc;\n            key ascii-text "$9$..."; ## SECRET-DATA\n        }\n    }\n}',
    seeAlso: [`${THEN} dynamic`],
  },
  [`${THEN} manual direction`]: {
    summary: 'The traffic direction this manual SA block describes: `inbound`, `outbound` or `bidirectional`.',
    body:
      '`bidirectional` uses one set of parameters both ways. With `inbound` and `outbound` blocks the two ' +
      'directions may use different SPIs and keys; the peer\'s outbound block must then equal this router\'s inbound block.',
  },
  [`${THEN} manual direction protocol`]: {
    summary: 'IPsec protocol of the manual SA: `esp`, `ah` or `bundle` (AH and ESP together).',
    body: '`esp` encrypts and authenticates; `ah` authenticates only; `bundle` applies both and needs `auxiliary-spi` for the second SA.',
    seeAlso: [`${THEN} manual direction auxiliary-spi`],
  },
  [`${THEN} manual direction spi`]: {
    summary: 'Security parameter index of the manual SA.',
    body: 'Range 256..16639. The value must match the peer\'s SPI for the same direction and be unique among the SAs of the router. With `protocol bundle` it identifies the AH SA.',
  },
  [`${THEN} manual direction auxiliary-spi`]: {
    summary: 'SPI of the ESP half of a `bundle` manual SA.',
    body: 'Range 256..16639. Allowed only when `protocol bundle` is configured in the same direction.',
  },
  [`${THEN} manual direction authentication`]: {
    summary: 'Integrity algorithm and key of the manual SA.',
    body: 'Required for `ah` and `bundle`; with `esp` it adds integrity protection to encryption.',
  },
  [`${THEN} manual direction authentication algorithm`]: {
    summary: 'HMAC algorithm of the manual SA: `hmac-md5-96`, `hmac-sha1-96`, `hmac-sha2-256` or `hmac-sha-256-128`.',
    body: 'The key length follows from it: 16 bytes for hmac-md5-96, 20 for hmac-sha1-96, 32 for the SHA-256 variants.',
  },
  ...under(`${THEN} manual direction authentication`, manualKeyDocs('authentication')),
  [`${THEN} manual direction encryption`]: {
    summary: 'Cipher and key of the manual SA (ESP only).',
    body: 'Only meaningful with `protocol esp` or `bundle`; AH does not encrypt.',
  },
  [`${THEN} manual direction encryption algorithm`]: {
    summary: 'Cipher of the manual SA: `des-cbc`, `3des-cbc`, `aes-128-cbc`, `aes-192-cbc` or `aes-256-cbc`.',
    body: 'The key length follows from it: 8 bytes for des-cbc, 24 for 3des-cbc, 16/24/32 for AES-128/192/256. Prefer AES; DES and 3DES are weak.',
  },
  ...under(`${THEN} manual direction encryption`, manualKeyDocs('encryption')),
  [`${THEN} dynamic`]: {
    summary: 'Negotiates the tunnel\'s SAs with IKE, using the referenced IKE and IPsec policies.',
    body:
      '`ike-policy` governs phase 1 (peer authentication and the IKE SA) and `ipsec-policy` phase 2 (the ' +
      'ESP/AH SAs). Without an `ipsec-policy`, Junos offers its default IPsec proposals (on MS-PIC: ESP with ' +
      'HMAC-SHA1-96 and 3DES-CBC, 28800 s). Keys are derived during negotiation and rekeyed before the lifetimes expire.',
    example: 'dynamic {\n    ike-policy ike-demo-policy;\n    ipsec-policy ipsec-demo-policy;\n}',
    seeAlso: [`${P} ike policy`, `${P} ipsec policy`, `${P} establish-tunnels`],
  },
  [`${THEN} dynamic ike-policy`]: {
    summary: 'The IKE policy used for phase 1 of this tunnel.',
    body:
      'Must name a `services ipsec-vpn ike policy`. That policy must carry a `pre-shared-key` or a ' +
      '`local-certificate`, and must not use `remote-id any-remote-id` when referenced from a rule. ' +
      'The policy selects the IKE version, mode, proposals and identities.',
    example: 'dynamic {\n    ike-policy ike-demo-policy;\n}',
    seeAlso: [`${P} ike policy`],
  },
  [`${THEN} dynamic ipsec-policy`]: {
    summary: 'The IPsec policy used for phase 2 (the ESP/AH SAs) of this tunnel.',
    body: 'Must name a `services ipsec-vpn ipsec policy`. It supplies the IPsec proposals and perfect forward secrecy. When omitted, Junos uses its default IPsec proposals.',
    default: 'built-in proposals: ESP, HMAC-SHA1-96, 3DES-CBC, 28800 s (MS-PIC)',
    seeAlso: [`${P} ipsec policy`],
  },
  [`${THEN} dynamic natt-install-interval`]: {
    summary: 'Seconds to wait before installing SAs negotiated through NAT traversal.',
    body: 'Range 0..10 seconds. A small delay can help when the peer behind NAT needs time to install its side.',
    default: '0 seconds',
  },
  [`${THEN} clear-dont-fragment-bit`]: {
    summary: 'Clears the DF bit of IPv4 packets entering the tunnel so they can be fragmented.',
    body:
      'The DF bit is cleared regardless of packet size. A packet larger than the tunnel MTU is then ' +
      'fragmented before encapsulation instead of being dropped (or answered with ICMP "fragmentation ' +
      'needed"). Mutually exclusive with `copy-dont-fragment-bit` and `set-dont-fragment-bit`.',
    seeAlso: [`${THEN} tunnel-mtu`, 'services service-set ipsec-vpn-options clear-dont-fragment-bit'],
  },
  [`${THEN} copy-dont-fragment-bit`]: {
    summary: 'Copies the DF bit of the inner packet to the outer (tunnel) header.',
    body: 'Mutually exclusive with `clear-dont-fragment-bit` and `set-dont-fragment-bit`.',
  },
  [`${THEN} set-dont-fragment-bit`]: {
    summary: 'Always sets the DF bit in the outer (tunnel) header.',
    body: 'Encapsulated packets are never fragmented on the way to the peer; a path MTU smaller than the packet drops it. Mutually exclusive with the other two DF-bit statements.',
  },
  [`${THEN} no-anti-replay`]: {
    summary: 'Turns off IPsec anti-replay checking for this tunnel.',
    body: 'Anti-replay is on by default. Turning it off can help interoperability with peers that reorder or reset sequence numbers, at the cost of replay protection. Cannot be combined with `anti-replay-window-size`.',
    seeAlso: [`${THEN} anti-replay-window-size`],
  },
  [`${THEN} tunnel-mtu`]: {
    summary: 'Largest packet, in bytes, that enters the tunnel before fragmentation or ICMP "too big".',
    body:
      'Range 256..9192. IPsec tunnels use 1500 regardless of the physical interface MTU unless this is ' +
      'set; it is the only place to change it (an `mtu` under a services unit\'s `family inet` is not supported). ' +
      'Lower it to leave room for ESP overhead on paths with a small MTU.',
    default: '1500 bytes',
    example: 'then {\n    tunnel-mtu 1400;\n    clear-dont-fragment-bit;\n}',
    seeAlso: [`${THEN} clear-dont-fragment-bit`, 'services service-set ipsec-vpn-options tunnel-mtu'],
  },
  [`${THEN} copy-ttl-from-inner-ip-header`]: {
    summary: 'Copies the inner packet\'s TTL into the outer tunnel header.',
    body: 'Cannot be combined with `ttl`.',
  },
  [`${THEN} ttl`]: {
    summary: 'TTL written into the outer tunnel header.',
    body: 'Range 1..254. Cannot be combined with `copy-ttl-from-inner-ip-header`.',
    default: '64',
  },
  [`${THEN} copy-tos-from-inner-ip-header`]: {
    summary: 'Copies the inner packet\'s ToS/DSCP byte into the outer tunnel header.',
    body: 'Keeps QoS markings visible to the transport network. Cannot be combined with `tos`.',
  },
  [`${THEN} tos`]: {
    summary: 'ToS byte written into the outer tunnel header.',
    body: 'Range 0..255. Cannot be combined with `copy-tos-from-inner-ip-header`.',
    default: '0',
  },
  [`${THEN} initiate-dead-peer-detection`]: {
    summary: 'Sends dead peer detection hellos even without a backup gateway, and clears the SAs of a dead peer.',
    body:
      'Monitoring works as with `backup-remote-gateway`: an idle tunnel triggers a hello, and unanswered ' +
      'retries declare the peer dead. Without a backup there is nothing to fail over to, so the IKE and ' +
      'IPsec SAs are deleted and renegotiated when traffic returns. Required for `dead-peer-detection`.',
    seeAlso: [`${THEN} dead-peer-detection`, `${THEN} backup-remote-gateway`],
  },
  [`${THEN} dead-peer-detection`]: {
    summary: 'Timing of dead peer detection started by `initiate-dead-peer-detection`.',
    body:
      'Needs `initiate-dead-peer-detection` in the same `then`. The values apply to IKEv1 SAs, and to IKEv2 ' +
      'SAs from Junos 17.2R1 (earlier releases use the defaults for IKEv2).',
    example: 'then {\n    initiate-dead-peer-detection;\n    dead-peer-detection {\n        interval 20;\n        threshold 5;\n    }\n}',
  },
  [`${THEN} dead-peer-detection interval`]: {
    summary: 'Seconds without traffic from the peer before a DPD request is sent.',
    body: 'Range 1..180 seconds. Shorter intervals detect a dead peer sooner at the cost of more DPD messages on idle tunnels; detection takes roughly interval plus threshold retries.',
    default: '10 seconds',
  },
  [`${THEN} dead-peer-detection threshold`]: {
    summary: 'Unanswered DPD requests after which the peer is declared dead.',
    body: 'Range 1..10. When reached, the tunnel fails over to `backup-remote-gateway` if one is configured, otherwise its IKE and IPsec SAs are cleared.',
    default: '3',
  },
  [`${THEN} anti-replay-window-size`]: {
    summary: 'Size, in packets (bits of the window), of the IPsec anti-replay window.',
    body:
      'Range 64..4096. AS PICs support at most 1024: a larger value commits without error but the AS PIC ' +
      'silently uses 1024. MultiServices PICs and DPCs support the full range. This setting overrides the ' +
      'service set\'s `ipsec-vpn-options anti-replay-window-size`. Cannot be combined with `no-anti-replay`.',
    default: '64 on AS PICs, 128 on MultiServices PICs and DPCs',
    example: 'then {\n    anti-replay-window-size 512;\n}',
    seeAlso: [`${THEN} no-anti-replay`, 'services service-set ipsec-vpn-options anti-replay-window-size'],
  },
  [`${P} rule match-direction`]: {
    summary: 'Which packets the rule is applied to: `input` or `output` relative to the services PIC.',
    body:
      'Required in every rule. With an interface service set, input means entering and output leaving the ' +
      'interface where the service set is applied. With a next-hop service set, packets routed to the ' +
      'inside service interface are input and packets routed to the outside one are output. Only rules ' +
      'whose direction equals the packet\'s are considered.\n\nACX routers do not support `output`.',
    example: 'rule rule-ike {\n    match-direction input;\n}',
    seeAlso: ['services service-set next-hop-service', 'services service-set interface-service'],
  },
  [`${P} rule-set`]: {
    summary: 'A named, ordered collection of IPsec rules that a service set can reference as one unit.',
    body: 'Rules are evaluated in the order listed; the first term that matches acts. If no rule in the set matches, the packet is dropped. A rule set holds at most 16960 rules.',
    example: 'rule-set vpn-rules {\n    rule rule-ike;\n    rule rule-backup;\n}',
    seeAlso: ['services service-set ipsec-vpn-rule-sets'],
  },
  [`${P} rule-set rule`]: {
    summary: 'A member rule of the rule set, in evaluation order.',
    body: 'Must name a configured `services ipsec-vpn rule`.',
    seeAlso: [`${P} rule`],
  },
  [`${P} ipsec`]: {
    summary: 'Phase-2 (IPsec SA) proposals and policies for dynamic SAs.',
    body: 'A `proposal` lists the protocol, algorithms and lifetime; a `policy` groups proposals (or a predefined `proposal-set`) and sets perfect forward secrecy. Rules refer to a policy with `then dynamic ipsec-policy`.',
  },
  [`${P} ipsec proposal`]: {
    summary: 'A named phase-2 proposal: protocol, integrity and encryption algorithms, and SA lifetime.',
    body:
      'Offered in the order given by the policy\'s `proposals`. For a tunnel to come up, the peer must accept ' +
      'one proposal with exactly the same protocol and algorithms. The name (1..32 characters) cannot also ' +
      'be used under `security ipsec proposal`.',
    example: 'proposal ipsec-demo-proposal {\n    protocol esp;\n    authentication-algorithm hmac-sha1-96;\n    encryption-algorithm 3des-cbc;\n}',
    seeAlso: [`${P} ipsec policy proposals`],
  },
  [`${P} ipsec proposal description`]: { summary: 'Free-text note about the proposal.', body: 'Up to 80 characters; no effect on negotiation.' },
  [`${P} ipsec proposal protocol`]: {
    summary: 'IPsec protocol proposed: `esp`, `ah` or `bundle` (AH plus ESP).',
    body: 'ESP provides confidentiality and integrity; AH integrity only, including the outer header; `bundle` applies both.',
    default: 'esp (MS-PIC built-in proposal)',
  },
  [`${P} ipsec proposal authentication-algorithm`]: {
    summary: 'Integrity algorithm of the IPsec SA: hmac-md5-96, hmac-sha1-96, hmac-sha-256-96, hmac-sha-256-128 or hmac-sha2-256.',
    body: 'Do not combine with an AES-GCM `encryption-algorithm`, which already authenticates. hmac-sha-256-96 truncates to 96 bits for older peers.',
    default: 'hmac-sha1-96 (MS-PIC built-in proposal)',
  },
  [`${P} ipsec proposal encryption-algorithm`]: {
    summary: 'Cipher of the IPsec SA: DES/3DES/AES in CBC mode, or AES-GCM (128, 192 or 256 bits).',
    body: 'The AES-GCM choices provide integrity themselves, so the proposal must then have no `authentication-algorithm`. `des-cbc` and `3des-cbc` are weak and kept for old peers.',
    default: '3des-cbc (MS-PIC built-in proposal)',
  },
  [`${P} ipsec proposal lifetime-seconds`]: {
    summary: 'Lifetime of the IPsec SA in seconds, after which it is rekeyed.',
    body: 'Range 180..86400. The lifetime is not part of proposal matching: when the peers\' values differ, the shorter one is used. A new SA (new SPI and keys) is negotiated before the old one expires.',
    default: '28800 seconds (8 hours)',
  },
  [`${P} ipsec policy`]: {
    summary: 'A named phase-2 policy: which proposals to offer and whether to use perfect forward secrecy.',
    body: 'Referenced by `then dynamic ipsec-policy`. Give either `proposals` or a predefined `proposal-set`. The name (1..32 characters) cannot also be used under `security ipsec policy`.',
    example: 'policy ipsec-demo-policy {\n    perfect-forward-secrecy {\n        keys group2;\n    }\n    proposals ipsec-demo-proposal;\n}',
    seeAlso: [`${THEN} dynamic ipsec-policy`, `${P} ipsec proposal`],
  },
  [`${P} ipsec policy description`]: { summary: 'Free-text note about the policy.', body: 'Up to 80 characters; no effect on negotiation.' },
  [`${P} ipsec policy perfect-forward-secrecy`]: {
    summary: 'Runs a fresh Diffie-Hellman exchange for every phase-2 negotiation.',
    body: 'With PFS the IPsec keys do not depend on the IKE SA\'s key material, so a compromised IKE key does not expose past IPsec traffic. Both peers must use the same group.',
  },
  [`${P} ipsec policy perfect-forward-secrecy keys`]: {
    summary: 'Diffie-Hellman group used for PFS: group1, 2, 5, 14, 15, 16, 19, 20 or 24.',
    body: 'group1 (768-bit), group2 (1024-bit) and group5 (1536-bit) MODP are weak; prefer group14 or higher, or the elliptic-curve groups 19 and 20.',
  },
  [`${P} ipsec policy proposals`]: {
    summary: 'The IPsec proposals this policy offers, in order of preference.',
    body: 'Each name must be a `services ipsec-vpn ipsec proposal`. List several in `[ ]`.',
    example: 'proposals [ p-aes256 p-3des ];',
  },
  [`${P} ipsec policy proposal-set`]: {
    summary: 'Uses a predefined set of IPsec proposals: `basic`, `compatible` or `standard`.',
    body: 'An alternative to listing `proposals`. The sets bundle common ESP algorithm combinations; `compatible` aims at interoperability with older peers.',
  },
  [`${P} ike`]: {
    summary: 'Phase-1 (IKE SA) proposals and policies for dynamic SAs.',
    body: 'A `proposal` lists the authentication method, Diffie-Hellman group, algorithms and lifetime; a `policy` chooses proposals, the IKE version and mode, identities, and the pre-shared key or certificate. Rules refer to a policy with `then dynamic ike-policy`.',
  },
  [`${P} ike proposal`]: {
    summary: 'A named phase-1 proposal: authentication method, DH group, algorithms and IKE SA lifetime.',
    body: 'The peer must accept one proposal with the same method, group and algorithms. The name (1..32 characters) cannot also be used under `security ike proposal`.',
    example: 'proposal ike-demo-proposal {\n    authentication-method pre-shared-keys;\n    dh-group group2;\n}',
    seeAlso: [`${P} ike policy proposals`],
  },
  [`${P} ike proposal description`]: { summary: 'Free-text note about the proposal.', body: 'Up to 80 characters; no effect on negotiation.' },
  [`${P} ike proposal authentication-method`]: {
    summary: 'How peers authenticate in phase 1: pre-shared keys, or RSA/DSA/ECDSA signatures.',
    body: '`pre-shared-keys` needs `pre-shared-key` in the IKE policy; the signature methods need a `local-certificate`. Values: pre-shared-keys, rsa-signatures, dsa-signatures, ecdsa-signatures-256, ecdsa-signatures-384.',
    default: 'pre-shared-keys (built-in proposals)',
    seeAlso: [`${P} ike policy pre-shared-key`, `${P} ike policy local-certificate`],
  },
  [`${P} ike proposal dh-group`]: {
    summary: 'Diffie-Hellman group for the IKE key exchange: group1, 2, 5, 14, 15, 16, 19, 20 or 24.',
    body: 'Both peers must pick the same group. group1/2/5 are short MODP groups kept for old peers; group14 (2048-bit) and the elliptic-curve groups 19 and 20 are stronger.',
    default: 'group2 or group1 in the built-in proposals',
  },
  [`${P} ike proposal authentication-algorithm`]: {
    summary: 'Hash used for IKE integrity and key derivation: md5, sha1, sha-256 or sha-384.',
    body: 'Must match the peer. md5 and sha1 are legacy.',
    default: 'sha1 (built-in proposals also offer md5)',
  },
  [`${P} ike proposal encryption-algorithm`]: {
    summary: 'Cipher protecting IKE messages: des-cbc, 3des-cbc, or AES-CBC with 128, 192 or 256 bits.',
    body: 'Must match the peer. DES and 3DES are legacy.',
    default: '3des-cbc (built-in proposals also offer des-cbc)',
  },
  [`${P} ike proposal lifetime-seconds`]: {
    summary: 'Lifetime of the IKE SA in seconds.',
    body: 'Range 180..86400. When the peers\' values differ, the shorter one is used. When it expires the IKE SA is renegotiated; established IPsec SAs keep running until their own lifetime.',
    default: '3600 seconds (1 hour)',
  },
  [`${P} ike policy`]: {
    summary: 'A named phase-1 policy: proposals, IKE version and mode, identities, and the key or certificate.',
    body:
      'Referenced by `then dynamic ike-policy` (the policy must then have a `pre-shared-key` or a ' +
      '`local-certificate`) and by IKE access profiles. By default Junos uses IKE version 1 in main mode.\n\n' +
      'In Junos 24.4 `proposals` and `pre-shared-key` sit directly in the policy; there is no `pre-shared` level.',
    example: 'policy ike-demo-policy {\n    proposals ike-demo-proposal;\n    pre-shared-key ascii-text "$9$..."; ## SECRET-DATA\n}',
    seeAlso: [`${THEN} dynamic ike-policy`, `${P} ike proposal`],
  },
  [`${P} ike policy description`]: { summary: 'Free-text note about the policy.', body: 'Up to 80 characters; no effect on negotiation.' },
  [`${P} ike policy mode`]: {
    summary: 'IKEv1 phase-1 exchange mode: `main` or `aggressive`.',
    body: 'Main mode protects the identities and takes six messages; aggressive mode takes three and sends identities in clear, and is needed when a peer with a changing address is identified by name. Ignored with `version 2`.',
    default: 'main',
  },
  [`${P} ike policy version`]: {
    summary: 'IKE protocol version: `1` or `2`.',
    body: 'Both peers must run the same version. IKEv2 (RFC 7296) needs fewer messages and has built-in liveness checks; Junos supports it from 11.4.',
    default: '1',
  },
  [`${P} ike policy proposals`]: {
    summary: 'The IKE proposals this policy offers, in order of preference.',
    body: 'Each name must be a `services ipsec-vpn ike proposal`. When omitted, Junos offers its built-in proposals.',
    example: 'proposals [ ike-aes ike-3des ];',
  },
  [`${P} ike policy local-id`]: {
    summary: 'The identity this router presents to the peer in phase 1.',
    body: 'Choose one form: IPv4 or IPv6 address, FQDN, key ID, or the distinguished name of the local certificate. Without it the local gateway address is used.',
    default: 'the local gateway address',
  },
  ...under(`${P} ike policy local-id`, identityLeafDocs('local')),
  [`${P} ike policy local-id distinguished-name`]: {
    summary: 'Uses the subject distinguished name of the local certificate as the IKE identity.',
    body: 'Requires certificate authentication (`local-certificate`).',
  },
  [`${P} ike policy certificate-policy-oids`]: {
    summary: 'Certificate policy OIDs the peer\'s certificate must carry.',
    body: 'Up to several dotted OIDs; a peer certificate without one of them is rejected.',
  },
  [`${P} ike policy local-certificate`]: {
    summary: 'Identifier of the local certificate used for signature authentication.',
    body: 'Needed when the proposal uses an RSA, DSA or ECDSA signature method. The certificate must be loaded on the router (PKI) before the tunnel can come up.',
  },
  [`${P} ike policy peer-certificate-type`]: {
    summary: 'Encoding expected for the peer\'s certificate: `x509-signature` or `pkcs7`.',
    body: 'Only with certificate authentication.',
    default: 'x509-signature',
  },
  [`${P} ike policy remote-id`]: {
    summary: 'Which identities are accepted from the peer in phase 1.',
    body: 'List accepted addresses, names, key IDs or distinguished names, or accept anything with `any-remote-id` (not allowed for a policy used by a rule\'s `dynamic ike-policy`). Without it the peer must identify itself with its gateway address.',
  },
  ...under(`${P} ike policy remote-id`, identityLeafDocs('remote')),
  [`${P} ike policy remote-id any-remote-id`]: {
    summary: 'Accepts any identity from the peer.',
    body: 'Cannot be combined with the other remote-id forms. Used with IKE access profiles for many dynamic peers; a policy with it cannot be referenced from a rule\'s `dynamic ike-policy`.',
  },
  [`${P} ike policy remote-id distinguished-name`]: {
    summary: 'Accepts peers whose certificate subject DN matches one of these patterns.',
    body: 'Use `container` for a DN that must contain the given fields, `wildcard` for field-wise wildcard matching, or `exact-match` for a literal DN.',
  },
  [`${P} ike policy remote-id distinguished-name container`]: {
    summary: 'Accepts a peer DN that contains these attribute values in order.',
    body: 'Example: `"O=Example, OU=VPN"` matches DNs that include those fields.',
  },
  [`${P} ike policy remote-id distinguished-name wildcard`]: {
    summary: 'Accepts a peer DN matching this field-wise pattern.',
    body: 'Each listed attribute must match; empty values act as wildcards.',
  },
  [`${P} ike policy remote-id distinguished-name exact-match`]: {
    summary: 'Accepts only a peer DN equal to this string.',
    body: 'Compared literally, field by field in order; use `container` or `wildcard` for looser matching.',
  },
  [`${P} ike policy pre-shared-key`]: {
    summary: 'The shared secret used with `authentication-method pre-shared-keys`.',
    body:
      'Give it as `ascii-text` or `hexadecimal`; both peers must hold the same bytes. Junos stores it as a ' +
      '`$9$` string (two different `$9$` strings can hold the same key) and masks it in output; the language ' +
      'server compares keys by value and never prints them.',
    example: 'pre-shared-key ascii-text "$9$..."; ## SECRET-DATA',
    seeAlso: [`${P} ike proposal authentication-method`],
  },
  [`${P} ike policy pre-shared-key ascii-text`]: {
    summary: 'The pre-shared key as printable text.',
    body: '1..255 characters; quote it if it contains spaces. Stored encrypted as `$9$`.',
  },
  [`${P} ike policy pre-shared-key hexadecimal`]: {
    summary: 'The pre-shared key as hexadecimal digits.',
    body: 'Two digits per byte, 1..255 characters. Stored encrypted as `$9$`.',
  },
  [`${P} ike policy respond-bad-spi`]: {
    summary: 'Answers ESP packets with an unknown SPI by telling the peer, so it can renegotiate quickly.',
    body: 'Helps when this router restarted and lost its SAs while the peer still sends with the old ones.',
  },
  [`${P} ike policy respond-bad-spi max-responses`]: {
    summary: 'Most invalid-SPI notifications sent per peer.',
    body: 'Range 1..30. Bounds the extra IKE traffic a peer sending with stale SAs can cause.',
    default: '5',
  },
  [`${P} traceoptions`]: {
    summary: 'Traces the key management process (kmd) that negotiates IKE and IPsec SAs.',
    body: 'Output goes to the trace file under /var/log/. Cannot be configured together with `security traceoptions`.',
    example: 'traceoptions {\n    file kmd size 1m files 3;\n    level info;\n    flag ike;\n}',
  },
  ...under(`${P} traceoptions`, traceFileDocs),
  [`${P} traceoptions level`]: {
    summary: 'Lowest severity of trace messages written: error, warning, notice, info, verbose or all.',
    body: 'Higher levels include everything more severe.',
    default: 'error',
  },
  [`${P} traceoptions flag`]: {
    summary: 'An area of kmd activity to trace, for example `ike` or `policy-manager`.',
    body: 'Values: timer, routing-socket, parse, ike, policy-manager, general, database, certificates, snmp, ams, lic, all. Several flags may be configured.',
  },
  [`${P} no-ipsec-tunnel-in-traceroute`]: {
    summary: 'Keeps the IPsec tunnel from showing up as a hop in traceroute.',
    body: 'Traceroute through the tunnel then shows the path as if the tunnel were transparent.',
  },
  [`${P} establish-tunnels`]: {
    summary: 'When dynamic tunnels are negotiated: `immediately`, `on-traffic` or `responder-only`.',
    body: '`immediately` starts IKE as soon as the configuration is committed; `on-traffic` waits for the first packet that matches the rule; `responder-only` never initiates and only answers the peer.',
    default: 'on-traffic',
  },
  [`${P} clear-ike-sas-on-pic-restart`]: {
    summary: 'Deletes the IKE SAs when the services PIC restarts or goes offline.',
    body: 'Forces clean renegotiation instead of keeping stale IKE state on the Routing Engine.',
  },
  [`${P} clear-ipsec-sas-on-pic-restart`]: {
    summary: 'Deletes the IPsec SAs when the services PIC restarts or goes offline.',
    body: 'Forces both ends to renegotiate phase 2 after a PIC failure.',
  },
  [`${P} disable-natt`]: {
    summary: 'Disables NAT traversal (UDP 4500 encapsulation) for all IPsec VPNs on the router.',
    body: 'With it, `nat-keepalive` under a service set\'s `ipsec-vpn-options` is not allowed.',
    seeAlso: ['services service-set ipsec-vpn-options nat-keepalive'],
  },
};

export const servicesIpsecVpnDocs: DocTable = ipsecVpnOwn;
