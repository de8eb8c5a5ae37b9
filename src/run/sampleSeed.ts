import { createHash } from 'node:crypto';

/**
 * The seed of one attack draw on one sample: a hash of the attack's base seed, the sample id
 * and the draw index, so it does not depend on sample order, sharding or resuming.
 * @returns a non-negative integer below 2^31.
 */
export function sampleSeed(baseSeed: number, sampleId: string, draw: number): number {
  const digest = createHash('sha256').update(`${baseSeed}\u0000${sampleId}\u0000${draw}`).digest();
  return digest.readUInt32LE(0) & 0x7fffffff;
}
