import type { LoadedSearch } from '../../search/loadSearchDir.js';
import { replayMinimalAttack } from '../../search/replayMinimalAttack.js';
import { weakestFlips } from '../../search/weakestFlips.js';
import { thumbnailDataUri } from '../gallery/thumbnailDataUri.js';
import type { SearchCard } from './searchCard.js';
import { messageOf } from '../../util/messageOf.js';

/**
 * Thumbnails of the weakest minimal attacks of each model, re-rendered from their seeds and paths
 * (see replayMinimalAttack): clean, attacked, and, where the size was bisected, the attack at
 * the holding size. A missing or changed image gives a card with a note, not an error.
 */
export function renderSearchCards(search: LoadedSearch, perModel: number, thumbnailPx: number): SearchCard[] {
  return weakestFlips(search.records, perModel).map((record): SearchCard => {
    let cleanPng: string | null = null;
    try {
      const replayed = replayMinimalAttack(search, record.id);
      cleanPng = thumbnailDataUri(replayed.clean, thumbnailPx);
      const size = record.margins['size'];
      const holding = size?.kind === 'threshold' ? thumbnailDataUri(replayMinimalAttack(search, record.id, { param: 'size', side: 'holding' }).image, thumbnailPx) : null;
      const note = replayed.renderMatches === false ? 're-rendered image differs from the one searched (renderer or fonts changed)' : null;
      return { record, cleanPng, attackPng: thumbnailDataUri(replayed.image, thumbnailPx), holdingPng: holding, note };
    } catch (error) {
      return { record, cleanPng, attackPng: null, holdingPng: null, note: `not re-rendered: ${messageOf(error)}` };
    }
  });
}
