/**
 * schema/docs/shared.ts: documents for statements whose YANG grouping appears in many places:
 *   `apply-groups`/`apply-groups-except`/`apply-macro` (valid at almost every level), trace files,
 *   and the services syslog block used by both `services service-set` and interface `services-options`.
 * Owns: relative tables (keys without a prefix) and the generic, position-independent table.
 * Must not know: where each table is mounted (the hierarchy modules call `under()`), the schema, LSP.
 * Invariants: every relative key is a real statement below each prefix it is mounted at (checked by
 *   the docs test against the YANG).
 * Tests: test/src/schema/docs.test.ts
 */
import type { DocTable } from './statement-doc';

/** Statements accepted at (nearly) any level; keyed from the generic word on. */
export const anywhereDocs: DocTable = {
  'apply-groups': {
    summary: 'Inherits configuration from the named groups into this level.',
    body:
      'Each named group under `groups` is matched against this position of the hierarchy and its ' +
      'statements are merged into the effective configuration here. Groups are applied in the order ' +
      'listed; a value written directly at this level wins over an inherited one, and an earlier group ' +
      'wins over a later one. Wildcards such as `<*>` in the group body match any name.\n\n' +
      '`show | display inheritance` on the device shows what each group contributed.',
    example: 'groups {\n    IPSEC-DEFAULTS {\n        services {\n            ipsec-vpn {\n                rule <*> {\n                    term <*> {\n                        then {\n                            tunnel-mtu 1400;\n                        }\n                    }\n                }\n            }\n        }\n    }\n}\napply-groups IPSEC-DEFAULTS;',
    seeAlso: ['apply-groups-except'],
  },
  'apply-groups-except': {
    summary: 'Stops the named groups, inherited from a higher level, from applying at this level and below.',
    body:
      'Use it to carve an exception out of an `apply-groups` set higher in the hierarchy: the listed ' +
      'groups contribute nothing to this statement or its children. Other inherited groups still apply.',
    example: 'rule rule-legacy {\n    apply-groups-except IPSEC-DEFAULTS;\n    match-direction input;\n}',
    seeAlso: ['apply-groups'],
  },
  'apply-macro': {
    summary: 'Stores named key/value data at this level for commit scripts to read.',
    body:
      'Junos itself ignores the contents; commit and operation scripts find the macro by name and use ' +
      'its parameters (for example to expand a short description into full configuration). Each macro ' +
      'holds any number of `name value` pairs.',
    example: 'apply-macro tunnel-meta {\n    owner noc;\n    ticket CHG-2291;\n}',
  },
  'apply-macro data': {
    summary: 'One parameter of the macro: a name, optionally followed by a value.',
    body: 'The parameter name is the first word; the optional second word is its value. Only scripts interpret it.',
  },
  'apply-macro data value': {
    summary: 'The value paired with the macro parameter name.',
    body: 'Free text read by commit or operation scripts; Junos does not validate it.',
  },
};

/** `traceoptions file ...` shared by every daemon's trace block; mount under `<x> traceoptions`. */
export const traceFileDocs: DocTable = {
  'no-remote-trace': {
    summary: 'Keeps this daemon\'s trace messages local instead of sending them to the remote tracing server.',
    body: 'Only meaningful when `system tracing` forwards trace output to a remote host; Junos requires that statement to be configured.',
  },
  file: {
    summary: 'Names the trace file and controls its size, rotation and permissions.',
    body:
      'Trace files live in `/var/log/` on the Routing Engine. When a file reaches `size`, it is renamed ' +
      '`name.0`, older copies shift up, and at most `files` copies are kept.',
    example: 'traceoptions {\n    file kmd-trace size 1m files 5;\n    flag ike;\n}',
  },
  'file filename': {
    summary: 'The trace file name, written under /var/log/.',
    body: 'Up to 1024 characters. Given positionally right after `file` (no keyword).',
  },
  'file size': {
    summary: 'Largest size a trace file may reach before it is rotated.',
    body: 'Accepts a number of bytes or a suffixed value such as `512k`, `10m` or `1g`. Rotation keeps at most `files` copies.',
  },
  'file files': {
    summary: 'How many rotated trace files to keep.',
    body: 'Range 2..1000. When the newest file reaches `size`, the oldest copy beyond this count is deleted.',
    default: '3 files',
  },
  'file world-readable': {
    summary: 'Lets any user on the device read the trace file.',
    body: 'Opposite of `no-world-readable`; by default trace files are readable only by privileged users.',
  },
  'file no-world-readable': {
    summary: 'Restricts the trace file to privileged users (the default).',
    body: 'Use it to undo a `world-readable` inherited from a group.',
  },
  'file match': {
    summary: 'Writes only trace lines that match this regular expression.',
    body: 'An extended regular expression, quoted when it contains spaces; lines that do not match are discarded before they reach the file.',
    example: 'file kmd size 1m match "10\\.1\\.15\\.";',
  },
};

