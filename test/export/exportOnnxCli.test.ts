import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { onnx } from '../../src/engines/onnx/onnxGraph.js';
import { fixturePath, repoRoot, buildRoot } from '../helpers/paths.js';
import type { CliResult } from '../helpers/runCli.js';

/**
 * Runs `stroop <args>` with the export-onnx command in a child process, mapping errors to exit
 * codes as main.ts does (main.ts registers its commands itself; this keeps the test to ours).
 */
function run(args: string[]): Promise<CliResult> {
  const url = (file: string) => pathToFileURL(path.join(buildRoot, 'src', 'cli', file)).href;
  const script = `
    import yargs from 'yargs';
    import { exportOnnxCommand } from '${url('commands/exportOnnx.js')}';
    import { exitCodeFor } from '${url('exitCodes.js')}';
    try {
      await yargs(process.argv.slice(1)).command(exportOnnxCommand).strict().fail(false).parseAsync();
    } catch (error) {
      process.stderr.write('stroop: ' + error.name + ': ' + error.message + '\\n');
      process.exitCode = exitCodeFor(error);
    }`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, ...args], { cwd: repoRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('stroop export-onnx', async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'stroop-export-cli-'));
  after(() => fs.rm(root, { recursive: true, force: true }));

  it('writes both graphs into --out and reports them as JSON', async () => {
    const out = path.join(root, 'out');
    const result = await run(['export-onnx', '--model', fixturePath('clip-tiny'), '--out', out, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { files: Array<{ path: string; bytes: number }> };
    assert.deepEqual(
      report.files.map((f) => path.basename(f.path)),
      ['vision_model.onnx', 'text_model.onnx'],
    );
    for (const file of report.files) assert.equal((await fs.stat(file.path)).size, file.bytes);
  });

  it('--quantize-range sets the largest int8 weight: 127 full, 63 reduced; auto reports what it chose', async () => {
    const largest = async (dir: string) => {
      const model = onnx.ModelProto.decode(await fs.readFile(path.join(dir, 'onnx', 'vision_model_quantized.onnx')));
      const int8 = (model.graph?.initializer ?? []).filter((t) => t.dataType === onnx.TensorProto.DataType.INT8);
      assert.ok(int8.length > 0, 'the quantized graph holds int8 weights');
      let most = 0;
      for (const t of int8) {
        const raw = t.rawData ?? new Uint8Array();
        for (const v of new Int8Array(raw.buffer, raw.byteOffset, raw.byteLength)) most = Math.max(most, Math.abs(v));
      }
      return most;
    };
    for (const [range, limit] of [['full', 127], ['reduced', 63]] as const) {
      const out = path.join(root, `range-${range}`);
      const result = await run(['export-onnx', '--model', fixturePath('clip-tiny'), '--out', out, '--quantize', '--quantize-range', range, '--json']);
      assert.equal(result.code, 0, result.stderr);
      assert.equal((JSON.parse(result.stdout) as { quantizeRange: string }).quantizeRange, range);
      assert.equal(await largest(out), limit, range);
    }
    const auto = await run(['export-onnx', '--model', fixturePath('clip-tiny'), '--out', path.join(root, 'range-auto'), '--quantize']);
    assert.equal(auto.code, 0, auto.stderr);
    assert.match(auto.stdout, /int8 weights: (full|reduced) range \(.+\)/);
    const bad = await run(['export-onnx', '--model', fixturePath('clip-tiny'), '--out', path.join(root, 'range-bad'), '--quantize', '--quantize-range', 'half']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /quantize-range.*half|half.*quantize-range|Choices/i);
  });

  it('a model directory that does not exist is a ModelLoadError naming it, exit code 2', async () => {
    const missing = path.join(root, 'no-such-model');
    const result = await run(['export-onnx', '--model', missing, '--out', path.join(root, 'x')]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /ModelLoadError: .*does not exist/);
    assert.ok(result.stderr.includes(missing));
    await assert.rejects(fs.stat(path.join(root, 'x')), 'nothing is created for a model that does not load');
  });

  it('an --out that is a file, or lies under one, is a UsageError for --out, exit code 2', async () => {
    const file = path.join(root, 'plain-file');
    await fs.writeFile(file, '');
    for (const out of [file, path.join(file, 'below')]) {
      const result = await run(['export-onnx', '--model', fixturePath('clip-tiny'), '--out', out]);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /UsageError: --out .*(is a file|is not a writable directory)/);
      assert.ok(result.stderr.includes(out));
    }
  });

  it('a missing --model is refused by yargs', async () => {
    const result = await run(['export-onnx']);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /Missing required argument: model/);
  });
});
