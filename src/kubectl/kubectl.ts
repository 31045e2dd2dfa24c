/**
 * The kubectl entry point: argv in, stdout/stderr text and an exit code out, for any terminal (the
 * browser's xterm, the headless CLI, tests). Mirrors kubectl's cobra root (k8s.io/kubectl/pkg/cmd
 * cmd.go): finding the command the way cobra's Find/stripFlags does, unknown-command errors with
 * "Did you mean this?" suggestions (Levenshtein distance ≤ 2 or prefix), flag errors followed by
 * `See '<cmd> --help' for usage.`, help texts, and cmdutil.CheckErr's error printing.
 * Leaves out: kubectl plugins, kubeconfig loading, shell completion.
 */
import { ApiError } from '../api/errors';
import { COMMANDS } from './cmd/registry';
import { Client } from './framework/client';
import {
  AlreadyReported,
  CmdError,
  RawError,
  UsageError,
  type Command,
  type FileSource,
  type Invocation,
  type KubectlContext,
  type KubectlIO,
} from './framework/command';
import { FlagError, parseFlags, stripFlags, type FlagDef } from './framework/flags';
import { GLOBAL_FLAGS, HELP_FLAG } from './framework/global-flags';
import { commandHelp, commandOrder, rootHelp } from './framework/help';
import { errorText } from './framework/resources';

export type { FileSource, KubectlIO, KubectlContext, Command };

/** Levenshtein distance, case-insensitive (cobra's ld with ignoreCase). */
export function levenshtein(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => [
    i,
    ...Array<number>(t.length).fill(0),
  ]);
  for (let j = 1; j <= t.length; j++) d[0][j] = j;
  for (let j = 1; j <= t.length; j++) {
    for (let i = 1; i <= s.length; i++) {
      d[i][j] =
        s[i - 1] === t[j - 1] ? d[i - 1][j - 1] : Math.min(d[i - 1][j], d[i][j - 1], d[i - 1][j - 1]) + 1;
    }
  }
  return d[s.length][t.length];
}

/** cobra's SuggestionsFor: commands within distance 2 or starting with what was typed. */
export function suggestionsFor(typed: string, commands: Command[]): string[] {
  const out: string[] = [];
  for (const c of commands) {
    if (c.hidden) continue;
    if (levenshtein(typed, c.name) <= 2 || c.name.toLowerCase().startsWith(typed.toLowerCase()))
      out.push(c.name);
  }
  return out;
}

function lookup(registry: ReadonlyMap<string, Command>, name: string): Command | undefined {
  const direct = registry.get(name);
  if (direct) return direct;
  for (const c of registry.values()) if (c.aliases?.includes(name)) return c;
  return undefined;
}

function removeFirst(argv: string[], word: string): string[] {
  const i = argv.indexOf(word);
  return i < 0 ? argv : [...argv.slice(0, i), ...argv.slice(i + 1)];
}

/**
 * Runs one kubectl command line. Resolves with the exit code once the command is done (for `-w`
 * and `logs -f`, when `io.signal` aborts or the server ends the stream).
 */
export async function runKubectl(argv: string[], io: KubectlIO, ctx: KubectlContext): Promise<number> {
  return runWith(COMMANDS, argv, io, ctx);
}

/** `runKubectl` over an explicit registry (tests, or hosts that add commands). */
export async function runWith(
  registry: ReadonlyMap<string, Command>,
  argv: string[],
  io: KubectlIO,
  ctx: KubectlContext,
): Promise<number> {
  const rootFlags: FlagDef[] = [...GLOBAL_FLAGS, HELP_FLAG];
  const words = stripFlags(argv, rootFlags);
  if (words.length === 0) {
    try {
      parseFlags(argv, rootFlags);
    } catch (e) {
      if (e instanceof FlagError) {
        io.stderr(`error: ${e.message}\nSee 'kubectl --help' for usage.\n`);
        return 1;
      }
      throw e;
    }
    io.stdout(rootHelp(registry));
    return 0;
  }
  const found = lookup(registry, words[0]);
  if (!found) {
    const sugg = suggestionsFor(words[0], commandOrder(registry));
    let msg = `error: unknown command "${words[0]}" for "kubectl"`;
    if (sugg.length) msg += `\n\nDid you mean this?\n${sugg.map((s) => `\t${s}\n`).join('')}`;
    else msg += '\n';
    io.stderr(msg);
    return 1;
  }
  let cmd: Command = found;
  let rest = removeFirst(argv, words[0]);
  let path = `kubectl ${cmd.name}`;
  for (;;) {
    const subWords = stripFlags(rest, [...(cmd.flags ?? []), ...rootFlags]);
    if (!cmd.subcommands || subWords.length === 0) break;
    const sub: Command | undefined = cmd.subcommands.find(
      (s) => s.name === subWords[0] || s.aliases?.includes(subWords[0]),
    );
    if (!sub) break;
    cmd = sub;
    rest = removeFirst(rest, subWords[0]);
    path = `${path} ${sub.name}`;
  }
  const own = new Set((cmd.flags ?? []).map((f) => f.name));
  const defs = [...(cmd.flags ?? []), ...rootFlags.filter((f) => !own.has(f.name))];
  let parsed;
  try {
    parsed = parseFlags(rest, defs);
  } catch (e) {
    if (e instanceof FlagError) {
      io.stderr(`error: ${e.message}\nSee '${path} --help' for usage.\n`);
      return 1;
    }
    throw e;
  }
  if (parsed.flags.bool('help') || !cmd.run) {
    io.stdout(commandHelp(cmd, path));
    return 0;
  }
  const nsFlag = parsed.flags.string('namespace');
  const inv: Invocation = {
    args: parsed.args,
    flags: parsed.flags,
    argsLenAtDash: parsed.argsLenAtDash,
    io,
    ctx,
    client: new Client(ctx.api),
    namespace: nsFlag || ctx.namespace || 'default',
    explicitNamespace: parsed.flags.changed('namespace') && nsFlag !== '',
    commandPath: path,
    out: (s) => io.stdout(s),
    err: (s) => io.stderr(s),
  };
  try {
    const code = await cmd.run(inv);
    return code ?? 0;
  } catch (e) {
    return reportError(e, io, path);
  }
}

/** Prints an error the way cmdutil.CheckErr does and returns the exit code. */
export function reportError(e: unknown, io: KubectlIO, path: string): number {
  if (e instanceof AlreadyReported) return e.exitCode;
  if (e instanceof RawError) {
    io.stderr(e.text);
    return e.exitCode;
  }
  if (e instanceof UsageError) {
    io.stderr(`error: ${e.message}\nSee '${path} -h' for help and examples\n`);
    return 1;
  }
  if (e instanceof ApiError) {
    io.stderr(`${errorText(e)}\n`);
    return 1;
  }
  const text = errorText(e);
  io.stderr(text.endsWith('\n') ? text : `${text}\n`);
  return e instanceof CmdError ? e.exitCode : 1;
}
