import fs from 'node:fs';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { ModelLoadError, UsageError } from '../../errors/errors.js';
import { packageRoot } from '../../packageRoot.js';
import type { ArgsOf } from '../argsOf.js';
import { executeSuite } from '../executeSuite.js';
import { DEFAULT_MAX_PIXELS } from '../sharedOptions.js';

/** The suite `stroop demo` runs, and the models it needs. */
export const demoSuiteFile = path.join(packageRoot, 'attacks', 'suites', 'demo.yaml');
const demoModels = ['stroop-tiny', 'stroop-tiny-control'];

function builder(y: Argv) {
  return y
    .option('out', { type: 'string', describe: 'Output directory', default: 'reports/demo' })
    .option('max-samples', { type: 'number', describe: 'At most this many images (a quicker, rougher look)' })
    .example('$0 demo', 'stroop-tiny and its control on held-out emoji styles and new compositions, clean and attacked; reports in reports/demo');
}

/** `stroop demo`: the Quickstart's main job, the bundled demo suite with the bundled model organism. */
export const demoCommand: CommandModule<object, ArgsOf<typeof builder>> = {
  command: 'demo',
  describe: 'Show the typographic attack: the bundled reading model vs its control, clean and with wrong words written on held-out styles and new compositions',
  builder,
  handler: async (argv) => {
    if (argv.maxSamples !== undefined && !(Number.isInteger(argv.maxSamples) && argv.maxSamples >= 1)) {
      throw new UsageError(`--max-samples must be a whole number >= 1, got ${argv.maxSamples}.`, '--max-samples');
    }
    for (const model of demoModels) {
      const dir = path.join(packageRoot, 'models', model);
      if (!fs.existsSync(path.join(dir, 'model.safetensors'))) {
        throw new ModelLoadError(`The demo needs the bundled model ${model}, but ${dir} has no model.safetensors; restore it from git or train it with 'npm run train:tiny'.`, dir);
      }
    }
    const executed = await executeSuite({
      suiteFile: demoSuiteFile,
      out: argv.out,
      shard: { index: 1, count: 1 },
      resume: false,
      ...(argv.maxSamples === undefined ? {} : { maxSamples: argv.maxSamples }),
      offline: true,
      maxPixels: DEFAULT_MAX_PIXELS,
      junitPerClass: false,
      gateFlags: {},
    });
    process.stdout.write(`Open ${path.join(executed.outDir, 'report.html')} for the report, with example images.\n`);
    process.exitCode = executed.exitCode;
  },
};
