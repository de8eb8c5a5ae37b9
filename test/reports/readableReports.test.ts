import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { renderReportHtml } from '../../src/reports/html/renderReportHtml.js';
import { renderJunitXml } from '../../src/reports/renderJunitXml.js';
import { renderSummaryMarkdown } from '../../src/reports/renderSummaryMarkdown.js';
import type { Outcome } from '../../src/results/outcome.js';
import { failed, scored, unrenderable } from '../metrics/outcomeBuilders.js';
import { hostileLabels, summaryOf } from './summaryFixture.js';

/**
 * Model and attack ids and labels are all hostile. Four samples of class 0 ('cat'): two flipped by
 * the attack, plus one error row and one unrenderable row; a gate maxDrop 0.1 fails (drop 0.5).
 */
function hostileLog(): Outcome[] {
  const model = hostileLabels[0];
  const attackId = hostileLabels[1];
  const rows = Array.from({ length: 4 }, (_, i): Outcome[] => [
    scored({ sampleId: `${hostileLabels[2]}${i}`, trueIndex: 0, clean: [0, 1], model }),
    { ...scored({ sampleId: `${hostileLabels[2]}${i}`, trueIndex: 0, clean: [0, 1], attacked: i < 2 ? [1, 0] : [0, 1], attackId, model, targetIndex: 1, params: { opacity: i % 2 === 0 ? 0.5 : 1 } }), trueLabel: hostileLabels[1] },
  ]).flat();
  const clean = rows.map((o) => ({ ...o, trueLabel: hostileLabels[1] }));
  return [...clean, { ...failed('bad', attackId, 'load', model), message: hostileLabels[0] }, unrenderable('u', attackId, model)];
}

const thresholds = { maxDrop: 0.1, minAttackedAcc: 0.25, perAttack: {} };

