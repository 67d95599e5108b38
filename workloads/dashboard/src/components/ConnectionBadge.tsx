import { useConnectionState, useReconnectNow } from '../live/LiveContext';
import { useNow } from '../useNow';

/** Shows whether live updates flow, and when the next reconnect attempt is due. */
export function ConnectionBadge() {
  const state = useConnectionState();
  const reconnectNow = useReconnectNow();
  const now = useNow(1000);
  let label: string;
  switch (state.status) {
    case 'open':
      label = 'Live';
      break;
    case 'connecting':
      label = 'Connecting…';
      break;
    case 'reconnecting': {
      const seconds = state.retryAt ? Math.max(0, Math.ceil((state.retryAt - now) / 1000)) : 0;
      label = seconds > 0 ? `Offline · retry in ${seconds}s` : 'Reconnecting…';
      break;
    }
    default:
      label = 'Not connected';
  }
  return (
    <div className={`connection connection-${state.status}`} data-testid="connection" data-status={state.status} role="status">
      <span className="dot" aria-hidden="true" />
      <span>{label}</span>
      {state.status === 'reconnecting' && state.retryAt !== null && state.retryAt > now && (
        <button type="button" className="link-button" onClick={reconnectNow}>
          Retry now
        </button>
      )}
    </div>
  );
}
