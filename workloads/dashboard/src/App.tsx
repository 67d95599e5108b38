import { useCallback, useEffect, useMemo, useState } from 'react';
import { createApi } from './api/client';
import { initialToken, TOKEN_KEY } from './auth';
import { ConnectionBadge } from './components/ConnectionBadge';
import { StreamList } from './components/StreamList';
import { StreamPage } from './components/StreamPage';
import { Logo, TokenForm } from './components/TokenForm';
import { LiveProvider } from './live/LiveContext';

type Route = { page: 'streams' } | { page: 'stream'; streamId: string };

export function routeOf(hash: string): Route {
  const match = /^#?\/streams\/([^/?&]+)/.exec(hash);
  if (match) {
    try {
      return { page: 'stream', streamId: decodeURIComponent(match[1]) };
    } catch {
      return { page: 'streams' };
    }
  }
  return { page: 'streams' };
}

function useRoute(): Route {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const update = () => setHash(window.location.hash);
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return useMemo(() => routeOf(hash), [hash]);
}

/** The dashboard: token gate, header with the live connection, and the routed page. */
export function App() {
  const [token, setToken] = useState(() => initialToken(window.location, window.history, window.localStorage));
  const [message, setMessage] = useState<string | null>(null);
  const route = useRoute();

  const signOut = useCallback((why: string | null) => {
    window.localStorage.removeItem(TOKEN_KEY);
    setMessage(why);
    setToken(null);
  }, []);
  const api = useMemo(
    () => (token ? createApi(token, () => signOut('The server rejected the token. Enter a valid one.')) : null),
    [token, signOut],
  );

  if (!token || !api) {
    return (
      <TokenForm
        message={message}
        onSubmit={(t) => {
          window.localStorage.setItem(TOKEN_KEY, t);
          setMessage(null);
          setToken(t);
        }}
      />
    );
  }
  return (
    <LiveProvider token={token} key={token}>
      <header className="topbar">
        <a className="brand" href="#/">
          <Logo /> Telemetra
        </a>
        <div className="topbar-right">
          <ConnectionBadge />
          <button type="button" className="link-button" onClick={() => signOut(null)}>
            Sign out
          </button>
        </div>
      </header>
      <main>
        {route.page === 'stream' ? <StreamPage api={api} streamId={route.streamId} key={route.streamId} /> : <StreamList api={api} />}
      </main>
    </LiveProvider>
  );
}
