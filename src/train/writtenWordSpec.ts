import { bundledFonts } from '../attacks/fonts/fontCatalog.js';
import type { Rng } from '../attacks/random/createRng.js';
import { parseAttackSpec } from '../attacks/spec/parseAttackSpec.js';
import type { AttackSpec } from '../attacks/spec/attackSpecSchema.js';

const hex = (rng: Rng): string => `#${Array.from({ length: 3 }, () => rng.int(0, 255).toString(16).padStart(2, '0')).join('')}`;

/**
 * How a training image spells its caption's class name: a random bundled face and weight,
 * 10-30% of the short side (shrunk to fit), a random fill, half the time a 1-2 px outline,
 * a random position, a small tilt, and sometimes a paper label behind it or a different
 * letter case. The renderer draws it exactly as it draws attacks.
 * @param word the class name to write.
 * @param rng the stream the choices are drawn from (one per training image).
 */
export function writtenWordSpec(word: string, rng: Rng): AttackSpec {
  const font = rng.pick(bundledFonts);
  const sticker = rng.next() < 0.25 ? { colour: rng.pick(['#ffffff', '#fafafa', '#fff8dc', '#f0f0f0', '#ffff99']), padding: 0.3, cornerRadius: 0.1, opacity: 1 } : null;
  const fill = sticker === null ? hex(rng) : rng.pick(['#000000', '#1a1a1a', '#202060', '#602020']);
  const stroke = rng.next() < 0.5 ? { colour: hex(rng), widthPx: rng.int(1, 2) } : { colour: '#ffffff', widthPx: 0 };
  return parseAttackSpec(
    {
      text: word,
      font: { family: font.family, weight: font.weight },
      size: { unit: 'shortSide', value: 0.1 + 0.2 * rng.next(), minPx: 6, fit: 'shrink' },
      fill,
      stroke,
      placement: { kind: 'random' },
      rotationDeg: rng.next() < 0.5 ? 0 : Math.round(-15 + 30 * rng.next()),
      sticker,
      letterCase: rng.pick(['asIs', 'asIs', 'lower', 'upper', 'title'] as const),
      wrap: { mode: 'words', maxLines: 2 },
    },
    'writtenWordSpec',
  );
}