/** Services syslog block (`syslog { host ... }`), used under service sets and interface services-options. */
export const servicesSyslogDocs: DocTable = {
  syslog: {
    summary: 'Sends log messages generated by the services PIC (session, NAT, IPsec events) to syslog hosts.',
    body:
      'Each `host` names a destination (`local` for the Routing Engine\'s own syslog, or a collector ' +
      'address) and the severity of `services` messages to send. Settings under a service set override ' +
      'the ones under the service interface\'s `services-options`.\n\n' +
      'IPsec rules only produce per-packet messages when their term has `then syslog`.',
    example: 'syslog {\n    host local {\n        services info;\n    }\n}',
    seeAlso: ['services ipsec-vpn rule term then syslog'],
  },
  'syslog exclude': {
    summary: 'Drops log messages that match the given fields before they are sent.',
    body: 'A named filter; a message is suppressed when every field configured in the entry matches. Fields can be addresses, ports, protocol, event ID, process, policy, interface or user name, and `success`/`failure`.',
    seeAlso: ['./syslog cache exclude'],
  },
  'syslog exclude destination-address': { summary: 'Matches messages about traffic to this IP address.', body: 'An IPv4 or IPv6 address compared with the destination address carried in the log message.' },
  'syslog exclude destination-port': { summary: 'Matches messages about traffic to this port.', body: 'A port number compared with the destination port in the log message.' },
  'syslog exclude event-id': { summary: 'Matches messages with this event identifier.', body: 'The event tag printed in the message, for example a session-close event.' },
  'syslog exclude failure': { summary: 'Matches messages that report a failed operation.', body: 'Combine with other fields to silence known, expected failures.' },
  'syslog exclude interface-name': { summary: 'Matches messages about this interface.', body: 'An interface name as printed in the message.' },
  'syslog exclude policy-name': { summary: 'Matches messages produced by this policy or rule.', body: 'The policy or rule name carried in the message.' },
  'syslog exclude process': { summary: 'Matches messages from this process.', body: 'The process name that generated the message.' },
  'syslog exclude protocol': { summary: 'Matches messages about this IP protocol.', body: 'A protocol name or number, such as `tcp` or `50`.' },
  'syslog exclude source-address': { summary: 'Matches messages about traffic from this IP address.', body: 'An IPv4 or IPv6 address compared with the source address in the message.' },
  'syslog exclude source-port': { summary: 'Matches messages about traffic from this port.', body: 'A port number compared with the source port in the message.' },
  'syslog exclude success': { summary: 'Matches messages that report a successful operation.', body: 'Useful to keep only failures in the log.' },
  'syslog exclude username': { summary: 'Matches messages about this user.', body: 'The user name carried in the message.' },
  'syslog limit': {
    summary: 'Caps how many services log messages are sent each second.',
    body: 'Messages above the cap are dropped and counted. An unsigned number of messages per second.',
    default: '10000 messages per second',
  },
  'syslog cache': {
    summary: 'Keeps security log events in the audit log buffer.',
    body: 'Presence turns the cache on. Its own `exclude` and `limit` replace the ones directly under `syslog`; Junos refuses both at once.',
  },
  'syslog cache exclude': {
    summary: 'Drops cached log messages that match the given fields.',
    body: 'Same fields as `syslog exclude`; cannot be combined with a `syslog exclude` at the level above.',
    seeAlso: ['./syslog exclude'],
  },
  'syslog cache exclude destination-address': { summary: 'Matches cached messages about traffic to this IP address.', body: 'An IPv4 or IPv6 address.' },
  'syslog cache exclude destination-port': { summary: 'Matches cached messages about traffic to this port.', body: 'A port number.' },
  'syslog cache exclude event-id': { summary: 'Matches cached messages with this event identifier.', body: 'The event tag printed in the message.' },
  'syslog cache exclude failure': { summary: 'Matches cached messages that report a failure.', body: 'No value.' },
  'syslog cache exclude interface-name': { summary: 'Matches cached messages about this interface.', body: 'An interface name.' },
  'syslog cache exclude policy-name': { summary: 'Matches cached messages from this policy or rule.', body: 'A policy or rule name.' },
  'syslog cache exclude process': { summary: 'Matches cached messages from this process.', body: 'A process name.' },
  'syslog cache exclude protocol': { summary: 'Matches cached messages about this IP protocol.', body: 'A protocol name or number.' },
  'syslog cache exclude source-address': { summary: 'Matches cached messages about traffic from this IP address.', body: 'An IPv4 or IPv6 address.' },
  'syslog cache exclude source-port': { summary: 'Matches cached messages about traffic from this port.', body: 'A port number.' },
  'syslog cache exclude success': { summary: 'Matches cached messages that report success.', body: 'No value.' },
  'syslog cache exclude username': { summary: 'Matches cached messages about this user.', body: 'A user name.' },
  'syslog cache limit': {
    summary: 'Caps the rate of cached log messages.',
    body: 'Messages per second; cannot be combined with `syslog limit` at the level above.',
    default: '10000 messages per second',
  },
  'syslog host': {
    summary: 'A destination for services log messages: `local` or the address of a syslog collector.',
    body:
      '`local` hands messages to the Routing Engine\'s syslog process, where `system syslog` decides ' +
      'which file they land in. An address sends them straight from the PIC to that collector (UDP ' +
      'port 514 unless `port` says otherwise). Inside the block, `services <severity>` selects what is sent.',
    example: 'host 192.0.2.50 {\n    services warning;\n    facility-override local5;\n    log-prefix r2-ms;\n}',
  },
  'syslog host contents': {
    summary: 'The message category to send, always `services` here, followed by the lowest severity.',
    body: 'Written as `services <severity>`, for example `services info;`. Messages at that severity and more severe are sent; `any` sends everything and `none` nothing.',
    example: 'host local {\n    services info;\n}',
  },
  'syslog host contents any': { summary: 'Sends services messages of every severity.', body: 'Equivalent to the lowest threshold; verbose on a busy PIC.' },
  'syslog host contents emergency': { summary: 'Sends only emergency services messages.', body: 'The most severe level: the system is unusable.' },
  'syslog host contents alert': { summary: 'Sends alert and emergency services messages.', body: 'Conditions that need immediate action.' },
  'syslog host contents critical': { summary: 'Sends critical and more severe services messages.', body: 'Critical conditions such as hardware faults.' },
  'syslog host contents error': { summary: 'Sends error and more severe services messages.', body: 'Errors that do not stop the service.' },
  'syslog host contents warning': { summary: 'Sends warning and more severe services messages.', body: 'Conditions worth watching.' },
  'syslog host contents notice': { summary: 'Sends notice and more severe services messages.', body: 'Normal but significant events.' },
  'syslog host contents info': {
    summary: 'Sends informational and more severe services messages.',
    body: 'The level the IKE dynamic SA example uses on `ms-1/2/0`: tunnel setup and teardown events appear in the log.',
  },
  'syslog host contents none': { summary: 'Sends no services messages to this host.', body: 'Disables the category for this destination without removing the host.' },
  'syslog host facility-override': {
    summary: 'Replaces the syslog facility of the messages sent to this host.',
    body: 'One of `authorization`, `daemon`, `ftp`, `kernel`, `user`, `local0`..`local7`. Lets a collector file PIC messages separately.',
  },
  'syslog host log-prefix': { summary: 'Text put at the start of every message sent to this host.', body: 'Useful to tell several PICs or routers apart on one collector.' },
  'syslog host port': { summary: 'UDP port of the syslog collector.', body: 'Range 1..65535.', default: '514 (the standard syslog port)' },
  'syslog host class': { summary: 'Selects which classes of services logs are sent to this host.', body: 'Each class (session, packet, stateful firewall, ALG, NAT, IDS, PCP, HA, URL filtering) is switched on by naming it.' },
  'syslog host class session-logs': { summary: 'Sends session open and close logs.', body: 'With neither `open` nor `close`, both are sent.' },
  'syslog host class session-logs open': { summary: 'Sends a log when a session is created.', body: 'Limits `session-logs` to session-open events.' },
  'syslog host class session-logs close': { summary: 'Sends a log when a session ends.', body: 'Limits `session-logs` to session-close events.' },
  'syslog host class packet-logs': { summary: 'Sends per-packet logs.', body: 'Can be very chatty; use it for short investigations.' },
  'syslog host class stateful-firewall-logs': { summary: 'Sends stateful firewall rule logs.', body: 'Events from `stateful-firewall` rules in the service set.' },
  'syslog host class alg-logs': { summary: 'Sends application-layer gateway logs.', body: 'Events from ALGs such as FTP or SIP.' },
  'syslog host class nat-logs': { summary: 'Sends NAT logs.', body: 'Address and port translation events.' },
  'syslog host class nat-logs deterministic-nat-configuration-log': { summary: 'Sends a log describing the deterministic NAT mapping.', body: 'Lets a collector reconstruct which subscriber owned which port block.' },
  'syslog host class ids-logs': { summary: 'Sends intrusion-detection logs.', body: 'Events from IDS rules in the service set.' },
  'syslog host class pcp-logs': { summary: 'Sends Port Control Protocol logs.', body: 'Choose `map` and/or `debug` below.' },
  'syslog host class pcp-logs map': { summary: 'Sends PCP mapping create/delete logs.', body: 'One message per mapping change.' },
  'syslog host class pcp-logs debug': { summary: 'Sends PCP debug logs.', body: 'For troubleshooting only.' },
  'syslog host class ha-logs': { summary: 'Sends logs about session state synchronisation between redundant PICs.', body: 'Choose the synchronised open and/or close events below.' },
  'syslog host class ha-logs open-synchronized': { summary: 'Logs sessions opened through state synchronisation.', body: 'Sent by the standby when it learns a session.' },
  'syslog host class ha-logs close-synchronized': { summary: 'Logs sessions closed through state synchronisation.', body: 'Sent by the standby when a learned session ends.' },
  'syslog host class urlf-logs': { summary: 'Sends URL filtering logs.', body: 'Events from web filtering profiles.' },
  'syslog host source-address': { summary: 'IPv4 source address used for messages sent to this host.', body: 'Pick an address the collector recognises and can route back to, typically a loopback.' },
  'syslog host tcp-log': { summary: 'Sends the logs over TCP (optionally TLS) instead of UDP.', body: 'Choose the source address, the routing instance and an SSL initiation profile below.' },
  'syslog host tcp-log source-address': { summary: 'Source address of the TCP log connection.', body: 'IPv4 or IPv6; cannot be combined with `source-address` on the host.' },
  'syslog host tcp-log vrf-name': { summary: 'Routing instance used to reach the collector over TCP.', body: 'Must name a configured `routing-instances` entry.' },
  'syslog host tcp-log ssl-profile': { summary: 'SSL initiation profile that wraps the TCP log connection in TLS.', body: 'Must name a `services ssl initiation profile`.' },
  'syslog message-rate-limit': { summary: 'Caps services log messages per second for this block.', body: 'Range 0..2147483647 messages per second.' },
};
