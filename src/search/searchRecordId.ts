import { createHash } from 'node:crypto';

/** The short id of one model's search of one sample: 10 hex digits of SHA-256(model, sample id). */
export function searchRecordId(model: string, sampleId: string): string {
  return createHash('sha256').update(`${model}\u0000${sampleId}`).digest('hex').slice(0, 10);
}
