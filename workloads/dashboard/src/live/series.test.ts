import { describe, expect, it } from 'vitest';
import type { MetricsPoint, Moment, Stream } from '../api/types';
import {
  applyStreamUpdate,
  applyWindowToStreams,
  HOUR_MS,
  mergeMoment,
  mergeSeries,
  mergeWindow,
  sortByViewers,
  toChartColumns,
  trimToRange,
} from './series';

const T0 = Date.parse('2026-11-27T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function point(startSec: number, chatRate: number, extra: Partial<MetricsPoint> = {}): MetricsPoint {
  return {
    window_start: iso(T0 + startSec * 1000),
    window_end: iso(T0 + startSec * 1000 + 60_000),
    chat_count: chatRate,
    chat_rate_per_min: chatRate,
    unique_chatters: 1,
    sentiment_mean: 0,
    positive_count: 0,
    neutral_count: 1,
    negative_count: 0,
    avg_viewers: 100,
    min_viewers: 100,
    max_viewers: 100,
    last_viewers: 100,
    revenue: [],
    ...extra,
  };
}

const rates = (points: MetricsPoint[]) => points.map((p) => p.chat_rate_per_min);
const starts = (points: MetricsPoint[]) => points.map((p) => (Date.parse(p.window_start) - T0) / 1000);

describe('mergeWindow', () => {
  const now = T0 + 120_000;

  it('appends a window newer than all others at the end', () => {
    const merged = mergeWindow([point(0, 1), point(10, 2)], point(20, 3), now);
    expect(starts(merged)).toEqual([0, 10, 20]);
  });

  it('replaces a window that is already in the series instead of duplicating it', () => {
    const merged = mergeWindow([point(0, 1), point(10, 2), point(20, 3)], point(10, 42), now);
    expect(starts(merged)).toEqual([0, 10, 20]);
    expect(rates(merged)).toEqual([1, 42, 3]);
  });

  it('inserts a late window in order', () => {
    const merged = mergeWindow([point(0, 1), point(20, 3)], point(10, 2), now);
    expect(starts(merged)).toEqual([0, 10, 20]);
  });

  it('inserts a window older than all others at the start', () => {
    const merged = mergeWindow([point(10, 2)], point(0, 1), now);
    expect(starts(merged)).toEqual([0, 10]);
  });

  it('does not change the series it was given', () => {
    const series = [point(0, 1)];
    mergeWindow(series, point(0, 9), now);
    expect(rates(series)).toEqual([1]);
  });

  it('drops windows that ended more than the range ago', () => {
    const later = T0 + HOUR_MS + 65_000;
    const merged = mergeWindow([point(0, 1), point(10, 2)], point(3600, 3), later);
    expect(starts(merged)).toEqual([10, 3600]);
  });

  it('ignores a pushed window that is already outside the range', () => {
    const later = T0 + 2 * HOUR_MS;
    const merged = mergeWindow([point(5400, 1)], point(0, 99), later);
    expect(starts(merged)).toEqual([5400]);
  });
});

describe('mergeSeries', () => {
  it('lets windows pushed during the fetch win over fetched ones and sorts the result', () => {
    const fetched = [point(20, 3), point(0, 1), point(10, 2)];
    const pushed = [point(20, 30), point(30, 4)];
    const merged = mergeSeries(fetched, pushed, T0 + 120_000);
    expect(starts(merged)).toEqual([0, 10, 20, 30]);
    expect(rates(merged)).toEqual([1, 2, 30, 4]);
  });
});

describe('trimToRange', () => {
  it('returns an empty series when every window is too old', () => {
    expect(trimToRange([point(0, 1)], T0 + 3 * HOUR_MS)).toEqual([]);
  });
});

function moment(startSec: number, kind: Moment['kind'], value = 10): Moment {
  return {
    stream_id: 's1',
    window_start: iso(T0 + startSec * 1000),
    window_end: iso(T0 + startSec * 1000 + 60_000),
    kind,
    score: 4.2,
    value,
    baseline_mean: 2,
    baseline_stddev: 1,
    detected_at: iso(T0 + startSec * 1000 + 65_000),
  };
}