describe('summary.md', () => {
  const md = renderSummaryMarkdown(summaryOf(hostileLog(), thresholds));

  it('escapes every data string: no raw tag, no unescaped pipe inside a table row', () => {
    const ownTags = md.replace(/<\/?sub>/g, '');
    assert.ok(!/(^|[^\\])[<>]/.test(ownTags), 'every < and > from data is backslash-escaped (a literal in Markdown)');
    for (const line of md.split('\n').filter((l) => l.startsWith('|'))) {
      const cells = line.replace(/\\\|/g, '').split('|').length - 2;
      assert.ok(cells === 10 || cells === 5, `a table row keeps its cell count: ${line}`);
    }
    assert.ok(md.includes('### \\<script\\>alert\\(1\\)\\<\\/script\\>'), 'the model id shows as text');
  });

  it('says which gate failed, with the numbers, and counts the error rows', () => {
    assert.match(md, /❌ 1 of 2 gates failed/);
    assert.match(md, /\| ❌ \| .* \| max drop \| 50\.0% \(n=4\) \| ≤ 10\.0% \|/);
    assert.match(md, /\| ✅ \| .* \| min attacked top-1 \| 50\.0% \(\d+\.\d–\d+\.\d\) \(n=4\) \| ≥ 25\.0% \|/);
    assert.match(md, /\*\*1 error rows\*\* \(load 1\), 1 unrenderable of 10 rows/);
  });

  it('has an AD50 table: opacity is at half of clean (4/4) already at 0.5, with 1 of 2 right', () => {
    assert.match(md, /\| attack \| parameter \| AD50 \| bound \| half of clean top-1 \|/);
    assert.match(md, /\| \\"\\>\\<img src\\=x onerror\\=alert\\\(1\\\)\\> \| opacity \| ≤ 0\.5 \| upper bound: at or below half already at the lowest value \| 50\.0% \|/);
    assert.match(md, /^AD50: the value of an attack parameter/m);
    const plain = renderSummaryMarkdown(summaryOf([scored({ sampleId: 's', trueIndex: 0, clean: [0], attacked: [1], attackId: 'a', params: { opacity: 1 } })]));
    assert.ok(!plain.includes('AD50'), 'no table and no note when no parameter has an AD50');
    const param = hostileLabels[2];
    const hostileParam = renderSummaryMarkdown(summaryOf([1, 2].map((v) => scored({ sampleId: `s${v}`, trueIndex: 0, clean: [0], attacked: v === 1 ? [0] : [1], attackId: 'a', params: { [param]: v } }))));
    const row = hostileParam.split('\n').find((l) => l.includes('≈ 1.5')) ?? assert.fail('no AD50 row');
    assert.equal(row, '| a | a\\|b\\`c\\`\\*d\\*\\\\u000A\\# e \\& \\\'f\\\' \\@g | ≈ 1.5 | interpolated | 50.0% |', 'the parameter name is escaped, its newline shown');
  });

  it('ends with a provenance line: version, commit, model file sha prefix, engine/backend, seeds', () => {
    const last = md.trim().split('\n').pop() ?? '';
    for (const part of ['9\\.9\\.9', 'commit 0123456789ab', 'model\\.safetensors abcdef012345', 'onnx\\/cpu fp32', 'seed 7']) assert.ok(last.includes(part), `${part} in ${last}`);
  });
});

describe('junit.xml', () => {
  it('has one test case per gate, per class when asked, with a failure carrying the numbers', () => {
    const xml = renderJunitXml(summaryOf(hostileLog(), thresholds));
    assert.equal((xml.match(/<testcase /g) ?? []).length, 2);
    assert.match(xml, /<testsuites name="stroop hostile" tests="2" failures="1"/);
    assert.match(xml, /<failure type="thresholdBreached" message="[^"]*maxDrop failed: top-1 drop 50\.0% \(n=4\), allowed &lt;= 10\.0%"/);
    assert.ok(!xml.includes('<script') && !xml.includes('<img'), 'labels are escaped');
    const perClass = renderJunitXml(summaryOf(hostileLog(), thresholds, true));
    assert.equal((perClass.match(/<testcase /g) ?? []).length, 4, 'one class: 2 gates x (attack + class)');
    assert.match(perClass, /name="class &quot;&gt;&lt;img src=x onerror=alert\(1\)&gt;: maxDrop &lt;= 10\.0%"/);
  });

  it('is well-formed without gates', () => {
    const xml = renderJunitXml(summaryOf(hostileLog()));
    assert.match(xml, /tests="0" failures="0"/);
    assert.equal((xml.match(/<testsuite /g) ?? []).length, 1);
  });
});

describe('report.html (as text)', () => {
  const page = renderReportHtml({ summary: summaryOf(hostileLog(), thresholds), gallery: [], problems: [{ model: 'm', attackId: 'a', sampleId: hostileLabels[1], variant: '0', kind: 'load', message: hostileLabels[0] }] });

  it('holds no script, no injected element and no URL it could fetch', () => {
    assert.ok(!/<script/i.test(page));
    assert.ok(!/<img[^>]*onerror/i.test(page));
    assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.deepEqual([...new Set(page.match(/https?:\/\/[^"'\s)]+/g) ?? [])], ['http://www.w3.org/2000/svg'], 'only the SVG namespace name, which is never fetched');
    assert.ok(!/\b(src|href)="(?!data:)/.test(page), 'src/href only as data: URIs');
  });

  it("declares a CSP that forbids network access and allows exactly the page's own style sheet", () => {
    const csp = (/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1] ?? '').replaceAll('&#39;', "'");
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /img-src data:/);
    const css = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
    assert.ok(csp.includes(`'sha256-${createHash('sha256').update(css).digest('base64')}'`), 'the style hash matches the inline style sheet');
  });

  it('draws a chart for a parameter with two values, and shows the gates and the counted errors', () => {
    assert.equal((page.match(/<svg /g) ?? []).length, 1, 'opacity takes two values: one chart');
    assert.equal((page.match(/<g class="ad50">/g) ?? []).length, 1, 'with its AD50 marked');
    assert.match(page, /AD50 ≤ 0\.5: attacked top-1 is at or below half of clean \(50\.0%\) already at the lowest opacity/);
    assert.match(page, /1 of 2 gates failed/);
    assert.match(page, /FAIL/);
    assert.match(page, /10 rows: 8 scored, 1 unrenderable, 1 errors/);
  });
});
