// When another process holds SQLite's write lock: wait for it without blocking the event loop, for a
// bounded time, and then answer 503 with Retry-After instead of a 500.
//
// better-sqlite3 is synchronous: its busy_timeout sleeps inside SQLite on this thread, so every other
// request of the process (even /healthz) would wait too. The driver gets a tiny busy timeout instead,
// and a busy statement is retried here on timers until DB_BUSY_WAIT_MS has passed. Reads never wait in
// WAL mode; only writes (and transactions) do.
import { AsyncLocalStorage } from "node:async_hooks";

/** The longest a request waits for another process's write lock before it is answered 503. */
export const BUSY_WAIT_MS = Number(process.env.DB_BUSY_WAIT_MS ?? 3000);
/** SQLite's own (blocking) busy wait per attempt: short enough not to be felt by other requests. */
export const DRIVER_BUSY_TIMEOUT_MS = 10;
/** What a 503 tells the client to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

/** The database stayed locked by another writer for longer than the bounded wait. */
export class DatabaseBusyError extends Error {
  constructor() {
    super("The database is busy with another change. Try again in a moment.");
    this.name = "DatabaseBusyError";
  }
}

type RequestState = { busy: boolean };
const requestState = new AsyncLocalStorage<RequestState>();

function codeOf(error: unknown): string {
  if (!error || typeof error !== "object") return "";
  const e = error as {
    code?: unknown;
    cause?: { kind?: unknown; originalCode?: unknown };
    meta?: { driverAdapterError?: { cause?: { kind?: unknown } } };
  };
  if (typeof e.cause?.originalCode === "string") return e.cause.originalCode;
  if (e.cause?.kind === "SocketTimeout" || e.meta?.driverAdapterError?.cause?.kind === "SocketTimeout") return "SQLITE_BUSY";
  return typeof e.code === "string" ? e.code : "";
}

/**
 * A transaction refused the write lock because another process wrote after it first read (SQLite in
 * WAL mode, SQLITE_BUSY_SNAPSHOT): retrying the statement cannot succeed, but the whole transaction
 * run again from its start can.
 */
export function isStaleSnapshot(error: unknown): boolean {
  if (codeOf(error) === "SQLITE_BUSY_SNAPSHOT") return true;
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } } | null)?.meta;
  return meta?.driverAdapterError?.cause?.originalCode === "SQLITE_BUSY_SNAPSHOT";
}

/**
 * Runs a whole transaction again while it fails on a stale snapshot, up to BUSY_WAIT_MS. Safe because
 * the refusal comes at the transaction's first write: nothing of it was written, and it is rolled back.
 */
export async function retryStaleTransaction<T>(run: () => Promise<T>, waitMs = BUSY_WAIT_MS): Promise<T> {
  return retryOnTimers(run, isStaleSnapshot, waitMs);
}

/** A statement refused because another connection holds the lock (worth retrying as it is). */
export function isRetryableBusy(error: unknown): boolean {
  const code = codeOf(error);
  // BUSY_SNAPSHOT: this transaction read an older version; only a new transaction can succeed.
  return code.startsWith("SQLITE_BUSY") && code !== "SQLITE_BUSY_SNAPSHOT";
}

/** Any form of "the database is locked by someone else", however it reached the caller. */
export function isDatabaseBusy(error: unknown): boolean {
  if (error instanceof DatabaseBusyError) return true;
  if (error instanceof Error && (error.name === "BusyError" || error.name === "DatabaseBusyError")) return true;
  if (codeOf(error).startsWith("SQLITE_BUSY")) return true;
  // Prisma reports the adapter's busy error as an operation that "timed out" (P1008 / SocketTimeout).
  const text = error instanceof Error ? `${(error as { code?: string }).code ?? ""} ${error.message}` : "";
  return /P1008|SocketTimeout|SQLITE_BUSY|database is locked/.test(text);
}

/** Marks the current request as having given up on a locked database (read by busyAware). */
export function noteBusy(): void {
  const state = requestState.getStore();
  if (state) state.busy = true;
}

/** True when the current request gave up waiting for a locked database (its error page says so). */
export function requestGaveUpBusy(): boolean {
  return requestState.getStore()?.busy ?? false;
}

/** What the error page says when the database stayed locked: nothing was saved, try again soon. */
export const BUSY_MESSAGE =
  "The service is busy saving another change. Wait a few seconds, then try again. If you were saving something, it has not been saved.";

/**
 * What entry.server throws to render a busy request's page again: React Router renders a thrown
 * Response in the error boundary as a route error (status and message kept, on the server and in
 * the hydration data), where an Error would reach it sanitised as a plain 500.
 */
export function busyResponse(): Response {
  return Response.json(
    { message: BUSY_MESSAGE },
    { status: 503, statusText: "Service Unavailable", headers: { "Retry-After": String(RETRY_AFTER_SECONDS) } },
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `attempt` again on timers while it fails with a retryable busy error, up to BUSY_WAIT_MS. */
export async function retryWhileBusy<T>(attempt: () => Promise<T>, waitMs = BUSY_WAIT_MS): Promise<T> {
  return retryOnTimers(attempt, isRetryableBusy, waitMs, (error) => {
    if (isDatabaseBusy(error)) noteBusy();
  });
}

/** Runs `attempt` again on timers (5 ms, doubling to 100 ms) while `retryable` says so, up to `waitMs`. */
async function retryOnTimers<T>(
  attempt: () => Promise<T>,
  retryable: (error: unknown) => boolean,
  waitMs: number,
  onGiveUp: (error: unknown) => void = () => {},
): Promise<T> {
  const deadline = Date.now() + waitMs;
  let pause = 5;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!retryable(error) || Date.now() + pause > deadline) {
        onGiveUp(error);
        throw error;
      }
      await sleep(pause);
      pause = Math.min(pause * 2, 100);
    }
  }
}

/**
 * The root middleware's wrapper: runs the request, and when it failed (5xx) because the database
 * stayed locked, answers 503 with Retry-After instead. The one place a busy database becomes a status.
 */
export async function busyAware(next: () => Promise<Response>): Promise<Response> {
  const state: RequestState = { busy: false };
  let response: Response;
  try {
    response = await requestState.run(state, next);
  } catch (error) {
    if (!isDatabaseBusy(error) && !state.busy) throw error;
    return new Response("The service is busy. Try again in a moment.\n", {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": String(RETRY_AFTER_SECONDS) },
    });
  }
  if (response.status === 503 && !response.headers.has("Retry-After")) {
    return withStatus(response, 503);
  }
  if (state.busy && response.status >= 500) return withStatus(response, 503);
  return response;
}

function withStatus(response: Response, status: number): Response {
  const headers = new Headers(response.headers);
  headers.set("Retry-After", String(RETRY_AFTER_SECONDS));
  return new Response(response.body, { status, statusText: "Service Unavailable", headers });
}
