import { bucketDose, type HalfAccuracyDose, type ParamBucket, type ParamCurve } from '../../metrics/doseResponse.js';
import type { Rate } from '../../metrics/statistics.js';
import { formatDose, formatPercent, formatRate } from '../format.js';
import { html } from './html.js';
import type { SafeHtml } from './html.js';

/** Chart geometry in SVG user units (CSS pixels at 100%). */
const size = { width: 440, height: 250, left: 44, right: 12, top: 28, bottom: 58 };
const plotWidth = size.width - size.left - size.right;
const plotHeight = size.height - size.top - size.bottom;

/** A plotted series: which rate of a bucket, in which colour. */
interface Series {
  readonly name: string;
  readonly colour: string;
  readonly rate: (b: ParamBucket) => Rate;
  readonly band: boolean;
  readonly dashed: boolean;
}

const series: readonly Series[] = [
  { name: 'clean top-1', colour: '#8a8f98', rate: (b) => b.clean.acc1, band: false, dashed: true },
  { name: 'attacked top-1', colour: '#1f6feb', rate: (b) => b.attacked.acc1, band: true, dashed: false },
  { name: 'targeted ASR', colour: '#d1242f', rate: (b) => b.targetedAsr, band: true, dashed: false },
];

const y = (v: number) => (size.top + (1 - v) * plotHeight).toFixed(1);
const shortLabel = (label: string) => ([...label].length > 14 ? `${[...label].slice(0, 13).join('')}…` : label);

/** Runs of consecutive buckets that have a value, so an empty bucket leaves a gap in the line. */
function segments(values: readonly (Rate | null)[]): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  values.forEach((rate, i) => {
    if (rate !== null && rate.rate !== null) run.push(i);
    else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  });
  if (run.length > 0) runs.push(run);
  return runs;
}

function seriesSvg(s: Series, buckets: readonly ParamBucket[], x: (i: number) => string): SafeHtml {
  const rates = buckets.map((b) => s.rate(b));
  const runs = segments(rates);
  const bands = s.band
    ? runs.map((run) => {
        const upper = run.map((i) => `${x(i)},${y(rates[i]?.upper ?? 0)}`);
        const lower = [...run].reverse().map((i) => `${x(i)},${y(rates[i]?.lower ?? 0)}`);
        return html`<polygon points="${[...upper, ...lower].join(' ')}" fill="${s.colour}" fill-opacity="0.14" stroke="none"/>`;
      })
    : [];
  const lines = runs.map((run) => html`<polyline points="${run.map((i) => `${x(i)},${y(rates[i]?.rate ?? 0)}`).join(' ')}" fill="none" stroke="${s.colour}" stroke-width="2"${s.dashed ? html` stroke-dasharray="5 4"` : ''}/>`);
  const points = runs.flat().map((i) => {
    const rate = rates[i] as Rate;
    const tip = `${buckets[i]?.label ?? ''}: ${s.name} ${formatRate(rate)}, n=${rate.n}`;
    return html`<circle cx="${x(i)}" cy="${y(rate.rate ?? 0)}" r="3" fill="${s.colour}"><title>${tip}</title></circle>`;
  });
  return html`${bands}${lines}${points}`;
}

/**
 * Where a dose lies on the x axis, whose buckets are evenly spaced: linear between the two
 * non-empty buckets around it (the segment the AD50 was interpolated on), the first one's x for
 * a dose at or below it. Buckets of a numeric curve are in ascending dose order.
 */
function doseX(buckets: readonly ParamBucket[], dose: number, xAt: (i: number) => number): number | null {
  const points = buckets.flatMap((b, i) => {
    const d = bucketDose(b);
    return b.n > 0 && d !== null ? [{ i, d }] : [];
  });
  const after = points.findIndex((p) => p.d >= dose);
  if (after === -1) {
    const last = points.at(-1);
    return last === undefined ? null : xAt(last.i);
  }
  const hi = points[after] as { i: number; d: number };
  const lo = points[after - 1];
  if (lo === undefined || hi.d === lo.d) return xAt(hi.i);
  return xAt(lo.i) + ((dose - lo.d) / (hi.d - lo.d)) * (xAt(hi.i) - xAt(lo.i));
}

