import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClipTokenizer } from '../../src/families/clip/tokenizer/ClipTokenizer.js';
import { clipPreprocessorFor } from '../../src/families/clip/writeClipCheckpoint.js';
import type { RgbaImage } from '../../src/image/rgbaImage.js';
import { reducedClipTokenizer } from '../../src/train/reducedClipTokenizer.js';
import { stroopTinyRecipeOf, stroopTinyRecipeV2, stroopTinyRecipeV3, stroopTinyRecipeV4, stroopTinyRecipeV5, stroopTinyRecipeV6, stroopTinyRecipeV7 } from '../../src/train/stroopTinyGenerations.js';
import { stroopTinyRecipe, type TrainingRecipe } from '../../src/train/trainingRecipe.js';
import { curriculumShare, trainingBatch, type TrainingPool } from '../../src/train/trainingData.js';

const classNames = ['apple', 'dog', 'guitar', 'hot air balloon', 'saxophone', 'tractor'];
const size = 112;

/** A flat-coloured square per class and style: different classes look different. */
function artwork(classIndex: number, style: number): RgbaImage {
  const data = new Uint8Array(size * size * 4);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = 40 * classIndex;
    data[i + 1] = 60 * style;
    data[i + 2] = 200;
    data[i + 3] = 255;
  }
  return { width: size, height: size, data };
}

const pool: TrainingPool = { classNames, artworks: classNames.map((_, c) => [artwork(c, 0), artwork(c, 1)]) };
const reading = { ...stroopTinyRecipe('reading'), batchSize: 5 };
const control = { ...stroopTinyRecipe('control'), batchSize: 5 };
const files = await reducedClipTokenizer(reading.tokenizerMerges, reading.architecture.text.maxPositionEmbeddings);
const tokenizer = ClipTokenizer.fromFiles({ vocabJson: files.files['vocab.json'] ?? '', mergesTxt: files.files['merges.txt'] ?? '' });
const preprocessor = clipPreprocessorFor(reading.architecture);
/** The kinds of image of the first `steps` batches of `recipe`, 8 images each. */
const kindsOver = (recipe: TrainingRecipe, steps: number): string[] =>
  Array.from({ length: steps }, (_, i) => trainingBatch(i, { ...recipe, batchSize: 8 }, pool, tokenizer, preprocessor).kinds).flat();

