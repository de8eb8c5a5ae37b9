import { z } from 'zod';
import { builtinDatasetNames } from '../../datasets/builtinDataset.js';
import type { OrientationPolicy } from '../../image/decodeOptions.js';
import { classesSchema } from './classesSchema.js';
import { idSchema, nonEmptyString, oneOf, pathString, wholeNumberIn } from './schemaParts.js';

/** One dataset of a suite, as written: a folder (`root`) or a dataset stroop builds (`builtin`). */
export const datasetEntrySchema = z
  .strictObject({
    id: idSchema.optional().describe('Names the dataset in reports; default: the last segment of `root`, or the builtin name.'),
    root: pathString('a folder').optional().describe('The dataset folder, relative to the suite file. Every image must lie inside it. Give root or builtin.'),
    builtin: oneOf(builtinDatasetNames)
      .optional()
      .describe('A dataset stroop builds into its cache when a run needs it: emoji (80 classes x 7 emoji styles; splits train and heldout). Give root or builtin.'),
    size: wholeNumberIn(16, 512).optional().describe('Image side in px of a builtin dataset; default 64.'),
    manifest: pathString('a .csv, .jsonl or .ndjson file')
      .optional()
      .describe('A manifest (path,label[,split][,attack_text][,clean_path]), relative to root. Absent: the image-folder layout <root>/<class>/<image>.'),
    split: nonEmptyString('a split name').optional().describe("Keep only the manifest rows of this split (needs a manifest with a split column, or a builtin dataset)."),
    classes: classesSchema.default('labels'),
    orientation: oneOf(['exif', 'ignore'] as const satisfies readonly OrientationPolicy[])
      .optional()
      .describe(
        "What decoding does with a photo's EXIF orientation: exif (default) turns it upright, as Hugging Face's load_image does; ignore keeps the stored pixels, as OpenAI's clip does.",
      ),
  })
  .superRefine((entry, ctx) => {
    if (entry.root === undefined && entry.builtin === undefined) ctx.addIssue({ code: 'custom', path: ['root'], message: 'must be a folder (or give builtin: emoji instead)', input: undefined });
    if (entry.root !== undefined && entry.builtin !== undefined) ctx.addIssue({ code: 'custom', path: ['builtin'], message: 'give exactly one of root (a folder) or builtin (emoji), not both' });
    if (entry.builtin !== undefined && entry.manifest !== undefined) ctx.addIssue({ code: 'custom', path: ['manifest'], message: 'a builtin dataset has its own manifest; leave manifest out' });
    if (entry.builtin === undefined && entry.size !== undefined) ctx.addIssue({ code: 'custom', path: ['size'], message: 'size applies to builtin datasets only' });
  })
  .describe('A labelled image set.');

export type DatasetEntry = z.output<typeof datasetEntrySchema>;
