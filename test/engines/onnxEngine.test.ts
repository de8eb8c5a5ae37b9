import { createOnnxEngine } from '../../src/engines/onnx/createOnnxEngine.js';
import { runEngineContract } from './engineContract.js';

// onnxruntime frees native memory outside any JS-visible tensor count, so there is no liveTensors hook.
runEngineContract('onnx', {
  create: (model) => createOnnxEngine(model, { device: 'cpu' }),
});
