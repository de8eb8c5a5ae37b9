import { z } from 'zod';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** The schema of a built dataset's `build.json`. */
export const emojiBuildRecordSchema = z.object({
  format: z.literal(1),
  key: z.string(),
  size: z.number().int(),
  packages: z.record(z.string(), z.string()),
  renderer: z.object({ canvas: z.string(), cairo: z.string(), rsvg: z.string() }),
  /** SHA-256 of each written file other than build.json, by path relative to the root. */
  files: z.record(z.string(), sha256),
  /** SHA-256 of each image's decoded RGBA bytes, by path: what expected-hashes.json pins. */
  pixels: z.record(z.string(), sha256),
});

/**
 * `build.json`, written last into a built dataset's root: the key it was built for, and the
 * hashes that let the next build check every file without rendering anything.
 */
export type EmojiBuildRecord = z.infer<typeof emojiBuildRecordSchema>;

/** The name of the record file in a dataset root. */
export const emojiBuildRecordName = 'build.json';
