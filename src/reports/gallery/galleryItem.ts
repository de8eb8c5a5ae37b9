import type { ScoredClass } from '../../results/outcome.js';

/** A scored row chosen for the gallery: an attack that turned a correct prediction wrong. */
export interface GalleryRow {
  readonly model: string;
  readonly attackId: string;
  readonly sampleId: string;
  readonly variant: string;
  readonly trueLabel: string;
  readonly attackText: string | null;
  /** The row's spec hash and render hash (null for real-world rows: nothing was rendered). */
  readonly specHash: string | null;
  readonly renderHash: string | null;
  readonly cleanTop: ScoredClass | null;
  readonly attackedTop: ScoredClass | null;
  /** Whether the attacked top-1 is the class the text names. */
  readonly targeted: boolean;
  /** Ranking key, higher first: 2 for a targeted hit, plus the true class's probability lost, in [-1, 3]. */
  readonly score: number;
}

/** A gallery row with its thumbnails, as the HTML report shows it. */
export interface GalleryItem extends GalleryRow {
  /** PNG data URIs (`data:image/png;base64,...`), or null when the image could not be made. */
  readonly cleanPng: string | null;
  readonly attackedPng: string | null;
  /** What went wrong or differs (missing image, re-render differs from the scored one), or null. */
  readonly note: string | null;
}