/** The AD50 in words for the caption; undefined when there is nothing to say. */
function ad50Caption(param: string, ad50: HalfAccuracyDose | null): string | undefined {
  if (ad50 === null || ad50.level === null) return undefined;
  const half = `half of clean (${formatPercent(ad50.level)})`;
  if (ad50.bound === 'crossed' && ad50.dose !== null) return `AD50: attacked top-1 falls to ${half} at ${param} ≈ ${formatDose(ad50.dose)}`;
  if (ad50.bound === 'atOrBelow' && ad50.dose !== null) return `AD50 ≤ ${formatDose(ad50.dose)}: attacked top-1 is at or below ${half} already at the lowest ${param}`;
  if (ad50.bound === 'notReached') return `No AD50: attacked top-1 stays above ${half} at every ${param}`;
  return undefined;
}

/** A dashed vertical line at the AD50 with a label and a tooltip; nothing without a dose. */
function ad50Marker(curve: ParamCurve, caption: string | undefined, xAt: (i: number) => number): SafeHtml | undefined {
  const dose = curve.ad50?.dose ?? null;
  if (dose === null) return undefined;
  const at = doseX(curve.buckets, dose, xAt);
  if (at === null) return undefined;
  const x = at.toFixed(1);
  const label = curve.ad50?.bound === 'atOrBelow' ? 'AD50 ≤' : 'AD50';
  return html`<g class="ad50"><line x1="${x}" x2="${x}" y1="${y(1)}" y2="${y(0)}" stroke="#57606a" stroke-width="1.5" stroke-dasharray="3 3"/><text x="${x}" y="${size.top - 4}" text-anchor="middle" class="tick">${label}</text><title>${caption ?? ''}</title></g>`;
}

/** Whether a curve is worth a chart: at least two buckets with scored rows. */
export function isChartable(curve: ParamCurve): boolean {
  return curve.buckets.filter((b) => b.n > 0).length >= 2;
}

/**
 * An inline SVG line chart of one attack parameter's dose-response curve: clean and attacked
 * top-1 accuracy and targeted success rate per bucket (x, in bucket order, evenly spaced), the
 * last two with their Wilson 95% bands; empty buckets leave gaps. Each point has a tooltip with
 * its numbers. A dashed vertical line marks the AD50 when the curve has one with a dose, and the
 * caption says it in words (or that attacked top-1 never falls to half of clean). No script, no
 * external resource; every label is escaped. Pure.
 */
export function renderParamChart(param: string, curve: ParamCurve): SafeHtml {
  const { buckets } = curve;
  const step = plotWidth / Math.max(1, buckets.length);
  const xAt = (i: number) => size.left + (i + 0.5) * step;
  const x = (i: number) => xAt(i).toFixed(1);
  const grid = [0, 0.25, 0.5, 0.75, 1].map(
    (v) => html`<line x1="${size.left}" x2="${size.width - size.right}" y1="${y(v)}" y2="${y(v)}" stroke="#d0d7de" stroke-width="1"/><text x="${size.left - 6}" y="${y(v)}" dy="4" text-anchor="end" class="tick">${`${v * 100}%`}</text>`,
  );
  const tilt = buckets.length > 5;
  const labels = buckets.map((b, i) => {
    const at = `${x(i)},${size.height - size.bottom + 14}`;
    return html`<text x="${x(i)}" y="${size.height - size.bottom + 14}" class="tick" text-anchor="${tilt ? 'end' : 'middle'}"${tilt ? html` transform="rotate(-35 ${at})"` : ''}>${shortLabel(b.label)}<title>${`${b.label}: n=${b.n}`}</title></text>`;
  });
  const legend = series.map((s, i) => html`<g transform="translate(${size.left + i * 130},10)"><line x1="0" x2="18" y1="0" y2="0" stroke="${s.colour}" stroke-width="2"${s.dashed ? html` stroke-dasharray="5 4"` : ''}/><text x="24" y="4" class="tick">${s.name}</text></g>`);
  const title = `Accuracy and targeted success vs ${param}`;
  const caption = ad50Caption(param, curve.ad50);
  return html`<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size.width} ${size.height}" width="${size.width}" height="${size.height}" role="img" aria-label="${title}"><title>${title}</title>${grid}${legend}${ad50Marker(curve, caption, xAt)}${series.map((s) => seriesSvg(s, buckets, x))}${labels}</svg><figcaption>${param}${curve.bucketing === 'bins' ? ' (binned)' : ''}${curve.missing > 0 ? `, ${curve.missing} rows without it` : ''}${caption === undefined ? '' : html`<br>${caption}`}</figcaption></figure>`;
}
