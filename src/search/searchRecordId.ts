import { sha256Hex } from '../util/sha256Hex.js';

/** The short id of one model's search of one sample: 10 hex digits of SHA-256(model, sample id). */
export function searchRecordId(model: string, sampleId: string): string {
  return sha256Hex(`${model}\u0000${sampleId}`).slice(0, 10);
}
