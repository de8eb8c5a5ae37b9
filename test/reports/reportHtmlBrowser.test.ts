import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { runCli } from '../helpers/runCli.js';
import { forceFlips, hostileClasses, makeHostileRun } from './hostileRun.js';

/** Debian's chromium (scripts/setup.sh installs it). */
const chromiumPath = '/usr/bin/chromium';
const hasChromium = fs.existsSync(chromiumPath);

/**
 * Code run inside the page, as source text: the build has no DOM types (tsconfig lib is ES only),
 * and these few lines are all that needs them.
 */
const inPage = {
  galleryImages: `[...document.querySelectorAll('.gallery img')].map((img) => ({ src: img.src.slice(0, 22), width: img.naturalWidth }))`,
  injected: `({
    scripts: document.querySelectorAll('script').length,
    onerror: document.querySelectorAll('[onerror]').length,
    imgOutsideGallery: [...document.querySelectorAll('img')].filter((img) => !img.closest('.gallery')).length,
  })`,
  /** Parses XML with the browser's own parser: a real well-formedness check. */
  parseXml: (xml: string) => `(() => {
    const doc = new DOMParser().parseFromString(${JSON.stringify(xml)}, 'application/xml');
    const cases = [...doc.getElementsByTagName('testcase')];
    return { errors: doc.getElementsByTagName('parsererror').length, cases: cases.length, failures: doc.getElementsByTagName('failure').length, names: cases.map((c) => c.getAttribute('name')) };
  })()`,
};

describe('report.html in headless Chromium', { skip: !hasChromium && process.env['CI'] === undefined ? `no ${chromiumPath} (run npm run setup); required in CI` : false }, () => {
  it('loads offline without errors, shows charts, gallery and hostile labels as text, and screenshots', async (t) => {
    const run = await makeHostileRun('browser');
    assert.equal(run.run.code, 0, run.run.stderr);
    const flipped = forceFlips(path.join(run.runDir, 'results.jsonl'), (o) => /-[01]\.png$/.test(o.sampleId));
    assert.ok(flipped >= 4, `${flipped} rows flipped`);
    const report = await runCli(['report', run.runDir, '--max-drop', '0.1', '--junit-per-class'], { env: run.env });
    assert.equal(report.code, 1, `a 50-point drop breaches --max-drop 0.1: ${report.stderr}`);
    assert.match(report.stderr, /gate breached: tiny \/ sticker: maxDrop failed: top-1 drop 50\.0% \(n=12\), allowed <= 10\.0%/);

    const file = path.join(run.runDir, 'report.html');
    const url = pathToFileURL(file).href;
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({
        executablePath: chromiumPath,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-default-apps', '--disable-sync', '--no-first-run'],
      });
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: true });
      const page = await context.newPage();
      const requests: string[] = [];
      const blocked: string[] = [];
      const problems: string[] = [];
      const dialogs: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await context.route('**/*', (route) => {
        if (route.request().url() === url) return route.continue();
        blocked.push(route.request().url());
        return route.abort();
      });
      await page.goto(url, { waitUntil: 'load' });

      assert.deepEqual(problems, [], 'no console errors or warnings (a CSP violation would be one)');
      assert.deepEqual(blocked, [], 'the page attempted no request besides itself');
      assert.deepEqual(requests.filter((r) => !r.startsWith('data:')), [url]);
      assert.deepEqual(dialogs, [], 'no script ran');

      const charts = await page.locator('figure.chart svg').count();
      assert.ok(charts >= 1, `${charts} charts`);
      assert.ok((await page.locator('figure.chart svg polyline').count()) >= 2, 'charts have lines');
      const images = await page.evaluate<{ src: string; width: number }[]>(inPage.galleryImages);
      assert.ok(images.length >= 4, `${images.length} gallery images`);
      for (const image of images) {
        assert.equal(image.src, 'data:image/png;base64,');
        assert.ok(image.width > 0 && image.width <= 96, `thumbnail decoded, ${image.width} px wide`);
      }
      assert.equal(await page.locator('.gallery .note').count(), 0, 'every re-render matched the hash the runner recorded');

      const text = await page.locator('body').innerText();
      for (const label of hostileClasses) assert.ok(text.includes(label), `${label} shown as text`);
      assert.match(text, /2 errors/);
      assert.match(text, /missing\.png/);
      const injected = await page.evaluate(inPage.injected);
      assert.deepEqual(injected, { scripts: 0, onerror: 0, imgOutsideGallery: 0 });
      assert.match(text, /FAIL/);

      const junit = fs.readFileSync(path.join(run.runDir, 'junit.xml'), 'utf8');
      const parsed = await page.evaluate<{ errors: number; cases: number; failures: number; names: string[] }>(inPage.parseXml(junit));
      assert.equal(parsed.errors, 0, 'junit.xml is well-formed XML');
      assert.equal(parsed.cases, 1 + hostileClasses.length, 'maxDrop for the attack and for each class');
      assert.ok(parsed.failures >= 1);
      assert.ok(parsed.names.includes(`class ${hostileClasses[0]}: maxDrop <= 10.0%`), 'labels survive escaping exactly');

      const shot = path.join(fs.mkdtempSync(path.join(run.dir, 'shot-')), 'report.png');
      await page.screenshot({ path: shot, fullPage: true });
      const png = fs.readFileSync(shot);
      assert.ok(png.length > 10_000, `${png.length} bytes`);
      assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
      assert.equal(png.readUInt32BE(16), 1280, 'the full-page screenshot is as wide as the viewport');
      t.diagnostic(`screenshot: ${shot}`);
    } finally {
      await browser?.close();
    }
  });
});
