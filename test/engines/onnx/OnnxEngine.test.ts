import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createOnnxEngine } from '../../../src/engines/onnx/OnnxEngine.js';
import { writeOnnxExport } from '../../../src/families/exportModelOnnx.js';
import { loadModel } from '../../../src/families/loadModel.js';
import { fixturePath, modelFixtures, siglipFixtures, type AnyModelFixture } from '../../helpers/paths.js';
import { runEngineContract } from '../engineContract.js';

// onnxruntime frees native memory outside any JS-visible tensor count, so there is no liveTensors hook.
runEngineContract('onnx', {
  create: (model) => createOnnxEngine(model, { device: 'cpu' }),
  fixtures: modelFixtures,
});

/** A copy of a fixture with stroop's own ONNX export of it (the SigLIP fixtures ship no graphs). */
async function withExportedGraphs(fixture: AnyModelFixture): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `stroop-${fixture}-onnx-`));
  for (const file of fs.readdirSync(fixturePath(fixture))) {
    if (fs.statSync(fixturePath(fixture, file)).isFile()) fs.copyFileSync(fixturePath(fixture, file), path.join(dir, file));
  }
  await writeOnnxExport(await loadModel(dir), dir);
  return dir;
}

runEngineContract('onnx (stroop export)', {
  create: (model) => createOnnxEngine(model, { device: 'cpu' }),
  fixtures: siglipFixtures,
  modelDir: withExportedGraphs,
});
