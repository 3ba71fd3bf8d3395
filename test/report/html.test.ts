// index.html in a real browser (Debian's chromium, headless, driven by playwright-core): the
// report loads with no network, shows the summary, opens a failed case on a click, draws its
// sequence chart (from the case's embedded data) and checks, and shows a message's details on
// demand. A screenshot is kept under reports/test-artifacts/.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportHtml } from '../../harness/report/html/page.ts';
import { caseData, faultyCaseId, faultyCheckId, faultyRun, impairedReport, jsonFailureCase, projectRoot, syntheticCase, syntheticReport, tmp } from './support.ts';

const chromiumPath = '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
const artifacts = join(projectRoot, 'reports', 'test-artifacts');

describe('index.html', () => {
  it('is one self-contained file: no external resources, data escaped', () => {
    const html = reportHtml(syntheticReport([syntheticCase({ title: '<script>alert(1)</script>' })]));
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // Charts and message details are drawn by the page's script from each case's data.
    expect(caseData(html)).toHaveLength(1);
    expect(caseData(html)[0]!.messages).toHaveLength(1);
  });

  it('embeds each case\'s messages as data that no payload can break out of', () => {
    const base = syntheticCase();
    const payload = '</script><script>alert(2)</script>\u2028';
    const html = reportHtml(syntheticReport([syntheticCase({ trace: [{ ...base.trace[0]!, payload }] })]));
    expect(html).not.toContain('<script>alert(2)');
    expect(caseData(html)[0]!.messages[0]![7].payload).toBe(payload);
  });

  it('leaves out of the data what the datagram\'s bytes say, and keeps what they do not', () => {
    const html = reportHtml(syntheticReport([jsonFailureCase()]));
    const [first] = caseData(html)[0]!.messages;
    expect(first![7]).toMatchObject({ coap: true });
    expect(first![7]).not.toHaveProperty('payload');
    expect(first![7]).not.toHaveProperty('token');
  });

  it('a failed case shows the messages its failed checks rest on: options by name and the payload decoded', () => {
    const html = reportHtml(syntheticReport([jsonFailureCase()]));
    const section = html.slice(html.indexOf('Messages the failed checks rest on'));
    expect(section).toContain('<div class="judged-message" data-seq="1">');
    expect(section).toContain('Content-Format: 50 (application/json)');
    expect(section).toContain('/3/0/0 string &quot;Open Mobile Alliance&quot;');
    expect(section).toContain('/3/0/9 integer 87');
    // The message details name options as RFC 7252 does.
    const options = caseData(html).flatMap((c) => c.messages.flatMap((m) => m[7].options ?? []));
    expect(options).toContainEqual(['Content-Format', '50 (application/json)']);
    expect(options).toContainEqual(['Accept', '110 (application/senml+json)']);
    expect(reportHtml(syntheticReport([syntheticCase()]))).not.toContain('Messages the failed checks rest on');
  });

  it('shows configuration notes in the run facts', () => {
    const note = { configuration: 'C.1', path: '/3/0/16', expected: 'U', actual: '"UQ"' };
    const html = reportHtml(syntheticReport([syntheticCase({ configurationNotes: [note] })]));
    expect(html).toMatch(/Configuration notes.*\/3\/0\/16 = &quot;UQ&quot;, ETS C\.1 has &quot;U&quot;/s);
  });
});

