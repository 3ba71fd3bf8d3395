// The page's script, inlined: filters cases by verdict, interface and text; draws a case's chart
// and details when it opens (trace-view.ts); shows a message's details when its arrow (or a
// check's message link) is selected; opens a case named in the URL.
// Plain DOM code with no dependencies, so the file works offline and from file://.
export const behaviour = String.raw`
(() => {
  const cases = [...document.querySelectorAll('article.case')];
  const chips = [...document.querySelectorAll('input[name=verdict]')];
  const iface = document.querySelector('select[name=interface]');
  const text = document.querySelector('input[name=text]');
  const shown = document.querySelector('.filters .shown');
  function apply() {
    const verdicts = new Set(chips.filter((c) => c.checked).map((c) => c.value));
    const q = text.value.trim().toLowerCase();
    let n = 0;
    for (const c of cases) {
      const ok = verdicts.has(c.dataset.verdict) && (!iface.value || c.dataset.interface === iface.value) &&
        (!q || c.querySelector('summary').textContent.toLowerCase().includes(q));
      c.hidden = !ok;
      if (ok) n++;
    }
    shown.textContent = n + ' of ' + cases.length + ' cases shown';
  }
  for (const el of [...chips, iface, text]) el.addEventListener('input', apply);
  for (const a of document.querySelectorAll('.iface-link')) a.addEventListener('click', (e) => {
    e.preventDefault(); iface.value = a.dataset.interface; apply();
  });
  document.querySelector('.open-failed').addEventListener('click', () => {
    for (const c of cases) if (!c.hidden) c.querySelector('details').open = ['fail', 'inconclusive', 'error'].includes(c.dataset.verdict);
  });
  document.querySelector('.close-all').addEventListener('click', () => { for (const c of cases) c.querySelector('details').open = false; });

  function showMessage(article, seq) {
    for (const m of article.querySelectorAll('g.msg')) m.classList.toggle('selected', m.dataset.seq === seq);
    let target;
    for (const d of article.querySelectorAll('.msg-detail')) { d.hidden = d.dataset.seq !== seq; if (!d.hidden) target = d; }
    if (target) target.scrollIntoView({ block: 'nearest' });
  }
  for (const article of cases) {
    // The chart and message details are drawn the first time the case opens.
    const details = article.querySelector('details');
    details.addEventListener('toggle', () => { if (details.open) traceView(article); });
    article.addEventListener('click', (e) => {
      const link = e.target.closest('a.msg-link');
      const msg = e.target.closest('g.msg');
      // A check's link may be followed before the chart is drawn.
      if (link) {
        e.preventDefault();
        traceView(article).then(() => {
          showMessage(article, link.dataset.seq);
          const arrow = document.getElementById(article.id + '-m' + link.dataset.seq);
          if (arrow) arrow.scrollIntoView({ block: 'center' });
        });
      } else if (msg) showMessage(article, msg.dataset.seq);
    });
    article.addEventListener('keydown', (e) => {
      const msg = e.target.closest && e.target.closest('g.msg');
      if (msg && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); showMessage(article, msg.dataset.seq); }
    });
  }
  const wanted = decodeURIComponent(location.hash.slice(1));
  const hit = cases.find((c) => c.dataset.case === wanted || c.id === wanted);
  if (hit) { hit.querySelector('details').open = true; hit.scrollIntoView(); }
  apply();
})();
`;
