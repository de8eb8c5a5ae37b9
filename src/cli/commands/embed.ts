import type { Argv, CommandModule } from 'yargs';
import type { ArgsOf } from '../argsOf.js';
import { embedImageFiles } from '../../embed/embedImageFiles.js';
import { embedPromptTexts } from '../../embed/embedPromptTexts.js';
import type { EmbeddingMatrix } from '../../zeroshot/zeroShotClassification.js';
import { UsageError } from '../../errors/errors.js';
import { loadModelTokenizer } from '../../families/loadModel.js';
import { openModel } from '../../engines/openModel.js';
import { withImageOptions, withJsonOption, withModelOptions } from '../sharedOptions.js';

function toRows(m: EmbeddingMatrix | undefined): number[][] {
  if (m === undefined) return [];
  return Array.from({ length: m.rows }, (_, r) => Array.from(m.data.subarray(r * m.dim, (r + 1) * m.dim)));
}

function builder(y: Argv) {
  return withJsonOption(withImageOptions(withModelOptions(y)))
    .option('text', { type: 'string', array: true, default: [] as string[], describe: 'A text to embed (repeatable)' })
    .option('image', { type: 'string', array: true, default: [] as string[], describe: 'An image file to embed (repeatable)' })
    .option('batch', { type: 'number', default: 32, describe: 'Images per engine call' })
    .example('$0 embed --model models/clip --text "a photo of a cat" --image cat.png --json', 'Embed one text and one image');
}

/** `stroop embed`: projected, unnormalised embeddings of texts and images, in argument order. */
export const embedCommand: CommandModule<object, ArgsOf<typeof builder>> = {
  command: 'embed',
  describe: 'Print the embeddings (projected, not normalised) of texts and images',
  builder,
  handler: async (argv) => {
    const texts = argv.text.map(String);
    const images = argv.image.map(String);
    if (texts.length === 0 && images.length === 0) throw new UsageError('Nothing to embed: give --text and/or --image.', '--text');
    if (!(argv.batch >= 1)) throw new UsageError(`--batch must be a whole number >= 1, got ${argv.batch}.`, '--batch');
    const { model, engine } = await openModel(argv);
    try {
      const textEmbeds = texts.length > 0 ? await embedPromptTexts(engine, await loadModelTokenizer(model), texts) : undefined;
      const imageEmbeds =
        images.length > 0 ? await embedImageFiles(engine, model.preprocessor, images, { maxPixels: argv.maxPixels, batchSize: argv.batch }) : undefined;
      const result = { model: model.id, engine: engine.engine, backend: engine.backend, text_embeds: toRows(textEmbeds), image_embeds: toRows(imageEmbeds) };
      if (argv.json) {
        process.stdout.write(`${JSON.stringify(result)}\n`);
        return;
      }
      process.stdout.write(`model ${result.model}  engine ${result.engine}  backend ${result.backend}\n`);
      const show = (kind: string, names: string[], rows: number[][]) =>
        rows.forEach((row, i) => process.stdout.write(`${kind} ${JSON.stringify(names[i])}: [${row.slice(0, 4).map((v) => v.toFixed(4)).join(', ')}, ...] (${row.length} dims)\n`));
      show('text', texts, result.text_embeds);
      show('image', images, result.image_embeds);
    } finally {
      engine.dispose();
    }
  },
};
