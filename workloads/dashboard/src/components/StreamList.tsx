import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Api } from '../api/client';
import type { ServerMessage, Stream } from '../api/types';
import { formatAgo, formatCount, formatRate, formatSentiment } from '../format';
import { useConnectionState, useLiveStreams } from '../live/LiveContext';
import { applyStreamUpdate, applyWindowToStreams, sortByViewers, viewersOf } from '../live/series';
import { useNow } from '../useNow';
import { Empty, ErrorState, Loading } from './States';

const REFRESH_MS = 30_000;

/** All streams with their live status, sorted by viewers, updated from the WebSocket. */
export function StreamList({ api }: { api: Api }) {
  const [streams, setStreams] = useState<Stream[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  // 0 (connecting) and 1 (first open) are the same: only a reconnect means we may have missed updates.
  const reconnects = Math.max(1, useConnectionState().epoch);
  const now = useNow(5_000);

  const load = useCallback(() => {
    api.listStreams().then(
      (page) => {
        setStreams(page.items);
        setError(null);
      },
      (e) => setError(e),
    );
  }, [api]);

  // Load at start, after every reconnect (to catch up) and every so often for new streams.
  useEffect(() => {
    load();
    const id = setInterval(load, REFRESH_MS);
    return () => clearInterval(id);
  }, [load, reconnects]);

  const ids = useMemo(() => (streams ?? []).map((s) => s.stream_id), [streams]);
  useLiveStreams(ids, (message: ServerMessage) => {
    if (message.type === 'window') {
      setStreams((current) => current && applyWindowToStreams(current, message.stream_id, message.window));
    } else if (message.type === 'stream') {
      setStreams((current) => current && applyStreamUpdate(current, message.stream));
    }
  });

  const sorted = useMemo(() => (streams ? sortByViewers(streams) : []), [streams]);
  const online = sorted.filter((s) => s.status === 'online');
  const totalViewers = online.reduce((sum, s) => sum + (viewersOf(s) ?? 0), 0);
  const totalChat = online.reduce((sum, s) => sum + (s.latest?.chat_rate_per_min ?? 0), 0);

  if (streams === null && error) return <ErrorState error={error} onRetry={load} />;
  if (streams === null) return <Loading label="Loading streams…" />;
  return (
    <div className="page">
      <div className="page-head">
        <h1>Streams</h1>
        {error !== null && <span className="alert small">Refresh failed; showing the last list.</span>}
      </div>
      <div className="tiles tiles-3">
        <Tile label="Online" value={`${online.length}`} sub={`of ${streams.length} streams`} />
        <Tile label="Watching now" value={formatCount(totalViewers)} sub="viewers on online streams" />
        <Tile label="Chat" value={formatRate(totalChat)} sub="messages per minute" />
      </div>
      {sorted.length === 0 ? (
        <Empty title="No streams yet">Streams appear here as soon as the pipeline sees their first events.</Empty>
      ) : (
        <div className="card table-card">
          <table className="streams" data-testid="stream-list">
            <thead>
              <tr>
                <th>Stream</th>
                <th className="num">Viewers</th>
                <th className="num">Chat/min</th>
                <th className="num hide-narrow">Sentiment</th>
                <th className="hide-narrow">Last event</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((s) => (
                <tr key={s.stream_id} className={s.status === 'offline' ? 'is-offline' : undefined} data-testid="stream-row" data-stream={s.stream_id}>
                  <td>
                    <a className="stream-link" href={`#/streams/${encodeURIComponent(s.stream_id)}`}>
                      <StatusPill status={s.status} />
                      <span className="stream-name">
                        <strong>{s.title || s.stream_id}</strong>
                        <span className="muted small">
                          {[s.streamer, s.category].filter(Boolean).join(' · ') || s.stream_id}
                        </span>
                      </span>
                    </a>
                  </td>
                  <td className="num" data-testid="stream-viewers">
                    {formatCount(viewersOf(s))}
                  </td>
                  <td className="num" data-testid="stream-chat-rate">
                    {formatRate(s.latest?.chat_rate_per_min)}
                  </td>
                  <td className="num hide-narrow">{formatSentiment(s.latest?.sentiment_mean)}</td>
                  <td className="hide-narrow muted">{formatAgo(s.last_event_at, now)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function StatusPill({ status }: { status: string }) {
  return (
    <span className={`status status-${status}`} data-testid="stream-status">
      {status === 'online' ? 'Live' : 'Offline'}
    </span>
  );
}

export function Tile({ label, value, sub }: { label: string; value: string; sub: string }) {
  return (
    <div className="card tile">
      <span className="muted small">{label}</span>
      <strong className="tile-value">{value}</strong>
      <span className="muted small">{sub}</span>
    </div>
  );
}
