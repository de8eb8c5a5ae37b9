import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import onnxProto from 'onnx-proto';
import { createOnnxEngine } from '../../../src/engines/onnx/OnnxEngine.js';
import { ModelLoadError } from '../../../src/errors/errors.js';
import { towerWeightBytes } from '../../../src/export/encodeTowerGraph.js';
import { exportClipOnnx } from '../../../src/families/clip/clipOnnxExport.js';
import { exportModelOnnx, writeOnnxExport } from '../../../src/families/exportModelOnnx.js';
import { loadModel } from '../../../src/families/loadModel.js';
import { familyOf } from '../../../src/families/modelFamilies.js';
import { exportSiglipOnnx } from '../../../src/families/siglip/siglipOnnxExport.js';
import { maxAbsDiff } from '../../helpers/goldens.js';
import { fixturePath } from '../../helpers/paths.js';
import { cliBinary } from '../../helpers/runCli.js';
import { openSession, rowCosine, runText, runVision } from '../../helpers/runExportedGraph.js';

const fixtures = ['siglip-tiny', 'siglip2-tiny'] as const;
type SiglipFixture = (typeof fixtures)[number];

/** The goldens' stated tolerance for embeddings from golden input_ids / pixel_values (manifest.json). */
const tolerance = 1e-4;
/** Per-row cosine of q8 embeddings to fp32 ones that the int8 export must keep. */
const minQ8Cosine = 0.99;

/** `golden/embeddings.json` of a SigLIP fixture: transformers 5.18 `SiglipModel` on the golden inputs. */
interface SiglipGoldens {
  readonly text_input_ids: number[][];
  readonly text_embeds: number[][];
  /** e.g. `images/exact_224x224.png`; its pixel values are `pixel_values/exact_224x224.bin`. */
  readonly images: string[];
  readonly image_embeds: number[][];
  readonly logit_scale: number;
  readonly logit_bias: number;
}

function readGoldens(fixture: SiglipFixture): SiglipGoldens {
  return JSON.parse(fs.readFileSync(fixturePath(fixture, 'golden', 'embeddings.json'), 'utf8')) as SiglipGoldens;
}

/** Every golden image's pixel values (float32 [3, R, R] each, little-endian), one after another. */
function goldenPixels(fixture: SiglipFixture, goldens: SiglipGoldens): Float32Array {
  const parts = goldens.images.map((image) => {
    const bytes = fs.readFileSync(fixturePath(fixture, 'golden', 'pixel_values', `${path.basename(image, '.png')}.bin`));
    return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  });
  const all = new Float32Array(parts.reduce((sum, p) => sum + p.length, 0));
  parts.reduce((offset, p) => (all.set(p, offset), offset + p.length), 0);
  return all;
}

/** The smallest per-row cosine of two `rows x dim` matrices. */
function minRowCosine(a: Float32Array, b: Float32Array, dim: number): number {
  return Math.min(...Array.from({ length: a.length / dim }, (_, r) => rowCosine(a, b, dim, r)));
}

/** A copy of a fixture directory in a fresh temporary directory, removed after this file's tests. */
function copyOfFixture(fixture: SiglipFixture): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `stroop-${fixture}-`));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.cpSync(fixturePath(fixture), dir, { recursive: true });
  return dir;
}