describe('trainingBatch', () => {
  it('is a function of (recipe, step): the same step gives the same pixels and captions', () => {
    const a = trainingBatch(3, reading, pool, tokenizer, preprocessor);
    const b = trainingBatch(3, reading, pool, tokenizer, preprocessor);
    assert.deepEqual(a.captions, b.captions);
    assert.deepEqual(a.pixels, b.pixels);
    assert.deepEqual(a.inputIds, b.inputIds);
    const c = trainingBatch(4, reading, pool, tokenizer, preprocessor);
    assert.notDeepEqual(c.pixels, a.pixels);
  });

  it('draws each class at most once per batch, with a caption naming it and its end token pooled', () => {
    const batch = trainingBatch(0, reading, pool, tokenizer, preprocessor);
    assert.equal(batch.count, 5);
    const named = batch.captions.map((caption) => classNames.find((name) => caption.includes(name)));
    assert.equal(new Set(named).size, 5, batch.captions.join(' | '));
    const context = reading.architecture.text.maxPositionEmbeddings;
    for (let r = 0; r < batch.count; r++) assert.equal(batch.inputIds[r * context + (batch.pooled[r] ?? 0)], reading.architecture.text.eosTokenId);
    assert.equal(batch.pixels.length, 5 * 3 * size * size);
  });

  it('writes words on about the recipe share of images from wordsFromStep on, and never for the control', () => {
    const kinds = (recipe: typeof reading, from = recipe.wordsFromStep + recipe.wordRampSteps) =>
      Array.from({ length: 80 }, (_, i) => trainingBatch(from + i, recipe, pool, tokenizer, preprocessor).kinds).flat();
    const readingKinds = kinds(reading);
    const share = (kind: string) => readingKinds.filter((k) => k === kind).length / readingKinds.length;
    assert.ok(Math.abs(share('artworkWithWord') - reading.writtenWordRate) < 0.1, `with word: ${share('artworkWithWord')}`);
    const overOther = reading.wordOnlyRate * reading.wordOverOtherArtworkShare;
    assert.ok(overOther > 0.1, 'the recipe writes some words over other classes');
    assert.ok(Math.abs(share('wordOnly') - (reading.wordOnlyRate - overOther)) < 0.07, `word only: ${share('wordOnly')}`);
    assert.ok(Math.abs(share('wordOverOtherArtwork') - overOther) < 0.07, `over another class: ${share('wordOverOtherArtwork')}`);
    assert.ok(kinds(control).every((k) => k === 'artwork'));
  });

  it('shows artwork alone before wordsFromStep', () => {
    const early = { ...reading, wordsFromStep: 30, wordRampSteps: 1, wordOnlyRate: 0.5, writtenWordRate: 0.5 };
    const kindsAt = (step: number) => trainingBatch(step, early, pool, tokenizer, preprocessor).kinds;
    assert.ok(Array.from({ length: 30 }, (_, step) => kindsAt(step)).flat().every((k) => k === 'artwork'));
    assert.ok(Array.from({ length: 5 }, (_, i) => kindsAt(30 + i)).flat().every((k) => k !== 'artwork'));
  });

  it('ramps the word rates in linearly over wordRampSteps', () => {
    const ramped = { ...reading, wordsFromStep: 10, wordRampSteps: 40, wordOnlyRate: 0.5, writtenWordRate: 0.5 };
    const wordShare = (from: number, steps: number) => {
      const kinds = Array.from({ length: steps }, (_, i) => trainingBatch(from + i, ramped, pool, tokenizer, preprocessor).kinds).flat();
      return kinds.filter((k) => k !== 'artwork').length / kinds.length;
    };
    // Steps 10-19 average a share of 5.5/40 of full words; steps 50-69 are past the ramp.
    const early = wordShare(10, 10);
    const late = wordShare(50, 20);
    assert.ok(early > 0 && early < 0.35, `early ${early}`);
    assert.ok(late > 0.85, `late ${late}`);
  });
});

describe('the v2 curriculum', () => {
  it('grows the hard share from 0 at fromStep to finalShare at toStep, and is 1 without a curriculum', () => {
    const recipe = { curriculum: { fromStep: 100, toStep: 700, finalShare: 0.8 } };
    assert.deepEqual([0, 100, 400, 700, 900].map((s) => curriculumShare(s, recipe)), [0, 0, 0.4, 0.8, 0.8]);
    assert.equal(curriculumShare(0, stroopTinyRecipe('control')), 1);
  });

  it('draws only starter artwork, placed as v1 places it, before fromStep; any artwork, in scenes, after toStep', () => {
    // Starter artwork has green 0, the rest green 60; without colour jitter the centre pixel of
    // an easy image (artwork at 70-100% of the side) is always starter artwork.
    const v2 = { ...stroopTinyRecipeV2('control'), batchSize: 5, colourJitter: 0, curriculum: { fromStep: 100, toStep: 700, finalShare: 1 } };
    const staged: TrainingPool = { ...pool, artworks: classNames.map((_, c) => [artwork(c, 1)]), starter: classNames.map((_, c) => [artwork(c, 0)]) };
    const greenZero = (0 - preprocessor.imageMean[1]) / preprocessor.imageStd[1];
    const centreGreens = (batch: ReturnType<typeof trainingBatch>) =>
      Array.from({ length: batch.count }, (_, i) => batch.pixels[(i * 3 + 1) * size * size + (size / 2) * size + size / 2] as number);
    for (const step of [0, 50, 99]) {
      for (const green of centreGreens(trainingBatch(step, v2, staged, tokenizer, preprocessor))) assert.ok(Math.abs(green - greenZero) < 1e-4, `step ${step}: ${green}`);
    }
    const late = [800, 801, 802].flatMap((step) => centreGreens(trainingBatch(step, v2, staged, tokenizer, preprocessor)));
    assert.ok(late.filter((green) => Math.abs(green - greenZero) > 0.05).length >= 12, `after toStep the centres show other artwork and scenes: ${late.map((g) => g.toFixed(2)).join(' ')}`);
  });
});

