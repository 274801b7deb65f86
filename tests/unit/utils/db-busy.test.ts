// The one mapping of a locked database to 503 + Retry-After, and which errors are worth a retry.
import { describe, expect, it } from "vitest";
import { DatabaseBusyError, busyAware, isDatabaseBusy, isRetryableBusy, noteBusy, retryWhileBusy } from "~/utils/db-busy.server";

const sqliteError = (code: string) => Object.assign(new Error("database is locked"), { code });

describe("busyAware", () => {
  it("turns a 5xx into 503 with Retry-After when the request gave up on a locked database", async () => {
    const res = await busyAware(async () => {
      noteBusy();
      return new Response("error page", { status: 500 });
    });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(await res.text()).toBe("error page");
  });

  it("leaves other responses and other failures alone", async () => {
    expect((await busyAware(async () => new Response("ok"))).status).toBe(200);
    const failed = await busyAware(async () => new Response("boom", { status: 500 }));
    expect(failed.status).toBe(500);
    expect(failed.headers.get("retry-after")).toBeNull();
    await expect(busyAware(async () => Promise.reject(new TypeError("bug")))).rejects.toThrow("bug");
  });

  it("answers a thrown busy error as 503", async () => {
    const res = await busyAware(async () => Promise.reject(new DatabaseBusyError()));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
  });
});

describe("retryWhileBusy", () => {
  it("retries a busy statement until it succeeds", async () => {
    let calls = 0;
    const value = await retryWhileBusy(async () => {
      if (++calls < 3) throw sqliteError("SQLITE_BUSY");
      return "done";
    });
    expect(value).toBe("done");
    expect(calls).toBe(3);
  });

  it("gives up after the bounded wait, and never retries a stale snapshot or another error", async () => {
    await expect(retryWhileBusy(async () => Promise.reject(sqliteError("SQLITE_BUSY")), 30)).rejects.toThrow("database is locked");
    let calls = 0;
    await expect(retryWhileBusy(async () => (calls++, Promise.reject(sqliteError("SQLITE_BUSY_SNAPSHOT"))))).rejects.toThrow();
    expect(calls).toBe(1);
    expect(isRetryableBusy(sqliteError("SQLITE_CONSTRAINT_UNIQUE"))).toBe(false);
    expect(isDatabaseBusy(sqliteError("SQLITE_BUSY_SNAPSHOT"))).toBe(true);
    expect(isDatabaseBusy(new Error("Operation has timed out (P1008)"))).toBe(true);
    expect(isDatabaseBusy(new Error("no such table"))).toBe(false);
  });
});
