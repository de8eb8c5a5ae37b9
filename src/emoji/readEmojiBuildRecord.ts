import fs from 'node:fs';
import path from 'node:path';
import { emojiBuildRecordName, emojiBuildRecordSchema, type EmojiBuildRecord } from './emojiBuildRecord.js';

/**
 * The `build.json` of a dataset root, or undefined when there is none or it cannot be used
 * (unreadable, not JSON, another format): the build then renders everything again.
 */
export function readEmojiBuildRecord(root: string): EmojiBuildRecord | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(root, emojiBuildRecordName), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const result = emojiBuildRecordSchema.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
