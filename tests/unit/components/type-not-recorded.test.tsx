// The "type not recorded" notice: shown to those who may set the type, with a link to the field.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TypeNotRecorded } from "~/components/type-not-recorded";

describe("the type-not-recorded notice", () => {
  it("asks those who may set the type, with a link to the type field", () => {
    const html = renderToStaticMarkup(<TypeNotRecorded org={{ id: 7, type: "not_recorded" }} canSet />);
    expect(html).toContain("This trust&#x27;s type is not recorded");
    expect(html).toContain('href="/organisations/7/edit#type"');
    expect(html).toContain("not compared with trusts of the same type");
  });

  it("is not shown to others, nor for a trust with a type", () => {
    expect(renderToStaticMarkup(<TypeNotRecorded org={{ id: 7, type: "not_recorded" }} canSet={false} />)).toBe("");
    expect(renderToStaticMarkup(<TypeNotRecorded org={{ id: 7, type: "acute" }} canSet />)).toBe("");
  });
});
