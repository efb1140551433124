import { describe, expect, it } from 'vitest';
import {
  addToHistogram,
  bucketBounds,
  bucketOf,
  mergeHistogram,
  percentile,
  type Histogram,
} from '../../server/src/domain/stats/index.js';
import { prng } from './support.js';

/** The fixed-bucket histograms behind the 90th percentiles. */
describe('wait and service histograms', () => {
  it('puts a duration in the bucket whose bounds hold it, 15 s / 1 min / 5 min wide', () => {
    for (const ms of [0, 14_999, 15_000, 599_999, 600_000, 3_599_999, 3_600_000, 14_399_999]) {
      const { lo, hi } = bucketBounds(bucketOf(ms));
      expect(ms).toBeGreaterThanOrEqual(lo);
      expect(ms).toBeLessThan(hi);
    }
    expect(bucketBounds(bucketOf(30_000))).toEqual({ lo: 30_000, hi: 45_000 });
    expect(bucketBounds(bucketOf(20 * 60_000 + 5))).toEqual({ lo: 20 * 60_000, hi: 21 * 60_000 });
    expect(bucketBounds(bucketOf(5 * 3_600_000))).toEqual({ lo: 4 * 3_600_000, hi: Infinity });
  });

  it('gives the nearest-rank p90 within half a bucket, also after merging days', () => {
    const random = prng(42);
    const all: number[] = [];
    const days: Histogram[] = [];
    for (let d = 0; d < 30; d += 1) {
      const h: Histogram = {};
      for (let i = 0; i < 200; i += 1) {
        const ms = Math.floor(random() ** 2 * 90 * 60_000);
        all.push(ms);
        addToHistogram(h, ms);
      }
      days.push(h);
    }
    const merged: Histogram = {};
    for (const h of days) mergeHistogram(merged, h);
    const sorted = [...all].sort((a, b) => a - b);
    const exact = sorted[Math.ceil(0.9 * sorted.length) - 1] as number;
    const half = exact < 600_000 ? 7_500 : exact < 3_600_000 ? 30_000 : 150_000;
    expect(Math.abs((percentile(merged, 0.9) as number) - exact)).toBeLessThanOrEqual(half);
    expect(percentile({}, 0.9)).toBeNull();
  });
});
