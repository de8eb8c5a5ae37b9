import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EmbeddingEngine } from '../../src/engines/embeddingEngine.js';
import { EngineError } from '../../src/errors/errors.js';
import { loadModel } from '../../src/families/loadModel.js';
import type { LoadedModel } from '../../src/families/modelFamily.js';
import { maxAbsDiff, readGoldenEmbeddings, readGoldenPixels } from '../helpers/goldens.js';
import { allModelFixtures, fixturePath, type AnyModelFixture } from '../helpers/paths.js';

export interface EngineUnderTest {
  readonly create: (model: LoadedModel) => Promise<EmbeddingEngine>;
  /** The fixtures to run on (default: every model fixture of every family). */
  readonly fixtures?: readonly AnyModelFixture[];
  /** The model directory to load for a fixture (default: the fixture itself), e.g. a copy with exported graphs. */
  readonly modelDir?: (fixture: AnyModelFixture) => Promise<string>;
  /** Live tensor count, for engines that can leak (tfjs). */
  readonly liveTensors?: () => number;
}

function rowsOf(data: Float32Array, dim: number, rows: number[]): Float32Array {
  const out = new Float32Array(rows.length * dim);
  rows.forEach((r, i) => out.set(data.subarray(r * dim, (r + 1) * dim), i * dim));
  return out;
}

