// Password rules: a minimum length and a check against common and guessable passwords (NCSC advice:
// length over complexity; block the most common).
export const MIN_PASSWORD_LENGTH = 12;

// The most common passwords in breach corpora and NHS-flavoured guesses (lower-case).
const COMMON = new Set([
  "123456789012",
  "password1234",
  "passwordpassword",
  "qwertyuiopas",
  "111111111111",
  "iloveyou1234",
  "welcome12345",
  "letmein12345",
  "administrator",
  "changeme1234",
  "password123!",
  "qwerty123456",
  "abcdefghijkl",
  "nhsnhsnhsnhs",
  "nhspassword1",
  "nhspassword123",
  "hospital1234",
  "doctor123456",
  "nurse1234567",
  "trustpassword",
  "summer202020",
  "winter202020",
  "monkey123456",
  "football1234",
  "baseball1234",
  "sunshine1234",
  "princess1234",
  "dragon123456",
  "master123456",
  "starwars1234",
  "whatever1234",
  "trustno11234",
  "zaq12wsxcde3",
  "1q2w3e4r5t6y",
  "passw0rd1234",
  "p@ssword1234",
  "p@ssw0rd1234",
  "welcome123!!",
  "password2024",
  "password2025",
  "password2026",
]);

/** A message saying what is wrong with the password, or null when it is acceptable. */
export function checkPasswordStrength(password: string, email?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Password must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 200) return "Password must be 200 characters or fewer";
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || /^(.)\1+$/.test(password) || /^(0123456789|1234567890|abcdefghij)/.test(lower))
    return "This password is too common: choose a longer phrase that is hard to guess";
  if (email) {
    const local = email.toLowerCase().split("@")[0]!;
    if (local.length >= 4 && lower.includes(local)) return "Password must not contain your email address";
  }
  return null;
}
