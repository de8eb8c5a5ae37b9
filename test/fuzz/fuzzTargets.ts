import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import jpeg from 'jpeg-js';
import { GifWriter } from 'omggif';
import { ManifestParser, type ManifestFormat } from '../../src/datasets/manifest/ManifestParser.js';
import { buildMatMulModel } from '../../src/bench/benchEngine.js';
import { loadOrt } from '../../src/engines/onnx/onnxRuntime.js';
import { onnx, readTowerSources } from '../../src/engines/onnx/onnxGraph.js';
import { openTowers } from '../../src/engines/onnx/OnnxEngine.js';
import { loadModel } from '../../src/families/loadModel.js';
import { StroopError } from '../../src/errors/errors.js';
import { decodeImage } from '../../src/image/decodeImage.js';
import { readSafetensors } from '../../src/model/readSafetensors.js';
import { writeSafetensors } from '../../src/model/writeSafetensors.js';
import { parseSuite } from '../../src/suite/loadSuite.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';
import { withExifOrientation } from '../image/helpers/encodeJpeg.js';
import { encodePng } from '../image/helpers/encodePng.js';

/**
 * What the fuzz tests feed stroop: for each input format a user or a downloaded model can hand
 * it, valid seed inputs to mutate and the entry point that parses them as stroop does. Each
 * run must return or throw a StroopError (see runFuzzTarget).
 */
export interface FuzzTarget {
  /** File name extension of the target's regression files. */
  readonly extension: string;
  /** Cases in `npm test`; `STROOP_FUZZ_RUNS` overrides. */
  readonly runs: number;
  /** Valid inputs the mutations start from. */
  seeds(): Promise<readonly Uint8Array[]>;
  /** The format's tokens, inserted by text-aware mutations. */
  readonly tokens?: readonly string[];
  /** Undoes what makes most mutations die at the first check (PNG CRCs, the safetensors length field); applied to half the cases. */
  readonly repair?: (bytes: Uint8Array, seed: Uint8Array) => Uint8Array;
  /** Parses `bytes` as stroop does. `scratch` is a private folder for inputs that must be files. */
  run(bytes: Uint8Array, scratch: string): Promise<unknown>;
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes); // as fs.readFileSync(file, 'utf8') decodes
const encode = (value: string) => new TextEncoder().encode(value);

/** Images are decoded under a smaller pixel limit than Pillow's, to bound each case's memory. */
const fuzzMaxPixels = 1 << 22;

async function decode(bytes: Uint8Array, name: string): Promise<unknown> {
  return decodeImage(bytes, { path: name, maxPixels: fuzzMaxPixels });
}

/** Recomputes every PNG chunk's CRC, as long as the chunk lengths hold together. */
function fixPngCrcs(bytes: Uint8Array): Uint8Array {
  const out = Uint8Array.from(bytes);
  const view = new DataView(out.buffer);
  let at = 8;
  while (at + 12 <= out.length) {
    const length = view.getUint32(at);
    if (at + 12 + length > out.length) break;
    view.setUint32(at + 8 + length, crc32(out.subarray(at + 4, at + 8 + length)));
    at += 12 + length;
  }
  return out;
}

function gradient(width: number, height: number, channels: number): number[] {
  return Array.from({ length: width * height * channels }, (_, i) => (i * 37 + Math.floor(i / channels) * 11) % 256);
}

function gif(): Uint8Array {
  const buffer = new Uint8Array(4096);
  const writer = new GifWriter(buffer, 8, 6, { palette: [0x000000, 0xffffff, 0xff0000, 0x00ff00], loop: 0 });
  writer.addFrame(0, 0, 8, 6, Array.from({ length: 48 }, (_, i) => i % 4), { delay: 5 });
  writer.addFrame(2, 1, 4, 3, Array.from({ length: 12 }, (_, i) => (i * 3) % 4), { palette: [0x101010, 0x202020], transparent: 1, disposal: 2 });
  return buffer.slice(0, writer.end());
}

