import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseProviders, missingCudaLibraries, ortBinaryFolder } from '../../../src/engines/onnx/onnxRuntime.js';
import { createOnnxEngine } from '../../../src/engines/onnx/OnnxEngine.js';
import { EngineError } from '../../../src/errors/errors.js';
import { loadModel } from '../../../src/families/loadModel.js';
import { fixturePath } from '../../helpers/paths.js';
import { tempModelDir } from './tempModelDir.js';

const installHint = /ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node/;
const cudaLibraries = {
  'libonnxruntime_providers_shared.so': new Uint8Array(0),
  'libonnxruntime_providers_cuda.so': new Uint8Array(0),
};

describe('chooseProviders', () => {
  it('cpu is always just the CPU', async () => {
    assert.deepEqual(await chooseProviders('cpu', tempModelDir({}), 'linux/x64'), ['cpu']);
  });

  it('cuda and gpu without the provider libraries fail, naming them and how to install them', async () => {
    const folder = tempModelDir({ 'libonnxruntime_providers_shared.so': new Uint8Array(0) });
    for (const device of ['cuda', 'gpu'] as const) {
      await assert.rejects(chooseProviders(device, folder, 'linux/x64'), (e: unknown) => {
        assert.ok(e instanceof EngineError);
        assert.match(e.message, new RegExp(`^--device ${device}: ONNX Runtime's CUDA provider is not installed \\(missing [^)]*libonnxruntime_providers_cuda\\.so\\)`));
        assert.doesNotMatch(e.message, /missing [^)]*providers_shared/);
        assert.match(e.message, installHint);
        assert.match(e.message, /or use --device cpu/);
        return true;
      });
    }
    await assert.rejects(chooseProviders('cuda', folder, 'darwin/arm64'), /no CUDA execution provider for darwin\/arm64 \(only for linux\/x64\)/);
  });

  it('cuda with the libraries present tries CUDA only; auto tries CUDA, then the CPU', async () => {
    const folder = tempModelDir(cudaLibraries);
    assert.deepEqual(await chooseProviders('cuda', folder, 'linux/x64'), ['cuda']);
    assert.deepEqual(await chooseProviders('auto', folder, 'linux/x64'), ['cuda', 'cpu']);
    assert.deepEqual(await chooseProviders('auto', tempModelDir({}), 'linux/x64'), ['cpu']);
    assert.deepEqual(await chooseProviders('auto', folder, 'darwin/arm64'), ['cpu']);
  });

  it("createOnnxEngine --device cuda fails here (no CUDA libraries) rather than running on the CPU", async (t) => {
    const missing = await missingCudaLibraries(ortBinaryFolder());
    if (missing === undefined || missing.length === 0) {
      t.skip('this machine has the CUDA provider libraries installed');
      return;
    }
    const model = await loadModel(fixturePath('clip-tiny'));
    await assert.rejects(createOnnxEngine(model, { device: 'cuda' }), (e: unknown) => e instanceof EngineError && installHint.test(e.message));
    const auto = await createOnnxEngine(model, { device: 'auto' });
    assert.equal(auto.backend, 'cpu fp32');
    auto.dispose();
  });
});
