import { z } from 'zod';
import { classesSchema } from './classesSchema.js';
import { idSchema, nonEmptyString } from './schemaParts.js';

/** One dataset of a suite, as written. */
export const datasetEntrySchema = z
  .strictObject({
    id: idSchema.optional().describe("Names the dataset in reports; default: the last segment of `root`."),
    root: nonEmptyString('a folder').describe('The dataset folder, relative to the suite file. Every image must lie inside it.'),
    manifest: nonEmptyString('a .csv, .jsonl or .ndjson file')
      .optional()
      .describe('A manifest (path,label[,split][,attack_text][,clean_path]), relative to root. Absent: the image-folder layout <root>/<class>/<image>.'),
    split: nonEmptyString('a split name').optional().describe("Keep only the manifest rows of this split (needs a manifest with a split column)."),
    classes: classesSchema.default('labels'),
  })
  .describe('A labelled image set.');

export type DatasetEntry = z.output<typeof datasetEntrySchema>;
