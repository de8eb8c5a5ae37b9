import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { stringify } from 'csv-stringify/sync';
import { summarizeOutcomes } from '../../src/metrics/runMetrics.js';
import { csvOptions } from '../../src/reports/escape.js';
import { summaryCsvRows, writeSummaryCsv } from '../../src/reports/writeSummaryCsv.js';
import type { Outcome } from '../../src/results/outcome.js';
import { scored } from '../metrics/outcomeBuilders.js';

/** A parameter name that a spreadsheet would run as a formula. */
const formulaParam = '=HYPERLINK("http://x")';

/**
 * Two attacks over a size sweep, eight cat samples each: `big` is right at 10 and wrong at 20 and 30
 * (AD50 15), `small` right everywhere (not reached); both carry a string parameter (no AD50) and a
 * numeric one named like a formula.
 */
function sweep(): Outcome[] {
  return ['big', 'small'].flatMap((attackId) =>
    [10, 20, 30].flatMap((fontSizePx) =>
      Array.from({ length: 8 }, (_, i) =>
        scored({
          sampleId: `s${fontSizePx}-${i}`,
          trueIndex: 0,
          clean: [0, 1],
          attacked: attackId === 'big' && fontSizePx > 10 ? [1, 0] : [0, 1],
          attackId,
          targetIndex: 1,
          params: { fontSizePx, placement: i % 2 === 0 ? 'top' : 'bottom', [formulaParam]: fontSizePx },
        }),
      ),
    ),
  );
}

describe('summary.csv', () => {
  const rows = summaryCsvRows(summarizeOutcomes(sweep()));
  const header = rows[0] as string[];
  const column = (name: string) => header.indexOf(name);
  const ad50Rows = rows.filter((r) => r[0] === 'ad50');

  it('has every row as wide as the header, which ends in the AD50 columns', () => {
    assert.deepEqual(header.slice(-3), ['ad50', 'ad50_bound', 'ad50_level']);
    for (const row of rows) assert.equal(row.length, header.length, JSON.stringify(row));
    assert.deepEqual([...new Set(rows.slice(1).map((r) => r[0]))], ['clean', 'attack', 'class', 'param', 'ad50']);
  });

  it('has one ad50 row per numeric parameter, per attack and across attacks (attack_id empty)', () => {
    const key = (r: unknown[]) => `${String(r[column('attack_id')])}/${String(r[column('param')])}`;
    assert.deepEqual(ad50Rows.map(key).sort(), ['/=HYPERLINK("http://x")', '/fontSizePx', 'big/=HYPERLINK("http://x")', 'big/fontSizePx', 'small/=HYPERLINK("http://x")', 'small/fontSizePx']);
    const cells = (attack: string) => {
      const row = ad50Rows.find((r) => key(r) === `${attack}/fontSizePx`) ?? assert.fail(attack);
      return [row[column('n')], row[column('ad50')], row[column('ad50_bound')], row[column('ad50_level')], row[column('attacked_acc1')]];
    };
    assert.deepEqual(cells('big'), [24, 15, 'crossed', 0.5, '']);
    assert.deepEqual(cells('small'), [24, '', 'notReached', 0.5, '']);
    // Across both attacks: 16/16 at 10, 8/16 at 20 (half of clean, reached).
    assert.deepEqual(cells(''), [48, 20, 'crossed', 0.5, '']);
  });

  it('leaves the AD50 columns blank on every other row', () => {
    for (const row of rows.slice(1).filter((r) => r[0] !== 'ad50')) assert.deepEqual(row.slice(-3), ['', '', ''], JSON.stringify(row));
  });

  it('is written with formulas neutralised, as the rows say', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-summary-csv-'));
    try {
      const file = path.join(dir, 'summary.csv');
      writeSummaryCsv(file, summarizeOutcomes(sweep()));
      const text = fs.readFileSync(file, 'utf8');
      assert.equal(text, stringify(rows, csvOptions));
      assert.ok(text.includes(`"'=HYPERLINK(""http://x"")"`), 'the formula-like parameter name is prefixed with a quote');
      assert.ok(!/(^|,)"?=/m.test(text), 'no cell starts with =');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