for (const fixture of fixtures) {
  describe(`SigLIP ONNX export of ${fixture} vs transformers goldens`, async () => {
    const model = await loadModel(fixturePath(fixture));
    const goldens = readGoldens(fixture);
    const { numChannels, imageSize } = model.config.vision;
    const pixels = goldenPixels(fixture, goldens);
    const dim = model.config.projectionDim;

    for (const fusedOps of [true, false]) {
      const ops = fusedOps ? 'fused contrib ops' : 'standard ops only';
      const fp32 = exportSiglipOnnx(model, { fusedOps });
      const q8 = exportSiglipOnnx(model, { fusedOps, precision: 'q8' });
      const embed = async (graphs: typeof fp32) => ({
        text: await runText(await openSession(graphs.text), goldens.text_input_ids),
        image: await runVision(await openSession(graphs.vision), pixels, goldens.images.length, numChannels, imageSize),
      });

      it(`fp32, ${ops}: text_embeds and image_embeds match the goldens within 1e-4`, async (t) => {
        const { text, image } = await embed(fp32);
        const textDiff = maxAbsDiff(text, goldens.text_embeds.flat());
        const imageDiff = maxAbsDiff(image, goldens.image_embeds.flat());
        t.diagnostic(`max |diff| text ${textDiff.toExponential(2)}, image ${imageDiff.toExponential(2)}`);
        assert.ok(textDiff <= tolerance, `text max |diff| ${textDiff}`);
        assert.ok(imageDiff <= tolerance, `image max |diff| ${imageDiff}`);
      });

      it(`q8, ${ops}: every embedding keeps cosine >= ${minQ8Cosine} to the fp32 export's`, async (t) => {
        const [exact, quantized] = [await embed(fp32), await embed(q8)];
        const textCosine = minRowCosine(quantized.text, exact.text, dim);
        const imageCosine = minRowCosine(quantized.image, exact.image, dim);
        t.diagnostic(`min cosine text ${textCosine.toFixed(5)}, image ${imageCosine.toFixed(5)}`);
        assert.ok(textCosine >= minQ8Cosine, `text min cosine ${textCosine}`);
        assert.ok(imageCosine >= minQ8Cosine, `image min cosine ${imageCosine}`);
      });
    }

    it('the graphs have the CLIP export interface; q8 stores the encoders, patch embedding and vision head as int8, the text head as float32', () => {
      const decode = (bytes: Uint8Array) => onnxProto.onnx.ModelProto.decode(bytes).graph!;
      const describeValues = (values: onnxProto.onnx.IValueInfoProto[] | null | undefined) =>
        (values ?? []).map((v) => `${v.name} [${(v.type?.tensorType?.shape?.dim ?? []).map((d) => d.dimParam || String(d.dimValue)).join(', ')}]`);
      const { vision, text } = exportSiglipOnnx(model, { precision: 'q8' });
      const [visionGraph, textGraph] = [decode(vision), decode(text)];
      const context = model.config.text.maxPositionEmbeddings;
      assert.deepEqual(describeValues(visionGraph.input), [`pixel_values [batch, ${numChannels}, ${imageSize}, ${imageSize}]`]);
      assert.deepEqual(describeValues(visionGraph.output), [`image_embeds [batch, ${dim}]`]);
      assert.deepEqual(describeValues(textGraph.input), [`input_ids [batch, ${context}]`]);
      assert.deepEqual(describeValues(textGraph.output), [`text_embeds [batch, ${dim}]`]);
      const int8 = (graph: onnxProto.onnx.IGraphProto) =>
        (graph.initializer ?? []).filter((t) => t.dataType === onnxProto.onnx.TensorProto.DataType.INT8).map((t) => t.name ?? '');
      const visionInt8 = int8(visionGraph);
      for (const name of ['embeddings.patch_embedding', 'encoder.layers.0.self_attn.qkv_proj', 'encoder.layers.1.mlp.fc2', 'head.attention.kv_proj', 'head.attention.out_proj', 'head.mlp.fc1']) {
        assert.ok(visionInt8.some((n) => n.startsWith(`vision_model.${name}`)), `vision int8 ${name}: ${visionInt8.join(', ')}`);
      }
      assert.ok(int8(textGraph).some((n) => n.startsWith('text_model.encoder.layers.0.mlp.fc1')));
      assert.ok(!int8(textGraph).some((n) => n.startsWith('text_model.head')), 'the text head stays float32');
    });

    it('towerWeightBytes predicts the weight bytes of both graphs in fp32 and q8', () => {
      for (const precision of ['fp32', 'q8'] as const) {
        const graphs = exportSiglipOnnx(model, { precision });
        for (const tower of ['vision', 'text'] as const) {
          const graph = onnxProto.onnx.ModelProto.decode(graphs[tower]).graph!;
          const actual = (graph.initializer ?? []).reduce((sum, t) => sum + (t.rawData?.byteLength ?? 0), 0);
          const predicted = towerWeightBytes(familyOf(model.config).expectedWeightShapes(model.config), tower, precision);
          assert.ok(actual >= predicted * 0.9 && actual <= predicted * 1.05, `${precision} ${tower}: predicted ${predicted}, graph ${actual}`);
        }
      }
    });
  });
}

