import { expandPrompts } from '../../zeroshot/classEmbeddings.js';
import type { Argv, CommandModule } from 'yargs';
import type { ArgsOf } from '../argsOf.js';
import { loadTemplateSet } from '../../datasets/shippedLists.js';
import { embedImageFiles } from '../../embed/embedImageFiles.js';
import { embedClassPrompts } from '../../embed/embedPromptTexts.js';
import { UsageError } from '../../errors/errors.js';
import { loadModelTokenizer } from '../../families/loadModel.js';
import { classifyZeroShot } from '../../zeroshot/zeroShotClassification.js';
import { probabilityLabel } from '../../zeroshot/scoringRule.js';
import { openModel } from '../../engines/openModel.js';
import { withImageOptions, withJsonOption, withModelOptions } from '../sharedOptions.js';

function builder(y: Argv) {
  return withJsonOption(withImageOptions(withModelOptions(y)))
    .positional('images', { type: 'string', array: true, describe: 'Image files to classify' })
    .option('labels', { type: 'string', demandOption: true, describe: 'Comma-separated class names, e.g. "apple,iPod,toaster"' })
    .option('template', { type: 'string', array: true, default: [] as string[], describe: 'Prompt template with {} for the class name (repeatable)' })
    .option('templates', { type: 'string', describe: 'A template set: single, openai-imagenet-7, openai-imagenet-80, siglip (the SigLIP prompt), or a JSON file' })
    .option('top-k', { type: 'number', default: 5, describe: 'How many classes to print per image' })
    .option('batch', { type: 'number', default: 32, describe: 'Images per engine call' })
    .example('$0 classify --model models/clip --labels apple,iPod,toaster photo.jpg', 'Zero-shot top-5 of one image');
}

function chooseTemplates(template: readonly string[], templates: string | undefined): string[] {
  if (template.length > 0 && templates !== undefined) throw new UsageError('Give --template or --templates, not both.', '--templates');
  if (template.length > 0) return [...template];
  return loadTemplateSet(templates ?? 'single');
}

/** `stroop classify`: zero-shot top-k for each image over the given labels. */
export const classifyCommand: CommandModule<object, ArgsOf<typeof builder>> = {
  command: 'classify <images..>',
  describe: 'Zero-shot classify images over a label list',
  builder,
  handler: async (argv) => {
    const images = (argv.images ?? []).map(String);
    const labels = argv.labels.split(',').map((l) => l.trim());
    const templates = chooseTemplates(argv.template.map(String), argv.templates);
    expandPrompts(labels, templates); // refuses empty labels and templates without '{}' before a model is opened
    if (!(argv.topK >= 1)) throw new UsageError(`--top-k must be >= 1, got ${argv.topK}.`, '--top-k');
    if (!(argv.batch >= 1)) throw new UsageError(`--batch must be a whole number >= 1, got ${argv.batch}.`, '--batch');
    const { model, engine } = await openModel(argv);
    try {
      const classEmbeds = await embedClassPrompts(engine, await loadModelTokenizer(model), labels, templates);
      const imageEmbeds = await embedImageFiles(engine, model.preprocessor, images, { maxPixels: argv.maxPixels, batchSize: argv.batch });
      const predictions = classifyZeroShot(imageEmbeds, classEmbeds, labels, engine.scoring, argv.topK);
      if (argv.json) {
        const results = predictions.map((p, i) => ({ image: images[i], top_k: p.topK.map((c) => ({ label: c.label, probability: c.probability, logit: c.logit })) }));
        process.stdout.write(`${JSON.stringify({ model: model.id, engine: engine.engine, backend: engine.backend, scoring: engine.scoring, templates, results })}\n`);
        return;
      }
      const sigmoid = engine.scoring.kind === 'sigmoid';
      if (sigmoid) process.stdout.write(`(${probabilityLabel('sigmoid')}; ranked by logit)\n`);
      predictions.forEach((p, i) => {
        process.stdout.write(`${images[i]}\n`);
        for (const c of p.topK) {
          const logit = sigmoid ? `  (logit ${c.logit.toFixed(3)})` : '';
          process.stdout.write(`  ${(c.probability * 100).toFixed(2).padStart(6)}%  ${c.label}${logit}\n`);
        }
      });
    } finally {
      engine.dispose();
    }
  },
};
