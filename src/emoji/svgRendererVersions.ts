import canvas from 'canvas';

/** The node-canvas build that rasterises the icons; its output may change when any of these does. */
export interface SvgRendererVersions {
  /** node-canvas, e.g. `3.2.3`. */
  readonly canvas: string;
  readonly cairo: string;
  /** librsvg, which parses and draws the SVG. */
  readonly rsvg: string;
}

/** The versions of node-canvas and of the cairo and librsvg it links. */
export function svgRendererVersions(): SvgRendererVersions {
  const lib = canvas as unknown as Record<string, string | undefined>;
  return { canvas: lib['version'] ?? 'unknown', cairo: lib['cairoVersion'] ?? 'unknown', rsvg: lib['rsvgVersion'] ?? 'unknown' };
}
