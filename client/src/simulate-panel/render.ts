/**
 * client/simulate-panel/render.ts: turns a `junos/simulate` answer into the panel's HTML body: the verdict
 *   line (with blame links), the topology SVG (routers, physical links, tunnels, the ping's packet path),
 *   the ping and traceroute results with the path as text, the DPD/failover timeline, the IKE/ESP sequence
 *   diagram SVG, the show outputs, statistics, the defaults and events.
 * Owns: layout and wording of the panel; escaping every string that came from a configuration.
 * Must not know: VS Code APIs (pure functions from data to strings), how the result was computed.
 * Invariants: every configuration-derived string goes through `escapeHtml`; no inline script, style
 *   attribute handlers or remote URLs (the CSP forbids them anyway); links to source lines are `<a>` with
 *   `data-doc`, `data-line`, `data-character` for media/simulate.js to post as `reveal` messages.
 * Tests: test/e2e/suite/commands.test.js (panel HTML), test/e2e/ui/workbench.e2e.js (screenshots)
 */
import type { BlameSpan, ExchangedMessage, SimulationResult, TopologyLinkView, TrafficResult, TunnelResult } from '../../../engine/src/simulate/result';
import { packetPath, replyPacket, type PacketPath } from './probe';

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
  parts.push(renderPingLine(r));
  parts.push(section('topology', 'Topology', renderTopology(r)));
  parts.push(renderProbes(r));
  parts.push(renderTimeline(r));
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
  parts.push(renderStatistics(r));
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

/** Routers in the order of their physical links: a depth-first walk from a router with the fewest links. */
export function layoutOrder(routers: readonly string[], links: readonly TopologyLinkView[]): string[] {
  const neighbours = new Map(routers.map((r) => [r, [] as string[]]));
  for (const l of links) {
    for (const a of l.ends) for (const b of l.ends) if (a.router !== b.router && neighbours.has(a.router) && neighbours.has(b.router) && !neighbours.get(a.router)!.includes(b.router)) neighbours.get(a.router)!.push(b.router);
  }
  for (const list of neighbours.values()) list.sort((a, b) => routers.indexOf(a) - routers.indexOf(b));
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (r: string): void => {
    seen.add(r);
    order.push(r);
    for (const n of neighbours.get(r)!) if (!seen.has(n)) visit(n);
  };
  while (order.length < routers.length) {
    const left = routers.filter((r) => !seen.has(r));
    const linked = left.filter((r) => neighbours.get(r)!.length > 0);
    const pool = linked.length > 0 ? linked : left;
    const fewest = Math.min(...pool.map((r) => neighbours.get(r)!.length));
    visit(pool.find((r) => neighbours.get(r)!.length === fewest)!);
  }
  return order;
}

/** The first ping's echo request, and its reply, as paths (undefined when no ping ran or nothing was sent). */
export function pingPaths(r: SimulationResult): { request: PacketPath; reply: PacketPath | undefined } | undefined {
  const traffic = r.traffic;
  const ping = traffic?.pings?.[0];
  const first = ping?.packets?.[0];
  if (!traffic || first === undefined || !Array.isArray(traffic.traces)) return undefined;
  const request = packetPath(traffic.traces, first, r.topology);
  const replyNumber = replyPacket(traffic.traces, first);
  return { request, reply: replyNumber === undefined ? undefined : packetPath(traffic.traces, replyNumber, r.topology) };
}

/**
 * Routers in a row with their physical links (subnet above, units and addresses below), each simulated
 * tunnel as an arc above them (solid when established), and the first ping's echo request highlighted hop by
 * hop, with the routers it visited numbered in order.
 */
