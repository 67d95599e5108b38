import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ServerMessage } from '../api/types';
import { LiveConnection, type ConnectionState } from './LiveConnection';

const LiveContext = createContext<LiveConnection | null>(null);

/** Opens the one WebSocket of the app for as long as it is mounted. */
export function LiveProvider({ token, children }: { token: string; children: ReactNode }) {
  const [connection] = useState(
    () =>
      new LiveConnection({
        url: () => {
          const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
          return `${scheme}://${window.location.host}/ws?access_token=${encodeURIComponent(token)}`;
        },
      }),
  );
  useEffect(() => {
    connection.start();
    return () => connection.stop();
  }, [connection]);
  return <LiveContext.Provider value={connection}>{children}</LiveContext.Provider>;
}

function useConnection(): LiveConnection {
  const connection = useContext(LiveContext);
  if (!connection) throw new Error('useConnection outside LiveProvider');
  return connection;
}

export function useConnectionState(): ConnectionState {
  const connection = useConnection();
  const [state, setState] = useState(connection.state);
  useEffect(() => {
    setState(connection.state);
    return connection.onState(setState);
  }, [connection]);
  return state;
}

export function useReconnectNow(): () => void {
  const connection = useConnection();
  return () => connection.reconnectNow();
}

/** Subscribes to the given streams while mounted and hands every server message to `onMessage`. */
export function useLiveStreams(streamIds: readonly string[], onMessage: (m: ServerMessage) => void): void {
  const connection = useConnection();
  const handler = useRef(onMessage);
  handler.current = onMessage;
  const key = [...streamIds].sort().join('\u0000');
  useEffect(() => connection.onMessage((m) => handler.current(m)), [connection]);
  useEffect(() => {
    if (!key) return undefined;
    return connection.subscribe(key.split('\u0000'));
  }, [connection, key]);
}
