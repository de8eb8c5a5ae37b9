import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParamCurve } from '../../src/metrics/doseResponse.js';
import { summarizeOutcomes } from '../../src/metrics/runMetrics.js';
import { renderParamChart } from '../../src/reports/html/renderParamChart.js';
import { scored } from '../metrics/outcomeBuilders.js';
import { hostileLabels } from './summaryFixture.js';

/** The curve of parameter `param` over doses where `right(dose)` of 4 cat samples stay right under attack (clean all right). */
function curveOf(param: string, doses: readonly (number | string)[], right: (dose: number | string) => number): ParamCurve {
  const rows = doses.flatMap((dose) =>
    Array.from({ length: 4 }, (_, i) =>
      scored({ sampleId: `s${String(dose)}-${i}`, trueIndex: 0, clean: [0, 1], attacked: i < right(dose) ? [0, 1] : [1, 0], attackId: 'a', targetIndex: 1, params: { [param]: dose } }),
    ),
  );
  return summarizeOutcomes(rows).models['m']?.attacks['a']?.byParam[param] ?? assert.fail('no curve');
}

/** x of the attacked top-1 points, in bucket order. */
const attackedXs = (svg: string) => [...svg.matchAll(/<circle cx="([\d.]+)" cy="[\d.]+" r="3" fill="#1f6feb">/g)].map((m) => Number(m[1]));
const markerXs = (svg: string) => [...svg.matchAll(/<g class="ad50"><line x1="([\d.]+)" x2="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);

describe('renderParamChart AD50 marker', () => {
  it('draws a dashed vertical line where the attacked line crosses half of clean, and says so', () => {
    // 4, 3, 1, 0 of 4 right at 8, 16, 24, 32: level 0.5, crossing from 0.75 at 16 to 0.25 at 24, halfway: 20.
    const svg = renderParamChart('fontSizePx', curveOf('fontSizePx', [8, 16, 24, 32], (d) => ({ 8: 4, 16: 3, 24: 1, 32: 0 })[d as number] ?? 0)).text;
    const xs = attackedXs(svg);
    assert.equal(xs.length, 4);
    const [marker, ...others] = markerXs(svg);
    assert.equal(others.length, 0, 'one marker');
    assert.ok(marker && marker[0] === marker[1], 'vertical');
    assert.ok(Math.abs((marker[0] ?? NaN) - ((xs[1] ?? NaN) + (xs[2] ?? NaN)) / 2) <= 0.11, `${marker[0]} halfway between ${xs[1]} and ${xs[2]}`);
    assert.match(svg, /<g class="ad50"><line [^>]*stroke-dasharray/);
    assert.match(svg, /<figcaption>fontSizePx<br>AD50: attacked top-1 falls to half of clean \(50\.0%\) at fontSizePx ≈ 20<\/figcaption>/);
  });

  it('marks the lowest dose as an upper bound when accuracy is at or below half there', () => {
    const svg = renderParamChart('opacity', curveOf('opacity', [0.25, 0.5, 1], (d) => (d === 1 ? 0 : 2))).text;
    const [marker] = markerXs(svg);
    assert.equal(marker?.[0], attackedXs(svg)[0]);
    assert.match(svg, />AD50 ≤</);
    assert.match(svg, /AD50 ≤ 0\.25: attacked top-1 is at or below half of clean \(50\.0%\) already at the lowest opacity/);
  });

  it('draws no marker without a dose: not reached, or a parameter that is not numeric', () => {
    const notReached = renderParamChart('fontSizePx', curveOf('fontSizePx', [8, 16], () => 3)).text;
    assert.equal(markerXs(notReached).length, 0);
    assert.match(notReached, /No AD50: attacked top-1 stays above half of clean \(50\.0%\) at every fontSizePx/);
    const strings = renderParamChart('placement', curveOf('placement', ['top', 'bottom'], (d) => (d === 'top' ? 4 : 0))).text;
    assert.equal(markerXs(strings).length, 0);
    assert.ok(!strings.includes('AD50'), 'no caption either');
  });

  it('escapes a hostile parameter name in the caption and the tooltip', () => {
    const svg = renderParamChart(hostileLabels[0], curveOf(hostileLabels[0], [1, 2], (d) => (d === 1 ? 4 : 0))).text;
    assert.equal(markerXs(svg).length, 1);
    assert.ok(!svg.includes('<script'), 'no raw tag');
    assert.match(svg, /at &lt;script&gt;alert\(1\)&lt;\/script&gt; ≈ 1\.5<\/title>/);
    assert.match(svg, /at &lt;script&gt;alert\(1\)&lt;\/script&gt; ≈ 1\.5<\/figcaption>/);
  });
});
