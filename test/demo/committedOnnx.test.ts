import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../helpers/paths.js';
import { runCli } from '../helpers/runCli.js';

interface Classified {
  readonly engine: string;
  readonly results: readonly { readonly image: string; readonly top_k: readonly { readonly label: string; readonly logit: number }[] }[];
}

const images = ['blue square/0.png', 'green triangle/1.png', 'purple heart/0.png'].map((name) => path.join(repoRoot, 'datasets', 'tiny', name));
const labels = 'apple,dog,tractor,saxophone,hot air balloon,bread,guitar,rocket';

/**
 * The demo runs stroop-tiny and its control through their committed ONNX graphs (the `auto`
 * engine picks them: 8 px patches are ~15x faster there than in tfjs's wasm backend). A graph
 * left over from earlier weights would give the demo another model's numbers without a word, so
 * the graphs must classify as the safetensors weights do through tfjs.
 */
describe('the committed ONNX graphs of the demo models', () => {
  for (const model of ['stroop-tiny', 'stroop-tiny-control']) {
    const dir = path.join(repoRoot, 'models', model);
    const present = fs.existsSync(path.join(dir, 'onnx', 'vision_model.onnx')) && fs.existsSync(path.join(dir, 'model.safetensors'));
    it(`${model}: the ONNX graphs give the logits the weights give in tfjs (re-export with stroop export-onnx after training)`, { skip: present ? false : `${model} has no ONNX graphs` }, async () => {
      const run = async (engine: string) => {
        const result = await runCli(['classify', '--model', dir, '--engine', engine, '--labels', labels, '--top-k', '8', '--json', ...images]);
        assert.equal(result.code, 0, result.stderr);
        return JSON.parse(result.stdout) as Classified;
      };
      const [onnx, tfjs] = [await run('onnx'), await run('tfjs')];
      assert.deepEqual([onnx.engine, tfjs.engine], ['onnx', 'tfjs']);
      for (const [i, result] of onnx.results.entries()) {
        const other = new Map(tfjs.results[i]?.top_k.map((c) => [c.label, c.logit]));
        for (const { label, logit } of result.top_k) {
          const expected = other.get(label);
          assert.ok(expected !== undefined && Math.abs(logit - expected) < 1e-3, `${model}, ${result.image}, ${label}: onnx ${logit} vs tfjs ${String(expected)}`);
        }
      }
    });
  }
});
