import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadTemplateSet } from '../../src/datasets/shippedLists.js';
import { embedImageFiles } from '../../src/embed/embedImageFiles.js';
import { embedPromptTexts } from '../../src/embed/embedPromptTexts.js';
import { openModel, type OpenModel } from '../../src/engines/openModel.js';
import { loadModelTokenizer } from '../../src/families/loadModel.js';
import { compareTypes } from '../../src/metrics/typeComparison.js';
import { writeRunReports } from '../../src/reports/writeRunReports.js';
import { readResultLog } from '../../src/results/resultLog.js';
import type { RunPlan } from '../../src/results/runPlan.js';
import type { Outcome, ScoredOutcome } from '../../src/results/outcome.js';
import { runSuite } from '../../src/run/runSuite.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';

const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `stroop-${name}-`));
const model = fixturePath('clip-tiny');
const tiny = path.join(repoRoot, 'datasets', 'tiny');

/**
 * A SCAM-shaped real-world set over the tiny dataset's images: scene n shown as type `SCAM`
 * (one image) and `NoSCAM` (another), each with its object label and the attack word, and SCAM's
 * attributes. Which image carries which word is arbitrary: the protocols are checked against
 * arithmetic done here, not against what the images show.
 */
const entries = [
  { image: 'red circle/0.png', type: 'SCAM', id: 'SCAM_img_0001', label: 'red circle', word: 'blue square', area: 2.5 },
  { image: 'red circle/1.png', type: 'NoSCAM', id: 'NoSCAM_img_0001', label: 'red circle', word: 'blue square', area: 2.5 },
  { image: 'yellow star/0.png', type: 'SCAM', id: 'SCAM_img_0002', label: 'yellow star', word: 'purple heart', area: 7.25 },
  { image: 'yellow star/1.png', type: 'NoSCAM', id: 'NoSCAM_img_0002', label: 'yellow star', word: 'purple heart', area: 7.25 },
  { image: 'green triangle/0.png', type: 'SCAM', id: 'SCAM_img_0003', label: 'green triangle', word: '=cmd|x', area: 0.5 },
  { image: 'purple heart/2.png', type: 'SynthSCAM', id: 'SynthSCAM_img_0003', label: 'green triangle', word: '=cmd|x', area: 0.5 },
];

function writeSet(): string {
  const root = tmp('scam-set');
  fs.cpSync(tiny, root, { recursive: true });
  const lines = entries.map((e) =>
    JSON.stringify({ path: e.image, label: e.label, attack_text: e.word, attributes: { type: e.type, id: e.id, postit_area_pct: e.area } }),
  );
  fs.writeFileSync(path.join(root, 'scam.jsonl'), `${lines.join('\n')}\n`);
  return root;
}

function plan(root: string, overrides: Partial<RunPlan>): RunPlan {
  return {
    name: 'protocol',
    models: [{ id: 'tiny', ref: model, engine: 'onnx', dtype: 'fp32', device: 'cpu' }],
    datasets: [{ id: 'scam', spec: { root, manifest: 'scam.jsonl' }, classes: 'labels+attack-texts', breakdown: ['type', 'postit_area_pct'] }],
    templates: ['a photo of a {}.'],
    attacks: [],
    batch: 4,
    topK: 5,
    shard: { index: 1, count: 1 },
    ...overrides,
  };
}

const unit = (v: Float32Array): number[] => {
  const norm = Math.hypot(...v);
  return [...v].map((x) => x / norm);
};
const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);

let opened: OpenModel;
let root: string;
before(async () => {
  opened = await openModel({ model, engine: 'onnx', device: 'cpu' });
  root = writeSet();
});
after(() => opened.engine.dispose());