describe.skipIf(!haveChromium)('index.html in headless chromium', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'lwm2m-chromium-')), {
      executablePath: chromiumPath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 1000 },
    });
  }, 60_000);
  afterAll(async () => {
    await context?.close();
  });

  it('shows the summary; a click on the failed case opens its checks and sequence chart; a message shows its details', async () => {
    const run = await faultyRun();
    const page = await context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    const url = pathToFileURL(join(run.dir, 'index.html')).href;
    await page.goto(url);

    await expect.poll(() => page.locator('table.counts tfoot td.count.v-fail').textContent()).toBe('1');
    expect(await page.locator('article.case').count()).toBe(run.report.cases.length);

    const failed = page.locator(`article.case[data-case="${faultyCaseId}"]`);
    expect(await failed.getAttribute('data-verdict')).toBe('fail');
    expect(await failed.locator('table.checks').isVisible()).toBe(false);
    await failed.locator(':scope > details > summary').click();
    await failed.locator('table.checks').waitFor({ state: 'visible', timeout: 5000 });

    const result = run.report.cases.find((c) => c.id === faultyCaseId)!;
    const rows = failed.locator('table.checks tbody tr');
    expect(await rows.count()).toBe(result.checks.length);
    const failedRow = failed.locator('table.checks tr.v-fail');
    expect(await failedRow.locator('td.id').textContent()).toBe(faultyCheckId);
    const failedCheck = result.checks.find((c) => c.id === faultyCheckId)!;
    expect(await failedRow.locator('td.actual').textContent()).toBe(String(failedCheck.actual));

    const chart = failed.locator('svg.chart');
    await chart.waitFor({ state: 'visible', timeout: 5000 });
    expect(await chart.locator('g.msg').count()).toBe(result.trace.length);
    expect(await chart.locator('g.lifeline').count()).toBeGreaterThanOrEqual(2);
    expect((await chart.boundingBox())!.height).toBeGreaterThan(100);
    // The missed deadline is drawn where it was decided.
    expect(await chart.locator('g.deadline.v-fail').count()).toBe(1);

    const first = result.trace[0]!;
    const detail = failed.locator(`.msg-detail[data-seq="${first.seq}"]`);
    expect(await detail.isVisible()).toBe(false);
    await chart.locator(`g.msg[data-seq="${first.seq}"]`).click();
    await detail.waitFor({ state: 'visible', timeout: 5000 });
    expect(await detail.locator('pre.hex').textContent()).toContain(first.bytesHex.slice(0, 2));
    expect(await detail.locator('h5', { hasText: `Bytes (${first.bytesHex.length / 2})` }).count()).toBe(1);

    mkdirSync(artifacts, { recursive: true });
    await failed.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, 'report-failed-case.png'), fullPage: true });

    // Filters: only failures, then nothing but passes.
    await page.locator('label.chip.v-pass input').uncheck();
    await expect.poll(() => page.locator('article.case:not([hidden])').count()).toBe(1);
    await page.locator('label.chip.v-pass input').check();
    await page.locator('label.chip.v-fail input').uncheck();
    await expect.poll(() => page.locator('article.case:not([hidden])').count()).toBe(run.report.cases.length - 1);

    expect(errors).toEqual([]);
    expect(requests.filter((r) => r !== url)).toEqual([]);
    await page.close();
  }, 90_000);

  it('a failed case shows the judged message\'s Content-Format and decoded values without a click on it', async () => {
    const file = join(tmp(), 'index.html');
    writeFileSync(file, reportHtml(syntheticReport([jsonFailureCase()])));
    const page = await context.newPage();
    await page.goto(pathToFileURL(file).href);
    const article = page.locator('article.case[data-verdict="fail"]');
    await article.locator(':scope > details > summary').click();
    const facts = article.locator('.judged-message pre.facts');
    await facts.waitFor({ state: 'visible', timeout: 5000 });
    const text = (await facts.textContent()) ?? '';
    expect(text).toContain('Content-Format: 50 (application/json)');
    expect(text).toContain('/3/0/0 string "Open Mobile Alliance"');
    await article.locator('.judged-message a.msg-link').click();
    const detail = article.locator('.msg-detail[data-seq="1"]');
    await detail.waitFor({ state: 'visible', timeout: 5000 });
    expect(await detail.innerHTML()).toContain('<tr><th>Content-Format</th><td>50 (application/json)</td></tr>');
    expect(await detail.locator('pre.payload').first().textContent()).toContain('Open Mobile Alliance');
    await page.close();
  }, 60_000);
});

describe.skipIf(!haveChromium)('index.html in headless chromium: impairment', () => {
  it('marks the messages the impairment layer acted on, and the details say what happened', async () => {
    const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'lwm2m-chromium-')), { executablePath: chromiumPath, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    try {
      const file = join(tmp(), 'index.html');
      writeFileSync(file, reportHtml(impairedReport));
      const page = await context.newPage();
      await page.goto(pathToFileURL(file).href);
      const article = page.locator('article.case');
      await article.locator(':scope > details > summary').click();
      const dropped = article.locator('svg.chart g.msg[data-seq="1"]');
      await dropped.waitFor({ state: 'visible', timeout: 5000 });
      expect(await dropped.getAttribute('class')).toMatch(/^msg request impaired-dropped/);
      await article.locator('svg.chart g.msg[data-seq="2"]').click();
      expect(await article.locator('.msg-detail[data-seq="2"]').textContent()).toContain('delayed (35 ms) by the network impairment layer');
    } finally {
      await context.close();
    }
  }, 60_000);
});

if (!haveChromium) {
  describe('index.html in headless chromium', () => {
    it.skip(`skipped: ${chromiumPath} not found (Debian package chromium; .ci/run installs it)`, () => {});
  });
}
