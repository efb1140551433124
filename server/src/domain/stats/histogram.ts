/**
 * Durations in fixed buckets, so a year of waits merges from per-day
 * histograms without keeping a million samples. Buckets are narrow where
 * most waits fall and wider for the long tail:
 *   0–10 min in 15 s steps, 10–60 min in 1 min steps, 1–4 h in 5 min steps,
 *   and one open bucket for 4 h and more.
 * A percentile is reported as the middle of its bucket, so it is within half
 * a bucket of the exact value: ±7.5 s below 10 min, ±30 s below 1 h,
 * ±2.5 min below 4 h; past 4 h it is reported as 4 h (a floor).
 */

const MINUTE = 60_000;

interface Segment {
  upTo: number;
  width: number;
}

const SEGMENTS: readonly Segment[] = [
  { upTo: 10 * MINUTE, width: 15_000 },
  { upTo: 60 * MINUTE, width: MINUTE },
  { upTo: 240 * MINUTE, width: 5 * MINUTE },
];

/** Sparse counts by bucket index; JSON-friendly. */
export type Histogram = Record<string, number>;

export const HISTOGRAM_CAP_MS = 240 * MINUTE;

/** Bucket index of a duration; negative durations (clock skew) count as 0. */
export function bucketOf(ms: number): number {
  let index = 0;
  let lo = 0;
  const value = Math.max(0, ms);
  for (const s of SEGMENTS) {
    if (value < s.upTo) return index + Math.floor((value - lo) / s.width);
    index += (s.upTo - lo) / s.width;
    lo = s.upTo;
  }
  return index;
}

/** `[lo, hi)` of a bucket; the last bucket is `[4 h, Infinity)`. */
export function bucketBounds(bucket: number): { lo: number; hi: number } {
  let index = 0;
  let lo = 0;
  for (const s of SEGMENTS) {
    const count = (s.upTo - lo) / s.width;
    if (bucket < index + count) {
      const start = lo + (bucket - index) * s.width;
      return { lo: start, hi: start + s.width };
    }
    index += count;
    lo = s.upTo;
  }
  return { lo, hi: Number.POSITIVE_INFINITY };
}

/** How far a reported percentile may be from the exact one, at a given value. */
export function percentileTolerance(ms: number): number {
  const { lo, hi } = bucketBounds(bucketOf(ms));
  return Number.isFinite(hi) ? (hi - lo) / 2 : Number.POSITIVE_INFINITY;
}

export function addToHistogram(h: Histogram, ms: number, count = 1): void {
  const key = String(bucketOf(ms));
  h[key] = (h[key] ?? 0) + count;
}

export function mergeHistogram(into: Histogram, from: Histogram): void {
  for (const k in from) into[k] = (into[k] ?? 0) + (from[k] as number);
}

/**
 * Nearest-rank percentile (the value at rank ceil(p·n) in ascending order),
 * reported as its bucket's middle; null when there are no samples.
 */
export function percentile(h: Histogram, p: number): number | null {
  const buckets = Object.entries(h)
    .map(([k, v]) => [Number(k), v] as const)
    .filter(([, v]) => v > 0)
    .sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((s, [, v]) => s + v, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const [bucket, count] of buckets) {
    seen += count;
    if (seen >= rank) {
      const { lo, hi } = bucketBounds(bucket);
      return Number.isFinite(hi) ? (lo + hi) / 2 : lo;
    }
  }
  return null;
}
