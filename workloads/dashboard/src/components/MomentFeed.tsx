import type { Moment } from '../api/types';
import { formatAgo, formatClock, formatRate, MOMENT_COLORS, MOMENT_LABELS } from '../format';

const UNITS: Record<string, string> = { chat_spike: 'msg/min', viewer_spike: 'viewers', revenue_spike: 'revenue' };

/** Newest-first list of a stream's moments (windows far above their baseline). */
export function MomentFeed({ moments, now, fresh }: { moments: Moment[]; now: number; fresh: Set<string> }) {
  return (
    <section className="card feed" data-testid="moment-feed">
      <header className="chart-head">
        <div>
          <h3>Moments</h3>
          <span className="muted small">spikes in the last hour</span>
        </div>
        <span className="pill">{moments.length}</span>
      </header>
      {moments.length === 0 ? (
        <p className="muted feed-empty">No moments yet. A spike in chat, viewers or revenue shows up here.</p>
      ) : (
        <ol className="feed-list">
          {moments.map((m) => {
            const key = `${m.window_start}|${m.kind}`;
            return (
              <li key={key} className={fresh.has(key) ? 'moment fresh' : 'moment'} data-testid="moment" data-kind={m.kind}>
                <span className="moment-kind" style={{ color: MOMENT_COLORS[m.kind], borderColor: MOMENT_COLORS[m.kind] }}>
                  {MOMENT_LABELS[m.kind] ?? m.kind}
                </span>
                <span className="moment-body">
                  <strong>
                    {formatRate(m.value)} {UNITS[m.kind] ?? ''}
                  </strong>
                  <span className="muted small">
                    {' '}
                    vs. {formatRate(m.baseline_mean)} usual · z {m.score.toFixed(1)}
                  </span>
                </span>
                <span className="moment-time muted small" title={new Date(m.window_start).toLocaleString()}>
                  {formatClock(m.window_start)} · {formatAgo(m.detected_at, now)}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
