/** Where the dashboard keeps the API token between visits. */
export const TOKEN_KEY = 'telemetra.token';

/**
 * Splits a `#token=...` parameter off a URL fragment. The fragment may also carry a route
 * (`#/streams/s1&token=abc`); what remains is returned so the route survives.
 */
export function takeTokenFromFragment(hash: string): { token: string | null; rest: string } {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  const match = /(^|[&?])token=([^&]*)/.exec(fragment);
  if (!match) return { token: null, rest: fragment };
  const token = decodeURIComponent(match[2]).trim();
  const rest = (fragment.slice(0, match.index) + fragment.slice(match.index + match[0].length))
    .replace(/^[&?]/, '')
    .replace(/[&?]$/, '');
  return { token: token || null, rest };
}

/** Reads the token from the address bar (removing it from there) or from localStorage. */
export function initialToken(location: Location, history: History, storage: Storage): string | null {
  const { token, rest } = takeTokenFromFragment(location.hash);
  if (token) {
    storage.setItem(TOKEN_KEY, token);
    history.replaceState(null, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
    return token;
  }
  return storage.getItem(TOKEN_KEY);
}