function jpegOf(width: number, height: number, quality: number): Uint8Array {
  const data = Buffer.from(gradient(width, height, 4).map((v, i) => (i % 4 === 3 ? 255 : v)));
  return new Uint8Array(jpeg.encode({ data, width, height }, quality).data);
}

/** `bytes` fed to a manifest parser whole and in 7-character pieces: the streaming reader cuts anywhere. */
function parseManifest(bytes: Uint8Array, format: ManifestFormat): unknown {
  const parse = (pieces: readonly string[]) => {
    const parser = new ManifestParser(`fuzz.${format}`, format);
    try {
      return { rows: [...pieces.flatMap((p) => parser.push(p)), ...parser.end()] };
    } catch (error) {
      return { error };
    }
  };
  const whole = text(bytes);
  const once = parse([whole]);
  const pieces = parse(whole.match(/[\s\S]{1,7}/gu) ?? []);
  const summary = (r: { rows?: unknown; error?: unknown }) => JSON.stringify(r.rows ?? String(r.error));
  if (summary(once) !== summary(pieces)) throw new Error(`reading in pieces changed the result: ${summary(once).slice(0, 300)} vs ${summary(pieces).slice(0, 300)}`);
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows the caught value unchanged
  if (once.error !== undefined) throw once.error;
  return once.rows;
}

const safetensorsTokens = ['{', '}', '[', ']', ',', ':', '"dtype":', '"shape":', '"data_offsets":', '"F32"', '"F16"', '"BF16"', '"F64"', '"I64"', '"BOOL"', '"__metadata__":', '-1', '0', '8', '1e308', '9007199254740993', '4294967296', '"', 'null', '[0,0]', '"__proto__":', '\\u0000'];

/** Re-syncs the 8-byte length field with the header after header edits: the data region keeps the seed's length. */
function fixSafetensorsLength(bytes: Uint8Array, seed: Uint8Array): Uint8Array {
  const seedHeader = Number(new DataView(seed.buffer, seed.byteOffset).getBigUint64(0, true));
  const dataLength = seed.length - 8 - seedHeader;
  if (bytes.length < 8 + dataLength) return bytes;
  const out = Uint8Array.from(bytes);
  new DataView(out.buffer).setBigUint64(0, BigInt(bytes.length - 8 - dataLength), true);
  return out;
}

/** A tiny vision tower as stroop's onnx engine expects one: pixel_values [batch, 3, 32, 32] -> image_embeds [batch, 4]. */
function tinyVisionTower(): Uint8Array {
  const weights = new Float32Array(12).map((_, i) => Math.cos(i));
  const info = (name: string, dims: readonly (number | string)[]) => ({
    name,
    type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
  });
  const graph = {
    name: 'vision',
    node: [
      { opType: 'GlobalAveragePool', input: ['pixel_values'], output: ['pooled'], name: 'pool' },
      { opType: 'Flatten', input: ['pooled'], output: ['flat'], name: 'flatten', attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 1 }] },
      { opType: 'MatMul', input: ['flat', 'W'], output: ['image_embeds'], name: 'project' },
    ],
    initializer: [{ name: 'W', dims: [3, 4], dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(weights.buffer) }],
    input: [info('pixel_values', ['batch', 3, 32, 32])],
    output: [info('image_embeds', ['batch', 4])],
  };
  return onnx.ModelProto.encode({ irVersion: 7, producerName: 'stroop-fuzz', opsetImport: [{ domain: '', version: 14 }], graph }).finish();
}