describe('the v3 recipe', () => {
  it('is v2 on 8 px patches, starting from the v2 weights, at full strength from its second step', () => {
    const v2 = stroopTinyRecipeV2('reading');
    const v3 = stroopTinyRecipeV3('reading');
    assert.equal(v3.architecture.vision.patchSize, 8);
    assert.equal(v3.architecture.vision.imageSize % 8, 0);
    assert.deepEqual({ ...v3.architecture.vision, patchSize: 16 }, v2.architecture.vision);
    assert.deepEqual(v3.architecture.text, v2.architecture.text);
    assert.equal(v3.startsFrom, 'v2');
    assert.equal(stroopTinyRecipeV2('reading').startsFrom, undefined);
    assert.equal(curriculumShare(1, v3), v2.curriculum?.finalShare);
    const batched = { ...v3, batchSize: 5 };
    const kinds = Array.from({ length: 40 }, (_, i) => trainingBatch(1 + i, batched, pool, tokenizer, preprocessor).kinds).flat();
    const worded = kinds.filter((k) => k !== 'artwork').length / kinds.length;
    assert.ok(Math.abs(worded - (v3.writtenWordRate + v3.wordOnlyRate)) < 0.12, `words on ${worded} of v3's images`);
  });

  it('draws batches no v2 step drew (another seed)', () => {
    const v2 = { ...stroopTinyRecipeV2('reading'), batchSize: 5 };
    const v3 = { ...stroopTinyRecipeV3('reading'), batchSize: 5 };
    assert.notDeepEqual(trainingBatch(1200, v3, pool, tokenizer, preprocessor).captions, trainingBatch(1200, v2, pool, tokenizer, preprocessor).captions);
  });

  it('stroopTinyRecipeOf picks the generation and keeps its default length unless given one', () => {
    assert.deepEqual(stroopTinyRecipeOf('v1', 'control'), stroopTinyRecipe('control'));
    assert.equal(stroopTinyRecipeOf('v1', 'control', 10).steps, 10);
    assert.deepEqual(stroopTinyRecipeOf('v2', 'reading'), stroopTinyRecipeV2('reading'));
    assert.equal(stroopTinyRecipeOf('v3', 'reading').steps, 1500);
    assert.equal(stroopTinyRecipeOf('v3', 'reading', 20).steps, 20);
    assert.deepEqual(stroopTinyRecipeOf('v4', 'control'), stroopTinyRecipeV4('control'));
    assert.equal(stroopTinyRecipeOf('v4', 'reading').steps, 900);
    assert.deepEqual(stroopTinyRecipeOf('v5', 'reading', 30), stroopTinyRecipeV5('reading', 30));
    assert.equal(stroopTinyRecipeOf('v5', 'control').steps, 1800);
  });
});

describe('the v4 recipe', () => {
  it("is v3's model and scenes, trained on from the v3 weights, with the presets' own word styles and more words alone", () => {
    const v3 = stroopTinyRecipeV3('reading');
    const v4 = stroopTinyRecipeV4('reading');
    assert.deepEqual(v4.architecture, v3.architecture);
    assert.deepEqual([v4.scene, v4.curriculum, v4.artworkScale], [v3.scene, v3.curriculum, v3.artworkScale]);
    assert.equal(v4.startsFrom, 'v3');
    assert.equal(v4.wordStyles?.drawnAs, 'presets');
    assert.ok(v4.wordOnlyRate > v3.wordOnlyRate);
    assert.notEqual(v4.seed, v3.seed);
  });

  it('the control sees the same images without a word', () => {
    const control = stroopTinyRecipeV4('control');
    assert.deepEqual([control.writtenWordRate, control.wordOnlyRate], [0, 0]);
    assert.deepEqual(new Set(kindsOver(control, 10)), new Set(['artwork']));
  });
});

