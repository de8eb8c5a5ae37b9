import type { Argv, CommandModule } from 'yargs';
import { AttackError, UsageError } from '../../errors/errors.js';
import { listPresetNames, loadPreset } from '../../attacks/presets/loadPreset.js';
import type { AttackPreset } from '../../attacks/presets/attackPreset.js';
import type { ArgsOf } from '../argsOf.js';
import { withJsonOption } from '../sharedOptions.js';

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Attacks one preset gives per image, before the text strategy multiplies them. */
function attacksPerText(preset: AttackPreset): number {
  return Object.values(preset.sweep).reduce((n, values) => n * values.length, 1);
}

function listBuilder(y: Argv) {
  return withJsonOption(y).example('$0 attacks list', 'Name, text strategy and description of every preset');
}

const listCommand: CommandModule<object, ArgsOf<typeof listBuilder>> = {
  command: 'list',
  describe: 'List the attack presets',
  builder: listBuilder,
  handler: (argv) => {
    const presets = listPresetNames().map((name) => loadPreset(name));
    if (argv.json) {
      out(JSON.stringify(presets.map((p) => ({ name: p.name, description: p.description, source: p.source, text: p.text, attacksPerText: attacksPerText(p) }))));
      return;
    }
    const width = Math.max(...presets.map((p) => p.name.length));
    for (const p of presets) out(`${p.name.padEnd(width)}  ${p.description}`);
  },
};

function showBuilder(y: Argv) {
  return withJsonOption(y)
    .positional('preset', { type: 'string', demandOption: true, describe: 'Preset name (see `stroop attacks list`)' })
    .example('$0 attacks show defense-prefix', 'The recipe, its source and its fields');
}

const showCommand: CommandModule<object, ArgsOf<typeof showBuilder>> = {
  command: 'show <preset>',
  describe: 'Show one attack preset: source, text strategy, base spec, varied and swept fields',
  builder: showBuilder,
  handler: (argv) => {
    let preset: AttackPreset;
    try {
      preset = loadPreset(String(argv.preset));
    } catch (error) {
      if (error instanceof AttackError && error.message.startsWith('Unknown preset')) throw new UsageError(error.message, 'preset');
      throw error;
    }
    if (argv.json) {
      out(JSON.stringify({ ...preset, attacksPerText: attacksPerText(preset) }));
      return;
    }
    out(`${preset.name}: ${preset.description}`);
    out(`source: ${preset.source}`);
    if (preset.notes !== undefined) out(`notes: ${preset.notes}`);
    out(`text: ${JSON.stringify(preset.text)}`);
    out(`spec: ${JSON.stringify(preset.spec)}`);
    for (const [field, distribution] of Object.entries(preset.vary)) out(`vary ${field}: ${JSON.stringify(distribution)}`);
    for (const [first, second] of preset.distinct) out(`distinct: ${first} != ${second}`);
    for (const [field, values] of Object.entries(preset.sweep)) out(`sweep ${field}: ${JSON.stringify(values)}`);
    out(`attacks per image and text: ${attacksPerText(preset)}`);
  },
};

/** `stroop attacks list|show`: the shipped attack presets. */
export const attacksCommand: CommandModule = {
  command: 'attacks',
  describe: 'List and show the attack presets',
  builder: (y: Argv) => y.command(listCommand).command(showCommand).demandCommand(1, 'Name a subcommand: list or show <preset>.'),
  handler: () => undefined,
};
