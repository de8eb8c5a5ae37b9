import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import onnxProto from 'onnx-proto';
import { exportClipOnnx } from '../../../src/families/clip/clipOnnxExport.js';
import { loadModel } from '../../../src/families/loadModel.js';
import type { LoadedModel } from '../../../src/families/modelFamily.js';
import { maxAbsDiff, readGoldenEmbeddings, readGoldenPixels } from '../../helpers/goldens.js';
import { fixturePath, modelFixtures } from '../../helpers/paths.js';
import { openSession, rowCosine, runText, runVision } from '../../helpers/runExportedGraph.js';

const { DataType } = onnxProto.onnx.TensorProto;

function describeValues(values: onnxProto.onnx.IValueInfoProto[] | null | undefined): string[] {
  return (values ?? []).map((v) => {
    const tensor = v.type?.tensorType;
    const dims = (tensor?.shape?.dim ?? []).map((d) => d.dimParam || String(d.dimValue));
    return `${v.name} ${DataType[tensor?.elemType ?? 0]} [${dims.join(', ')}]`;
  });
}

describe('exported graphs have the Optimum / transformers.js interface', async () => {
  const model = await loadModel(fixturePath('clip-tiny-p16'));
  for (const [precision, fusedOps] of [
    ['fp32', true],
    ['fp32', false],
    ['q8', true],
  ] as const) {
    const graphs = exportClipOnnx(model, { precision, fusedOps, producerVersion: '9.9.9' });
    const vision = onnxProto.onnx.ModelProto.decode(graphs.vision);
    const text = onnxProto.onnx.ModelProto.decode(graphs.text);

    it(`${precision}${fusedOps ? '' : ' standard ops'}: names, element types and a symbolic batch dimension`, () => {
      assert.deepEqual(describeValues(vision.graph?.input), ['pixel_values FLOAT [batch, 3, 64, 64]']);
      assert.deepEqual(describeValues(vision.graph?.output), ['image_embeds FLOAT [batch, 48]']);
      assert.deepEqual(describeValues(text.graph?.input), ['input_ids INT64 [batch, 77]']);
      assert.deepEqual(describeValues(text.graph?.output), ['text_embeds FLOAT [batch, 48]']);
    });

    it(`${precision}${fusedOps ? '' : ' standard ops'}: opset 17, IR 8, producer and domains`, () => {
      for (const m of [vision, text]) {
        assert.equal(Number(m.irVersion), 8);
        assert.equal(m.producerName, 'stroop');
        assert.equal(m.producerVersion, '9.9.9');
        const opsets = new Map(m.opsetImport.map((o) => [o.domain ?? '', Number(o.version)]));
        assert.equal(opsets.get(''), 17);
        const usesContrib = (m.graph?.node ?? []).some((n) => n.domain === 'com.microsoft');
        assert.equal(opsets.has('com.microsoft'), usesContrib);
        if (precision === 'fp32' && !fusedOps) assert.equal(usesContrib, false, 'standard ops only');
        assert.ok((m.graph?.node ?? []).some((n) => n.opType === 'LayerNormalization' || n.opType === 'SkipLayerNormalization'));
      }
    });
  }
});

/** The goldens' stated tolerance for embeddings from golden input_ids / pixel_values. */
const tolerance = 1e-4;

for (const fixture of modelFixtures) {
  for (const fusedOps of [true, false]) {
    describe(`ONNX export of ${fixture} (${fusedOps ? 'fused contrib ops' : 'standard ops only'}) vs OpenAI goldens`, async () => {
      const model = await loadModel(fixturePath(fixture));
      const golden = readGoldenEmbeddings(fixture);
      const graphs = exportClipOnnx(model, { fusedOps });

      it('text_embeds from the golden input_ids match within 1e-4', async () => {
        const embeds = await runText(await openSession(graphs.text), golden.text_input_ids);
        assert.ok(maxAbsDiff(embeds, golden.text_embeds.flat()) <= tolerance, `max |diff| ${maxAbsDiff(embeds, golden.text_embeds.flat())}`);
      });

      it('image_embeds from the golden pixel_values match within 1e-4', async () => {
        const { numChannels, imageSize } = model.config.vision;
        const perImage = numChannels * imageSize * imageSize;
        const pixels = new Float32Array(golden.images.length * perImage);
        golden.images.forEach((image, i) => pixels.set(readGoldenPixels(fixture, image), i * perImage));
        const embeds = await runVision(await openSession(graphs.vision), pixels, golden.images.length, numChannels, imageSize);
        assert.ok(maxAbsDiff(embeds, golden.image_embeds.flat()) <= tolerance, `max |diff| ${maxAbsDiff(embeds, golden.image_embeds.flat())}`);
      });
    });
  }
}