/** A tiny combined CLIPModel-like graph (pixel_values and input_ids in, image_embeds and text_embeds out), for extractTowerGraph. */
function tinyCombinedGraph(): Uint8Array {
  const vision = onnx.ModelProto.toObject(onnx.ModelProto.decode(tinyVisionTower()), { bytes: Array });
  const graph = vision['graph'] as Record<string, unknown[]>;
  const ints = onnx.AttributeProto.AttributeType.INTS;
  const model = {
    ...vision,
    graph: {
      ...graph,
      name: 'combined',
      node: [
        ...(graph['node'] ?? []),
        { opType: 'Cast', input: ['input_ids'], output: ['ids_float'], name: 'cast', attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: onnx.TensorProto.DataType.FLOAT }] },
        { opType: 'ReduceMean', input: ['ids_float'], output: ['mean'], name: 'mean', attribute: [{ name: 'axes', type: ints, ints: [1] }] },
        { opType: 'MatMul', input: ['mean', 'T'], output: ['text_embeds'], name: 'text_project' },
      ],
      initializer: [...(graph['initializer'] ?? []), { name: 'T', dims: [1, 4], dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(new Float32Array([0.5, -1, 2, 0.25]).buffer) }],
      input: [
        ...(graph['input'] ?? []),
        { name: 'input_ids', type: { tensorType: { elemType: onnx.TensorProto.DataType.INT64, shape: { dim: [{ dimParam: 'batch' }, { dimValue: 7 }] } } } },
      ],
      output: [...(graph['output'] ?? []), { name: 'text_embeds', type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: [{ dimParam: 'batch' }, { dimValue: 4 }] } } } }],
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.fromObject(model)).finish();
}

/**
 * Structural variants of an ONNX model, as a byte mutation rarely makes them (it mostly breaks
 * the protobuf framing): edge-case dims, element types, op types, opset and IR versions, weights
 * cut short or held in "external data", dangling and self-referencing node inputs.
 */
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call -- the edits poke into the decoded protobuf object by path */
function onnxVariants(bytes: Uint8Array): Uint8Array[] {
  const edits: Array<(m: Record<string, any>) => void> = [
    (m) => (m['graph']['input'][0]['type']['tensorType']['shape']['dim'][1] = { dimValue: 0 }),
    (m) => (m['graph']['input'][0]['type']['tensorType']['shape']['dim'][2] = { dimValue: 2 ** 40 }),
    (m) => (m['graph']['input'][0]['type']['tensorType']['shape']['dim'] = []),
    (m) => (m['graph']['input'][0]['type']['tensorType']['elemType'] = onnx.TensorProto.DataType.STRING),
    (m) => (m['graph']['input'][0]['type'] = { sequenceType: { elemType: { tensorType: { elemType: 1 } } } }),
    (m) => (m['graph']['output'][0]['type']['tensorType']['elemType'] = onnx.TensorProto.DataType.FLOAT16),
    (m) => (m['graph']['output'][0]['type']['tensorType']['shape']['dim'][1] = { dimParam: 'embedding' }),
    (m) => (m['graph']['node'][0]['opType'] = 'Loop'),
    (m) => (m['graph']['node'][0]['opType'] = 'DynamicQuantizeMatMul'),
    (m) => (m['graph']['node'][0]['domain'] = 'com.microsoft'),
    (m) => (m['graph']['node'][0]['input'] = [m['graph']['node'][0]['output'][0]]),
    (m) => (m['graph']['node'][0]['input'] = ['missing']),
    (m) => (m['graph']['node'] = []),
    (m) => (m['graph']['node'] = [...m['graph']['node'], ...m['graph']['node']]),
    (m) => (m['graph']['initializer'][0]['rawData'] = m['graph']['initializer'][0]['rawData'].slice(0, 5)),
    (m) => (m['graph']['initializer'][0]['dataType'] = onnx.TensorProto.DataType.DOUBLE),
    (m) => (m['graph']['initializer'][0]['dims'] = [2 ** 31, 2 ** 31]),
    (m) => {
      m['graph']['initializer'][0]['dataLocation'] = onnx.TensorProto.DataLocation.EXTERNAL;
      m['graph']['initializer'][0]['externalData'] = [{ key: 'location', value: '../../../etc/passwd' }];
    },
    (m) => (m['opsetImport'] = [{ domain: '', version: 1 }]),
    (m) => (m['opsetImport'] = [{ domain: '', version: 999 }]),
    (m) => (m['opsetImport'] = []),
    (m) => (m['irVersion'] = 99),
    (m) => (m['graph']['output'] = []),
    (m) => (m['graph']['output'] = [...m['graph']['output'], m['graph']['output'][0]]),
  ];
  const variants: Uint8Array[] = [];
  for (const edit of edits) {
    const model = onnx.ModelProto.toObject(onnx.ModelProto.decode(bytes), { bytes: Array, longs: Number }) as Record<string, any>;
    try {
      edit(model);
      model['graph']['initializer']?.forEach((t: Record<string, unknown>) => t['rawData'] !== undefined && (t['rawData'] = Uint8Array.from(t['rawData'] as number[])));
      variants.push(onnx.ModelProto.encode(onnx.ModelProto.fromObject(model)).finish());
    } catch {
      // An edit that does not apply to this seed (no initializer, ...).
    }
  }
  return variants;
}
/* eslint-enable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call */

