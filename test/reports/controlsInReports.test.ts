import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringify } from 'csv-stringify/sync';
import { summarizeOutcomes } from '../../src/metrics/runMetrics.js';
import { csvOptions, neutraliseFormula } from '../../src/reports/escape.js';
import { renderReportHtml } from '../../src/reports/html/renderReportHtml.js';
import { renderJunitXml } from '../../src/reports/renderJunitXml.js';
import { renderSummaryMarkdown } from '../../src/reports/renderSummaryMarkdown.js';
import { summaryCsvRows } from '../../src/reports/writeSummaryCsv.js';
import type { Outcome } from '../../src/results/outcome.js';
import { failed, scored } from '../metrics/outcomeBuilders.js';
import { summaryOf } from './summaryFixture.js';

/** A file name that shows as `photo_exe.png` with its bidi override obeyed: the real name ends in `.exe`. */
const spoofedFile = 'photo_\u202Egnp.exe';
/** A model id, an attack id and a class name with a bidi override, a tab and an ANSI escape. */
const model = 'clip\u202Epilc';
const attackId = 'sticker\u2066x';
const className = 'cat\tdog\u001b[31m';

/** Samples of one class, flipped by the attack, one error row on the spoofed file; a failing gate per class. */
function log(): Outcome[] {
  const rows = Array.from({ length: 2 }, (_, i): Outcome[] => [
    { ...scored({ sampleId: `s${i}`, trueIndex: 0, clean: [0, 1], model }), trueLabel: className },
    { ...scored({ sampleId: `s${i}`, trueIndex: 0, clean: [0, 1], attacked: [1, 0], attackId, model, params: { opacity: 1 } }), trueLabel: className },
  ]).flat();
  return [...rows, { ...failed(spoofedFile, attackId, 'load', model), message: `cannot read ${spoofedFile}` }];
}

const hiddenCharacters = /[\p{Cc}\p{Bidi_Control}]/u;

describe('reports show control and bidi characters as visible tokens', () => {
  const summary = summaryOf(log(), { maxDrop: 0.1, perAttack: {} }, true);

  it('report.html: a spoofed file name in the problem rows, ids and class names', () => {
    const page = renderReportHtml({ summary, gallery: [], problems: [{ model, attackId, sampleId: spoofedFile, variant: '0', kind: 'load', message: `cannot read ${spoofedFile}` }] });
    assert.ok(!/[\u202E\u2066\u001b\t]/.test(page), 'no bidi control, escape or tab from data reaches the page');
    assert.ok(page.includes('photo_\\u202Egnp.exe'), 'the file name shows its override as a token');
    assert.ok(page.includes('clip\\u202Epilc') && page.includes('sticker\\u2066x'), 'ids show theirs');
  });

  it('summary.md: ids and class names', () => {
    const md = renderSummaryMarkdown(summary);
    assert.ok(!hiddenCharacters.test(md.replace(/\n/g, '')), 'nothing hidden but the line breaks between rows');
    assert.ok(md.includes('clip\\\\u202Epilc'), 'the model id shows its override as a token (its backslash escaped for Markdown)');
  });

  it('junit.xml: suite, case and class names', () => {
    const xml = renderJunitXml(summary);
    assert.ok(!hiddenCharacters.test(xml.replace(/\n/g, '')), 'nothing hidden but the document\'s own line breaks');
    assert.ok(xml.includes('clip\\u202Epilc') && xml.includes('cat\\u0009dog\\u001B[31m'), xml);
  });
});

describe('CSV cells: formula-like text is neutralised, numbers are not', () => {
  it('neutraliseFormula prefixes text a spreadsheet would evaluate, and leaves plain numbers written as text alone', () => {
    for (const text of ['-1+2', '=cmd|/C calc', '+A1', '@SUM(A1)', '\tx', '\r=x', '-', '-Infinity', '--10']) assert.equal(neutraliseFormula(text), `'${text}`, text);
    for (const text of ['-10', '-0.5', '+3', '-1e5', '1e-5', '.5', 'cat', '', 'a=b', '10-2']) assert.equal(neutraliseFormula(text), text, text);
  });

  it('a CSV keeps negative numbers (typed or as bucket labels) as numbers', () => {
    assert.equal(stringify([[-10, '-10', -0.25, '-1+2', '=cmd', true]], csvOptions), "-10,-10,-0.25,'-1+2,'=cmd,true\n");
  });

  it('summary.csv: negative parameter buckets are numbers, a formula-like string bucket is neutralised', () => {
    const outcomes = [-10, 0, 10].flatMap((rotationDeg) =>
      [0, 1].map((i) => scored({ sampleId: `s${rotationDeg}-${i}`, trueIndex: 0, clean: [0], attacked: [i], attackId: 'rot', params: { rotationDeg, note: '-1+2' } })),
    );
    const text = stringify(summaryCsvRows(summarizeOutcomes(outcomes)), csvOptions);
    const buckets = text.split('\n').filter((line) => line.startsWith('param,'));
    assert.ok(buckets.some((line) => line.includes(',rotationDeg,-10,')), `the -10 bucket is a number:\n${buckets.join('\n')}`);
    assert.ok(!text.includes("'-10"), 'no number is prefixed');
    assert.ok(buckets.some((line) => line.includes(",note,'-1+2,")), 'a formula-like bucket is');
  });
});
