import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/utils/redirects";

describe("safeRedirect", () => {
  it("keeps paths on this site, normalised", () => {
    expect(safeRedirect("/roles")).toBe("/roles");
    expect(safeRedirect("/roles?q=chief%20officer#x")).toBe("/roles?q=chief%20officer#x");
    expect(safeRedirect("/organisations/3/../4")).toBe("/organisations/4");
    expect(safeRedirect("/a/%2e%2e/b")).toBe("/b");
  });

  it("sends everything else to /", () => {
    for (const bad of [
      "",
      "roles",
      "//x",
      "/\\x",
      "/\t/x",
      "/%5Cx",
      "/%2F%2Fx",
      "/%252F/x",
      "/%E0%A4%A",
      "https://x",
      "\\/x",
      "/x\u2028",
      "/ x",
      null,
      undefined,
      42,
      "/" + "a".repeat(3000),
    ]) {
      expect(safeRedirect(bad), String(bad)).toBe("/");
    }
  });
});