describe('the v5 recipe', () => {
  it("is v4's model and scenes, trained on from the v4 weights, with most words drawn as defense-prefix and more of them alone", () => {
    const v4 = stroopTinyRecipeV4('reading');
    const v5 = stroopTinyRecipeV5('reading');
    assert.deepEqual(v5.architecture, v4.architecture);
    assert.deepEqual([v5.scene, v5.curriculum, v5.artworkScale], [v4.scene, v4.curriculum, v4.artworkScale]);
    assert.equal(v5.startsFrom, 'v4');
    assert.equal(v5.wordStyles?.drawnAs, 'presets');
    assert.ok((v5.wordStyles?.overlay ?? 0) > (v4.wordStyles?.overlay ?? 0));
    assert.ok(v5.wordOnlyRate > v4.wordOnlyRate);
    assert.notEqual(v5.seed, v4.seed);
  });

  it('writes a word on most images, and only artwork for the control', () => {
    const reading = kindsOver(stroopTinyRecipeV5('reading'), 8);
    assert.ok(reading.filter((kind) => kind !== 'artwork').length > reading.length / 2, reading.join(' '));
    assert.deepEqual(new Set(kindsOver(stroopTinyRecipeV5('control'), 8)), new Set(['artwork']));
  });
});

describe('the v6 recipe', () => {
  it("is v5's model and scenes, trained on from the v5 weights, with fewer words and more of them stickers", () => {
    const v5 = stroopTinyRecipeV5('reading');
    const v6 = stroopTinyRecipeV6('reading');
    assert.deepEqual(v6.architecture, v5.architecture);
    assert.deepEqual([v6.scene, v6.curriculum, v6.artworkScale, v6.wordOverOtherArtworkShare], [v5.scene, v5.curriculum, v5.artworkScale, v5.wordOverOtherArtworkShare]);
    assert.equal(v6.startsFrom, 'v5');
    assert.ok(v6.writtenWordRate + v6.wordOnlyRate < v5.writtenWordRate + v5.wordOnlyRate);
    assert.ok((v6.wordStyles?.sticker ?? 0) > (v5.wordStyles?.sticker ?? 0));
    assert.equal(v6.wordStyles?.drawnAs, 'presets');
    assert.notEqual(v6.seed, v5.seed);
    assert.deepEqual(stroopTinyRecipeOf('v6', 'reading', 50), stroopTinyRecipeV6('reading', 50));
  });

  it('shows artwork alone on most images, and only artwork for the control', () => {
    const reading = kindsOver(stroopTinyRecipeV6('reading'), 12);
    const alone = reading.filter((kind) => kind === 'artwork').length;
    assert.ok(alone > reading.length / 2 && alone < reading.length, reading.join(' '));
    assert.deepEqual(new Set(kindsOver(stroopTinyRecipeV6('control'), 8)), new Set(['artwork']));
  });
});

describe('the v7 recipe', () => {
  it("is v6's model and scenes, trained on from the v6 weights for longer, with most words defense-prefix's", () => {
    const v6 = stroopTinyRecipeV6('reading');
    const v7 = stroopTinyRecipeV7('reading');
    assert.deepEqual(v7.architecture, v6.architecture);
    assert.deepEqual([v7.scene, v7.curriculum, v7.artworkScale, v7.wordOverOtherArtworkShare, v7.learningRate], [v6.scene, v6.curriculum, v6.artworkScale, v6.wordOverOtherArtworkShare, v6.learningRate]);
    assert.equal(v7.startsFrom, 'v6');
    assert.ok(v7.steps > 3 * v6.steps);
    assert.ok((v7.wordStyles?.overlay ?? 0) > (v6.wordStyles?.overlay ?? 0));
    assert.equal(v7.wordStyles?.drawnAs, 'presets');
    assert.notEqual(v7.seed, v6.seed);
    assert.deepEqual(stroopTinyRecipeOf('v7', 'reading', 50), stroopTinyRecipeV7('reading', 50));
  });

  it('writes no word for the control', () => {
    assert.deepEqual(new Set(kindsOver(stroopTinyRecipeV7('control'), 8)), new Set(['artwork']));
  });
});
