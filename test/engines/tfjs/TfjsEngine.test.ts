import * as tf from '@tensorflow/tfjs-core';
import { createTfjsEngine } from '../../../src/engines/tfjs/TfjsEngine.js';
import { runEngineContract } from '../engineContract.js';

runEngineContract('tfjs', {
  create: (model) => createTfjsEngine(model, { device: 'cpu' }),
  liveTensors: () => tf.memory().numTensors,
});
