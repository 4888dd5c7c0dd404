/**
 * The Svix simulator. Besides Svix's own `POST /api/v1/stats/usage/app` (and `…/app/`) and
 * `GET /api/v1/background-task/{task_id}`, it serves three sandbox routes under
 * `{basePath}/sandbox/`, with the same Bearer tokens, idempotency keys and Svix-shaped errors:
 *
 * - `POST …/sandbox/apps` `{id?, uid?}` → 201 `{id, uid, createdAt}` (409 `conflict` if the id or
 *   uid is taken by any application's id or uid);
 * - `GET …/sandbox/apps` → 200 `{data: [{id, uid, createdAt}]}`, oldest first;
 * - `POST …/sandbox/message-attempts` `{app, timestamp?, count?}` or `{attempts: [...]}` (1–10 000
 *   records; `app` is an id or uid, `timestamp` RFC 3339 defaulting to the clock, `count` ≥ 1
 *   defaulting to 1) → 202 `{recorded}`; 422 naming each unknown app; 409
 *   `sandbox_event_cap_reached` past `maxEvents`. A bulk is stored whole or not at all.
 *
 * `createApp` / `recordAttempts` on the simulator run the same validated code without HTTP.
 */
export { createSvixSimulator, type SvixSimulator, type SvixSimulatorOptions } from './simulator';
export { SvixSimulatorError } from './errors';
export type { SandboxAppOut, SandboxAttemptsOut } from './ingest';
export type { SandboxAppIn, SandboxAttemptIn, SandboxAttemptsBulkIn } from './ingest-schemas';
export { SANDBOX_ROUTES } from './routes';
