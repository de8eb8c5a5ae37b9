import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createOnnxEngine } from '../../../src/engines/onnx/OnnxEngine.js';
import { extractTowerGraph, onnx } from '../../../src/engines/onnx/onnxGraph.js';
import type { OnnxEngine } from '../../../src/engines/onnx/OnnxEngine.js';
import { EngineError } from '../../../src/errors/errors.js';
import type { LoadedModel } from '../../../src/families/modelFamily.js';
import { loadModel } from '../../../src/families/loadModel.js';
import { maxAbsDiff, readGoldenEmbeddings, readGoldenPixels } from '../../helpers/goldens.js';
import { fixturePath, modelFixtures } from '../../helpers/paths.js';
import { combinedClipModel } from './onnxTestModels.js';
import { tempModelDir } from './tempModelDir.js';

for (const fixture of modelFixtures) {
  describe(`onnx engine on a combined CLIPModel graph (onnx/model.onnx) built from ${fixture}'s towers`, () => {
    const golden = readGoldenEmbeddings(fixture);
    const towers = (name: string) => fixturePath(fixture, 'onnx', name);
    const combined = combinedClipModel(towers('vision_model.onnx'), towers('text_model.onnx'), golden.logit_scale);
    let model: LoadedModel;
    let engine: OnnxEngine;
    let withoutWeights: OnnxEngine;

    before(async () => {
      model = await loadModel(fixturePath(fixture));
      const dir = tempModelDir({ 'onnx/model.onnx': combined });
      engine = await createOnnxEngine({ ...model, dir }, { device: 'cpu' });
      withoutWeights = await createOnnxEngine({ ...model, dir, weights: new Map() }, { device: 'cpu' });
    });
    after(() => {
      engine.dispose();
      withoutWeights.dispose();
    });

    it('returns the unnormalised golden embeddings (the normalising division is cut off, attention_mask fed ones)', async () => {
      const texts = await engine.embedTexts(Int32Array.from(golden.text_input_ids.flat()), golden.texts.length);
      const textDiff = maxAbsDiff(texts.data, golden.text_embeds.flat());
      assert.ok(textDiff <= 1e-4, `max |text diff| = ${textDiff}`);
      const perImage = model.config.vision.numChannels * model.config.vision.imageSize ** 2;
      const pixels = new Float32Array(golden.images.length * perImage);
      golden.images.forEach((image, i) => pixels.set(readGoldenPixels(fixture, image), i * perImage));
      const images = await engine.embedImages(pixels, golden.images.length);
      const imageDiff = maxAbsDiff(images.data, golden.image_embeds.flat());
      assert.ok(imageDiff <= 1e-4, `max |image diff| = ${imageDiff}`);
    });

    it("takes the logit scale from the weights, or measures it on the graph's logits when there are none", () => {
      assert.equal(engine.scoringSource, 'weights');
      assert.equal(withoutWeights.scoringSource, 'onnx');
      const relative = Math.abs(withoutWeights.scoring.logitScale / golden.logit_scale_exp - 1);
      assert.ok(relative < 1e-5, `measured ${withoutWeights.scoring.logitScale}, golden ${golden.logit_scale_exp}`);
      assert.equal(withoutWeights.backend, 'cpu fp32');
    });
  });
}

/** The graph of a serialised model, with its lists never null. */
function graphOf(bytes: Uint8Array) {
  const graph = onnx.ModelProto.decode(bytes).graph;
  return {
    inputs: (graph?.input ?? []).map((i) => i.name),
    outputs: (graph?.output ?? []).map((o) => o.name),
    initializers: (graph?.initializer ?? []).map((t) => t.name ?? ''),
    nodes: (graph?.node ?? []).map((n) => ({ name: n.name ?? '', opType: n.opType ?? '', output: n.output ?? [] })),
  };
}

describe('extractTowerGraph', () => {
  const golden = readGoldenEmbeddings('clip-tiny');
  const bytes = combinedClipModel(fixturePath('clip-tiny', 'onnx', 'vision_model.onnx'), fixturePath('clip-tiny', 'onnx', 'text_model.onnx'), golden.logit_scale);
  const combined = onnx.ModelProto.decode(bytes);
  const producerOf = (nodes: ReturnType<typeof graphOf>['nodes'], name: string) => nodes.find((n) => n.output.includes(name));

  it("keeps only the tower's inputs, nodes and weights, and drops the normalising division", () => {
    const text = graphOf(extractTowerGraph(combined, 'text_embeds', 'model.onnx'));
    assert.deepEqual(text.inputs, ['input_ids', 'attention_mask']);
    assert.deepEqual(text.outputs, ['text_embeds']);
    assert.ok(text.initializers.length > 0 && text.initializers.every((name) => name.startsWith('t/')), 'only text weights');
    assert.ok(!text.nodes.some((n) => n.opType === 'ReduceL2'), 'no norm');
    assert.equal(producerOf(text.nodes, 'text_embeds')?.name, 't/masked', 'the masked embedding became the output');
    const vision = graphOf(extractTowerGraph(combined, 'image_embeds', 'model.onnx'));
    assert.deepEqual(vision.inputs, ['pixel_values']);
    assert.ok(vision.nodes.every((n) => n.name.startsWith('v/')), 'only vision nodes');
    assert.equal(graphOf(bytes).nodes.length, vision.nodes.length + text.nodes.length + 9, 'together they hold all but the 9 nodes of the norms and logits');
  });

  it('keeps an output that is not a normalisation as it is, and does not modify its argument', () => {
    const logits = graphOf(extractTowerGraph(combined, 'logits_per_image', 'model.onnx'));
    assert.equal(producerOf(logits.nodes, 'logits_per_image')?.opType, 'Mul');
    assert.ok(logits.nodes.some((n) => n.name === 'image_embeds') && logits.nodes.some((n) => n.name === 'text_embeds'), 'the normalised embeddings feed the logits');
    assert.deepEqual(graphOf(onnx.ModelProto.encode(combined).finish()), graphOf(bytes));
  });

  it('names the outputs it found when the requested one is missing', () => {
    assert.throws(
      () => extractTowerGraph(combined, 'pooler_output', 'x/model.onnx'),
      (e: unknown) => e instanceof EngineError && /x\/model\.onnx has no output 'pooler_output' \(found outputs: logits_per_image, logits_per_text, text_embeds, image_embeds\)/.test(e.message),
    );
  });
});
