/** A rectangle of pixels: columns [left, left + width), rows [top, top + height). */
export interface PixelRegion {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}