/** The bar for int8 embeddings: cosine similarity to the fp32 export's, per row. */
const minCosine = 0.99;

function opCounts(bytes: Uint8Array): Map<string, number> {
  const counts = new Map<string, number>();
  for (const node of onnxProto.onnx.ModelProto.decode(bytes).graph?.node ?? []) {
    const op = node.opType ?? '';
    counts.set(op, (counts.get(op) ?? 0) + 1);
  }
  return counts;
}

/** For each image row, the index of the text row with the highest cosine similarity. */
function topTexts(images: Float32Array, texts: Float32Array, dim: number): number[] {
  const rows = (m: Float32Array) => m.length / dim;
  return Array.from({ length: rows(images) }, (_, i) => {
    const similarities = Array.from({ length: rows(texts) }, (_, t) => {
      let dot = 0;
      let nt = 0;
      for (let k = 0; k < dim; k++) {
        dot += images[i * dim + k]! * texts[t * dim + k]!;
        nt += texts[t * dim + k]! ** 2;
      }
      return dot / Math.sqrt(nt);
    });
    return similarities.indexOf(Math.max(...similarities));
  });
}

interface Embeddings {
  readonly texts: Float32Array;
  readonly images: Float32Array;
}

async function embedGoldenInputs(model: LoadedModel, fixture: (typeof modelFixtures)[number], graphs: { vision: Uint8Array; text: Uint8Array }): Promise<Embeddings> {
  const golden = readGoldenEmbeddings(fixture);
  const { numChannels, imageSize } = model.config.vision;
  const perImage = numChannels * imageSize * imageSize;
  const pixels = new Float32Array(golden.images.length * perImage);
  golden.images.forEach((image, i) => pixels.set(readGoldenPixels(fixture, image), i * perImage));
  return {
    texts: await runText(await openSession(graphs.text), golden.text_input_ids),
    images: await runVision(await openSession(graphs.vision), pixels, golden.images.length, numChannels, imageSize),
  };
}

for (const fixture of modelFixtures) {
  describe(`int8 (q8) ONNX export of ${fixture}, against the fp32 export on the golden inputs`, () => {
    let model: LoadedModel;
    let fp32: Embeddings;
    before(async () => {
      model = await loadModel(fixturePath(fixture));
      fp32 = await embedGoldenInputs(model, fixture, exportClipOnnx(model));
    });

    for (const fusedOps of [false, true]) {
      const variant = fusedOps ? 'fused ops' : 'standard ops';
      it(`${variant}: every text and image embedding has cosine >= 0.99 to fp32's, and zero-shot top-1 agrees on every image`, async () => {
        const q8 = await embedGoldenInputs(model, fixture, exportClipOnnx(model, { precision: 'q8', fusedOps }));
        const dim = model.config.projectionDim;
        for (const kind of ['texts', 'images'] as const) {
          const cosines = Array.from({ length: fp32[kind].length / dim }, (_, r) => rowCosine(q8[kind], fp32[kind], dim, r));
          assert.ok(Math.min(...cosines) >= minCosine, `${kind}: cosines ${cosines.map((c) => c.toFixed(4)).join(', ')}`);
        }
        assert.deepEqual(topTexts(q8.images, q8.texts, dim), topTexts(fp32.images, fp32.texts, dim));
      });
    }

    it('stores the transformer MatMul weights as int8 DynamicQuantizeMatMul operands', () => {
      const q8 = exportClipOnnx(model, { precision: 'q8' });
      // Per full layer: qkv, out, fc1, fc2; the pooled last layer: q, kv, out, fc1, fc2; vision: the patch embedding.
      for (const [tower, layers, extra] of [
        [q8.vision, model.config.vision.numHiddenLayers, 1],
        [q8.text, model.config.text.numHiddenLayers, 0],
      ] as const) {
        const counts = opCounts(tower);
        assert.equal(counts.get('DynamicQuantizeMatMul'), 4 * (layers - 1) + 5 + extra);
        const graph = onnxProto.onnx.ModelProto.decode(tower).graph!;
        const int8 = (graph.initializer ?? []).filter((t) => t.dataType === onnxProto.onnx.TensorProto.DataType.INT8);
        assert.equal(int8.length, counts.get('DynamicQuantizeMatMul'));
        assert.equal(counts.get('MatMul') ?? 0, 2 * layers + 1, 'fp32 MatMuls left: the two attention products per layer, the projection');
      }
    });
  });
}