export function renderTopology(r: SimulationResult): string {
  const topology = r.topology;
  const names = topology ? topology.routers.map((x) => x.name) : r.devices.length > 0 ? r.devices : [...new Set(r.tunnels.flatMap((t) => t.ends.map((e) => e.device)))];
  const links = topology ? topology.links.filter((l) => l.kind !== 'tunnel') : [];
  const devices = layoutOrder(names, links);
  const paired = r.tunnels.filter((t) => t.ends.length === 2 && t.ends.every((e) => devices.includes(e.device)));
  const gap = 240;
  const boxW = 126;
  const boxH = 44;
  const boxY = 12 + (paired.length > 0 ? 48 + paired.length * 28 : 0);
  const farLinks = links.filter((l) => !adjacent(devices, l));
  const width = 60 + (devices.length - 1) * gap + boxW;
  const busY = (l: TopologyLinkView) => boxY + boxH + 24 + farLinks.indexOf(l) * 20;
  const height = boxY + boxH + (farLinks.length > 0 ? 24 + farLinks.length * 20 : 12);
  const cx = (d: string) => 30 + devices.indexOf(d) * gap + boxW / 2;
  const midY = boxY + boxH / 2;
  const paths = pingPaths(r);
  const shapes: string[] = [];
  shapes.push(`<defs><marker id="path-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerUnits="userSpaceOnUse" markerWidth="13" markerHeight="13" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" class="path-arrowhead"/></marker></defs>`);

  /** the drawn geometry of a physical link, from router `from`'s side */
  // adjacent point-to-point links: a line between the boxes; other links: a bus under the row, a drop per router
  const linkGeometry = (l: TopologyLinkView, from?: string, to?: string): string | undefined => {
    const routers = [...new Set(l.ends.map((e) => e.router))].filter((x) => devices.includes(x));
    if (routers.length < 2) return undefined;
    if (from === undefined || to === undefined) {
      if (adjacent(devices, l)) {
        const [a, b] = routers.sort((p, q) => cx(p) - cx(q));
        return `M ${cx(a!) + boxW / 2} ${midY} L ${cx(b!) - boxW / 2} ${midY}`;
      }
      const xs = routers.map(cx);
      return `M ${Math.min(...xs)} ${busY(l)} L ${Math.max(...xs)} ${busY(l)} ${routers.map((r) => `M ${cx(r)} ${boxY + boxH} L ${cx(r)} ${busY(l)}`).join(' ')}`;
    }
    if (!routers.includes(from) || !routers.includes(to)) return undefined;
    const dir = cx(to) > cx(from) ? 1 : -1;
    if (adjacent(devices, l)) return `M ${cx(from) + (dir * boxW) / 2} ${midY} L ${cx(to) - (dir * boxW) / 2} ${midY}`;
    return `M ${cx(from)} ${boxY + boxH} L ${cx(from)} ${busY(l)} L ${cx(to)} ${busY(l)} L ${cx(to)} ${boxY + boxH + 2}`;
  };
  /** the arc of the tunnel between two routers; `inset` draws it lower (the ping's hop inside the tunnel's own arc) */
  const tunnelGeometry = (from: string, to: string, inset = 0): string | undefined => {
    const i = paired.findIndex((t) => t.ends.some((e) => e.device === from) && t.ends.some((e) => e.device === to));
    if (i < 0) return undefined;
    const lift = 60 + i * 28 - inset;
    const [x1, x2] = [cx(from), cx(to)];
    return `M ${x1} ${boxY} C ${x1} ${boxY - lift}, ${x2} ${boxY - lift}, ${x2} ${boxY}`;
  };

  for (const l of links) {
    const d = linkGeometry(l);
    if (!d) continue;
    const ends = l.ends.map((e) => `${e.router} ${e.unit}${e.address ? ` ${e.address}` : ''}`).join(' to ');
    shapes.push(`<path class="link ${l.up ? 'link-up' : 'link-down'}" d="${d}" data-link="${escapeHtml(l.id)}"><title>${escapeHtml(`${l.id} ${l.subnet ?? ''}${l.up ? '' : ' (down)'}: ${ends}`)}</title></path>`);
    if (adjacent(devices, l)) {
      const [a, b] = [...l.ends].sort((p, q) => cx(p.router) - cx(q.router));
      const x1 = cx(a!.router) + boxW / 2;
      const x2 = cx(b!.router) - boxW / 2;
      shapes.push(`<text class="small link-label" x="${(x1 + x2) / 2}" y="${midY - 8}" text-anchor="middle">${escapeHtml(l.subnet ?? '')}${l.up ? '' : ' down'}</text>`);
      shapes.push(`<text class="small unit-label" x="${x1 + 4}" y="${midY + 15}">${escapeHtml(unitText(a!))}</text>`);
      shapes.push(`<text class="small unit-label" x="${x2 - 4}" y="${midY + 29}" text-anchor="end">${escapeHtml(unitText(b!))}</text>`);
    } else {
      const xs = l.ends.filter((e) => devices.includes(e.router)).map((e) => cx(e.router));
      shapes.push(`<text class="small link-label" x="${(Math.min(...xs) + Math.max(...xs)) / 2}" y="${busY(l) - 4}" text-anchor="middle">${escapeHtml(l.subnet ?? '')}${l.up ? '' : ' down'}</text>`);
    }
  }
  paired.forEach((t, i) => {
    const [a, b] = [t.ends[0]!, t.ends[1]!];
    const x1 = cx(a.device);
    const x2 = cx(b.device);
    const lift = 60 + i * 28;
    const cls = t.verdict === 'ESTABLISHED' ? 'tunnel tunnel-up' : 'tunnel tunnel-down';
    shapes.push(`<path class="${cls}" d="${tunnelGeometry(a.device, b.device)}"><title>${escapeHtml(t.id)}: ${escapeHtml(t.verdict)}</title></path>`);
    shapes.push(`<text class="tunnel-label" x="${(x1 + x2) / 2}" y="${boxY - lift * 0.75 - 6}" text-anchor="middle">${escapeHtml(`IPsec ${a.localGateway ?? '?'} ⇄ ${b.localGateway ?? a.remoteGateway ?? '?'}`)} · ${escapeHtml(t.verdict)}</text>`);
  });
  // the ping's echo request, hop by hop, over the links and through the tunnel
  const visited: string[] = [];
  if (paths) {
    const { request } = paths;
    for (const step of request.steps) if (!visited.includes(step.router)) visited.push(step.router);
    request.hops.forEach((hop, i) => {
      if (hop.via === 'link' && hop.esp && request.hops.some((h) => h.via === 'tunnel' && h.from === hop.from)) {
        // the ESP carrier on the underlay: drawn thin, the tunnel hop carries the highlight
        const link = links.find((l) => l.id === hop.linkId);
        const d = link && linkGeometry(link, hop.from, hop.to);
        if (d) shapes.push(`<path class="path-hop path-carrier" d="${d}" data-from="${escapeHtml(hop.from)}" data-to="${escapeHtml(hop.to)}" data-via="esp"><title>${escapeHtml(`hop ${i + 1}: ESP from ${hop.from} to ${hop.to} over ${hop.linkId}`)}</title></path>`);
        return;
      }
      const link = hop.via === 'link' ? links.find((l) => l.id === hop.linkId) : undefined;
      const d = hop.via === 'tunnel' ? tunnelGeometry(hop.from, hop.to, 16) : link && linkGeometry(link, hop.from, hop.to);
      if (!d) return;
      shapes.push(`<path class="path-hop" d="${d}" marker-end="url(#path-arrow)" data-from="${escapeHtml(hop.from)}" data-to="${escapeHtml(hop.to)}" data-via="${hop.via}"><title>${escapeHtml(`hop ${i + 1}: ${hop.from} to ${hop.to} ${hop.via === 'tunnel' ? 'through the IPsec tunnel' : `over ${hop.linkId}`}`)}</title></path>`);
    });
  }
  const endRouter = paths?.request.end;
  const routerState = new Map((topology?.routers ?? []).map((x) => [x.name, x.up]));
  for (const d of devices) {
    const end = r.tunnels.flatMap((t) => t.ends).find((e) => e.device === d);
    const down = routerState.get(d) === false;
    const step = visited.indexOf(d);
    const dropped = endRouter && endRouter.router === d && endRouter.action !== 'deliver';
    const cls = ['router', down ? 'router-down' : '', step >= 0 ? 'router-on-path' : '', dropped ? 'router-drop' : ''].filter(Boolean).join(' ');
    const label = `router ${d}${down ? ' (down)' : ''}${step >= 0 ? `, step ${step + 1} of the ping` : ''}${dropped ? `, the ping stopped here: ${endRouter.outcome}` : ''}`;
    shapes.push(
      `<g class="${cls}" role="img" aria-label="${escapeHtml(label)}"><rect x="${cx(d) - boxW / 2}" y="${boxY}" width="${boxW}" height="${boxH}" rx="8"/><text class="router-name" x="${cx(d)}" y="${boxY + (end ? 21 : 27)}" text-anchor="middle">${escapeHtml(d)}${down ? ' ✕' : ''}</text>` +
        (end ? `<text class="small" x="${cx(d)}" y="${boxY + 37}" text-anchor="middle">${escapeHtml(end.serviceSet)}</text>` : '') +
        (step >= 0 ? `<circle class="hop-badge${dropped ? ' hop-badge-drop' : ''}" cx="${cx(d) - boxW / 2}" cy="${boxY}" r="10"/><text class="hop-number" x="${cx(d) - boxW / 2}" y="${boxY + 4}" text-anchor="middle">${step + 1}</text>` : '') +
        `</g>`,
    );
  }
  const summary = r.tunnels.map((t) => `${t.ends.map((e) => e.device).join(' to ')}: ${t.verdict}`).join('; ');
  const pathText = paths ? ` Ping path: ${describeHops(paths.request)}.` : '';
  const linkText = links.length > 0 ? ` Links: ${links.map((l) => `${l.id}${l.up ? '' : ' (down)'}`).join(', ')}.` : '';
  const caption = topology
    ? `Routers of the simulated folder and the links their interface subnets form; arcs are IPsec tunnels (solid when established).${paths ? ' The highlighted hops are the path of the first echo request of the ping, numbered in the order it visited the routers.' : ''}`
    : 'Routers of the simulated folder; arcs are IPsec tunnels (solid when established). This server sent no topology, so no links are drawn.';
  // at its natural size up to the panel's width, never shrunk below a readable size: the frame scrolls instead
  return `<div class="scroll" tabindex="0" role="group" aria-label="Topology picture (scrolls sideways when the panel is narrow)"><svg class="diagram topology${width > 640 ? ' wide' : ''}" role="img" aria-label="${escapeHtml(`Topology. ${summary}.${linkText}${pathText}`)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${shapes.join('')}</svg></div><p class="caption">${escapeHtml(caption)}</p>`;
}

