// What a CLI command is, and how it reads its flags.
export type Command = (args: string[]) => Promise<number | void>;

/** An error whose message is the one line the user sees. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Splits --flag value pairs from positional arguments. */
export function parseFlags(args: string[], known: readonly string[]): { flags: Record<string, string>; positional: string[] } {
  const flags: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith("--")) {
      const [key, inline] = a.slice(2).split("=", 2) as [string, string | undefined];
      if (!known.includes(key)) throw new CliError(`unknown option --${key}`, 2);
      const value = inline ?? args[++i];
      if (value === undefined) throw new CliError(`option --${key} needs a value`, 2);
      flags[key] = value;
    } else positional.push(a);
  }
  return { flags, positional };
}