/** What every engine must do, on every model fixture. */
export function runEngineContract(name: string, subject: EngineUnderTest): void {
  for (const fixture of subject.fixtures ?? allModelFixtures) {
    describe(`${name} engine contract on ${fixture}`, () => {
      const golden = readGoldenEmbeddings(fixture);
      let model: LoadedModel;
      let engine: EmbeddingEngine;
      let pixels: Float32Array;
      let ids: Int32Array;
      let perImage: number;

      before(async () => {
        model = await loadModel(subject.modelDir === undefined ? fixturePath(fixture) : await subject.modelDir(fixture));
        engine = await subject.create(model);
        const { imageSize, numChannels } = model.config.vision;
        perImage = numChannels * imageSize * imageSize;
        pixels = new Float32Array(golden.images.length * perImage);
        golden.images.forEach((image, i) => pixels.set(readGoldenPixels(fixture, image), i * perImage));
        ids = Int32Array.from(golden.text_input_ids.flat());
      });
      after(() => engine.dispose());

      it('embeds the golden input_ids to within 1e-4 of the reference text_embeds', async () => {
        const out = await engine.embedTexts(ids, golden.texts.length);
        assert.equal(out.rows, golden.texts.length);
        assert.equal(out.dim, model.config.projectionDim);
        const diff = maxAbsDiff(out.data, golden.text_embeds.flat());
        assert.ok(diff <= 1e-4, `max |text diff| = ${diff}`);
      });

      it('embeds the golden pixel_values to within 1e-4 of the reference image_embeds', async () => {
        const out = await engine.embedImages(pixels, golden.images.length);
        assert.equal(out.rows, golden.images.length);
        const diff = maxAbsDiff(out.data, golden.image_embeds.flat());
        assert.ok(diff <= 1e-4, `max |image diff| = ${diff}`);
      });

      it('has the golden scoring rule (logit scale; SigLIP: sigmoid with the golden logit bias)', () => {
        assert.ok(Math.abs(engine.scoring.logitScale - golden.logit_scale_exp) < 1e-5, `${engine.scoring.logitScale}`);
        if (golden.logit_bias === undefined) assert.equal(engine.scoring.kind, 'softmax');
        else assert.ok(engine.scoring.kind === 'sigmoid' && Math.abs(engine.scoring.logitBias - golden.logit_bias) < 1e-6, JSON.stringify(engine.scoring));
      });

      it('gives the same rows one at a time, in a batch, and in reversed order', async () => {
        const dim = model.config.projectionDim;
        const batch = await engine.embedImages(pixels, golden.images.length);
        const order = golden.images.map((_, i) => golden.images.length - 1 - i);
        const reversedPixels = new Float32Array(pixels.length);
        order.forEach((src, dst) => reversedPixels.set(pixels.subarray(src * perImage, (src + 1) * perImage), dst * perImage));
        const reversed = await engine.embedImages(reversedPixels, order.length);
        assert.ok(maxAbsDiff(reversed.data, rowsOf(batch.data, dim, order)) < 1e-5);
        const single = await engine.embedImages(pixels.subarray(2 * perImage, 3 * perImage), 1);
        assert.ok(maxAbsDiff(single.data, rowsOf(batch.data, dim, [2])) < 1e-5);

        const context = model.config.text.maxPositionEmbeddings;
        const texts = await engine.embedTexts(ids, golden.texts.length);
        const oneText = await engine.embedTexts(ids.subarray(context * 7, context * 8), 1);
        assert.ok(maxAbsDiff(oneText.data, rowsOf(texts.data, dim, [7])) < 1e-5);
      });

      it('CLIP: ignores what follows the end-of-text token (padding value is irrelevant)', async (t) => {
        if (model.config.family !== 'clip') return t.skip('SigLIP reads every position (bidirectional, last-position pooling)');
        const context = model.config.text.maxPositionEmbeddings;
        const eos = model.config.text.eosTokenId;
        const row = ids.slice(0, context);
        const end = row.indexOf(eos);
        const repadded = row.map((v, i) => (i > end ? eos : v));
        const [a, b] = [await engine.embedTexts(row, 1), await engine.embedTexts(repadded, 1)];
        assert.ok(maxAbsDiff(a.data, b.data) < 1e-6);
      });

      it('refuses inputs of the wrong size and token ids outside the vocabulary', async () => {
        await assert.rejects(engine.embedImages(new Float32Array(10), 1), (e: unknown) => e instanceof EngineError && /pixel values/.test(e.message));
        const context = model.config.text.maxPositionEmbeddings;
        await assert.rejects(engine.embedTexts(new Int32Array(context - 1), 1), EngineError);
        const bad = new Int32Array(context);
        bad[1] = model.config.text.vocabSize;
        await assert.rejects(engine.embedTexts(bad, 1), (e: unknown) => e instanceof EngineError && /outside the model's vocabulary/.test(e.message));
      });

      it('refuses to return a non-finite embedding, naming the tower and the value', async () => {
        const poisoned = pixels.slice(0, 2 * perImage);
        poisoned[perImage + 5] = NaN;
        await assert.rejects(engine.embedImages(poisoned, 2), (e: unknown) => e instanceof EngineError && /vision tower/.test(e.message) && /row \d+ of 2, value \d+ of \d+ is NaN/.test(e.message));
        const fine = await engine.embedImages(pixels.subarray(0, perImage), 1);
        assert.ok(fine.data.every(Number.isFinite), 'the engine still works');
      });

      if (subject.liveTensors !== undefined) {
        const live = subject.liveTensors;
        it('leaks no tensors across embed calls', async () => {
          await engine.embedImages(pixels.subarray(0, perImage), 1);
          await engine.embedTexts(ids.subarray(0, model.config.text.maxPositionEmbeddings), 1);
          const before = live();
          await engine.embedImages(pixels, golden.images.length);
          await engine.embedTexts(ids, golden.texts.length);
          await assert.rejects(engine.embedImages(new Float32Array(3), 1));
          assert.equal(live(), before);
        });
      }

      it('dispose() is idempotent and a disposed engine refuses work', async () => {
        const other = await subject.create(model);
        const before = subject.liveTensors?.();
        other.dispose();
        other.dispose();
        await assert.rejects(other.embedImages(pixels.subarray(0, perImage), 1), (e: unknown) => e instanceof EngineError && /disposed/.test(e.message));
        if (before !== undefined && subject.liveTensors !== undefined) assert.ok(subject.liveTensors() < before);
      });
    });
  }
}
