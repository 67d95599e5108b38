import { describe, expect, it } from 'vitest';
import { initialToken, takeTokenFromFragment, TOKEN_KEY } from './auth';

describe('takeTokenFromFragment', () => {
  it('takes a token that is the whole fragment', () => {
    expect(takeTokenFromFragment('#token=abc123')).toEqual({ token: 'abc123', rest: '' });
  });

  it('keeps the route that shares the fragment with the token', () => {
    expect(takeTokenFromFragment('#/streams/s1&token=abc')).toEqual({ token: 'abc', rest: '/streams/s1' });
    expect(takeTokenFromFragment('#token=abc&/streams/s1')).toEqual({ token: 'abc', rest: '/streams/s1' });
  });

  it('decodes an encoded token', () => {
    expect(takeTokenFromFragment('#token=a%2Bb%3D').token).toBe('a+b=');
  });

  it('finds no token in a plain route or an empty token', () => {
    expect(takeTokenFromFragment('#/streams/s1')).toEqual({ token: null, rest: '/streams/s1' });
    expect(takeTokenFromFragment('#token=').token).toBeNull();
  });
});

class MemoryStorage {
  private readonly values = new Map<string, string>();
  getItem(key: string) {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.values.set(key, value);
  }
}

describe('initialToken', () => {
  it('stores a token from the address bar and removes it from there', () => {
    const storage = new MemoryStorage();
    const replaced: string[] = [];
    const history = { replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) };
    const location = { hash: '#/streams/s1&token=secret', pathname: '/', search: '' };
    const token = initialToken(location as Location, history as unknown as History, storage as unknown as Storage);
    expect(token).toBe('secret');
    expect(storage.getItem(TOKEN_KEY)).toBe('secret');
    expect(replaced).toEqual(['/#/streams/s1']);
  });

  it('falls back to the stored token and leaves the address bar alone', () => {
    const storage = new MemoryStorage();
    storage.setItem(TOKEN_KEY, 'kept');
    const replaced: string[] = [];
    const history = { replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) };
    const token = initialToken({ hash: '', pathname: '/', search: '' } as Location, history as unknown as History, storage as unknown as Storage);
    expect(token).toBe('kept');
    expect(replaced).toEqual([]);
  });
});
