import type { ServerMessage } from '../api/types';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';

export type ConnectionStatus = 'idle' | 'connecting' | 'open' | 'reconnecting';

export interface ConnectionState {
  status: ConnectionStatus;
  /** Failed attempts since the last successful open. */
  attempt: number;
  /** When the next attempt starts (epoch ms), while reconnecting. */
  retryAt: number | null;
  /** Increases on every successful open, so views can refetch what they missed. */
  epoch: number;
}

/** The part of the browser WebSocket this class uses. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: Event) => unknown) | null;
  onmessage: ((ev: MessageEvent) => unknown) | null;
  onclose: ((ev: CloseEvent) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
}

export interface LiveConnectionOptions {
  url: () => string;
  createSocket?: (url: string) => SocketLike;
  policy?: BackoffPolicy;
  random?: () => number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Silence longer than this (the server pings every 20 s) counts as a dead connection. */
  idleTimeoutMs?: number;
}

const OPEN = 1;

/**
 * One WebSocket to the API shared by all views: reference-counted stream subscriptions that are
 * replayed after every reconnect, reconnects with exponential backoff, and a watchdog that
 * treats a silent connection as dead.
 */
export class LiveConnection {
  private socket: SocketLike | null = null;
  private running = false;
  private retryTimer: unknown = null;
  private idleTimer: unknown = null;
  private readonly subscriptions = new Map<string, number>();
  private readonly messageListeners = new Set<(m: ServerMessage) => void>();
  private readonly stateListeners = new Set<(s: ConnectionState) => void>();
  private current: ConnectionState = { status: 'idle', attempt: 0, retryAt: null, epoch: 0 };
  private readonly createSocket: (url: string) => SocketLike;
  private readonly policy: BackoffPolicy;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly idleTimeoutMs: number;

  constructor(private readonly options: LiveConnectionOptions) {
    this.createSocket = options.createSocket ?? ((url) => new WebSocket(url) as unknown as SocketLike);
    this.policy = options.policy ?? DEFAULT_BACKOFF;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.idleTimeoutMs = options.idleTimeoutMs ?? 45_000;
  }

  get state(): ConnectionState {
    return this.current;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  stop(): void {
    this.running = false;
    this.cancelTimers();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      detach(socket);
      socket.close(1000, 'closed by the dashboard');
    }
    this.setState({ status: 'idle', attempt: 0, retryAt: null });
  }

  /** Connects at once instead of waiting out the backoff. */
  reconnectNow(): void {
    if (!this.running || this.current.status !== 'reconnecting') return;
    this.cancelTimers();
    this.connect();
  }

  /** Subscribes to streams; the returned function undoes exactly this call. */
  subscribe(streamIds: readonly string[]): () => void {
    const added = [...new Set(streamIds)].filter((id) => {
      const count = this.subscriptions.get(id) ?? 0;
      this.subscriptions.set(id, count + 1);
      return count === 0;
    });
    if (added.length > 0) this.send({ type: 'subscribe', streams: added });
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const removed = [...new Set(streamIds)].filter((id) => {
        const count = (this.subscriptions.get(id) ?? 1) - 1;
        if (count <= 0) this.subscriptions.delete(id);
        else this.subscriptions.set(id, count);
        return count <= 0;
      });
      if (removed.length > 0) this.send({ type: 'unsubscribe', streams: removed });
    };
  }

  subscribedStreams(): string[] {
    return [...this.subscriptions.keys()];
  }

  onMessage(listener: (m: ServerMessage) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  onState(listener: (s: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  private connect(): void {
    this.setState({ status: this.current.attempt === 0 ? 'connecting' : 'reconnecting', retryAt: null });
    let socket: SocketLike;
    try {
      socket = this.createSocket(this.options.url());
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.setState({ status: 'open', attempt: 0, retryAt: null, epoch: this.current.epoch + 1 });
      const streams = this.subscribedStreams();
      if (streams.length > 0) this.send({ type: 'subscribe', streams });
      this.armWatchdog();
    };
    socket.onmessage = (event) => {
      if (this.socket !== socket) return;
      this.armWatchdog();
      let message: ServerMessage;
      try {
        message = JSON.parse(String(event.data)) as ServerMessage;
      } catch {
        return;
      }
      if (!message || typeof message !== 'object' || typeof message.type !== 'string') return;
      this.messageListeners.forEach((l) => l(message));
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      detach(socket);
      if (this.running) this.scheduleReconnect();
    };
    socket.onerror = () => {
      // A close event always follows; reconnecting happens there.
    };
  }

  private scheduleReconnect(): void {
    this.cancelTimers();
    const attempt = this.current.attempt;
    const delay = backoffDelay(attempt, this.policy, this.random);
    this.setState({ status: 'reconnecting', attempt: attempt + 1, retryAt: this.now() + delay });
    this.retryTimer = this.setTimer(() => {
      this.retryTimer = null;
      if (this.running) this.connect();
    }, delay);
  }

  private armWatchdog(): void {
    if (this.idleTimer !== null) this.clearTimer(this.idleTimer);
    const socket = this.socket;
    this.idleTimer = this.setTimer(() => {
      this.idleTimer = null;
      if (!socket || this.socket !== socket) return;
      // A link that died silently may never fire onclose: drop it ourselves.
      this.socket = null;
      detach(socket);
      socket.close(4000, 'no message from the server');
      if (this.running) this.scheduleReconnect();
    }, this.idleTimeoutMs);
  }

  private cancelTimers(): void {
    if (this.retryTimer !== null) this.clearTimer(this.retryTimer);
    if (this.idleTimer !== null) this.clearTimer(this.idleTimer);
    this.retryTimer = null;
    this.idleTimer = null;
  }

  private send(message: object): void {
    if (this.socket && this.socket.readyState === OPEN) this.socket.send(JSON.stringify(message));
  }

  private setState(change: Partial<ConnectionState>): void {
    this.current = { ...this.current, ...change };
    const snapshot = this.current;
    this.stateListeners.forEach((l) => l(snapshot));
  }
}

function detach(socket: SocketLike): void {
  socket.onopen = null;
  socket.onmessage = null;
  socket.onclose = null;
  socket.onerror = null;
}
