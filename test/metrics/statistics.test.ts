import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { binomialCdf, mcnemarExact, rateOf, wilsonInterval } from '../../src/metrics/statistics.js';

const close = (actual: number | undefined, expected: number, tolerance: number, what: string) =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected} (tolerance ${tolerance})`);

/** Standard normal upper tail P(Z > z), from erfc's continued fraction (modified Lentz); ~1e-12 for z > 0.5. */
function normalUpperTail(z: number): number {
  const x = z / Math.SQRT2;
  let f = x;
  let c = x;
  let d = 0;
  for (let i = 1; i < 200; i++) {
    const a = i / 2;
    d = 1 / (x + a * d);
    c = x + a / c;
    f *= c * d;
  }
  return Math.exp(-x * x) / (f * Math.sqrt(Math.PI)) / 2;
}

describe('wilsonInterval', () => {
  it('matches the textbook 95% intervals to 4 decimals', () => {
    const known: [number, number, number, number][] = [
      [8, 10, 0.4902, 0.9433],
      [0, 10, 0, 0.2775],
      [10, 10, 0.7225, 1],
    ];
    for (const [x, n, lower, upper] of known) {
      const interval = wilsonInterval(x, n);
      close(interval?.lower, lower, 5e-5, `${x}/${n} lower`);
      close(interval?.upper, upper, 5e-5, `${x}/${n} upper`);
    }
  });

  it('is exactly 0 at 0 successes and exactly 1 at n', () => {
    assert.equal(wilsonInterval(0, 7)?.lower, 0);
    assert.equal(wilsonInterval(7, 7)?.upper, 1);
  });

  it('is null for n = 0 and refuses impossible counts', () => {
    assert.equal(wilsonInterval(0, 0), null);
    assert.throws(() => wilsonInterval(3, 2), RangeError);
    assert.throws(() => wilsonInterval(-1, 2), RangeError);
    assert.throws(() => wilsonInterval(0.5, 2), RangeError);
    assert.throws(() => wilsonInterval(1, 2, 0), RangeError);
  });

  it('narrows with a smaller z and with more trials', () => {
    const wide = wilsonInterval(30, 60);
    const narrow = wilsonInterval(30, 60, 1);
    const more = wilsonInterval(300, 600);
    assert.ok(wide && narrow && more);
    assert.ok(narrow.upper - narrow.lower < wide.upper - wide.lower);
    assert.ok(more.upper - more.lower < wide.upper - wide.lower);
  });

  it('property: 0 <= lower <= x/n <= upper <= 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, share) => {
        const x = Math.round(share * n);
        const interval = wilsonInterval(x, n);
        assert.ok(interval);
        assert.ok(interval.lower >= 0 && interval.lower <= x / n && x / n <= interval.upper && interval.upper <= 1, `${x}/${n}: ${JSON.stringify(interval)}`);
      }),
    );
  });

  it('rateOf carries nulls for no data and the interval otherwise', () => {
    assert.deepEqual(rateOf(0, 0), { successes: 0, n: 0, rate: null, lower: null, upper: null });
    const rate = rateOf(8, 10);
    assert.equal(rate.rate, 0.8);
    close(rate.lower ?? undefined, 0.4902, 5e-5, 'lower');
  });
});

describe('binomialCdf', () => {
  it('matches scipy.stats.binom.cdf (scipy 1.17.1) to 1e-9 relative', () => {
    const golden: [number, number, number, number][] = [
      [2, 12, 0.5, 0.019287109375],
      [0, 5, 0.5, 0.03125],
      [1, 21, 0.5, 1.049041748046875e-5],
      [3, 10, 0.3, 0.6496107184000002],
      [7, 20, 0.25, 0.8981881430772773],
      [4990, 10000, 0.5, 0.424655163318659],
      [30000, 60500, 0.5, 0.021242787205185912],
      [49800, 100000, 0.5, 0.10351948588211125],
    ];
    for (const [k, n, p, expected] of golden) close(binomialCdf(k, n, p), expected, expected * 1e-9, `cdf(${k}; ${n}, ${p})`);
  });

  it('handles the edges: k < 0, k >= n, p in {0, 1}, n = 0', () => {
    assert.equal(binomialCdf(-1, 10, 0.5), 0);
    assert.equal(binomialCdf(10, 10, 0.5), 1);
    assert.equal(binomialCdf(0, 0, 0.5), 1);
    assert.equal(binomialCdf(3, 10, 0), 1);
    assert.equal(binomialCdf(3, 10, 1), 0);
    assert.throws(() => binomialCdf(1, 10, 1.5), RangeError);
    assert.throws(() => binomialCdf(1, -1, 0.5), RangeError);
  });

  it('property: equals the direct sum of pmf terms for small n, and is monotone in k', () => {
    const choose = (n: number, k: number) => {
      let value = 1;
      for (let i = 1; i <= k; i++) value = (value * (n - i + 1)) / i;
      return value;
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (n, k0, p) => {
        const k = Math.min(k0, n);
        let direct = 0;
        for (let i = 0; i <= k; i++) direct += choose(n, i) * p ** i * (1 - p) ** (n - i);
        const cdf = binomialCdf(k, n, p);
        assert.ok(Math.abs(cdf - Math.min(1, direct)) < 1e-10, `cdf(${k}; ${n}, ${p}) = ${cdf}, direct ${direct}`);
        if (k > 0) assert.ok(binomialCdf(k - 1, n, p) <= cdf);
      }),
    );
  });
});

describe('mcnemarExact', () => {
  it('matches statsmodels mcnemar(exact=True) on known tables', () => {
    close(mcnemarExact(10, 2), 0.03857421875, 1e-12, 'b=10, c=2');
    close(mcnemarExact(2, 10), 0.03857421875, 1e-12, 'b=2, c=10');
    close(mcnemarExact(0, 5), 0.0625, 1e-12, 'b=0, c=5');
    close(mcnemarExact(1, 20), 2.09808349609375e-5, 1e-15, 'b=1, c=20');
  });

  it('is 1 with no discordant pairs or a balanced split', () => {
    assert.equal(mcnemarExact(0, 0), 1);
    assert.equal(mcnemarExact(7, 7), 1);
    assert.equal(mcnemarExact(5000, 5000), 1);
  });

  it('works for b + c in the tens of thousands and agrees with the normal approximation there', () => {
    const p = mcnemarExact(30000, 30500);
    close(p, 0.042485574410371825, 1e-9, 'scipy golden');
    // Continuity-corrected normal approximation, independent of the binomial code.
    const z = (Math.abs(30000 - 30500) - 1) / Math.sqrt(60500);
    close(p, 2 * normalUpperTail(z), 1e-5, 'normal approximation');
    const tiny = mcnemarExact(10, 90_000);
    assert.ok(tiny >= 0 && tiny < 1e-300, `extreme split gives ${tiny}`);
  });

  it('property: a p-value in [0,1], symmetric in b and c, 1 when b = c', () => {
    fc.assert(
      fc.property(fc.nat(50_000), fc.nat(50_000), (b, c) => {
        const p = mcnemarExact(b, c);
        assert.ok(p >= 0 && p <= 1, `p(${b}, ${c}) = ${p}`);
        assert.equal(p, mcnemarExact(c, b));
        assert.equal(mcnemarExact(b, b), 1);
      }),
      { numRuns: 50 },
    );
  });

  it('refuses negative or fractional counts', () => {
    assert.throws(() => mcnemarExact(-1, 2), RangeError);
    assert.throws(() => mcnemarExact(1.5, 2), RangeError);
  });
});
