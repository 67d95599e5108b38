import { beforeEach, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../api/types';
import { LiveConnection, type ConnectionState, type SocketLike } from './LiveConnection';

/** A socket whose server side the test plays by hand. */
class TestingSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  closed = false;
  onopen: ((ev: Event) => unknown) | null = null;
  onmessage: ((ev: MessageEvent) => unknown) | null = null;
  onclose: ((ev: CloseEvent) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.closed = true;
    this.readyState = 3;
  }
  serverOpens() {
    this.readyState = 1;
    this.onopen?.({} as Event);
  }
  serverSends(message: object | string) {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) } as MessageEvent);
  }
  serverDrops() {
    this.readyState = 3;
    this.onclose?.({} as CloseEvent);
  }
}

/** Timers that fire only when the test advances the clock. */
class TestingClock {
  now = 0;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;
  set = (fn: () => void, ms: number) => {
    const id = this.nextId++;
    this.timers.push({ at: this.now + ms, fn, id });
    return id;
  };
  clear = (id: unknown) => {
    this.timers = this.timers.filter((t) => t.id !== id);
  };
  advance(ms: number) {
    const until = this.now + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.now = due.at;
      due.fn();
    }
    this.now = until;
  }
}

describe('LiveConnection', () => {
  let sockets: TestingSocket[];
  let clock: TestingClock;
  let states: ConnectionState[];
  let connection: LiveConnection;
  const last = () => sockets[sockets.length - 1];

  beforeEach(() => {
    sockets = [];
    clock = new TestingClock();
    states = [];
    connection = new LiveConnection({
      url: () => 'ws://test/ws?access_token=t',
      createSocket: (url) => {
        const socket = new TestingSocket(url);
        sockets.push(socket);
        return socket;
      },
      policy: { initialMs: 500, maxMs: 4_000, multiplier: 2, jitter: 0 },
      now: () => clock.now,
      setTimer: clock.set,
      clearTimer: clock.clear,
      idleTimeoutMs: 45_000,
    });
    connection.onState((s) => states.push(s));
  });

  it('subscribes to the requested streams once the socket opens', () => {
    connection.subscribe(['s1', 's2']);
    connection.start();
    expect(connection.state.status).toBe('connecting');
    last().serverOpens();
    expect(connection.state.status).toBe('open');
    expect(last().sent).toEqual([{ type: 'subscribe', streams: ['s1', 's2'] }]);
  });

  it('sends only streams nobody had subscribed to and unsubscribes when the last one leaves', () => {
    connection.start();
    last().serverOpens();
    const first = connection.subscribe(['s1']);
    const second = connection.subscribe(['s1', 's2']);
    second();
    second();
    first();
    expect(last().sent).toEqual([
      { type: 'subscribe', streams: ['s1'] },
      { type: 'subscribe', streams: ['s2'] },
      { type: 'unsubscribe', streams: ['s2'] },
      { type: 'unsubscribe', streams: ['s1'] },
    ]);
  });

  it('reconnects with exponentially growing delays and resubscribes after a drop', () => {
    connection.subscribe(['s1']);
    connection.start();
    last().serverOpens();
    last().serverDrops();
    expect(connection.state).toMatchObject({ status: 'reconnecting', attempt: 1, retryAt: 500 });

    clock.advance(499);
    expect(sockets).toHaveLength(1);
    clock.advance(1);
    expect(sockets).toHaveLength(2);
    last().serverDrops();
    expect(connection.state.retryAt).toBe(500 + 1000);
    clock.advance(1000);
    last().serverDrops();
    expect(connection.state.retryAt).toBe(1500 + 2000);
    clock.advance(2000);
    last().serverDrops();
    clock.advance(4000);
    last().serverDrops();
    expect(connection.state.retryAt! - clock.now).toBe(4000);

    clock.advance(4000);
    last().serverOpens();
    expect(connection.state).toMatchObject({ status: 'open', attempt: 0, epoch: 2 });
    expect(last().sent).toEqual([{ type: 'subscribe', streams: ['s1'] }]);
    last().serverDrops();
    expect(connection.state.retryAt! - clock.now).toBe(500);
  });

  it('hands parsed messages to listeners and skips what is not JSON', () => {
    const received: ServerMessage[] = [];
    connection.onMessage((m) => received.push(m));
    connection.start();
    last().serverOpens();
    last().serverSends('not json');
    last().serverSends({ type: 'ping' });
    expect(received).toEqual([{ type: 'ping' }]);
  });

  it('treats a connection that stays silent past the idle timeout as dead', () => {
    connection.start();
    last().serverOpens();
    clock.advance(30_000);
    last().serverSends({ type: 'ping' });
    clock.advance(44_000);
    expect(connection.state.status).toBe('open');
    clock.advance(1_000);
    expect(sockets[0].closed).toBe(true);
    expect(connection.state.status).toBe('reconnecting');
  });

  it('stops for good when stopped, without reconnecting', () => {
    connection.start();
    last().serverOpens();
    connection.stop();
    clock.advance(60_000);
    expect(sockets).toHaveLength(1);
    expect(sockets[0].closed).toBe(true);
    expect(connection.state.status).toBe('idle');
  });

  it('connects at once when asked to instead of waiting out the backoff', () => {
    connection.start();
    last().serverDrops();
    connection.reconnectNow();
    expect(sockets).toHaveLength(2);
    clock.advance(10_000);
    expect(sockets).toHaveLength(2);
  });
});
