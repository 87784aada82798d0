// Command-line flags: `--name value`, `--name=value`, short aliases, repeatable flags, and (for
// `run`) stopping at the first positional so that the program's own arguments pass through as-is.
import { CliError } from './errors.js';

export interface FlagSpec {
  /** Long name without dashes → whether it takes a value. */
  flags: Record<string, boolean>;
  /** Short alias → long name. */
  aliases?: Record<string, string>;
  /** Everything from the first positional on is positional (`run FILE args…`). */
  stopAtPositional?: boolean;
}

export interface ParsedArgs {
  values: Map<string, string[]>;
  positional: string[];
}

export function parseArgs(command: string, argv: readonly string[], spec: FlagSpec): ParsedArgs {
  const values = new Map<string, string[]>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('-') && a !== '-') {
      const eq = a.indexOf('=');
      let name = eq > 0 ? a.slice(0, eq) : a;
      name = name.startsWith('--') ? name.slice(2) : spec.aliases?.[name.slice(1)] ?? `-${name.slice(1)}`;
      const takesValue = spec.flags[name];
      if (takesValue === undefined) throw new CliError(`${command}: unknown option ${a.slice(0, eq > 0 ? eq : undefined)} (see purewasm ${command} --help)`);
      let value = 'true';
      if (takesValue) {
        if (eq > 0) value = a.slice(eq + 1);
        else if (i + 1 < argv.length) value = argv[++i];
        else throw new CliError(`${command}: option --${name} needs a value`);
      } else if (eq > 0) {
        throw new CliError(`${command}: option --${name} takes no value`);
      }
      values.set(name, [...(values.get(name) ?? []), value]);
      continue;
    }
    positional.push(a);
    if (spec.stopAtPositional) {
      positional.push(...argv.slice(i + 1));
      break;
    }
  }
  return { values, positional };
}
