import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { writeRgbaPng } from '../../attacks/render/writeRgbaPng.js';
import { loadSearchDir, replayMinimalAttack } from '../../search/replayMinimalAttack.js';
import { marginParamNames } from '../../suite/schema/searchEntrySchema.js';
import type { ArgsOf } from '../argsOf.js';
import { ExitCode } from '../exitCodes.js';
import { UsageError } from '../../errors/errors.js';

function builder(y: Argv) {
  return y
    .positional('dir', { type: 'string', demandOption: true, describe: 'Output directory of stroop search' })
    .positional('id', { type: 'string', describe: "A record id (search.csv's first column) or a sample id" })
    .option('out', { type: 'string', describe: 'Output PNG file' })
    .option('all', { type: 'boolean', default: false, describe: 'Replay every minimal attack of the search and check each render hash (no PNGs); exit 1 if any differs' })
    .option('margin', { choices: marginParamNames, describe: "Draw the attack at this parameter's threshold instead of the minimal attack" })
    .option('side', { choices: ['flipping', 'holding'] as const, default: 'flipping' as const, describe: 'With --margin: the value that still flips, or the nearest that does not' })
    .example('$0 replay reports/search-search 3f9c0a1b2d --out attack.png', 'Re-render a minimal attack and check its render hash')
    .example('$0 replay reports/search-search --all', 'Check that every minimal attack of a search reproduces on this machine');
}

/** `stroop replay`: re-renders a search's minimal attack from its seed and path, writes a PNG, prints its render hash. */
export const replayCommand: CommandModule<object, ArgsOf<typeof builder>> = {
  command: 'replay <dir> [id]',
  describe: "Re-render a minimal attack found by stroop search, from its seed and path (checks the render hash)",
  builder,
  handler: (argv) => {
    const search = loadSearchDir(path.resolve(String(argv.dir)));
    if (argv.all) {
      if (argv.id !== undefined || argv.out !== undefined || argv.margin !== undefined) throw new UsageError('--all replays every minimal attack: give no id, --out or --margin with it.', '--all');
      const flipped = search.records.filter((r) => r.status === 'flipped');
      const differ = flipped.filter((r) => replayMinimalAttack(search, r.id).renderMatches !== true);
      process.stdout.write(`${flipped.length - differ.length} of ${flipped.length} minimal attacks reproduce their render hash\n`);
      for (const r of differ.slice(0, 10)) process.stderr.write(`stroop: ${r.id} (${r.model}, ${r.sampleId}) renders differently on this machine\n`);
      if (differ.length > 0) process.exitCode = ExitCode.thresholdBreached;
      return;
    }
    if (argv.id === undefined || argv.out === undefined) throw new UsageError('Give the id of a searched image and --out <png> (or --all to check every minimal attack).', '<id>');
    const margin = argv.margin === undefined ? undefined : { param: argv.margin, side: argv.side };
    const replayed = replayMinimalAttack(search, String(argv.id), margin);
    writeRgbaPng(argv.out, replayed.image);
    const { origin: _origin, ...spec } = replayed.spec;
    const { record } = replayed;
    process.stdout.write(`${JSON.stringify(spec)}\n`);
    process.stdout.write(`${record.model}, ${record.sampleId}: clean '${record.clean.label}' -> '${record.attack.attacked.label}'; seed ${record.seed}, path "${record.attack.path}"\n`);
    process.stdout.write(`render ${replayed.renderHash}\nwrote ${argv.out}\n`);
    if (!replayed.specMatches) process.stderr.write('stroop: the attack generator gives another spec at this seed and path than the search recorded (a different stroop version?); drew the recorded spec.\n');
    if (replayed.renderMatches === false) {
      process.stderr.write(`stroop: the render hash differs from the search's (${record.attack.renderHash}): this renderer (fonts, cairo, pango) is not the one the search ran with.\n`);
      process.exitCode = ExitCode.thresholdBreached;
    } else if (replayed.renderMatches === true) process.stdout.write('the render hash matches the search\n');
  },
};
