import { describe, expect, it } from "vitest";
import { MIN_PASSWORD_LENGTH, checkPasswordStrength } from "~/domain/passwords";

describe("password strength", () => {
  it("accepts a long passphrase", () => {
    expect(checkPasswordStrength("correct horse battery staple")).toBeNull();
    expect(checkPasswordStrength("Tuesday-kettle-orbit-27", "jane.doe@nhs.net")).toBeNull();
  });

  it(`refuses fewer than ${MIN_PASSWORD_LENGTH} characters, and accepts exactly ${MIN_PASSWORD_LENGTH}`, () => {
    expect(MIN_PASSWORD_LENGTH).toBe(12);
    expect(checkPasswordStrength("a1b2c3d4e5f")).toBe("Password must be at least 12 characters");
    expect(checkPasswordStrength("")).toBe("Password must be at least 12 characters");
    expect(checkPasswordStrength("a1b2c3d4e5f6")).toBeNull();
  });

  it("refuses more than 200 characters", () => {
    expect(checkPasswordStrength("x1y2".repeat(50))).toBeNull();
    expect(checkPasswordStrength("x1y2".repeat(50) + "z")).toBe("Password must be 200 characters or fewer");
  });

  it("refuses common passwords whatever their case", () => {
    for (const p of ["password1234", "PASSWORD1234", "Password2026", "qwertyuiopas", "nhspassword123", "administrator"]) {
      expect(checkPasswordStrength(p), p).toMatch(/too common/);
    }
  });

  it("refuses one repeated character and simple sequences", () => {
    expect(checkPasswordStrength("aaaaaaaaaaaaaaaa")).toMatch(/too common/);
    expect(checkPasswordStrength("0123456789abcdef")).toMatch(/too common/);
    expect(checkPasswordStrength("1234567890xyzw")).toMatch(/too common/);
    expect(checkPasswordStrength("ABCDEFGHIJKLMNOP")).toMatch(/too common/);
  });

  it("refuses a password containing the email's local part (4 characters or more)", () => {
    expect(checkPasswordStrength("my-jane.doe-password-x", "Jane.Doe@nhs.net")).toBe("Password must not contain your email address");
    // A very short local part is not a meaningful match.
    expect(checkPasswordStrength("bob is my favourite uncle", "bob@nhs.net")).toBeNull();
    expect(checkPasswordStrength("bob is my favourite uncle")).toBeNull();
  });
});
