import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { CsvParser } from '../../src/datasets/manifest/CsvParser.js';
import { renderSearchHtml } from '../../src/reports/search/renderSearchHtml.js';
import { renderSearchMarkdown } from '../../src/reports/search/renderSearchMarkdown.js';
import { writeSearchCsv } from '../../src/reports/search/writeSearchCsv.js';
import { describeMinimalAttack } from '../../src/search/replayMinimalAttack.js';
import { evaluateSearchGates, summarizeSearch } from '../../src/search/summarizeSearch.js';
import { searchEntrySchema } from '../../src/suite/schema/searchEntrySchema.js';
import type { SearchManifest } from '../../src/results/searchManifest.js';
import { hostileLabels } from '../reports/summaryFixture.js';
import { errorRecord, flippedRecord, heldRecord } from './searchRecords.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-search-reports-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

const formula = '=HYPERLINK("http://evil","x")';
const records = [
  flippedRecord('m', 'd/a.png', hostileLabels[0], 12, { text: formula, margins: { size: { kind: 'threshold', flipping: 0.1, holding: 0.095, tolerance: 0.005, fontSizePx: 10, steps: 6 }, opacity: { kind: 'overBudget', steps: 3 } } }),
  flippedRecord('m', 'd/b.png', hostileLabels[1], 30, { text: hostileLabels[2] }),
  heldRecord('m', 'd/c.png', '+cmd|calc'),
  errorRecord('m', 'd/d.png', '@SUM(1)'),
];

function parseCsv(file: string): string[][] {
  const parser = new CsvParser(file);
  return [...parser.push(fs.readFileSync(file, 'utf8')), ...parser.end()].map((r) => r.fields);
}

describe('search reports', () => {
  it('search.csv: every row as wide as the header, formulas neutralised, four margin columns per parameter', () => {
    const file = path.join(work, 'search.csv');
    writeSearchCsv(file, records, ['size', 'opacity']);
    const [header, ...rows] = parseCsv(file);
    assert.ok(header !== undefined);
    assert.deepEqual(header.slice(-8), ['size_margin', 'size_flipping', 'size_holding', 'size_flipping_font_px', 'opacity_margin', 'opacity_flipping', 'opacity_holding', 'opacity_flipping_font_px']);
    assert.equal(rows.length, 4);
    for (const row of rows) assert.equal(row.length, header.length, row.join(','));
    const cell = (row: string[], column: string) => row[header.indexOf(column)];
    const a = rows.find((r) => cell(r, 'sample_id') === 'd/a.png')!;
    assert.equal(cell(a, 'attack_text'), `'${formula}`);
    assert.deepEqual([cell(a, 'size_margin'), cell(a, 'size_flipping'), cell(a, 'size_flipping_font_px'), cell(a, 'opacity_margin')], ['threshold', '0.1', '10', 'overBudget']);
    assert.equal(cell(rows.find((r) => cell(r, 'status') === 'held')!, 'true_label'), "'+cmd|calc");
    assert.equal(cell(rows.find((r) => cell(r, 'status') === 'error')!, 'true_label'), "'@SUM(1)");
    for (const row of rows) for (const c of row) assert.ok(!/^[=+\-@\t\r]/.test(c), `unneutralised cell ${c}`);
  });

  it('search.md: labels and texts escaped, gates and the weakest counterexamples listed', () => {
    const settings = searchEntrySchema.parse({ margins: ['size', 'opacity'], gates: { minFlipFontFraction: 0.2 } });
    const manifest = { stroopVersion: '0.1.0', gitCommit: null, plan: { name: 'hostile', models: [], datasets: [], templates: ['{}'], batch: 8, search: settings } } as unknown as SearchManifest;
    const summary = summarizeSearch(records, settings.margins);
    const gates = evaluateSearchGates(summary, records, settings.gates);
    const text = renderSearchMarkdown(manifest, summary, records, gates);
    assert.ok(!/(^|[^\\])</.test(text), 'every < is backslash-escaped: no raw HTML');
    assert.ok(text.includes('\\<script\\>'), 'the label is shown, escaped');
    assert.ok(!text.includes('\n# e'), 'a newline in a label cannot start a heading');
    assert.match(text, /❌ \| m \| smallest flipping font ≥ 20\.0% \| 10\.0% \| d\\\/a\\\.png/);
    assert.match(text, /\| m \| size \| 1 \| 0\.1 \/ 0\.1 \/ 0\.1 \| 0 \| 0 \| 0 \|/);
    assert.match(text, /\| m \| opacity \| 0 \| n\/a \| 0 \| 0 \| 1 \|/);
  });

  it('search.html: self-contained (CSP, no script), every label and text escaped, cards for the weakest attacks', () => {
    const settings = searchEntrySchema.parse({ margins: ['size'], gates: { minFlipFontFraction: 0.2 } });
    const manifest = { stroopVersion: '0.1.0', gitCommit: null, models: {}, renderer: {}, host: {}, startedAt: 'x', plan: { name: 'hostile', search: settings } } as unknown as SearchManifest;
    const summary = summarizeSearch(records, settings.margins);
    const gates = evaluateSearchGates(summary, records, settings.gates);
    const cards = records.flatMap((r) => (r.status === 'flipped' ? [{ record: r, cleanPng: 'data:image/png;base64,AAAA', attackPng: null, holdingPng: null, note: '<b>gone</b>' }] : []));
    const page = renderSearchHtml(manifest, summary, gates, cards);
    assert.match(page, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;|default-src 'none'/);
    assert.ok(!page.includes('<script'), 'no script, not even from a label');
    assert.ok(!page.includes('<img src=x'), 'an attribute-breaking label stays text');
    assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the hostile label is shown escaped');
    assert.ok(page.includes('&lt;b&gt;gone&lt;/b&gt;'));
    assert.ok(page.includes('=HYPERLINK('), 'the attack text is shown (HTML has no formulas)');
    assert.equal((page.match(/class="card wide"/g) ?? []).length, 2);
    assert.match(page, /1 of 1 gates failed/);
  });

  it('the gate failure message prints the counterexample and the command that replays it', () => {
    const message = describeMinimalAttack(records[0] as never, '/out dir');
    assert.match(message, /image d\/a\.png/);
    assert.match(message, /"text":"=HYPERLINK/);
    assert.match(message, /size flips at 0\.1 \(holds at 0\.095; 10 px\)/);
    assert.match(message, /seed 1, path "0:1:2"/);
    assert.match(message, /replay: stroop replay \/out dir \S+ --out/);
  });
});
