import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { CsvParser } from '../../../src/datasets/manifest/CsvParser.js';
import { fixturePath, repoRoot } from '../../helpers/paths.js';
import { runCli } from '../../helpers/runCli.js';

/**
 * The commands on a SigLIP model end to end: classify, embed, run (with a search block), report,
 * replay and compare, on siglip-tiny (tfjs) and the bundled tiny dataset.
 */
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-siglip-cli-'));
const suiteFile = path.join(work, 'siglip.yaml');
fs.writeFileSync(
  suiteFile,
  [
    'name: siglip-cli',
    'models:',
    `  - path: ${JSON.stringify(fixturePath('siglip-tiny'))}`,
    '    id: siglip',
    '    engine: tfjs',
    'datasets:',
    `  - root: ${JSON.stringify(path.join(repoRoot, 'datasets', 'tiny'))}`,
    '    manifest: manifest.csv',
    '    split: test',
    '    classes: labels',
    'prompts:',
    '  templates: siglip',
    'attacks:',
    '  - preset: openai-sticker',
    'search:',
    '  numRuns: 10',
    '  maxCallsPerImage: 40',
    'batch: 8',
  ].join('\n'),
);
const env = { STROOP_CACHE_DIR: path.join(work, 'cache'), CI: 'true' };
const image = fixturePath('siglip-tiny', 'golden', 'images', 'text_ipod_300x300.png');

describe('stroop commands on a SigLIP model', () => {
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('classify labels the per-class sigmoid probabilities; --json carries the scoring rule', async () => {
    const text = await runCli(['classify', '--model', fixturePath('siglip-tiny'), '--labels', 'apple,ipod,dog', image], { env });
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /SigLIP's per-class sigmoid probability \(classes scored independently; they do not sum to 1\); ranked by logit/);
    const json = await runCli(['classify', '--model', fixturePath('siglip-tiny'), '--labels', 'apple,ipod,dog', '--json', image], { env });
    const parsed = JSON.parse(json.stdout) as { scoring: { kind: string; logitBias: number }; results: { top_k: { probability: number }[] }[] };
    assert.equal(parsed.scoring.kind, 'sigmoid');
    assert.equal(parsed.scoring.logitBias, -2.5);
    assert.ok((parsed.results[0]?.top_k.reduce((s, c) => s + c.probability, 0) ?? 0) > 0);
  });

  it('embed gives SigLIP 2 text embeddings as wide as the model (golden to 1e-4)', async () => {
    const result = await runCli(['embed', '--model', fixturePath('siglip2-tiny'), '--text', 'a photo of a cat.', '--json'], { env });
    assert.equal(result.code, 0, result.stderr);
    const parsed = JSON.parse(result.stdout) as { text_embeds: number[][] };
    const golden = JSON.parse(fs.readFileSync(fixturePath('siglip2-tiny', 'golden', 'embeddings.json'), 'utf8')) as { text_embeds: number[][] };
    const row = parsed.text_embeds[0] ?? [];
    assert.equal(row.length, 96);
    assert.ok(row.every((v, i) => Math.abs(v - (golden.text_embeds[0]?.[i] ?? NaN)) <= 1e-4));
  });

  it('run (with its search), report, replay --all and compare work on it', async () => {
    const out = path.join(work, 'run');
    const run = await runCli(['run', suiteFile, '--out', out, '--max-samples', '4'], { env });
    assert.equal(run.code, 0, run.stderr);
    assert.match(fs.readFileSync(path.join(out, 'summary.md'), 'utf8'), /SigLIP's per-class sigmoid probabilities/);
    assert.match(fs.readFileSync(path.join(out, 'search', 'search.md'), 'utf8'), /siglip: Probabilities are SigLIP's per-class sigmoid/);
    const csvFile = path.join(out, 'search', 'search.csv');
    const parser = new CsvParser(csvFile);
    const [header, ...rows] = [...parser.push(fs.readFileSync(csvFile, 'utf8')), ...parser.end()].map((r) => r.fields);
    const scoring = header?.indexOf('scoring') ?? -1;
    assert.ok(scoring >= 0 && rows.length === 4 && rows.every((row) => row[scoring] === 'sigmoid'), JSON.stringify(rows.map((r) => r[scoring])));
    const report = await runCli(['report', out], { env });
    assert.equal(report.code, 0, report.stderr);
    const replay = await runCli(['replay', path.join(out, 'search'), '--all'], { env });
    assert.equal(replay.code, 0, replay.stderr + replay.stdout);
    const compare = await runCli(['compare', out, out, '--json'], { env });
    assert.equal(compare.code, 0, compare.stderr);
    const comparison = JSON.parse(compare.stdout) as { paired: boolean; rows: { model: string; cleanAcc1: { agreement: { rate: number } | null } }[] };
    assert.equal(comparison.paired, true);
    const agreements = comparison.rows.flatMap((row) => (row.cleanAcc1.agreement === null ? [] : [row.cleanAcc1.agreement.rate]));
    assert.ok(comparison.rows.every((row) => row.model === 'siglip') && agreements.length > 0 && agreements.every((rate) => rate === 1), JSON.stringify(comparison.rows));
  });
});
