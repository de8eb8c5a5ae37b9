import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { writeSamplesCsv } from '../../src/reports/writeSamplesCsv.js';
import { scored } from '../metrics/outcomeBuilders.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-samples-csv-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The CSV's rows as header -> cell records (no cell here holds a comma or a quote). */
function readRows(file: string): Record<string, string>[] {
  const [header, ...lines] = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
  const names = (header ?? '').split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [names[i] ?? '', cell])));
}

describe('samples.csv', () => {
  it('leaves the clean cells of a real-world image without a clean pair empty, and fills them for a paired one', () => {
    const file = path.join(dir, 'samples.csv');
    const outcomes = [
      // cat (0) with the word "dog" (1): the word wins on both images.
      scored({ sampleId: 'paired', trueIndex: 0, clean: [0, 1], attacked: [1, 0], attackId: 'real-world', targetIndex: 1, params: { paired: true } }),
      scored({ sampleId: 'unpaired', trueIndex: 0, clean: [1, 0], attacked: [1, 0], attackId: 'real-world', targetIndex: 1, params: { paired: false } }),
    ];
    assert.equal(writeSamplesCsv(file, outcomes, ['m'], ['real-world']), 2);
    const [paired, unpaired] = readRows(file);
    assert.deepEqual([paired?.['clean_top1'], paired?.['clean_correct'], paired?.['flipped'], paired?.['attacked_top1'], paired?.['targeted_success']], ['cat', 'true', 'true', 'dog', 'true']);
    assert.deepEqual(
      [unpaired?.['clean_top1'], unpaired?.['clean_top1_probability'], unpaired?.['clean_correct'], unpaired?.['flipped'], unpaired?.['clean_top_k']],
      ['', '', '', '', ''],
    );
    assert.deepEqual([unpaired?.['attacked_top1'], unpaired?.['attacked_correct'], unpaired?.['targeted_success']], ['dog', 'false', 'true']);
  });
});