let onnxContext: Promise<{ ort: Awaited<ReturnType<typeof loadOrt>>; config: Awaited<ReturnType<typeof loadModel>>['config'] }> | undefined;

/** Opens `bytes` as stroop's onnx engine opens a model's graphs: a combined graph cut into towers, and split tower files on onnxruntime. */
async function openOnnx(bytes: Uint8Array, scratch: string): Promise<unknown> {
  onnxContext ??= (async () => {
    const model = await loadModel(fixturePath('clip-tiny'), { weights: 'scoring' });
    // The tiny tower's geometry, so that a graph close to the seed gets through the checks.
    const config = { ...model.config, projectionDim: 4, vision: { ...model.config.vision, imageSize: 32 } };
    return { ort: await loadOrt(), config: config as typeof model.config };
  })();
  const { ort, config } = await onnxContext;
  const file = path.join(scratch, 'model.onnx');
  fs.writeFileSync(file, bytes);
  try {
    await readTowerSources({ kind: 'combined', model: file });
  } catch (error) {
    // The seeds are not combined graphs, so this is refused; it must be refused as a StroopError.
    if (!(error instanceof StroopError)) throw error;
  }
  const towers = await openTowers(ort, { vision: { model: bytes, source: 'vision.onnx' }, text: { model: bytes, source: 'text.onnx' } }, config, ['cpu'], 1);
  towers.vision.release();
  towers.text.release();
  return towers.provider;
}

