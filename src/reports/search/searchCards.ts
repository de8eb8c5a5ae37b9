import type { FlippedRecord } from '../../results/searchRecord.js';
import type { AttackCoverage } from '../../search/searchCoverage.js';
import type { LoadedSearch } from '../../search/replayMinimalAttack.js';
import { replayMinimalAttack } from '../../search/replayMinimalAttack.js';
import { weakestFlips } from '../../search/summarizeSearch.js';
import { thumbnailDataUri } from '../gallery/gallery.js';
import { messageOf } from '../../errors/errors.js';

/** A minimal attack as search.html shows it: the clean image, the attack, and the attack just too small to flip. */
export interface SearchCard {
  readonly record: FlippedRecord;
  /** PNG data URIs, or null when the image could not be made. */
  readonly cleanPng: string | null;
  readonly attackPng: string | null;
  /** The minimal attack at the size margin's holding value (it does not flip); null without a size threshold. */
  readonly holdingPng: string | null;
  /** What went wrong or differs (image gone, re-render differs), or null. */
  readonly note: string | null;
}

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

/** The search compared with a run of the same suite (see searchCoverage). */
export interface SearchCoverageReport {
  /** The run's output directory. */
  readonly run: string;
  readonly byModel: Readonly<Record<string, Readonly<Record<string, AttackCoverage>>>>;
}
