/**
 * client/simulate-panel/render.ts: turns a `junos/simulate` answer into the panel's HTML body: the verdict
 *   line (with blame links), the topology SVG, the IKE/ESP sequence diagram SVG, the show outputs, the
 *   defaults and events.
 * Owns: layout and wording of the panel; escaping every string that came from a configuration.
 * Must not know: VS Code APIs (pure functions from data to strings), how the result was computed.
 * Invariants: every configuration-derived string goes through `escapeHtml`; no inline script, style
 *   attribute handlers or remote URLs (the CSP forbids them anyway); links to source lines are `<a>` with
 *   `data-doc`, `data-line`, `data-character` for media/simulate.js to post as `reveal` messages.
 * Tests: test/e2e/suite/commands.test.js (panel HTML), test/e2e/ui/workbench.e2e.js (screenshots)
 */
import type { BlameSpan, ExchangedMessage, SimulationResult, TunnelResult } from '../../../engine/src/simulate/result';

export type SimulateAnswer = { available: false; reason: string } | { available: true; result: SimulationResult };

export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The short verdict for the panel title and the test API: `ESTABLISHED`, `IKE_NO_PROPOSAL`, or `UNAVAILABLE`. */
export function headlineVerdict(answer: SimulateAnswer): string {
  if (!answer.available) return 'UNAVAILABLE';
  const first = answer.result.tunnels[0];
  return first ? first.verdict : 'NO_TUNNEL';
}

export function renderBody(answer: SimulateAnswer): string {
  if (!answer.available) {
    return `<header class="verdict verdict-bad" role="status"><h1><span class="badge">NOT AVAILABLE</span> The tunnel could not be simulated</h1><p>${escapeHtml(answer.reason)}</p></header>`;
  }
  const r = answer.result;
  if (r.tunnels.length === 0) {
    const notes = r.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('');
    return `<header class="verdict verdict-bad" role="status"><h1><span class="badge">NO TUNNEL</span> No IPsec tunnel was found to simulate</h1></header><ul>${notes}</ul>`;
  }
  const parts: string[] = [];
  parts.push(renderVerdicts(r.tunnels));
  parts.push(section('topology', 'Topology', renderTopology(r)));
  for (const t of r.tunnels) {
    parts.push(section(`messages-${slug(t.id)}`, `IKE and ESP messages: ${escapeHtml(t.id)}`, renderSequence(t)));
    parts.push(section(`details-${slug(t.id)}`, `Negotiated: ${escapeHtml(t.id)}`, renderNegotiated(t)));
  }
  if (r.showOutputs.length > 0) {
    const outputs = r.showOutputs
      .map(
        (s) =>
          `<h3>${escapeHtml(s.device)}</h3>` +
          showBlock(`${s.device}> show services ipsec-vpn ike security-associations`, s.ikeSecurityAssociations) +
          showBlock(`${s.device}> show services ipsec-vpn ipsec security-associations`, s.ipsecSecurityAssociations) +
          `<details><summary>detail</summary>${showBlock(`${s.device}> show services ipsec-vpn ike security-associations detail`, s.ikeSecurityAssociationsDetail)}${showBlock(`${s.device}> show services ipsec-vpn ipsec security-associations detail`, s.ipsecSecurityAssociationsDetail)}</details>`,
      )
      .join('');
    parts.push(section('show', 'Junos show outputs', outputs));
  }
  parts.push(renderTraffic(r));
  const defaults = r.tunnels.flatMap((t) => t.defaults);
  if (defaults.length > 0) {
    const rows = defaults.map((d) => `<tr><td>${escapeHtml(d.device)}</td><td><code>${escapeHtml(d.path)}</code></td><td><code>${escapeHtml(d.value)}</code></td><td>${escapeHtml(d.reason)}</td></tr>`).join('');
    parts.push(section('defaults', 'Defaults applied', `<table><thead><tr><th scope="col">Router</th><th scope="col">Statement</th><th scope="col">Value</th><th scope="col">Why</th></tr></thead><tbody>${rows}</tbody></table>`));
  }
  const events = r.tunnels.flatMap((t) => t.events);
  if (events.length > 0) {
    parts.push(section('events', 'Events', `<ol class="events">${events.map((e) => `<li><span class="time">${escapeHtml(e.time)} ms</span> <strong>${escapeHtml(e.device)}</strong> ${escapeHtml(e.text)}</li>`).join('')}</ol>`));
  }
  if (r.notes.length > 0 || r.duplicateDevices.length > 0) {
    const items = [...r.notes.map(escapeHtml), ...r.duplicateDevices.map((d) => escapeHtml(d.message))].map((n) => `<li>${n}</li>`).join('');
    parts.push(section('notes', 'Notes', `<ul>${items}</ul>`));
  }
  return parts.join('\n');
}

