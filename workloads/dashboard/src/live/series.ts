import type { MetricsPoint, Moment, Stream } from '../api/types';

export const HOUR_MS = 60 * 60 * 1000;

const startOf = (p: MetricsPoint) => Date.parse(p.window_start);
const endOf = (p: MetricsPoint) => Date.parse(p.window_end);

/** Drops points whose window ended before `nowMs - rangeMs`. */
export function trimToRange(points: readonly MetricsPoint[], nowMs: number, rangeMs = HOUR_MS): MetricsPoint[] {
  const cutoff = nowMs - rangeMs;
  const first = points.findIndex((p) => endOf(p) >= cutoff);
  if (first === 0) return points as MetricsPoint[];
  return first < 0 ? [] : points.slice(first);
}

/**
 * Merges one pushed window into a series ordered by window_start: a window already present is
 * replaced (windows are updated while late events arrive), a new one is inserted in order, and
 * points older than the range fall off. Returns a new array; the input is not changed.
 */
export function mergeWindow(points: readonly MetricsPoint[], update: MetricsPoint, nowMs: number, rangeMs = HOUR_MS): MetricsPoint[] {
  const trimmed = trimToRange(points, nowMs, rangeMs);
  if (endOf(update) < nowMs - rangeMs) return trimmed;
  const start = startOf(update);
  const next = trimmed.slice();
  // Updates are almost always for the newest windows: search from the end.
  let i = next.length - 1;
  while (i >= 0 && startOf(next[i]) > start) i--;
  if (i >= 0 && startOf(next[i]) === start) {
    next[i] = update;
  } else {
    next.splice(i + 1, 0, update);
  }
  return next;
}

/**
 * Combines a series fetched over REST with windows pushed while the fetch was in flight:
 * a pushed window is at least as new as the fetched one for the same window_start, so it wins.
 */
export function mergeSeries(fetched: readonly MetricsPoint[], pushed: readonly MetricsPoint[], nowMs: number, rangeMs = HOUR_MS): MetricsPoint[] {
  const sorted = fetched.slice().sort((a, b) => startOf(a) - startOf(b));
  return pushed.reduce((series, p) => mergeWindow(series, p, nowMs, rangeMs), trimToRange(sorted, nowMs, rangeMs));
}

const momentKey = (m: Moment) => `${m.stream_id}|${m.window_start}|${m.kind}`;

/** Adds or replaces a moment in a newest-first feed, keeping at most `limit` entries. */
export function mergeMoment(moments: readonly Moment[], moment: Moment, limit = 100): Moment[] {
  const key = momentKey(moment);
  const rest = moments.filter((m) => momentKey(m) !== key);
  const at = Date.parse(moment.window_start);
  const index = rest.findIndex((m) => Date.parse(m.window_start) < at);
  const next = rest.slice();
  next.splice(index < 0 ? next.length : index, 0, moment);
  return next.slice(0, limit);
}

/** Current viewers of a stream: the last sample of its newest window, or null when unknown. */
export function viewersOf(stream: Stream): number | null {
  const latest = stream.latest;
  if (!latest) return null;
  return latest.last_viewers ?? latest.avg_viewers ?? null;
}

/** Sets a stream's latest window when the pushed window is not older than the one it has. */
export function applyWindowToStreams(streams: readonly Stream[], streamId: string, window: MetricsPoint): Stream[] {
  return streams.map((s) => {
    if (s.stream_id !== streamId) return s;
    if (s.latest && Date.parse(s.latest.window_start) > startOf(window)) return s;
    return { ...s, latest: { ...window, stream_id: streamId } };
  });
}

/** Replaces a stream's status and metadata from a pushed `stream` message, keeping its newest window. */
export function applyStreamUpdate(streams: readonly Stream[], update: Stream): Stream[] {
  const index = streams.findIndex((s) => s.stream_id === update.stream_id);
  if (index < 0) return [...streams, update];
  const current = streams[index];
  const latest =
    current.latest && (!update.latest || Date.parse(current.latest.window_start) > Date.parse(update.latest.window_start))
      ? current.latest
      : update.latest;
  const next = streams.slice();
  next[index] = { ...update, latest };
  return next;
}

/** Online streams first, then by current viewers (most first), then by id for a stable order. */
export function sortByViewers(streams: readonly Stream[]): Stream[] {
  return streams.slice().sort((a, b) => {
    if (a.status !== b.status) return a.status === 'online' ? -1 : 1;
    const diff = (viewersOf(b) ?? -1) - (viewersOf(a) ?? -1);
    return diff !== 0 ? diff : a.stream_id.localeCompare(b.stream_id);
  });
}

/** Column-oriented chart data: x in epoch seconds at each window's end. */
export interface ChartColumns {
  x: number[];
  chatRate: (number | null)[];
  viewers: (number | null)[];
  sentiment: (number | null)[];
  revenue: { currency: string; values: (number | null)[] }[];
}

export function toChartColumns(points: readonly MetricsPoint[]): ChartColumns {
  const currencies = [...new Set(points.flatMap((p) => (p.revenue ?? []).map((r) => r.currency)))].sort();
  return {
    x: points.map((p) => endOf(p) / 1000),
    chatRate: points.map((p) => p.chat_rate_per_min),
    viewers: points.map((p) => p.avg_viewers ?? p.last_viewers),
    sentiment: points.map((p) => p.sentiment_mean),
    revenue: currencies.map((currency) => ({
      currency,
      values: points.map((p) => {
        const r = (p.revenue ?? []).find((x) => x.currency === currency);
        return r ? Number(r.amount_sum) : 0;
      }),
    })),
  };
}
