import { describe, expect, it } from 'vitest';
import { routeOf } from './App';

describe('routeOf', () => {
  it('opens the stream list by default', () => {
    expect(routeOf('')).toEqual({ page: 'streams' });
    expect(routeOf('#/')).toEqual({ page: 'streams' });
  });

  it('opens a stream page with the decoded stream id', () => {
    expect(routeOf('#/streams/s%3A1')).toEqual({ page: 'stream', streamId: 's:1' });
  });

  it('falls back to the list for a malformed id', () => {
    expect(routeOf('#/streams/%E0%A4%A')).toEqual({ page: 'streams' });
  });
});
