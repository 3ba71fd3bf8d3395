// matrix: the results of three targets side by side. Three real runs of the bundled device
// (a forced failure, another selection, another profile) give a page that renders in headless
// Chromium with the right cell for each case and target, each cell linking to the case in that
// target's report, and a CSV with one row per case.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildMatrix } from '../../harness/report/matrix/matrix.ts';
import { matrixCsv } from '../../harness/report/matrix/matrix-csv.ts';
import { referenceProfileFile } from '../support/reference-profile.ts';
import { cli, faultyCaseId, faultyRun, projectRoot, syntheticCase, syntheticReport, tmp } from './support.ts';

const chromiumPath = '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
const fieldProfileFile = join(projectRoot, 'fixtures', 'profiles', 'field-device.yaml');

const id101 = 'LightweightM2M-1.1-int-101';
const id102 = 'LightweightM2M-1.1-int-102';
const id264 = 'LightweightM2M-1.2-int-264';

describe('matrix from reports', () => {
  it('a row per case by interface, a cell per target, empty where a target did not run the case; CSV quoted', () => {
    const a = syntheticReport([syntheticCase({ id: id102, title: 'Update, "quoted"' }), syntheticCase({ id: id101, verdict: 'fail', reason: 'no Register' })]);
    const b = syntheticReport([syntheticCase({ id: 'X-1', interface: 'management', verdict: 'not-applicable' }), syntheticCase({ id: id101 })]);
    const order = (c: { id: string }) => [id101, id102].indexOf(c.id) === -1 ? undefined : [id101, id102].indexOf(c.id);
    const matrix = buildMatrix([{ dir: 'a', report: a }, { dir: 'b', report: b }], order, (dir) => (dir === 'a' ? 'a/index.html' : undefined));
    expect(matrix.rows.map((r) => [r.id, ...r.cells.map((c) => c?.verdict ?? null)])).toEqual([
      [id101, 'fail', 'pass'],
      [id102, 'pass', null],
      ['X-1', null, 'not-applicable'],
    ]);
    expect(matrix.rows[0]!.cells[0]).toEqual({ verdict: 'fail', reason: 'no Register', href: `a/index.html#case-${id101}` });
    expect(matrix.rows[0]!.cells[1]!.href).toBeUndefined();
    expect(matrixCsv(matrix).split('\r\n')).toEqual([
      'interface,case,title,"synthetic <device> & ""co"" (a)","synthetic <device> & ""co"" (b)"',
      `registration,${id101},Initial Registration,fail,pass`,
      `registration,${id102},"Update, ""quoted""",pass,`,
      'management,X-1,Initial Registration,,not-applicable',
      '',
    ]);
  });

  it('refuses a bad format, no directories or a directory without results.json, exit 3', async () => {
    const dir = tmp('lwm2m-matrix-');
    for (const args of [['--format', 'xml', dir], [], [join(dir, 'none')]]) {
      const r = await cli(['matrix', ...args]);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toMatch(/^error: /);
    }
  });
});

describe('matrix of three runs of the bundled device', () => {
  it('renders the right cells in headless chromium, links to each case, and the CSV has the right rows', async () => {
    const dir = tmp('lwm2m-matrix-');
    // A: int-101, int-103 (fails: forced fault), LWM2MC-REG-001; B: int-101, int-102; C: another profile, int-101 and a 1.2 case (not applicable).
    const a = (await faultyRun()).dir;
    const b = join(dir, 'b');
    const c = join(dir, 'c');
    const runB = await cli(['run', '--profile', referenceProfileFile, '--case', id101, '--case', id102, '--report-dir', b, '--quiet']);
    expect(runB.code, runB.stderr).toBe(0);
    const runC = await cli(['run', '--profile', fieldProfileFile, '--case', id101, '--case', id264, '--report-dir', c, '--quiet']);
    expect(runC.code, runC.stderr).toBe(0);

    const csvFile = join(dir, 'out', 'matrix.csv');
    const csv = await cli(['matrix', a, b, c, '--out', csvFile]);
    expect(csv.code, csv.stderr).toBe(0);
    const field = JSON.parse(readFileSync(join(c, 'results.json'), 'utf8')).profile.name as string;
    expect(readFileSync(csvFile, 'utf8').trimEnd().split('\r\n')).toEqual([
      `interface,case,title,bundled reference device (${a}),bundled reference device (${b}),${field} (${c})`,
      `registration,${id101},Initial Registration,pass,pass,pass`,
      `registration,${id102},Registration Update,,pass,`,
      `registration,${faultyCaseId},Deregistration,fail,,`,
      'registration,LWM2MC-REG-001,Register request is well formed,pass,,',
      `management,${id264},Discover with depth=1,,,not-applicable`,
    ]);

    const json = await cli(['matrix', a, b, c, '--format', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).targets.map((t: { dir: string }) => t.dir)).toEqual([a, b, c]);

    const htmlFile = join(dir, 'out', 'matrix.html');
    expect((await cli(['matrix', a, b, c, '--out', htmlFile])).code).toBe(0);
    if (!haveChromium) {
      console.warn(`skipped the browser part: ${chromiumPath} not found (Debian package chromium; .ci/run installs it)`);
      return;
    }
    const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'lwm2m-chromium-')), {
      executablePath: chromiumPath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
    });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(htmlFile).href);
      expect(await page.locator('thead th[data-target]').count()).toBe(3);
      expect(await page.locator('tr.interface').allTextContents()).toEqual(['registration', 'management']);
      expect(await page.locator('tr.case').count()).toBe(5);
      const cellText = (caseId: string, column: number) => page.locator(`tr.case[data-case="${caseId}"] td[data-target="${column}"]`).textContent();
      expect([await cellText(id101, 0), await cellText(id101, 1), await cellText(id101, 2)]).toEqual(['pass', 'pass', 'pass']);
      expect([await cellText(faultyCaseId, 0), await cellText(faultyCaseId, 1), await cellText(faultyCaseId, 2)]).toEqual(['fail', '—', '—']);
      expect(await cellText(id264, 2)).toBe('n/a');
      const failCell = page.locator(`tr.case[data-case="${faultyCaseId}"] td[data-target="0"]`);
      expect(await failCell.getAttribute('class')).toContain('v-fail');

      // The cell opens the failed case in target A's report.
      await failCell.locator('a').click();
      await page.waitForURL(/index\.html#case-/);
      expect(page.url()).toBe(`${pathToFileURL(join(a, 'index.html')).href}#case-${faultyCaseId}`);
      const article = page.locator(`article#case-${faultyCaseId.replace(/\./g, '\\.')}`);
      await expect.poll(() => article.locator(':scope > details').getAttribute('open')).not.toBeNull();
      expect(await article.getAttribute('data-verdict')).toBe('fail');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);
});

if (!haveChromium) {
  describe('matrix in headless chromium', () => {
    it.skip(`skipped: ${chromiumPath} not found (Debian package chromium; .ci/run installs it)`, () => {});
  });
}
