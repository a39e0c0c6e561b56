import { AppError } from '../core/errors.js';

/** Minimal flag parsing for the thin CLI wrappers: `--name value`, `--flag`, and positionals. */
export interface ParsedArgs {
  /** Flags by name (a bare flag is `true`). */
  flags: Map<string, string | true>;
  /** Everything that is not a flag. */
  positionals: string[];
}

/** Parses argv; `valued` lists flags that take a value. */
export function parseArgs(argv: readonly string[], valued: readonly string[]): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      if (inline !== undefined) flags.set(name, inline);
      else if (valued.includes(name)) {
        const v = argv[i + 1];
        if (v === undefined) throw new AppError('usage', `--${name} needs a value`);
        flags.set(name, v);
        i += 1;
      } else flags.set(name, true);
    } else positionals.push(a);
  }
  return { flags, positionals };
}

/** A string flag or undefined. */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

/**
 * Refuses a flag the command does not know ("--fiel x" would otherwise run on the default files and
 * look like a result). The message names the flag and shows the usage.
 */
export function onlyFlags(args: ParsedArgs, known: readonly string[], usage: string): void {
  const unknown = [...args.flags.keys()].filter((f) => !known.includes(f));
  if (unknown.length > 0) throw new AppError('usage', `unknown option ${unknown.map((f) => `--${f}`).join(', ')}\n${usage}`);
}

/** Whether the command was asked for its usage (`--help` or `-h`). */
export function wantsHelp(args: ParsedArgs): boolean {
  return args.flags.has('help') || args.positionals.includes('-h');
}
