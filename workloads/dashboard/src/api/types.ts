// Shapes of the Telemetra REST and WebSocket contract (snake_case, as on the wire).

export type StreamStatus = 'online' | 'offline';
export type MomentKind = 'chat_spike' | 'viewer_spike' | 'revenue_spike';

export interface Revenue {
  currency: string;
  transaction_count: number;
  /** Decimal string: money is never a float on the wire. */
  amount_sum: string;
}

export interface MetricsPoint {
  window_start: string;
  window_end: string;
  chat_count: number | null;
  chat_rate_per_min: number | null;
  unique_chatters: number | null;
  sentiment_mean: number | null;
  positive_count: number | null;
  neutral_count: number | null;
  negative_count: number | null;
  avg_viewers: number | null;
  min_viewers: number | null;
  max_viewers: number | null;
  last_viewers: number | null;
  revenue: Revenue[] | null;
}

export interface LatestWindow extends MetricsPoint {
  stream_id: string;
}

export interface Stream {
  stream_id: string;
  title: string | null;
  category: string | null;
  streamer: string | null;
  status: StreamStatus;
  status_changed_at: string | null;
  last_event_at: string | null;
  latest: LatestWindow | null;
}

export interface Page<T> {
  items: T[];
  page: number;
  size: number;
  total: number;
}

export interface MetricsResponse {
  stream_id: string;
  from: string;
  to: string;
  points: MetricsPoint[];
}

export interface Moment {
  stream_id: string;
  window_start: string;
  window_end: string;
  kind: MomentKind;
  score: number;
  value: number;
  baseline_mean: number;
  baseline_stddev: number;
  detected_at: string;
}

export type ServerMessage =
  | { type: 'window'; stream_id: string; window: MetricsPoint }
  | { type: 'moment'; moment: Moment }
  | { type: 'stream'; stream: Stream }
  | { type: 'subscribed'; streams: string[] }
  | { type: 'ping' };