function renderVerdicts(tunnels: readonly TunnelResult[]): string {
  return tunnels
    .map((t) => {
      const ok = t.verdict === 'ESTABLISHED';
      const blame = t.blame.length > 0 ? `<ul class="blame" aria-label="Responsible lines">${t.blame.map(blameLink).join('')}</ul>` : '';
      const blocking = t.blockingProblems.length > 0 ? `<ul class="blame" aria-label="Problems that block the commit">${t.blockingProblems.map((p) => `<li>${sourceLink(p.docId, p.line, p.column, `${p.device} line ${p.line}`)}: ${escapeHtml(p.message)}</li>`).join('')}</ul>` : '';
      return `<header class="verdict ${ok ? 'verdict-ok' : 'verdict-bad'}" role="status"><h1><span class="badge">${escapeHtml(t.verdict)}</span> ${escapeHtml(t.id)}</h1><p class="reason">${escapeHtml(t.reason)}</p>${blame}${blocking}</header>`;
    })
    .join('');
}

function blameLink(b: BlameSpan): string {
  return `<li>${sourceLink(b.docId, b.line, b.column, `${b.device} line ${b.line}`)}: <code>${escapeHtml(b.what)}</code></li>`;
}

function sourceLink(docId: string, line: number, column: number, label: string): string {
  return `<a href="#" class="source-link" data-doc="${escapeHtml(docId)}" data-line="${Math.max(0, line - 1)}" data-character="${Math.max(0, column - 1)}">${escapeHtml(label)}</a>`;
}

function section(id: string, title: string, body: string): string {
  return `<section aria-labelledby="h-${id}"><h2 id="h-${id}">${title}</h2>${body}</section>`;
}

function showBlock(command: string, output: string): string {
  return `<figure class="show"><figcaption><code>${escapeHtml(command)}</code></figcaption><pre tabindex="0">${escapeHtml(output)}</pre></figure>`;
}

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9]+/g, '-');
}

/** Routers in a row; each simulated tunnel as an arc between its two ends, labelled with the gateways. */
export function renderTopology(r: SimulationResult): string {
  const devices = r.devices.length > 0 ? r.devices : [...new Set(r.tunnels.flatMap((t) => t.ends.map((e) => e.device)))];
  const gap = 160;
  const width = Math.max(320, devices.length * gap + 40);
  const arcs = r.tunnels.filter((t) => t.ends.length === 2).length;
  const boxY = arcs > 0 ? 90 + arcs * 18 : 20;
  const height = boxY + 80;
  const x = (device: string) => 40 + devices.indexOf(device) * gap + 50;
  const shapes: string[] = [];
  // the chain of routers in device order (the result names no physical links: drawn as a dashed backbone)
  if (devices.length > 1) shapes.push(`<line class="backbone" x1="${x(devices[0]!)}" y1="${boxY + 20}" x2="${x(devices[devices.length - 1]!)}" y2="${boxY + 20}"/>`);
  r.tunnels.forEach((t, i) => {
    const [a, b] = t.ends;
    if (!a || !b || devices.indexOf(a.device) < 0 || devices.indexOf(b.device) < 0) return;
    const x1 = x(a.device);
    const x2 = x(b.device);
    const lift = 60 + i * 18;
    const cls = t.verdict === 'ESTABLISHED' ? 'tunnel tunnel-up' : 'tunnel tunnel-down';
    shapes.push(`<path class="${cls}" d="M ${x1} ${boxY} C ${x1} ${boxY - lift}, ${x2} ${boxY - lift}, ${x2} ${boxY}"><title>${escapeHtml(t.id)}: ${escapeHtml(t.verdict)}</title></path>`);
    shapes.push(`<text class="tunnel-label" x="${(x1 + x2) / 2}" y="${boxY - lift * 0.75 - 6}" text-anchor="middle">${escapeHtml(`${a.localGateway ?? '?'} ⇄ ${b.localGateway ?? a.remoteGateway ?? '?'}`)} · ${escapeHtml(t.verdict)}</text>`);
  });
  for (const d of devices) {
    const end = r.tunnels.flatMap((t) => t.ends).find((e) => e.device === d);
    shapes.push(
      `<g class="router" role="img" aria-label="router ${escapeHtml(d)}"><rect x="${x(d) - 45}" y="${boxY}" width="90" height="40" rx="8"/><text x="${x(d)}" y="${boxY + 25}" text-anchor="middle">${escapeHtml(d)}</text>` +
        (end ? `<text class="small" x="${x(d)}" y="${boxY + 58}" text-anchor="middle">${escapeHtml(end.serviceSet)}</text>` : '') +
        `</g>`,
    );
  }
  const summary = r.tunnels.map((t) => `${t.ends.map((e) => e.device).join(' to ')}: ${t.verdict}`).join('; ');
  return `<svg class="diagram" role="img" aria-label="Topology. ${escapeHtml(summary)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${shapes.join('')}</svg><p class="caption">Routers of the simulated folder; arcs are IPsec tunnels (solid when established). The dashed line stands for the transport network between them.</p>`;
}