describe('exportModelOnnx picks the family exporter; each exporter refuses the other family', async () => {
  const siglip = await loadModel(fixturePath('siglip-tiny'));
  const clip = await loadModel(fixturePath('clip-tiny'));

  it('SigLIP -> exportSiglipOnnx, CLIP -> exportClipOnnx (byte-identical graphs)', () => {
    assert.deepEqual(exportModelOnnx(siglip, { precision: 'q8' }), exportSiglipOnnx(siglip, { precision: 'q8' }));
    assert.deepEqual(exportModelOnnx(clip), exportClipOnnx(clip));
  });

  it('exportSiglipOnnx refuses a CLIP model, exportClipOnnx a SigLIP one, with a ModelLoadError', () => {
    assert.throws(() => exportSiglipOnnx(clip), (e: unknown) => e instanceof ModelLoadError && /clip model, not SigLIP/.test(e.message));
    assert.throws(() => exportClipOnnx(siglip), (e: unknown) => e instanceof ModelLoadError && /siglip model, not CLIP/.test(e.message));
  });
});

for (const fixture of fixtures) {
  describe(`the onnx engine runs the written ${fixture} export`, async () => {
    const dir = copyOfFixture(fixture);
    await writeOnnxExport(await loadModel(dir), dir, { quantize: true });
    const model = await loadModel(dir, { weights: 'scoring' });
    const goldens = readGoldens(fixture);
    const ids = Int32Array.from(goldens.text_input_ids.flat());
    const pixels = goldenPixels(fixture, goldens);

    for (const dtype of ['fp32', 'q8'] as const) {
      it(`${dtype}: embedTexts / embedImages agree with the goldens; scoring is the checkpoint's sigmoid rule`, async (t) => {
        const engine = await createOnnxEngine(model, { device: 'cpu', dtype });
        try {
          assert.deepEqual(engine.scoring, { kind: 'sigmoid', logitScale: Math.exp(goldens.logit_scale), logitBias: goldens.logit_bias });
          const text = await engine.embedTexts(ids, goldens.text_input_ids.length);
          const image = await engine.embedImages(pixels, goldens.images.length);
          const [goldenText, goldenImage] = [Float32Array.from(goldens.text_embeds.flat()), Float32Array.from(goldens.image_embeds.flat())];
          if (dtype === 'fp32') {
            const [textDiff, imageDiff] = [maxAbsDiff(text.data, goldenText), maxAbsDiff(image.data, goldenImage)];
            t.diagnostic(`max |diff| text ${textDiff.toExponential(2)}, image ${imageDiff.toExponential(2)}`);
            assert.ok(textDiff <= tolerance && imageDiff <= tolerance, `max |diff| text ${textDiff}, image ${imageDiff}`);
          } else {
            const [textCosine, imageCosine] = [minRowCosine(text.data, goldenText, text.dim), minRowCosine(image.data, goldenImage, image.dim)];
            t.diagnostic(`min cosine text ${textCosine.toFixed(5)}, image ${imageCosine.toFixed(5)}`);
            assert.ok(textCosine >= minQ8Cosine && imageCosine >= minQ8Cosine, `min cosine text ${textCosine}, image ${imageCosine}`);
          }
        } finally {
          engine.dispose();
        }
      });
    }
  });
}

describe('stroop export-onnx on a SigLIP model (the built binary)', () => {
  /** `<outDir>/src/cli/main.js` of the build this test was compiled into (dist/ or another outDir). */
  const mainJs = cliBinary;

  it('--quantize exits 0 and writes the fp32 and int8 graphs of both towers into <model>/onnx', async () => {
    const dir = copyOfFixture('siglip-tiny');
    const child = spawn(process.execPath, [mainJs, 'export-onnx', '--model', dir, '--quantize']);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve, reject) => child.on('error', reject).on('close', resolve));
    assert.equal(code, 0, stderr);
    const written = ['text_model.onnx', 'text_model_quantized.onnx', 'vision_model.onnx', 'vision_model_quantized.onnx'];
    assert.deepEqual(fs.readdirSync(path.join(dir, 'onnx')).sort(), written);
    for (const file of written) assert.match(stdout, new RegExp(`wrote .*${file.replace('.', '\\.')}`));
  });
});