/** Each text's embedding per template, as the encoder returns them (not normalised). */
async function rawTextEmbeddings(texts: readonly string[], templates: readonly string[]): Promise<Map<string, Float32Array[]>> {
  const tokenizer = await loadModelTokenizer(opened.model);
  const prompts = texts.flatMap((t) => templates.map((tpl) => tpl.replaceAll('{}', t)));
  const m = await embedPromptTexts(opened.engine, tokenizer, prompts);
  return new Map(texts.map((t, ti) => [t, templates.map((_, j) => m.data.slice((ti * templates.length + j) * m.dim, (ti * templates.length + j + 1) * m.dim))]));
}

async function imageEmbeddings(): Promise<Map<string, number[]>> {
  const files = entries.map((e) => path.join(root, e.image));
  const m = await embedImageFiles(opened.engine, opened.model.preprocessor, files, { maxPixels: 1e8, batchSize: 8 });
  return new Map(entries.map((e, i) => [e.id, unit(m.data.slice(i * m.dim, (i + 1) * m.dim))]));
}

const realWorldRows = (rows: readonly Outcome[]) => rows.filter((r): r is ScoredOutcome => r.kind === 'scored' && r.attackId === 'real-world');

describe('protocol scam-binary', () => {
  it("scores each image between its label and its word: SCAM's raw-mean of 32 templates, logit scale x cosine, a softmax over the two", async () => {
    const templates = loadTemplateSet('scam');
    assert.equal(templates.length, 32);
    const out = tmp('scam-run');
    const result = await runSuite(plan(root, { protocol: 'scam-binary', templates }), { outDir: out, cacheDir: tmp('cache'), maxPixels: 1e8 });
    const rows = realWorldRows([...readResultLog(result.logFile)]);
    assert.equal(rows.length, entries.length);

    const words = [...new Set(entries.flatMap((e) => [e.label, e.word]))];
    const raw = await rawTextEmbeddings(words, templates);
    // SCAM: encode_text(prompts).mean(dim=0), then divided by its norm.
    const textOf = (w: string) => {
      const perTemplate = raw.get(w) as Float32Array[];
      const mean = new Float32Array(perTemplate[0]!.length);
      for (const e of perTemplate) e.forEach((x, i) => (mean[i]! += x / perTemplate.length));
      return unit(mean);
    };
    const images = await imageEmbeddings();
    const scale = opened.engine.scoring.logitScale;
    for (const e of entries) {
      const row = rows.find((r) => r.attributes?.id === e.id);
      assert.ok(row, e.id);
      const image = images.get(e.id) as number[];
      const objectLogit = scale * dot(image, textOf(e.label));
      const attackLogit = scale * dot(image, textOf(e.word));
      const objectProb = 1 / (1 + Math.exp(attackLogit - objectLogit));
      assert.equal(row.attacked.length, 2, 'two candidates only');
      const object = row.attacked.find((c) => c.label === e.label);
      const attack = row.attacked.find((c) => c.label === e.word);
      assert.ok(object && attack);
      assert.ok(Math.abs((object.logit as number) - objectLogit) < 1e-3, `${e.id}: object logit ${object.logit} vs ${objectLogit}`);
      assert.ok(Math.abs((attack.logit as number) - attackLogit) < 1e-3, `${e.id}: attack logit ${attack.logit} vs ${attackLogit}`);
      assert.ok(Math.abs(object.probability - objectProb) < 1e-5);
      assert.ok(Math.abs(object.probability + attack.probability - 1) < 1e-12);
      assert.equal(row.attacked[0]?.label, objectProb > 0.5 ? e.label : e.word, 'the object wins only with the higher probability');
      assert.deepEqual(row.params, { type: e.type, postit_area_pct: e.area, paired: false });
    }

    // The per-type view and SCAM's CSV.
    const reports = writeRunReports(out, result.manifest, result.logFile);
    assert.equal(reports.summary.protocol.name, 'scam-binary');
    const types = reports.summary.typeComparison?.tiny;
    assert.ok(types);
    assert.deepEqual(Object.keys(types.byType), ['NoSCAM', 'SCAM', 'SynthSCAM']);
    assert.equal(types.byType.SCAM?.n, 3);
    const noToScam = types.pairs.find((p) => p.from === 'NoSCAM' && p.to === 'SCAM');
    assert.equal(noToScam?.n, 2, 'scenes 0001 and 0002 exist as NoSCAM and SCAM');
    assert.equal(types.pairs.find((p) => p.from === 'SCAM' && p.to === 'SynthSCAM')?.n, 1);
    const csv = fs.readFileSync(path.join(out, 'scam-tiny.csv'), 'utf8').trim().split('\n');
    assert.equal(csv[0], 'type,id,object_label,attack_word,postit_area_pct,object_similarities,attack_similarities,object_prob,attack_prob');
    assert.equal(csv.length, entries.length + 1);
    assert.match(csv.find((l) => l.includes('SCAM_img_0003')) ?? '', /^SCAM,SCAM_img_0003,green triangle,'=cmd\|x,0\.5,/, 'formula-like words are neutralised');
    const md = fs.readFileSync(path.join(out, 'summary.md'), 'utf8');
    assert.match(md, /Protocol: \*\*scam\\-binary\*\*/);
    assert.match(md, /NoSCAM → SCAM \| 2 \|/);
  });

  it('keeps the ids of pairs apart from their type prefix only when it is the type', () => {
    const row = (type: string, id: string, right: boolean): Outcome => ({
      kind: 'scored',
      sampleId: `d/${id}.png`,
      model: 'm',
      attackId: 'real-world',
      variant: '',
      trueLabel: 'a',
      trueIndex: 0,
      attackText: 'b',
      targetIndex: 1,
      specHash: null,
      renderHash: 'h',
      params: {},
      attributes: { type, id },
      clean: [],
      attacked: right ? [{ index: 0, label: 'a', probability: 0.6 }, { index: 1, label: 'b', probability: 0.4 }] : [{ index: 1, label: 'b', probability: 0.7 }, { index: 0, label: 'a', probability: 0.3 }],
    });
    const view = compareTypes([row('NoSCAM', 'NoSCAM_img_1', true), row('SCAM', 'SCAM_img_1', false), row('SCAM', 'SCAM_img_2', true), row('NoSCAM', 'other_img_2', true)]).m;
    assert.ok(view);
    assert.equal(view.byType.SCAM?.successes, 1);
    const pair = view.pairs.find((p) => p.from === 'NoSCAM' && p.to === 'SCAM');
    assert.deepEqual([pair?.n, pair?.lost, pair?.gained], [1, 1, 0], 'only img_1 pairs: other_img_2 keeps its prefix');
  });
});

describe('protocol all-labels', () => {
  it('is top-1 over every label and attack word with one template, each prompt normalised', async () => {
    const out = tmp('all-labels');
    const result = await runSuite(plan(root, { protocol: 'all-labels', templates: loadTemplateSet('single') }), { outDir: out, cacheDir: tmp('cache'), maxPixels: 1e8 });
    const classes = result.manifest.classes.scam as string[];
    assert.deepEqual(classes, [...new Set(entries.flatMap((e) => [e.label, e.word]))].sort());
    const raw = await rawTextEmbeddings(classes, ['a photo of a {}.']);
    const images = await imageEmbeddings();
    const scale = opened.engine.scoring.logitScale;
    for (const row of realWorldRows([...readResultLog(result.logFile)])) {
      const image = images.get(row.attributes?.id as string) as number[];
      const logits = classes.map((c) => scale * dot(image, unit((raw.get(c) as Float32Array[])[0]!)));
      const best = logits.indexOf(Math.max(...logits));
      assert.equal(row.attacked[0]?.label, classes[best]);
      assert.equal(row.attacked.length, Math.min(5, classes.length), 'every class competes');
      const z = logits.reduce((s, l) => s + Math.exp(l - Math.max(...logits)), 0);
      assert.ok(Math.abs((row.attacked[0]?.probability ?? 0) - 1 / z) < 1e-5);
    }
  });
});