/** A lifeline per router and an arrow per IKE message, in time order; the ESP SAs installed at the end. */
export function renderSequence(t: TunnelResult): string {
  if (t.messages.length === 0) return `<p>No IKE message was exchanged: ${escapeHtml(t.reason)}</p>`;
  const actors = [...new Set([...t.ends.map((e) => e.device), ...t.messages.flatMap((m) => [m.from, m.to])])];
  const colWidth = 300;
  const left = 150;
  const rowH = 46;
  const top = 50;
  const esp = t.verdict === 'ESTABLISHED' ? 1 : 0;
  const width = left + (actors.length - 1) * colWidth + 150;
  const height = top + (t.messages.length + esp) * rowH + 30;
  const x = (a: string) => left + actors.indexOf(a) * colWidth;
  const out: string[] = [];
  out.push(`<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead"/></marker></defs>`);
  for (const a of actors) {
    out.push(`<text class="actor" x="${x(a)}" y="22" text-anchor="middle">${escapeHtml(a)}</text><line class="lifeline" x1="${x(a)}" y1="32" x2="${x(a)}" y2="${height - 10}"/>`);
  }
  t.messages.forEach((m: ExchangedMessage, i) => {
    const y = top + i * rowH + 20;
    const x1 = x(m.from);
    const x2 = x(m.to);
    const cls = m.retransmission ? 'msg msg-retransmit' : m.encrypted ? 'msg msg-encrypted' : 'msg';
    const label = `${m.exchange} #${m.messageNumber}${m.retransmission ? ' (retransmitted)' : ''}`;
    out.push(`<g class="${cls}"><title>${escapeHtml([label, ...m.summary].join('\n'))}</title><line x1="${x1}" y1="${y}" x2="${x2}" y2="${y}" marker-end="url(#arrow)"/>`);
    out.push(`<text x="${(x1 + x2) / 2}" y="${y - 6}" text-anchor="middle">${escapeHtml(label)}</text>`);
    out.push(`<text class="small" x="${(x1 + x2) / 2}" y="${y + 14}" text-anchor="middle">${escapeHtml(m.payloads.join(', '))}${m.encrypted ? ' (encrypted)' : ''}</text>`);
    out.push(`<text class="small time" x="8" y="${y + 4}">${escapeHtml(m.time)} ms</text></g>`);
  });
  if (esp && t.ends.length === 2) {
    const y = top + t.messages.length * rowH + 20;
    const a = x(t.ends[0]!.device);
    const b = x(t.ends[1]!.device);
    out.push(`<g class="msg msg-esp"><line x1="${a}" y1="${y}" x2="${b}" y2="${y}" marker-end="url(#arrow)" marker-start="url(#arrow)"/><text x="${(a + b) / 2}" y="${y - 6}" text-anchor="middle">ESP ${escapeHtml(t.ipsec?.encryption ?? '')} ${escapeHtml(t.ipsec?.authentication ?? '')}: traffic protected</text></g>`);
  }
  const list = t.messages.map((m) => `<li>${escapeHtml(`${m.time} ms ${m.from} → ${m.to}: ${m.exchange} #${m.messageNumber} [${m.payloads.join(', ')}]`)}</li>`).join('');
  return `<svg class="diagram" role="img" aria-labelledby="seq-${slug(t.id)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"><title id="seq-${slug(t.id)}">Sequence of ${t.messages.length} IKE messages between ${escapeHtml(actors.join(' and '))}</title>${out.join('')}</svg><details><summary>Messages as text</summary><ol class="messages">${list}</ol></details>`;
}

function renderNegotiated(t: TunnelResult): string {
  const rows: [string, string][] = [];
  if (t.initiator) rows.push(['Initiator', `${t.initiator.device}: ${t.initiator.why}`]);
  if (t.ike) rows.push(['IKE', `IKEv${t.ike.version} ${t.ike.exchangeType}, ${t.ike.encryption}, ${t.ike.authentication}, ${t.ike.dhGroup}, lifetime ${t.ike.lifetimeSeconds} s`]);
  if (t.ipsec) rows.push(['IPsec', `ESP ${t.ipsec.encryption}${t.ipsec.authentication ? `, ${t.ipsec.authentication}` : ''}, PFS ${t.ipsec.pfsGroup ?? 'none'}, lifetime ${t.ipsec.lifetimeSeconds} s`]);
  for (const e of t.ends) rows.push([`${e.device} end`, `service set ${e.serviceSet}, rule ${e.rule} term ${e.term}, local ${e.localGateway ?? '-'}, remote ${e.remoteGateway ?? '-'}${e.role ? `, ${e.role}` : ''}`]);
  for (const s of t.sides) rows.push([`${s.device} SAs`, `${s.ipsecSas.map((sa) => `${sa.direction} SPI ${sa.spi}`).join(', ') || 'none'}${s.failure ? ` (failure: ${s.failure})` : ''}`]);
  rows.push(['Peer search', t.peerSearch]);
  return `<table><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</tbody></table>`;
}

/** The parts of the engine's optional traffic result the panel shows (read defensively: it is optional). */
interface TrafficOutputs {
  readonly pings?: readonly { readonly output?: string }[];
  readonly traceroutes?: readonly { readonly output?: string }[];
  readonly routes?: readonly { readonly router?: string; readonly text?: string }[];
  readonly statistics?: readonly { readonly router?: string; readonly text?: string }[];
}

/** Ping and traceroute outputs, routes and IPsec statistics, when the simulation ran traffic. */
export function renderTraffic(r: SimulationResult): string {
  const traffic = (r as SimulationResult & { traffic?: TrafficOutputs }).traffic;
  if (!traffic || typeof traffic !== 'object') return '';
  const blocks: string[] = [];
  const texts = (items: readonly { output?: string }[] | undefined) => (Array.isArray(items) ? items.filter((i) => typeof i?.output === 'string').map((i) => `<pre tabindex="0">${escapeHtml(i.output)}</pre>`) : []);
  const perRouter = (items: readonly { router?: string; text?: string }[] | undefined, what: string) =>
    Array.isArray(items) ? items.filter((i) => typeof i?.text === 'string').map((i) => showBlock(`${i.router ?? '?'}> ${what}`, i.text!)) : [];
  const pings = texts(traffic.pings);
  const traceroutes = texts(traffic.traceroutes);
  if (pings.length > 0) blocks.push(`<h3>Ping</h3>${pings.join('')}`);
  if (traceroutes.length > 0) blocks.push(`<h3>Traceroute</h3>${traceroutes.join('')}`);
  blocks.push(...perRouter(traffic.routes, 'show route'), ...perRouter(traffic.statistics, 'show services ipsec-vpn ipsec statistics'));
  return blocks.length > 0 ? section('traffic', 'Traffic', blocks.join('')) : '';
}