/** Every fuzz target by name. */
export const fuzzTargets: Readonly<Record<string, FuzzTarget>> = Object.freeze({
  png: {
    extension: 'png',
    runs: 300,
    seeds: async () => [
      new Uint8Array(fs.readFileSync(fixturePath('clip-tiny', 'golden', 'images', 'small_100x80.png'))),
      encodePng({ width: 4, height: 3, colorType: 3, bitDepth: 2, samples: gradient(4, 3, 1).map((v) => v % 4), palette: [0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255], transparency: [0, 128] }),
      encodePng({ width: 5, height: 4, colorType: 0, bitDepth: 16, samples: gradient(5, 4, 1).map((v) => v * 257), interlaced: true }),
      encodePng({ width: 3, height: 3, colorType: 6, bitDepth: 8, samples: gradient(3, 3, 4) }),
    ],
    repair: (bytes) => fixPngCrcs(bytes),
    run: (bytes) => decode(bytes, 'fuzz.png'),
  },
  jpeg: {
    extension: 'jpg',
    runs: 300,
    seeds: async () => {
      const colour = jpegOf(16, 12, 80);
      return [colour, withExifOrientation(colour, 6, true), jpegOf(9, 17, 30)];
    },
    run: (bytes) => decode(bytes, 'fuzz.jpg'),
  },
  gif: {
    extension: 'gif',
    runs: 300,
    seeds: async () => [gif()],
    run: (bytes) => decode(bytes, 'fuzz.gif'),
  },
  suite: {
    extension: 'yaml',
    runs: 300,
    // Every shipped suite: search entries, thresholds, shards, text strategies, hub ids.
    seeds: async () => {
      const dir = path.join(repoRoot, 'attacks', 'suites');
      return fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => new Uint8Array(fs.readFileSync(path.join(dir, f))));
    },
    tokens: [
      '&a ', '*a', '<<: *a\n', '!!binary ', '!!js/function ', '!!python/object ', '? ', '- ', ': ', '{', '}', '[', ']', '"', "'", '|\n', '>-\n', '#', '\n', '\n  ', '\t',
      '\u0000', '~', 'null', '.inf', '-1', '1e999', '0x7fffffff', '99999999999999999999', '\u202e', '../', '/dev/zero', '%YAML 1.2\n', '---\n', '...\n',
      'preset: ', 'path: ', 'text: ', 'n: ', 'seed: ', 'id: ', 'classes: ', 'templates: ', 'root: ', 'manifest: ', 'items: ', 'strategy: list', 'split: ', 'batch: ', 'topK: ',
    ],
    // Relative paths resolve against the file's folder, as for the shipped suite.
    run: async (bytes) => parseSuite(text(bytes), path.join(repoRoot, 'attacks', 'suites', 'fuzz.yaml')),
  },
  csv: {
    extension: 'csv',
    runs: 300,
    seeds: async () => [
      encode(fs.readFileSync(path.join(repoRoot, 'datasets', 'tiny', 'manifest.csv'), 'utf8').split('\n').slice(0, 6).join('\n') + '\n'),
      encode('\ufeffpath,label,split,attack_text,clean_path\r\n"a, b.png","cat ""big""",test,=1+1,c/a.png\r\nb.png,dog,,,\r\n'),
    ],
    tokens: [',', '"', '""', '\n', '\r\n', '\r', '\u0000', '=1+1', 'path', 'label', 'split', 'attack_text', 'clean_path', '\ufeff', '../', '/abs', ' ', 'a.png', '\u202e', '\ud800'],
    run: async (bytes) => parseManifest(bytes, 'csv'),
  },
  jsonl: {
    extension: 'jsonl',
    runs: 300,
    seeds: async () => [encode('{"path": "a.png", "label": "cat", "split": "test"}\n{"path":"b/c.png","label":"dog","attack_text":"cat","clean_path":"b.png"}\r\n\n')],
    tokens: ['{', '}', '"path":', '"label":', '"split":"test"', '"attack_text":', 'null', '[]', '1e400', '"\\u0000"', '"__proto__":', '"constructor":', ',', '\n', '\r\n', '"', '\\', '\ufeff', 'true', '"a.png"'],
    run: async (bytes) => parseManifest(bytes, 'jsonl'),
  },
  safetensors: {
    extension: 'safetensors',
    runs: 300,
    seeds: async () => {
      const tensor = (shape: number[]) => ({ shape, data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i / 7 - 1) });
      const weights = new Map([
        ['logit_scale', tensor([])],
        ['text_projection.weight', tensor([2, 3])],
        ['vision_model.embeddings.position_ids', tensor([1, 4])],
      ]);
      return [writeSafetensors(weights, { metadata: { format: 'pt' } }), writeSafetensors(weights, { dtype: 'BF16' })];
    },
    tokens: safetensorsTokens,
    repair: fixSafetensorsLength,
    run: async (bytes) => readSafetensors(bytes, 'fuzz.safetensors'),
  },
  onnx: {
    extension: 'onnx',
    runs: 300,
    seeds: async () => {
      const seeds = [tinyVisionTower(), tinyCombinedGraph(), buildMatMulModel(2, 3, 4)];
      return [...seeds, ...seeds.slice(0, 2).flatMap(onnxVariants)];
    },
    run: openOnnx,
  },
});
