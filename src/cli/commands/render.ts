import fs from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { AttackError, UsageError, messageOf } from '../../errors/errors.js';
import type { AttackSpec } from '../../attacks/attackSpec.js';
import { resolveAttackRef, type AttackRef } from '../../attacks/presets/loadPreset.js';
import type { ArgsOf } from '../argsOf.js';
import { withImageOptions, withJsonOption } from '../sharedOptions.js';

function builder(y: Argv) {
  return withJsonOption(withImageOptions(y))
    .option('image', { type: 'string', demandOption: true, describe: 'Image to attack (PNG, JPEG, GIF, ...)' })
    .option('attack', { type: 'string', demandOption: true, describe: 'A preset name (see `stroop attacks list`) or a spec/preset .json file' })
    .option('seed', { type: 'number', default: 0, describe: 'Seed for the drawn fields, random placement and perturbations: a whole number in [0, 4294967295]' })
    .option('label', { type: 'string', describe: "The image's true class (for class-based text strategies)" })
    .option('classes', { type: 'string', describe: 'Class names: "a,b,c" or a .json file with an array of names' })
    .option('index', { type: 'number', default: 0, describe: 'Which of the preset\'s attacks to render, when it gives several (0-based)' })
    .option('out', { type: 'string', demandOption: true, describe: 'Output PNG file' })
    .example('$0 render --image apple.jpg --attack openai-sticker --label apple --classes apple,iPod,toaster --seed 1 --out attacked.png', 'A wrong-class sticker on one photo');
}

type RenderArgs = ArgsOf<typeof builder>;

function readClasses(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  if (!value.endsWith('.json')) return value.split(',').map((c) => c.trim()).filter((c) => c !== '');
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(value, 'utf8'));
  } catch (error) {
    throw new UsageError(`Cannot read --classes ${value}: ${messageOf(error)}`, '--classes');
  }
  if (!Array.isArray(raw) || raw.length === 0 || raw.some((c) => typeof c !== 'string')) {
    throw new UsageError(`--classes ${value} must hold a non-empty JSON array of class names.`, '--classes');
  }
  return raw as string[];
}

function resolveAttack(ref: string): AttackRef {
  try {
    return resolveAttackRef(ref);
  } catch (error) {
    if (error instanceof AttackError && error.message.startsWith('Unknown preset')) throw new UsageError(error.message, '--attack');
    throw error;
  }
}

async function chooseSpec(argv: RenderArgs, seed: number): Promise<AttackSpec> {
  const ref = resolveAttack(argv.attack);
  if (ref.kind === 'spec') return { ...ref.spec, origin: ref.spec.origin ?? { generator: 'file', name: ref.file, seed, path: '0' } };
  const { expandPreset } = await import('../../attacks/presets/expandPreset.js');
  const needsClasses = ref.preset.text.strategy !== 'fixed' && ref.preset.text.strategy !== 'list';
  const classes = readClasses(argv.classes);
  if (needsClasses && (argv.label === undefined || classes === undefined)) {
    throw new UsageError(`Preset '${ref.preset.name}' picks its text with '${ref.preset.text.strategy}': give --label and --classes.`, '--label');
  }
  const specs = expandPreset(ref.preset, { label: argv.label ?? '', classes: classes ?? [], seed });
  const spec = specs[argv.index];
  if (!Number.isInteger(argv.index) || spec === undefined) {
    throw new UsageError(`--index must be a whole number in [0, ${specs.length - 1}] (preset '${ref.preset.name}' gives ${specs.length} attacks here), got ${argv.index}.`, '--index');
  }
  return spec;
}

/** `stroop render`: draws one attack on one image, writes a PNG, prints the spec and the render hash. */
export const renderCommand: CommandModule<object, RenderArgs> = {
  command: 'render',
  describe: 'Render one typographic attack onto an image',
  builder,
  handler: async (argv) => {
    const seed = argv.seed;
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new UsageError(`--seed must be a whole number in [0, 4294967295], got ${seed}.`, '--seed');
    const spec = await chooseSpec(argv, seed);
    const { readImageFile } = await import('../../image/decodeImage.js');
    const { toRgba } = await import('../../image/convertImage.js');
    const { renderAttack } = await import('../../attacks/render/renderAttack.js');
    const { writeRgbaPng } = await import('../../attacks/render/writeRgbaPng.js');
    const image = toRgba(await readImageFile(argv.image, { maxPixels: argv.maxPixels }));
    const outcome = renderAttack(image, spec, seed);
    if (outcome.kind === 'unrenderable') throw new AttackError(`Cannot render the attack on ${argv.image}: ${outcome.message}`, argv.attack);
    try {
      writeRgbaPng(argv.out, outcome.image);
    } catch (error) {
      throw new UsageError(`Cannot write --out ${argv.out}: ${messageOf(error)}`, '--out');
    }
    const { width, height } = outcome.image;
    if (argv.json) {
      process.stdout.write(`${JSON.stringify({ spec, hash: outcome.hash, width, height })}\n`);
      return;
    }
    process.stdout.write(`spec ${JSON.stringify(spec)}\n`);
    process.stdout.write(`hash sha256:${outcome.hash}\n`);
    const grew = outcome.grew.top + outcome.grew.bottom > 0 ? ` (band layout: +${outcome.grew.top} px above, +${outcome.grew.bottom} px below)` : '';
    process.stdout.write(`wrote ${argv.out} ${width}x${height}${grew}${outcome.noop ? ' (no-op attack: image unchanged)' : ''}\n`);
  },
};
