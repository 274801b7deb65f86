import { describe, expect, it } from "vitest";
import { mailSettings, publicOrigin } from "~/utils/env.server";

const request = new Request("http://127.0.0.1:3000/sign-out");

describe("the address users reach the tracker at", () => {
  it("is PUBLIC_URL for sign-in, sign-out and email links alike", () => {
    const env = { PUBLIC_URL: "https://tracker.example.nhs.uk/" };
    expect(publicOrigin(request, env)).toBe("https://tracker.example.nhs.uk");
    expect(mailSettings(env).APP_URL).toBe("https://tracker.example.nhs.uk");
  });

  it("still reads APP_URL, its older name, when PUBLIC_URL is not set", () => {
    const env = { APP_URL: "https://old.example.nhs.uk" };
    expect(publicOrigin(request, env)).toBe("https://old.example.nhs.uk");
    expect(mailSettings(env).APP_URL).toBe("https://old.example.nhs.uk");
    expect(mailSettings({ PUBLIC_URL: "https://new.example.nhs.uk", APP_URL: "https://old.example.nhs.uk" }).APP_URL).toBe(
      "https://new.example.nhs.uk",
    );
  });

  it("is the request's own origin when neither is set (emails fall back to localhost)", () => {
    expect(publicOrigin(request, {})).toBe("http://127.0.0.1:3000");
    expect(mailSettings({}).APP_URL).toBe("http://localhost:3000");
  });
});
