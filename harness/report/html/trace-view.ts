// The page's script that draws a case's message sequence chart and message details from the
// page's packed data (case-data.ts) the first time the case is opened. The chart, as inline SVG: a
// lifeline for each harness peer and each target address, one arrow per datagram in time order
// (labelled with its CoAP summary, coloured by code class), the checks drawn beside the message
// they judged, and checks that judged an absence (a missed deadline) drawn at the moment they
// were decided. Each arrow is a focusable group carrying data-seq, so behaviour.ts can show that
// message's details: addresses and time, the CoAP header, options, the payload as text, decoded
// by its Content-Format, and as a hex dump, and the checks that judged it.
// Plain DOM code with no dependencies, so the file works offline and from file://.

const layout = {
  timeColumn: 78,
  firstLifeline: 150,
  /** Lifelines are spread so the longest label fits, within these bounds. */
  minLifelineGap: 300,
  maxLifelineGap: 640,
  header: 58,
  row: 32,
  gapRow: 24,
  badgeWidth: 26,
  /** A pause longer than this between two rows is drawn as a break labelled with its length. */
  breakAfterMs: 750,
  // Width of one character of the 11.5px monospace labels, rounded up.
  charWidth: 7,
};

export const traceView = String.raw`
const traceView = (() => {
  const L = ${JSON.stringify(layout)};
  const forbidden = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
  const entities = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  const esc = (s) => String(s).replace(forbidden, '\ufffd').replace(/[&<>"']/g, (c) => entities[c]);
  const seconds = (ms) => (ms / 1000).toFixed(3) + ' s';
  function truncate(text, width) {
    const max = Math.max(8, Math.floor(width / L.charWidth));
    return text.length <= max ? text : text.slice(0, max - 1) + '…';
  }
  function codeClass(code) {
    if (!code) return 'undecodable';
    if (code === '0.00') return 'empty';
    if (code.startsWith('0.')) return 'request';
    if (code.startsWith('2.')) return 'success';
    if (code.startsWith('4.')) return 'client-error';
    return 'server-error';
  }

  function lifelinesOf(msgs) {
    const harness = new Map(), target = new Map();
    for (const t of msgs) {
      const local = t.direction === 'out' ? t.from : t.to, remote = t.direction === 'out' ? t.to : t.from;
      const hk = 'h:' + t.endpoint + ':' + local, tk = 't:' + remote;
      if (!harness.has(hk)) harness.set(hk, { key: hk, title: 'harness ' + t.endpoint, address: local, side: 'harness' });
      if (!target.has(tk)) target.set(tk, { key: tk, title: 'target', address: remote, side: 'target' });
    }
    return [...harness.values(), ...target.values()];
  }
  function endsOf(t) {
    const local = 'h:' + t.endpoint + ':' + (t.direction === 'out' ? t.from : t.to);
    const remote = 't:' + (t.direction === 'out' ? t.to : t.from);
    return t.direction === 'out' ? { from: local, to: remote } : { from: remote, to: local };
  }
  function rowsOf(msgs, checks) {
    const events = msgs.map((t, i) => ({ atMs: t.atMs, order: i, row: { kind: 'message', t } }));
    // Checks that judged no message (nothing arrived by a deadline) are placed when they were decided.
    checks.filter((c) => c.at === null && c.verdict !== 'pass')
      .forEach((c, i) => events.push({ atMs: c.atMs, order: msgs.length + i, row: { kind: 'check', c } }));
    events.sort((a, b) => a.atMs - b.atMs || a.order - b.order);
    const rows = [];
    let previous;
    for (const e of events) {
      if (previous !== undefined && e.atMs - previous > L.breakAfterMs) rows.push({ kind: 'gap', ms: e.atMs - previous });
      rows.push(e.row);
      previous = e.atMs;
    }
    return rows;
  }

  function chart(caseId, idPrefix, msgs, checks) {
    if (!msgs.length) return '<p class="empty-trace">No datagrams were exchanged in this case.</p>';
    const lifelines = lifelinesOf(msgs);
    const longest = Math.max(...msgs.map((t) => t.summary.length));
    const gap = Math.min(L.maxLifelineGap, Math.max(L.minLifelineGap, Math.ceil(longest * L.charWidth + 30)));
    const x = new Map(lifelines.map((l, i) => [l.key, L.firstLifeline + i * gap]));
    const lastX = L.firstLifeline + (lifelines.length - 1) * gap;
    const badgeX = lastX + 40;
    const judgedBy = new Map();
    for (const c of checks) if (c.at !== null) judgedBy.set(c.at, [...(judgedBy.get(c.at) || []), c]);
    const maxBadges = Math.max(1, ...[...judgedBy.values()].map((l) => l.length));
    // Wide enough for the last lifeline's header box and the check badges.
    const width = Math.max(lastX + 120, badgeX + maxBadges * (L.badgeWidth + 4) + 20);
    let y = L.header + 16;
    const body = [];
    for (const row of rowsOf(msgs, checks)) {
      if (row.kind === 'gap') {
        const mid = y + L.gapRow / 2 - 4;
        body.push('<g class="gap"><line x1="' + (L.timeColumn - 8) + '" y1="' + mid + '" x2="' + (lastX + 20) + '" y2="' + mid + '"/><text x="' + (L.firstLifeline + lastX) / 2 + '" y="' + (mid - 4) + '" text-anchor="middle">' + esc((row.ms / 1000).toFixed(1) + ' s later') + '</text></g>');
        y += L.gapRow;
        continue;
      }
      if (row.kind === 'check') {
        const c = row.c, cy = y + L.row / 2;
        body.push('<g class="deadline v-' + esc(c.verdict) + '"><text class="time" x="' + (L.timeColumn - 10) + '" y="' + (cy + 4) + '" text-anchor="end">' + seconds(c.atMs) + '</text>' +
          '<line x1="' + L.firstLifeline + '" y1="' + cy + '" x2="' + lastX + '" y2="' + cy + '"/>' +
          '<rect x="' + badgeX + '" y="' + (cy - 9) + '" width="' + L.badgeWidth + '" height="18" rx="4"/><text class="badge-text" x="' + (badgeX + L.badgeWidth / 2) + '" y="' + (cy + 4) + '" text-anchor="middle">' + esc(c.id) + '</text>' +
          '<text class="deadline-text" x="' + (L.firstLifeline + lastX) / 2 + '" y="' + (cy - 5) + '" text-anchor="middle">' + esc(truncate(c.id + ': ' + c.actual, lastX - L.firstLifeline)) + '</text></g>');
        y += L.row;
        continue;
      }
      const t = row.t, ends = endsOf(t);
      const x1 = x.get(ends.from), x2 = x.get(ends.to), ay = y + L.row - 10, dir = x2 > x1 ? 1 : -1;
      const label = truncate(t.summary, Math.abs(x2 - x1) - 16);
      const judged = judgedBy.get(t.seq) || [];
      const worst = judged.find((c) => c.verdict === 'fail') || judged.find((c) => c.verdict === 'inconclusive') || judged.find((c) => c.verdict === 'warning');
      const badges = judged.map((c, i) => {
        const bx = badgeX + i * (L.badgeWidth + 4);
        return '<g class="badge v-' + esc(c.verdict) + '"><title>' + esc(c.id + ' ' + c.verdict + ': ' + c.description) + '</title><rect x="' + bx + '" y="' + (ay - 9) + '" width="' + L.badgeWidth + '" height="18" rx="4"/><text class="badge-text" x="' + (bx + L.badgeWidth / 2) + '" y="' + (ay + 4) + '" text-anchor="middle">' + esc(c.id) + '</text></g>';
      }).join('');
      const classes = 'msg ' + codeClass(t.d.code) + (t.d.type === 'NON' ? ' non' : '') + (t.d.impairment ? ' impaired-' + t.d.impairment : '') + (worst ? ' judged-' + worst.verdict : '');
      body.push('<g class="' + esc(classes) + '" id="' + idPrefix + '-m' + t.seq + '" data-seq="' + t.seq + '" tabindex="0" role="button" aria-label="' + esc('message #' + t.seq + ': ' + t.summary) + '">' +
        '<title>' + esc('#' + t.seq + ' ' + t.from + ' → ' + t.to + '\n' + t.summary) + '</title>' +
        '<rect class="hit" x="' + (L.timeColumn - 70) + '" y="' + y + '" width="' + (badgeX - L.timeColumn + 60) + '" height="' + L.row + '"/>' +
        '<text class="time" x="' + (L.timeColumn - 10) + '" y="' + (ay + 4) + '" text-anchor="end">' + seconds(t.atMs) + '</text>' +
        '<text class="seq" x="' + (L.timeColumn + 22) + '" y="' + (ay + 4) + '" text-anchor="end">#' + t.seq + '</text>' +
        '<line class="arrow" x1="' + x1 + '" y1="' + ay + '" x2="' + (x2 - dir * 2) + '" y2="' + ay + '" marker-end="url(#' + idPrefix + '-head)"/>' +
        '<text class="label" x="' + (x1 + x2) / 2 + '" y="' + (ay - 6) + '" text-anchor="middle">' + esc(label) + '</text>' + badges + '</g>');
      y += L.row;
    }
    const height = y + 16;
    const heads = lifelines.map((l) => {
      const lx = x.get(l.key);
      return '<g class="lifeline ' + l.side + '"><rect x="' + (lx - 110) + '" y="6" width="220" height="40" rx="6"/>' +
        '<text class="who" x="' + lx + '" y="23" text-anchor="middle">' + esc(l.title) + '</text>' +
        '<text class="addr" x="' + lx + '" y="38" text-anchor="middle">' + esc(l.address) + '</text>' +
        '<line x1="' + lx + '" y1="46" x2="' + lx + '" y2="' + (height - 8) + '"/></g>';
    }).join('');
    return '<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="' + width + '" height="' + height + '" viewBox="0 0 ' + width + ' ' + height + '" role="img" aria-label="' + esc('message sequence chart of ' + caseId) + '">' +
      '<defs><marker id="' + idPrefix + '-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/></marker></defs>' +
      heads + body.join('') + '</svg>';
  }

  /** Classic 16-bytes-a-line hex dump with offsets and printable characters. */
  function hexDump(bytes) {
    const lines = [];
    for (let offset = 0; offset < bytes.length; offset += 16) {
      const row = [...bytes.subarray(offset, offset + 16)];
      const hex = row.map((b) => b.toString(16).padStart(2, '0')).join(' ');
      const text = row.map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
      lines.push(offset.toString(16).padStart(4, '0') + '  ' + hex.padEnd(47) + '  ' + text);
    }
    return lines.join('\n');
  }
  const kv = (rows) => rows.filter((r) => r[1] !== undefined).map((r) => '<tr><th>' + esc(r[0]) + '</th><td>' + esc(String(r[1])) + '</td></tr>').join('');

  const types = ['CON', 'NON', 'ACK', 'RST'];
  const hexOf = (bytes) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  /** What the bytes of a CoAP datagram say: type, code, message ID, token, payload (as text when printable, else 0x-hex). */
  function readCoap(bytes) {
    const tkl = bytes[0] & 15;
    let at = 4 + tkl;
    while (at < bytes.length && bytes[at] !== 0xff) {
      const delta = bytes[at] >> 4;
      let length = bytes[at] & 15;
      at += 1 + (delta === 13 ? 1 : delta === 14 ? 2 : 0);
      if (length === 13) length = bytes[at++] + 13;
      else if (length === 14) { length = ((bytes[at] << 8) | bytes[at + 1]) + 269; at += 2; }
      at += length;
    }
    const body = bytes.subarray(at + 1);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
    return {
      type: types[(bytes[0] >> 4) & 3],
      code: (bytes[1] >> 5) + '.' + String(bytes[1] & 31).padStart(2, '0'),
      mid: (bytes[2] << 8) | bytes[3],
      token: hexOf(bytes.subarray(4, 4 + tkl)),
      payload: body.length ? (/^[\t\n\r\x20-\x7e]*$/.test(text) ? text : '0x' + hexOf(body)) : undefined,
    };
  }

  function detail(idPrefix, t, checks) {
    const d = t.d;
    const bytes = t.bytes;
    const header = kv([
      ['direction', (t.direction === 'in' ? 'received by harness ' : 'sent by harness ') + t.endpoint],
      ['from → to', t.from + ' → ' + t.to],
      ['time', (t.atMs / 1000).toFixed(3) + ' s after the case started'],
      ['type', d.type], ['code', d.code], ['message ID', d.mid],
      ['token', d.token === undefined ? undefined : d.token || '(empty)'],
      ['impairment', d.impairment === undefined ? undefined : d.impairment + (d.impairmentDelayMs !== undefined ? ' (' + d.impairmentDelayMs + ' ms)' : '') + ' by the network impairment layer'],
    ]);
    const options = d.options ? '<h5>Options</h5><table class="kv">' + kv(d.options) + '</table>' : '';
    const decoded = d.decoded;
    const payload = d.payload === undefined ? '<p class="muted">No payload.</p>' :
      '<h5>Payload</h5><pre class="payload">' + esc(d.payload) + '</pre>' +
      (decoded && decoded.nodes !== undefined ? '<h5>Decoded as ' + esc(decoded.format) + '</h5><pre class="payload">' + esc(JSON.stringify(decoded.nodes, null, 2)) + '</pre>' : '') +
      (decoded && decoded.error ? '<p class="decode-error">Not valid ' + esc(decoded.format) + ': ' + esc(decoded.error) + '</p>' : '');
    const judged = checks.filter((c) => c.at === t.seq);
    const judgedBy = judged.length ? '<h5>Judged by</h5><ul class="judged">' + judged.map((c) => '<li><span class="pill v-' + esc(c.verdict) + '">' + esc(c.verdict) + '</span> ' + esc(c.id) + ' ' + esc(c.description) + '</li>').join('') + '</ul>' : '';
    const problem = d.decodeError !== undefined ? '<p class="decode-error">Undecodable datagram: ' + esc(d.decodeError) + '</p>' : '';
    return '<div class="msg-detail" id="' + idPrefix + '-d' + t.seq + '" data-seq="' + t.seq + '" hidden>' +
      '<h4>Message #' + t.seq + ' <span class="muted">' + esc(t.summary) + '</span></h4>' + problem +
      '<div class="detail-grid"><div><table class="kv">' + header + '</table>' + options + judgedBy + '</div>' +
      '<div>' + payload + '<h5>Bytes (' + bytes.length + ')</h5><pre class="hex">' + esc(hexDump(bytes)) + '</pre></div></div></div>';
  }

  let all;
  /** Every case's data, unpacked once (gzip, base64) on the first case opened. */
  function data() {
    all ??= (async () => {
      const packed = Uint8Array.from(atob(document.getElementById('trace-data').textContent.trim()), (c) => c.charCodeAt(0));
      const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'));
      return JSON.parse(await new Response(stream).text());
    })();
    return all;
  }
  const drawn = new Map();
  /** Draws the case's chart and details once, from its data; resolves when they are on the page. */
  return function draw(article) {
    if (!drawn.has(article)) drawn.set(article, (async () => {
      const wrap = article.querySelector('.chart-wrap');
      let own;
      try {
        own = (await data())[article.id];
      } catch (error) {
        wrap.innerHTML = '<p class="empty-trace">This browser could not unpack the message data (' + esc(error.message) + '); every datagram is in trace.jsonl and trace.pcapng.</p>';
        return;
      }
      if (!own) return;
      const msgs = own.messages.map((m) => {
        const d = m[7], bytes = Uint8Array.from(d.bytes.match(/../g) || [], (h) => parseInt(h, 16));
        return { seq: m[0], atMs: m[1], direction: m[2], endpoint: m[3], from: own.addresses[m[4]], to: own.addresses[m[5]], summary: m[6], bytes, d: d.coap ? { ...d, ...readCoap(bytes) } : d };
      });
      const checks = own.checks.map((c) => ({ id: c[0], verdict: c[1], description: c[2], at: c[3], atMs: c[4], actual: c[5] }));
      wrap.innerHTML = chart(article.dataset.case, article.id, msgs, checks);
      article.querySelector('.msg-details').innerHTML = msgs.map((t) => detail(article.id, t, checks)).join('');
    })());
    return drawn.get(article);
  };
})();
`;
