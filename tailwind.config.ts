// NHS design tokens (NHS identity colours, type scale and the yellow focus style), loaded from
// app/app.css with Tailwind 4's @config. The NHS logo is not used: it is reserved for NHS organisations.
import type { Config } from "tailwindcss";

export default {
  content: ["./app/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        nhs: {
          blue: "#005EB8",
          "dark-blue": "#003087",
          "bright-blue": "#0072CE",
          "light-blue": "#41B6E6",
          "aqua-blue": "#00A9CE",
          black: "#231f20",
          "dark-grey": "#425563",
          "mid-grey": "#768692",
          "pale-grey": "#E8EDEE",
          white: "#FFFFFF",
          green: "#007F3B",
          "dark-green": "#00401E",
          purple: "#330072",
          "dark-pink": "#7C2855",
          red: "#D5281B",
          "dark-red": "#8A1538",
          orange: "#ED8B00",
          "warm-yellow": "#FFB81C",
          yellow: "#FFEB3B",
          "aqua-green": "#00A499",
          "focus-text": "#212b32",
          "secondary-text": "#4c6272",
          border: "#d8dde0",
          "grey-5": "#f0f4f5",
        },
      },
      fontFamily: {
        sans: ['"Frutiger W01"', "Arial", "Helvetica", "sans-serif"],
      },
      fontSize: {
        // NHS.UK frontend type scale (desktop sizes).
        "nhs-14": ["1rem", { lineHeight: "1.5rem" }],
        "nhs-16": ["1.1875rem", { lineHeight: "1.75rem" }],
        "nhs-19": ["1.1875rem", { lineHeight: "1.75rem" }],
        "nhs-22": ["1.375rem", { lineHeight: "1.875rem" }],
        "nhs-26": ["1.625rem", { lineHeight: "2.25rem" }],
        "nhs-32": ["2rem", { lineHeight: "2.5rem" }],
        "nhs-48": ["3rem", { lineHeight: "3.5rem" }],
      },
    },
  },
} satisfies Config;
