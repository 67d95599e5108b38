import type { MetricsSeries, MomentPage, Problem, Stream, StreamPage } from './types';

/** A failed API call, carrying the RFC 7807 problem the server sent (or what we could tell). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | null,
  ) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'ApiError';
  }
}

export interface Api {
  listStreams(size?: number): Promise<StreamPage>;
  getStream(streamId: string): Promise<Stream>;
  getMetrics(streamId: string, from: Date, to: Date): Promise<MetricsSeries>;
  listMoments(streamId: string, from: Date, size?: number): Promise<MomentPage>;
}

type Fetch = typeof fetch;

/** Calls the REST API with the bearer token; errors become {@link ApiError}. */
export function createApi(token: string, onUnauthorized: () => void, fetchFn: Fetch = fetch, base = ''): Api {
  async function get<T>(path: string, params: Record<string, string | number> = {}): Promise<T> {
    const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
    let response: Response;
    try {
      response = await fetchFn(`${base}/api/v1${path}${query ? `?${query}` : ''}`, {
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      });
    } catch (e) {
      throw new ApiError(0, 'Cannot reach the server', e instanceof Error ? e.message : String(e));
    }
    if (!response.ok) {
      const error = await problemOf(response);
      if (response.status === 401) onUnauthorized();
      throw error;
    }
    return (await response.json()) as T;
  }

  return {
    listStreams: (size = 200) => get<StreamPage>('/streams', { page: 0, size }),
    getStream: (streamId) => get<Stream>(`/streams/${encodeURIComponent(streamId)}`),
    getMetrics: (streamId, from, to) =>
      get<MetricsSeries>(`/streams/${encodeURIComponent(streamId)}/metrics`, {
        from: from.toISOString(),
        to: to.toISOString(),
      }),
    listMoments: (streamId, from, size = 100) =>
      get<MomentPage>('/moments', { stream_id: streamId, from: from.toISOString(), page: 0, size }),
  };
}

async function problemOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as Partial<Problem>;
    return new ApiError(response.status, body.title ?? response.statusText ?? 'Error', body.detail ?? null);
  } catch {
    return new ApiError(response.status, response.statusText || `HTTP ${response.status}`, null);
  }
}
