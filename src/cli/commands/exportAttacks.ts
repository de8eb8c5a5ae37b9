import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { exportAttacks, type ExportedAttacks } from '../../audit/exportAttacks.js';
import type { ArgsOf } from '../argsOf.js';
import { createRunProgress } from '../createRunProgress.js';
import { withImageOptions, withJsonOption } from '../sharedOptions.js';

function builder(y: Argv) {
  return withImageOptions(withJsonOption(y))
    .positional('suite', { type: 'string', demandOption: true, describe: 'Suite file (YAML) whose attacks to export, e.g. attacks/suites/smoke.yaml' })
    .option('out', { type: 'string', demandOption: true, describe: 'Export folder: absent or empty (see --force)' })
    .option('max-samples', { type: 'number', describe: 'At most this many samples per dataset (overrides the suite), as a run takes them' })
    .option('force', { type: 'boolean', default: false, describe: 'Export into a folder that is not empty, replacing an earlier export there (other files stay)' })
    .option('offline', { type: 'boolean', default: false, describe: 'Use only the caches for hub datasets (also HF_HUB_OFFLINE=1)' })
    .example('$0 export-attacks attacks/suites/smoke.yaml --out frozen/smoke', "The smoke suite's attacked images, a manifest and checksums, into frozen/smoke")
    .example('$0 export-attacks suite.yaml --out frozen/s --max-samples 100 --json', 'The first 100 samples of each dataset; a JSON summary on stdout');
}

/** The machine summary `--json` prints: where, how many, and the first skipped rows. */
function summaryOf(exported: ExportedAttacks) {
  return {
    outDir: exported.outDir,
    suite: exported.suite.name,
    counts: exported.counts,
    datasets: exported.datasets.map(({ id, cleanImages, attackedImages, skippedRows }) => ({ id, cleanImages, attackedImages, skippedRows })),
    skipped: exported.skipped,
  };
}

/** A path relative to the working directory when it lies below it, else absolute. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** `stroop export-attacks`: a suite's attacks rendered once into PNGs, a real-world manifest, checksums and provenance. */
export const exportAttacksCommand: CommandModule<object, ArgsOf<typeof builder>> = {
  command: 'export-attacks <suite>',
  describe: "Freeze a suite's attacks into a dataset: clean and attacked PNGs, manifest.csv, SHA256SUMS, export.json",
  builder,
  handler: async (argv) => {
    const progress = createRunProgress(process.stderr);
    const exported = await exportAttacks(String(argv.suite), {
      out: argv.out,
      ...(argv.maxSamples === undefined ? {} : { maxSamples: argv.maxSamples }),
      maxPixels: argv.maxPixels,
      force: argv.force,
      offline: argv.offline,
      onProgress: (p) => progress({ model: 'export', dataset: p.dataset, samplesDone: p.samplesDone, samplesTotal: p.samplesTotal, rowsWritten: 0, note: `${p.imagesWritten} attacked images written` }),
      onNotice: (line) => process.stderr.write(line),
    });
    const { counts } = exported;
    if (argv.json) {
      process.stdout.write(`${JSON.stringify(summaryOf(exported))}\n`);
      return;
    }
    const first = exported.skipped[0];
    if (first !== undefined) {
      process.stderr.write(`stroop: ${counts.skippedRows} attack rows not exported (${counts.unrenderableRows} unrenderable), listed in skipped.csv; the first: ${first.sample} (${first.attack} ${first.variant}): ${first.reason}\n`);
    }
    if (counts.realWorldSamples > 0) process.stderr.write(`stroop: ${counts.realWorldSamples} real-world samples (images already carrying text) were not re-exported.\n`);
    if (counts.duplicateSamples > 0) process.stderr.write(`stroop: ${counts.duplicateSamples} samples listed more than once were exported once.\n`);
    process.stdout.write(`${counts.attackedImages} attacked and ${counts.cleanImages} clean images of ${exported.datasets.length} dataset(s) written into ${shown(exported.outDir)} (manifest.csv, SHA256SUMS, export.json)\n`);
  },
};
