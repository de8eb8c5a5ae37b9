/** One icon of an Iconify JSON set: SVG content and its view box (missing fields take the set's defaults). */
export interface IconData {
  /** The SVG content inside `<svg>`, in view-box units. */
  readonly body: string;
  readonly left?: number;
  readonly top?: number;
  readonly width?: number;
  readonly height?: number;
  /** Iconify transformations; the emoji sets use none, and the renderer refuses them. */
  readonly rotate?: number;
  readonly hFlip?: boolean;
  readonly vFlip?: boolean;
}

/** An Iconify JSON icon set as read from its npm package. Plain data. */
export interface IconSet {
  /** The Iconify prefix, e.g. `twemoji`. */
  readonly id: string;
  readonly packageName: string;
  /** The package version from its package.json, e.g. `1.2.5`. */
  readonly version: string;
  /** View box defaults of the set (Iconify: left 0, top 0, width 16, height 16 unless the set says otherwise). */
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  /** Icons by name; aliases are not included. */
  readonly icons: Readonly<Record<string, IconData>>;
}
