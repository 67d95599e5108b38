// Shapes of the Telemetra REST and WebSocket contract (snake_case, as on the wire).
//
// The REST shapes are the API's OpenAPI document (workloads/api/openapi.json, which the API's
// OpenApiDocumentIT keeps equal to what it serves), turned into TypeScript by openapi-typescript
// on every build (`npm run generate`, into the git-ignored src/api/generated/). A field the API
// renames, drops or makes nullable therefore fails this dashboard's type check where it is used.
import type { components } from './generated/openapi';

type Schemas = components['schemas'];

export type Revenue = Schemas['Revenue'];
export type MetricsPoint = Schemas['MetricsPoint'];
export type LatestWindow = Schemas['LatestWindow'];
export type Stream = Schemas['Stream'];
export type StreamStatus = Stream['status'];
export type StreamPage = Schemas['StreamPage'];
export type MetricsSeries = Schemas['MetricsSeries'];
export type Moment = Schemas['Moment'];
export type MomentKind = Moment['kind'];
export type MomentPage = Schemas['MomentPage'];
export type Problem = Schemas['Problem'];

/**
 * What the /ws endpoint pushes (LiveWebSocketHandler; OpenAPI does not describe WebSockets): its
 * payloads are the REST shapes above.
 */
export type ServerMessage =
  | { type: 'window'; stream_id: string; window: MetricsPoint }
  | { type: 'moment'; moment: Moment }
  | { type: 'stream'; stream: Stream }
  | { type: 'subscribed'; streams: string[] }
  | { type: 'ping' };
