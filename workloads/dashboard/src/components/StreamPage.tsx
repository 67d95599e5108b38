import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Api } from '../api/client';
import { ApiError } from '../api/client';
import type { MetricsPoint, Moment, ServerMessage, Stream } from '../api/types';
import { formatCount, formatMoney, formatRate, formatSentiment, MOMENT_COLORS } from '../format';
import { useConnectionState, useLiveStreams } from '../live/LiveContext';
import { HOUR_MS, mergeMoment, mergeSeries, mergeWindow, toChartColumns, trimToRange } from '../live/series';
import { useNow } from '../useNow';
import { MomentFeed } from './MomentFeed';
import { Empty, ErrorState, Loading } from './States';
import { StatusPill, Tile } from './StreamList';
import { TimeChart, type ChartMarker } from './TimeChart';

const REVENUE_COLORS = ['#34d399', '#fbbf24', '#f472b6', '#22d3ee'];

/** One stream: live KPIs, the last hour as charts with moment markers, and the moment feed. */
export function StreamPage({ api, streamId }: { api: Api; streamId: string }) {
  const [stream, setStream] = useState<Stream | null>(null);
  const [points, setPoints] = useState<MetricsPoint[] | null>(null);
  const [moments, setMoments] = useState<Moment[]>([]);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [error, setError] = useState<unknown>(null);
  const pushedWindows = useRef<MetricsPoint[]>([]);
  const pushedMoments = useRef<Moment[]>([]);
  // 0 (connecting) and 1 (first open) are the same: only a reconnect means we may have missed updates.
  const reconnects = Math.max(1, useConnectionState().epoch);
  const now = useNow(10_000);

  const load = useCallback(() => {
    pushedWindows.current = [];
    pushedMoments.current = [];
    setError(null);
    const to = new Date();
    const from = new Date(to.getTime() - HOUR_MS);
    Promise.all([api.getStream(streamId), api.getMetrics(streamId, from, to), api.listMoments(streamId, from)]).then(
      ([s, metrics, page]) => {
        setStream(s);
        setPoints(mergeSeries(metrics.points, pushedWindows.current, Date.now()));
        setMoments(pushedMoments.current.reduce((feed, m) => mergeMoment(feed, m), page.items));
      },
      (e) => setError(e),
    );
  }, [api, streamId]);

  useEffect(() => {
    setStream(null);
    setPoints(null);
    setMoments([]);
  }, [streamId]);

  // Fetch the last hour at start and again after every reconnect, to fill what was missed.
  useEffect(load, [load, reconnects]);

  useLiveStreams([streamId], (message: ServerMessage) => {
    if (message.type === 'window' && message.stream_id === streamId) {
      pushedWindows.current.push(message.window);
      setPoints((current) => current && mergeWindow(current, message.window, Date.now()));
      setStream((current) => current && { ...current, latest: { ...message.window, stream_id: streamId } });
    } else if (message.type === 'moment' && message.moment.stream_id === streamId) {
      const moment = message.moment;
      pushedMoments.current.push(moment);
      setMoments((current) => mergeMoment(current, moment));
      const key = `${moment.window_start}|${moment.kind}`;
      setFresh((current) => new Set(current).add(key));
      setTimeout(() => setFresh((current) => {
        const next = new Set(current);
        next.delete(key);
        return next;
      }), 4_000);
    } else if (message.type === 'stream' && message.stream.stream_id === streamId) {
      setStream((current) => ({ ...message.stream, latest: current?.latest ?? message.stream.latest }));
    }
  });

  const visible = useMemo(() => (points ? trimToRange(points, now) : []), [points, now]);
  const columns = useMemo(() => toChartColumns(visible), [visible]);
  // Windows still in progress end in the future: the hour shown ends at the newest one.
  const end = Math.max(now / 1000, columns.x.length > 0 ? columns.x[columns.x.length - 1] : 0);
  const range = useMemo<[number, number]>(() => [end - HOUR_MS / 1000, end], [end]);
  const markers = useMemo<ChartMarker[]>(
    () => moments.map((m) => ({ x: Date.parse(m.window_end) / 1000, color: MOMENT_COLORS[m.kind] ?? '#f472b6' })),
    [moments],
  );
  const chatSeries = useMemo(() => [{ label: 'Chat', color: '#60a5fa', values: columns.chatRate }], [columns]);
  const viewerSeries = useMemo(() => [{ label: 'Viewers', color: '#c084fc', values: columns.viewers }], [columns]);
  const sentimentSeries = useMemo(() => [{ label: 'Sentiment', color: '#fbbf24', values: columns.sentiment }], [columns]);
  const revenueSeries = useMemo(
    () =>
      (columns.revenue.length > 0 ? columns.revenue : [{ currency: 'none', values: columns.x.map(() => 0) }]).map((r, i) => ({
        label: r.currency,
        color: REVENUE_COLORS[i % REVENUE_COLORS.length],
        values: r.values,
      })),
    [columns],
  );

  if (error && (points === null || stream === null)) {
    if (error instanceof ApiError && error.status === 404) {
      return (
        <div className="page">
          <BackLink />
          <Empty title="Unknown stream">
            No stream called <code>{streamId}</code> has been seen.
          </Empty>
        </div>
      );
    }
    return (
      <div className="page">
        <BackLink />
        <ErrorState error={error} onRetry={load} />
      </div>
    );
  }
  if (points === null || stream === null) {
    return (
      <div className="page">
        <BackLink />
        <Loading label="Loading the last hour…" />
      </div>
    );
  }

  const latest = stream.latest;
  const revenue = latest?.revenue ?? [];
  return (
    <div className="page">
      <BackLink />
      <div className="page-head stream-head">
        <StatusPill status={stream.status} />
        <div>
          <h1 data-testid="stream-title">{stream.title || stream.stream_id}</h1>
          <span className="muted">{[stream.streamer, stream.category, stream.stream_id].filter(Boolean).join(' · ')}</span>
        </div>
      </div>
      <div className="tiles">
        <Tile label="Viewers" value={formatCount(latest?.last_viewers ?? latest?.avg_viewers)} sub={`peak ${formatCount(latest?.max_viewers)} this minute`} />
        <Tile label="Chat" value={formatRate(latest?.chat_rate_per_min)} sub={`msg/min · ${formatCount(latest?.unique_chatters)} chatters`} />
        <Tile label="Sentiment" value={formatSentiment(latest?.sentiment_mean)} sub="mean, −1 … +1" />
        <Tile
          label="Revenue"
          value={revenue.length > 0 ? revenue.map((r) => formatMoney(r.amount_sum, r.currency)).join(' · ') : '–'}
          sub="in the last minute"
        />
      </div>
      {visible.length === 0 && (
        <Empty title="No data in the last hour">Charts fill in as soon as the streaming job writes this stream's windows.</Empty>
      )}
      <div className="stream-body">
        <div className="charts">
          <TimeChart id="chat-rate" title="Chat rate" unit="messages per minute" x={columns.x} series={chatSeries} range={range} markers={markers} format={formatRate} emptyText="No chat yet" />
          <TimeChart id="viewers" title="Viewers" unit="average per window" x={columns.x} series={viewerSeries} range={range} markers={markers} format={formatCount} emptyText="No viewer samples yet" />
          <TimeChart id="revenue" title="Revenue" unit="per minute, by currency" x={columns.x} series={revenueSeries} range={range} markers={markers} format={formatAmount} showLabels={columns.revenue.length > 0} emptyText="No transactions yet" />
          <TimeChart id="sentiment" title="Sentiment" unit="mean chat sentiment" x={columns.x} series={sentimentSeries} range={range} markers={markers} yRange={[-1, 1]} format={formatSentiment} axisFormat={(v) => formatSentiment(v).replace('.00', '')} emptyText="No chat yet" />
        </div>
        <MomentFeed moments={moments} now={now} fresh={fresh} />
      </div>
    </div>
  );
}

function formatAmount(value: number | null): string {
  return value === null ? '–' : value.toFixed(2);
}

function BackLink() {
  return (
    <a className="back" href="#/">
      ← All streams
    </a>
  );
}