function adjacent(devices: readonly string[], l: TopologyLinkView): boolean {
  const positions = [...new Set(l.ends.map((e) => devices.indexOf(e.router)))];
  return positions.length === 2 && positions.every((p) => p >= 0) && Math.abs(positions[0]! - positions[1]!) === 1;
}

/** `ge-0/0/1 .1`: the unit (unit 0 left out) and the address's last byte. */
function unitText(end: TopologyLinkView['ends'][number]): string {
  const unit = end.unit.endsWith('.0') ? end.unit.slice(0, -2) : end.unit;
  return end.address ? `${unit} .${end.address.split('.').pop()}` : unit;
}

function describeHops(p: PacketPath): string {
  if (p.hops.length === 0) return p.end ? `${p.end.router} (${p.end.outcome})` : 'nothing sent';
  const shown = p.hops.filter((h) => !(h.via === 'link' && h.esp && p.hops.some((t) => t.via === 'tunnel' && t.from === h.from)));
  const words = [shown[0]!.from, ...shown.map((h) => (h.via === 'tunnel' ? `through the tunnel to ${h.to}` : h.to))];
  const end = p.end && p.end.action !== 'deliver' ? `, stopped at ${p.end.router}: ${p.end.outcome}` : '';
  return `${words.join(' → ')}${end}`;
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

/** One line under the verdict: what the default ping found. */
function renderPingLine(r: SimulationResult): string {
  const ping = r.traffic?.pings?.[0];
  if (!ping) return '';
  const ok = ping.transmitted > 0 && ping.received === ping.transmitted;
  const paths = pingPaths(r);
  const through = paths && paths.request.hops.some((h) => h.via === 'tunnel') ? ' through the tunnel' : '';
  const why = ping.reason ? `: ${ping.reason}` : '';
  const text = ok
    ? `${ping.received} of ${ping.transmitted} echo requests answered${through}`
    : ping.transmitted === 0
      ? `no echo request could be sent${why}`
      : `${ping.received} of ${ping.transmitted} echo requests answered${why}`;
  return `<p class="ping-line ${ok ? 'ping-ok' : 'ping-bad'}" id="ping-line" data-received="${ping.received}" data-transmitted="${ping.transmitted}"><span class="badge">PING</span> <code>${escapeHtml(`${ping.from} → ${ping.to}`)}</code>: ${escapeHtml(text)}. <a href="#h-traffic">Ping and traceroute</a></p>`;
}

/** Ping and traceroute outputs as Junos prints them, and the packet path of the first echo request and its reply. */
export function renderProbes(r: SimulationResult): string {
  const traffic = r.traffic;
  if (!traffic || typeof traffic !== 'object') return '';
  const blocks: string[] = [];
  for (const f of traffic.failures ?? []) blocks.push(`<p class="failure">${escapeHtml(`Failed${f.atSeconds === undefined ? '' : ` at ${f.atSeconds} s`}: ${f.message}`)}</p>`);
  for (const p of traffic.pings ?? []) {
    const count = p.transmitted > 0 ? p.transmitted : Array.isArray(p.sendErrors) ? p.sendErrors.length : 0;
    blocks.push(showBlock(`user@${p.from}> ping ${p.to}${count > 0 ? ` count ${count}` : ''}`, p.output));
    if (p.reason && !p.output.includes(p.reason)) blocks.push(`<p class="reason">${escapeHtml(`Simulator: ${p.reason}`)}</p>`);
  }
  const paths = pingPaths(r);
  if (paths) {
    const list = (p: PacketPath, what: string) =>
      `<h3>${escapeHtml(what)}</h3><ol class="path-steps" aria-label="${escapeHtml(what)}">${p.steps
        .map((s) => `<li class="step-${escapeHtml(s.action)}"><strong>${escapeHtml(s.router)}</strong> <code>${escapeHtml(s.action)}</code>${s.interface ? ` <code>${escapeHtml(s.interface)}</code>` : ''} <span class="packet">${escapeHtml(`${s.source} → ${s.destination} ${protocolName(s.protocol)}${s.spi !== undefined ? ` SPI ${s.spi}` : ''} TTL ${s.ttl}`)}</span>: ${escapeHtml(s.outcome)}</li>`)
        .join('')}</ol>`;
    blocks.push(`<p>${escapeHtml(`Path of the first echo request: ${describeHops(paths.request)}.`)}</p>`);
    blocks.push(list(paths.request, 'Packet path: echo request'));
    if (paths.reply) blocks.push(`<details><summary>Packet path: echo reply (${escapeHtml(describeHops(paths.reply))})</summary>${list(paths.reply, 'Packet path: echo reply')}</details>`);
  }
  for (const t of traffic.traceroutes ?? []) {
    blocks.push(showBlock(`user@${t.from}> traceroute ${t.to}`, t.output));
    if (t.reason && !t.output.includes(t.reason)) blocks.push(`<p class="reason">${escapeHtml(`Simulator: ${t.reason}`)}</p>`);
  }
  for (const route of traffic.routes ?? []) blocks.push(showBlock(`user@${route.router}> show route`, route.text));
  return blocks.length > 0 ? section('traffic', 'Ping and traceroute', blocks.join('')) : '';
}

function protocolName(protocol: number): string {
  return protocol === 1 ? 'ICMP' : protocol === 17 ? 'UDP' : protocol === 50 ? 'ESP' : protocol === 51 ? 'AH' : `protocol ${protocol}`;
}

/** An event of a DPD/failover timeline, read defensively (the engine adds kinds over time). */
interface TimelineEvent {
  readonly time: number;
  readonly text: string;
  readonly router?: string;
  readonly device?: string;
  readonly kind?: string;
}

function timelineEvents(value: unknown): TimelineEvent[] {
  if (!Array.isArray(value)) return [];
  return value.filter((e): e is TimelineEvent => !!e && typeof e === 'object' && typeof (e as TimelineEvent).time === 'number' && typeof (e as TimelineEvent).text === 'string');
}

/** Dead peer detection and failover, when the engine reports a timeline: hellos, acknowledgements, dead peers, failovers. */
export function renderTimeline(r: SimulationResult): string {
  const traffic = r.traffic as (TrafficResult & { timeline?: unknown }) | undefined;
  const events = [...timelineEvents(traffic?.deadPeerDetection), ...timelineEvents(traffic?.timeline), ...timelineEvents((r as SimulationResult & { timeline?: unknown }).timeline)];
  const unique = events.filter((e, i) => events.findIndex((o) => o.time === e.time && o.text === e.text && (o.router ?? o.device) === (e.router ?? e.device)) === i).sort((a, b) => a.time - b.time);
  const renegotiations = renegotiationItems((traffic as { renegotiations?: unknown } | undefined)?.renegotiations);
  if (unique.length === 0 && renegotiations.length === 0) return '';
  const rows = unique
    .map((e) => `<tr class="event-${escapeHtml(e.kind ?? 'event')}"><td class="time">${escapeHtml((e.time / 1000).toFixed(3))} s</td><td>${escapeHtml(e.router ?? e.device ?? '')}</td><td>${escapeHtml(e.kind ?? '')}</td><td>${escapeHtml(e.text)}</td></tr>`)
    .join('');
  const table = unique.length > 0 ? `<table class="timeline"><thead><tr><th scope="col">Time</th><th scope="col">Router</th><th scope="col">Event</th><th scope="col">What happened</th></tr></thead><tbody>${rows}</tbody></table>` : '';
  const again = renegotiations.length > 0 ? `<h3>IKE negotiations during the traffic</h3><ol class="events">${renegotiations.join('')}</ol>` : '';
  return section('timeline', 'Dead peer detection and failover', table + again);
}

/** The engine's renegotiations after a failover (read field by field: the shape is young). */
function renegotiationItems(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  return value
    .filter((r): r is Record<string, unknown> => !!r && typeof r === 'object' && typeof (r as { time?: unknown }).time === 'number')
    .map((r) => {
      const role = text(r['gatewayRole']);
      const what = `${text(r['initiator'])} → ${text(r['responder'])}${r['gateway'] !== undefined ? ` (${text(r['gateway'])}${role ? `, ${role}` : ''})` : ''}`;
      const verdict = text(r['verdict']);
      return `<li><span class="time">${escapeHtml(((r['time'] as number) / 1000).toFixed(3))} s</span> ${escapeHtml(what)}: <strong>${escapeHtml(verdict)}</strong>${r['reason'] !== undefined ? ` ${escapeHtml(text(r['reason']))}` : ''}</li>`;
    });
}

/** `show services ipsec-vpn ipsec statistics` per router after the traffic. */
export function renderStatistics(r: SimulationResult): string {
  const statistics = r.traffic?.statistics;
  if (!Array.isArray(statistics) || statistics.length === 0 || (r.traffic?.pings?.length ?? 0) + (r.traffic?.traceroutes?.length ?? 0) === 0) return '';
  return section('statistics', 'IPsec statistics after the traffic', statistics.map((s) => showBlock(`user@${s.router}> show services ipsec-vpn ipsec statistics`, s.text)).join(''));
}
