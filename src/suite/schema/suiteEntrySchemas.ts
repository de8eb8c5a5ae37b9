import { z } from 'zod';
import { listPresetNames } from '../../attacks/presets/loadPreset.js';
import { textChoiceSchema } from '../../attacks/textChoice.js';
import { builtinDatasetNames } from '../../datasets/builtinDataset.js';
import { classSetRules } from '../../datasets/classSetOf.js';
import { shippedClassNameLists, shippedTemplateSets } from '../../datasets/shippedLists.js';
import type { Device, Dtype } from '../../engines/embeddingEngine.js';
import type { OrientationPolicy } from '../../image/decodeImage.js';
import { CLASS_PLACEHOLDER } from '../../zeroshot/classEmbeddings.js';

/*
 * The schemas of a suite's models, datasets (with their classes), attacks and prompts, as
 * written, and the building blocks every suite schema is made of. Their messages say what is
 * allowed; what was found is added to every message by `problemsFromZod`, so these never
 * repeat it.
 */

/** A whole number in [min, max]. */
export function wholeNumberIn(min: number, max: number) {
  const error = `must be a whole number in [${min}, ${max}]`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

/** A number in [0, 1] (a rate or an accuracy). */
export function fraction() {
  const error = 'must be a number in [0, 1]';
  return z.number({ error }).min(0, { error }).max(1, { error });
}

/** One of a fixed list of strings. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `must be one of ${values.join(', ')}` });
}

/** Ids of models, datasets and attacks: they name rows of the reports and may name files. */
export const idPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** An explicit id. */
export const idSchema = z
  .string({ error: 'must be a string' })
  .max(100, { error: 'must be at most 100 characters' })
  .regex(idPattern, { error: 'must be letters, digits, ".", "_" or "-", starting with a letter or digit' })
  .describe('Names this entry in reports; letters, digits, ".", "_", "-". Unique within its list.');

/** A non-empty string (a path, a name). */
export function nonEmptyString(what: string) {
  return z.string({ error: `must be ${what}` }).min(1, { error: `must be ${what}, not empty` });
}

/** What is said of a path that holds a NUL character, which no file system allows in a name. */
export const nulPathMessage = 'must not contain a NUL character (\\0): no file or folder can have one in its name';

/** Whether a value written as a path (or any non-string) is free of NUL characters. */
export function hasNoNul(value: unknown): boolean {
  return typeof value !== 'string' || !value.includes('\0');
}

/** A non-empty path to a file or folder: NUL is refused here, before anything asks the file system about it. */
export function pathString(what: string) {
  return nonEmptyString(what).refine(hasNoNul, { error: nulPathMessage });
}

const rules = classSetRules as readonly string[] as [string, ...string[]];
const shippedLists = shippedClassNameLists() as [string, ...string[]];

// Every option carries the whole message: zod reports the option that came closest, not the union.
const classesError = `must be ${rules.join(' or ')}, a shipped class-name list (${shippedLists.join(', ')}), a .json file of class names, or a list of class names`;

const nameList = z
  .array(z.string({ error: 'must be a class name (a string)' }).refine((name) => name.trim() !== '', { error: 'must be a class name, not blank' }), { error: classesError })
  .min(1, { error: 'must list at least one class name' })
  .superRefine((names, ctx) => {
    const seen = new Set<string>();
    names.forEach((name, i) => {
      if (seen.has(name)) ctx.addIssue({ code: 'custom', path: [i], input: name, message: 'repeats an earlier class name; list each class once' });
      seen.add(name);
    });
  });

/**
 * The class set of a dataset: a rule over its samples (`labels`: the true labels;
 * `labels+attack-texts`: those and every attack text), a shipped class-name list,
 * a JSON file of names (relative to the suite file), or the names themselves.
 */
export const classesSchema = z
  .union(
    [
      z.enum(rules, { error: classesError }).describe('A rule over the samples: labels = the true labels; labels+attack-texts = those and every attack text (real-world attack sets).'),
      z.enum(shippedLists, { error: classesError }).describe('A shipped class-name list (datasets/classnames/).'),
      z.string({ error: classesError }).regex(/\.json$/, { error: classesError }).describe('A JSON file of class names (an array, or {"classNames": [...]}), relative to the suite file.'),
      nameList.describe('The class names, in class-index order.'),
    ],
    { error: classesError },
  )
  .refine(hasNoNul, { error: nulPathMessage })
  .describe('The class set the model chooses from.');

/** Engines a suite may name (`auto` and the ids of the engine registry). */
export const suiteEngines = ['auto', 'tfjs', 'onnx'] as const;
/** Weight precisions a suite may name. */
export const suiteDtypes = ['fp32', 'fp16', 'q8'] as const satisfies readonly Dtype[];
/** Devices a suite may name. */
export const suiteDevices = ['auto', 'cpu', 'gpu', 'cuda'] as const satisfies readonly Device[];

/** One model of a suite, as written. */
export const modelEntrySchema = z
  .strictObject({
    id: idSchema.optional().describe('Names the model in reports; default: the last segment of `path` (the repo name for a hub id).'),
    path: pathString('a model folder or a hub id org/name[@revision]').describe(
      'A model folder in Hugging Face CLIP layout (relative to the suite file; start it with ./ or ../ to make it unambiguous) or a hub id org/name[@revision].',
    ),
    engine: oneOf(suiteEngines).default('auto').describe('Inference engine; auto = onnx when the model has ONNX files, else tfjs.'),
    dtype: oneOf(suiteDtypes).default('fp32').describe('Weights the onnx engine runs: fp16 and q8 read *_fp16.onnx / *_quantized.onnx.'),
    device: oneOf(suiteDevices).default('auto').describe('Where to run; gpu (= cuda) never falls back to the CPU.'),
    threads: wholeNumberIn(1, 1024).optional().describe('CPU threads; default one per core.'),
  })
  .describe('A CLIP-style model to audit.');

export type ModelEntry = z.output<typeof modelEntrySchema>;

const attributeName = z
  .string({ error: 'must be an attribute name (a string)' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { error: 'must be an attribute name: letters, digits, "_", "-" or ".", starting with a letter or digit' });

const attributeValues = z
  .union([z.string({ error: 'must be a value or a list of values' }), z.number(), z.boolean(), z.array(z.union([z.string(), z.number(), z.boolean()])).min(1, { error: 'must list at least one value' })], {
    error: 'must be a value or a list of values',
  })
  .transform((v) => (Array.isArray(v) ? v : [v]).map(String));

/** Which Parquet columns of a hub dataset are the label, the attack text and the id. */
export const hubColumnsSchema = z
  .strictObject({
    label: nonEmptyString('a column name').default('label').describe('The column holding the true class (a string, or a ClassLabel integer).'),
    attackText: nonEmptyString('a column name').optional().describe('The column holding the word written on the image (real-world attack sets).'),
    id: nonEmptyString('a column name').optional().describe('The column holding a stable image id (names the extracted files and the samples).'),
  })
  .describe("Which columns of a hub dataset's Parquet files mean what; every other column becomes an attribute.");

/** One dataset of a suite, as written: a folder (`root`), a hub dataset (`hf`) or a dataset stroop builds (`builtin`). */
export const datasetEntrySchema = z
  .strictObject({
    id: idSchema.optional().describe('Names the dataset in reports; default: the last segment of `root`, the hub repo name, or the builtin name.'),
    root: pathString('a folder').optional().describe('The dataset folder, relative to the suite file. Every image must lie inside it. Give root, hf or builtin.'),
    hf: nonEmptyString('a hub dataset id org/name[@revision]')
      .optional()
      .describe('A Hugging Face dataset repository org/name[@revision] with Parquet files (e.g. BLISS-e-V/SCAM), downloaded once into the hub cache and its images extracted into stroop\'s cache. Give root, hf or builtin.'),
    columns: hubColumnsSchema.optional(),
    where: z
      .record(attributeName, attributeValues, { error: 'must map attribute names to a value or a list of values' })
      .optional()
      .describe('Keep only the entries whose attributes have these values, e.g. {type: [SCAM, NoSCAM]} (manifest and hub datasets).'),
    breakdown: z
      .array(attributeName, { error: 'must be a list of attribute names' })
      .optional()
      .describe("Attributes the reports break results down by, as they do attack parameters (e.g. [type, postit_area_pct] for SCAM); `dataset` stands for the dataset's id, so datasets that all list it are compared side by side."),
    builtin: oneOf(builtinDatasetNames)
      .optional()
      .describe('A dataset stroop builds into its cache when a run needs it: emoji (80 classes x 7 emoji styles; splits train and heldout), compositions (the emoji training styles set into new scenes: backgrounds, sizes, turns, colours; 2 per class) or blank (a white and a pale blue blank image labelled with each emoji class, for how often a written word is read with nothing else in the picture). Give root or builtin.'),
    size: wholeNumberIn(16, 512).optional().describe('Image side in px of a builtin dataset; default 64.'),
    manifest: pathString('a .csv, .jsonl, .ndjson or annotation .json file')
      .optional()
      .describe('A manifest (path,label[,split][,attack_text][,clean_path]) as .csv, .jsonl or .ndjson, or an annotation.json of Materzynska et al. ({"<file>": {"true object": ..., "typographic attack label": ...}}), relative to root. Absent: the image-folder layout <root>/<class>/<image>.'),
    split: nonEmptyString('a split name').optional().describe("Keep only the manifest rows of this split (needs a manifest with a split column, or a builtin dataset); a hub dataset's split (default train)."),
    classes: classesSchema.optional().describe("The class set the model chooses from; default labels (a protocol may fix it)."),
    orientation: oneOf(['exif', 'ignore'] as const satisfies readonly OrientationPolicy[])
      .optional()
      .describe(
        "What decoding does with a photo's EXIF orientation: exif (default) turns it upright, as Hugging Face's load_image does; ignore keeps the stored pixels, as OpenAI's clip does.",
      ),
  })
  .superRefine((entry, ctx) => {
    const sources = [entry.root, entry.builtin, entry.hf].filter((s) => s !== undefined).length;
    if (sources === 0) ctx.addIssue({ code: 'custom', path: ['root'], message: 'must be a folder (or give hf: org/name or builtin: emoji instead)', input: undefined });
    if (entry.root !== undefined && entry.builtin !== undefined) ctx.addIssue({ code: 'custom', path: ['builtin'], message: 'give exactly one of root (a folder) or builtin (emoji, compositions, blank), not both' });
    if (entry.hf !== undefined && (entry.root !== undefined || entry.builtin !== undefined)) ctx.addIssue({ code: 'custom', path: ['hf'], message: 'give exactly one of root (a folder), hf (a hub dataset) or builtin (emoji, compositions)' });
    if (entry.builtin !== undefined && entry.manifest !== undefined) ctx.addIssue({ code: 'custom', path: ['manifest'], message: 'a builtin dataset has its own manifest; leave manifest out' });
    if (entry.hf !== undefined && entry.manifest !== undefined) ctx.addIssue({ code: 'custom', path: ['manifest'], message: 'a hub dataset gets its manifest from its Parquet files; leave manifest out' });
    if (entry.hf === undefined && entry.columns !== undefined) ctx.addIssue({ code: 'custom', path: ['columns'], message: 'columns applies to hub datasets (hf) only' });
    if (entry.builtin === undefined && entry.size !== undefined) ctx.addIssue({ code: 'custom', path: ['size'], message: 'size applies to builtin datasets only' });
  })
  .describe('A labelled image set.');

export type DatasetEntry = z.output<typeof datasetEntrySchema>;

const presetNames = listPresetNames() as [string, ...string[]];
// Both options carry the whole message: zod reports the option that came closest, not the union.
const presetError = `must be a shipped preset (${presetNames.join(', ')}) or a .json preset/spec file`;

/** Largest base seed: seeds are unsigned 32-bit, as most tools' are. */
export const maxSeed = 0xffffffff;

/** One attack of a suite, as written. */
export const attackEntrySchema = z
  .strictObject({
    preset: z
      .union([z.enum(presetNames, { error: presetError }), z.string({ error: presetError }).regex(/\.json$/, { error: presetError })], {
        error: presetError,
      })
      .refine(hasNoNul, { error: nulPathMessage })
      .describe('A shipped preset (see `stroop attacks list`) or a .json preset or single-spec file, relative to the suite file.'),
    id: idSchema.optional().describe('Names the attack in reports and in thresholds.perAttack; default: the preset name (the file name without .json).'),
    n: wholeNumberIn(1, 10000).default(1).describe('Draws per image: the attack is drawn n times, each seed derived from seed, the sample id and the draw index.'),
    seed: wholeNumberIn(0, maxSeed).default(0).describe('Base seed of the draws.'),
    text: textChoiceSchema.optional().describe("Overrides the preset's text strategy (how the attack word is chosen)."),
  })
  .describe('A typographic attack; the clean images are always evaluated too.');

export type AttackEntry = z.output<typeof attackEntrySchema>;

const shippedSets = shippedTemplateSets() as [string, ...string[]];
// Every option carries the whole message: zod reports the option that came closest, not the union.
const templatesError = `must be a shipped template set (${shippedSets.join(', ')}), a .json file of templates, or a list of templates`;

const template = z
  .string({ error: 'must be a template (a string)' })
  .max(1000, { error: 'must be at most 1000 characters' })
  .regex(/\{\}/, { error: `must contain ${CLASS_PLACEHOLDER} where the class name goes, e.g. "a photo of a {}."` });

/** How class names become prompts. */
export const promptsSchema = z
  .strictObject(
    {
      templates: z
        .union(
          [
            z.enum(shippedSets, { error: templatesError }).describe('A shipped template set (datasets/templates/).'),
            z.string({ error: templatesError }).regex(/\.json$/, { error: templatesError }).describe('A JSON file of templates (an array, or {"templates": [...]}), relative to the suite file.'),
            z.array(template, { error: templatesError }).min(1, { error: 'must list at least one template' }).describe('The templates; each contains {} for the class name.'),
          ],
          { error: templatesError },
        )
        .refine(hasNoNul, { error: nulPathMessage })
        .default('single')
        .describe('Prompt templates; a class embedding is the mean over its templates.'),
    },
    { error: (issue) => (issue.code === 'invalid_type' ? `must be a mapping with a templates key, e.g. { templates: single }` : undefined) },
  )
  .describe('Prompts for zero-shot classification.');

export type PromptsEntry = z.output<typeof promptsSchema>;