describe('mergeMoment', () => {
  it('keeps the feed newest first', () => {
    const feed = [moment(0, 'chat_spike')].reduce((f, m) => mergeMoment(f, m), [moment(30, 'chat_spike')]);
    const merged = mergeMoment(mergeMoment(feed, moment(60, 'viewer_spike')), moment(10, 'revenue_spike'));
    expect(merged.map((m) => (Date.parse(m.window_start) - T0) / 1000)).toEqual([60, 30, 10, 0]);
  });

  it('replaces the same moment instead of listing it twice', () => {
    const merged = mergeMoment([moment(0, 'chat_spike', 10)], moment(0, 'chat_spike', 12));
    expect(merged).toHaveLength(1);
    expect(merged[0].value).toBe(12);
  });

  it('keeps two kinds of moment for the same window apart', () => {
    const merged = mergeMoment([moment(0, 'chat_spike')], moment(0, 'viewer_spike'));
    expect(merged.map((m) => m.kind).sort()).toEqual(['chat_spike', 'viewer_spike']);
  });

  it('keeps at most the limit, dropping the oldest', () => {
    let feed: Moment[] = [];
    for (let i = 0; i < 5; i++) feed = mergeMoment(feed, moment(i * 10, 'chat_spike'), 3);
    expect(feed.map((m) => (Date.parse(m.window_start) - T0) / 1000)).toEqual([40, 30, 20]);
  });
});

function stream(id: string, status: Stream['status'], viewers: number | null, startSec = 0): Stream {
  return {
    stream_id: id,
    title: id,
    category: null,
    streamer: null,
    status,
    status_changed_at: null,
    last_event_at: null,
    latest: viewers === null ? null : { ...point(startSec, 1, { last_viewers: viewers }), stream_id: id },
  };
}

describe('stream list updates', () => {
  it('sorts online streams by viewers, most first, with offline ones after', () => {
    const sorted = sortByViewers([stream('a', 'online', 10), stream('b', 'offline', 999), stream('c', 'online', 50), stream('d', 'online', null)]);
    expect(sorted.map((s) => s.stream_id)).toEqual(['c', 'a', 'd', 'b']);
  });

  it('applies a pushed window as the latest of its stream only', () => {
    const updated = applyWindowToStreams([stream('a', 'online', 10), stream('b', 'online', 20)], 'a', point(10, 7, { last_viewers: 77 }));
    expect(updated[0].latest?.last_viewers).toBe(77);
    expect(updated[0].latest?.stream_id).toBe('a');
    expect(updated[1].latest?.last_viewers).toBe(20);
  });

  it('does not let an older window replace a newer latest window', () => {
    const updated = applyWindowToStreams([stream('a', 'online', 10, 50)], 'a', point(0, 7, { last_viewers: 77 }));
    expect(updated[0].latest?.last_viewers).toBe(10);
  });

  it('takes status from a stream message but keeps a newer latest window', () => {
    const current = [stream('a', 'online', 10, 50)];
    const updated = applyStreamUpdate(current, stream('a', 'offline', 3, 0));
    expect(updated[0].status).toBe('offline');
    expect(updated[0].latest?.last_viewers).toBe(10);
  });

  it('adds a stream it did not know', () => {
    expect(applyStreamUpdate([stream('a', 'online', 1)], stream('b', 'online', 2)).map((s) => s.stream_id)).toEqual(['a', 'b']);
  });
});

describe('toChartColumns', () => {
  it('puts each point at its window end and splits revenue by currency', () => {
    const columns = toChartColumns([
      point(0, 1, { revenue: [{ currency: 'USD', transaction_count: 1, amount_sum: '4.99' }] }),
      point(10, 2, {
        revenue: [
          { currency: 'EUR', transaction_count: 2, amount_sum: '10.00' },
          { currency: 'USD', transaction_count: 1, amount_sum: '1.50' },
        ],
      }),
    ]);
    expect(columns.x).toEqual([(T0 + 60_000) / 1000, (T0 + 70_000) / 1000]);
    expect(columns.chatRate).toEqual([1, 2]);
    expect(columns.revenue).toEqual([
      { currency: 'EUR', values: [0, 10] },
      { currency: 'USD', values: [4.99, 1.5] },
    ]);
  });
});
