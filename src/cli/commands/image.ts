import fs from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { UsageError, messageOf } from '../../errors/errors.js';
import { defaultOrientation, orientationPolicies } from '../../image/decodeImage.js';
import type { ArgsOf } from '../argsOf.js';
import { withImageOptions, withJsonOption } from '../sharedOptions.js';

function builder(y: Argv) {
  return withJsonOption(withImageOptions(y))
    .positional('file', { type: 'string', demandOption: true, describe: 'Image to decode (PNG, JPEG, GIF)' })
    .option('out', { type: 'string', demandOption: true, describe: 'Output file: the decoded pixels as an 8-bit RGB PNG' })
    .option('orientation', {
      choices: orientationPolicies,
      default: defaultOrientation,
      describe: "EXIF orientation: 'exif' rotates the picture upright (Hugging Face load_image), 'ignore' keeps it as stored (OpenAI clip)",
    })
    .example('$0 image photo.jpg --out decoded.png --json', 'Decode one image as the pipeline does; print size, source mode and decoder')
    .example('$0 image photo.jpg --out stored.png --orientation ignore', "Decode without applying the EXIF orientation (OpenAI's reference)");
}

/** Writes `bytes` to `file` through a temporary file, so `file` is either complete or untouched. */
function writeWhole(file: string, bytes: Uint8Array): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, bytes);
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw new UsageError(`Cannot write --out ${file}: ${messageOf(error)}`, '--out');
  }
}

/**
 * `stroop image`: decodes one image as every later stage sees it (Pillow's
 * `Image.open(f).convert('RGB')`, oriented as asked), writes it as an 8-bit RGB PNG, and prints
 * its size, source mode and decoder. A file that cannot be decoded is an ImageError (exit 2).
 */
export const imageCommand: CommandModule<object, ArgsOf<typeof builder>> = {
  command: 'image <file>',
  describe: 'Decode one image as the pipeline does and write its RGB pixels as a PNG',
  builder,
  handler: async (argv) => {
    const file = String(argv.file);
    const { describeDecoder, readImageFileDetailed } = await import('../../image/decodeImage.js');
    const { encodeRgbPng } = await import('../../image/pngCodec.js');
    const result = await readImageFileDetailed(file, { maxPixels: argv.maxPixels, orientation: argv.orientation });
    writeWhole(argv.out, encodeRgbPng(result.image));
    const { width, height } = result.image;
    const decoder = describeDecoder(result.decoder);
    if (argv.json) {
      const orientation = { policy: argv.orientation, exif: result.exifOrientation, applied: result.oriented };
      const summary = { file, out: argv.out, width, height, format: result.format, sourceMode: result.sourceMode, mode: result.image.mode };
      process.stdout.write(`${JSON.stringify({ ...summary, decoder: result.decoder, decoderVersion: decoder, orientation })}\n`);
      return;
    }
    const turned = result.exifOrientation === 1 ? '' : `, EXIF orientation ${result.exifOrientation} ${result.oriented ? 'applied' : 'ignored'}`;
    process.stdout.write(`wrote ${argv.out} ${width}x${height} RGB (${result.format.toUpperCase()} mode ${result.sourceMode}, decoded by ${decoder}${turned})\n`);
  },
};
