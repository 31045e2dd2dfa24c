/**
 * The command model, after spf13/cobra as kubectl uses it: a command has a name, help texts, its own
 * flags (the global flags are added to every command), optional subcommands and a `run` function.
 * kubectl's error conventions (cmdutil.CheckErr, UsageErrorf) are expressed as error classes a
 * command throws. Leaves out: persistent pre-runs, plugins, shell completion.
 */
import type { ApiTransport } from '../../api/rest';
import type { Clock } from '../../runtime/clock';
import type { FlagDef, ParsedFlags } from './flags';
import type { Client } from './client';

/** Where kubectl reads files named by `-f` (the browser has no file system; the host injects one). */
export interface FileSource {
  /** Contents of a file; rejects with an Error whose message is what kubectl prints (e.g. `open x: no such file or directory`). */
  read(path: string): Promise<string>;
  /** Files under a directory (recursively when asked), full paths. */
  list(dir: string, recursive: boolean): Promise<string[]>;
  /** True when the path is a directory. */
  isDir(path: string): Promise<boolean>;
}

/** The terminal side: output sinks, optional stdin text, files, and cancellation of streaming commands. */
export interface KubectlIO {
  stdout(s: string): void;
  stderr(s: string): void;
  /** Text piped to stdin (`-f -`). */
  stdin?: string;
  files: FileSource;
  /** Aborting ends `-w` / `logs -f` streams; the command then returns. */
  signal?: AbortSignal;
  /** True when stdout is a terminal that shows colours (cluster-info colours its output then). */
  tty?: boolean;
  /**
   * The host's editor for `kubectl edit`: resolves with the edited text, or undefined when the user
   * cancels. Without it, `edit` reports that no editor is available.
   */
  edit?(text: string): Promise<string | undefined>;
}

/** The cluster side: the API transport, the cluster clock, and the kubeconfig context's default namespace. */
export interface KubectlContext {
  api: ApiTransport;
  clock: Clock;
  /** Default namespace of the current context (`default` when unset). */
  namespace?: string;
  /** Server URL shown by `cluster-info` (defaults to `https://127.0.0.1:6443`). */
  server?: string;
}

/** Everything a command's `run` receives. */
export interface Invocation {
  /** Positional arguments (after flag parsing). */
  args: string[];
  /** This command's flags and the global flags. */
  flags: ParsedFlags;
  /** Index in `args` where `--` was seen, -1 if not (cobra ArgsLenAtDash). */
  argsLenAtDash: number;
  io: KubectlIO;
  ctx: KubectlContext;
  /** REST helpers over `ctx.api` (discovery cache, requests that throw on error). */
  client: Client;
  /** The namespace in effect: `-n`, else the context's, else `default`. */
  namespace: string;
  /** True when `-n/--namespace` was given explicitly. */
  explicitNamespace: boolean;
  /** `kubectl get`: the command path, for messages such as `See 'kubectl get -h' for help and examples`. */
  commandPath: string;
  /** Writes to stdout. */
  out(s: string): void;
  /** Writes to stderr. */
  err(s: string): void;
}

/** One kubectl command. Add a file under `cmd/` exporting one of these and list it in `cmd/registry.ts`. */
export interface Command {
  /** The word that invokes it (`get`, `api-resources`). */
  name: string;
  /** Other words that invoke it. */
  aliases?: string[];
  /** One-line description (root help listing). */
  short: string;
  /** Long description (help), already in kubectl's rendered form. Defaults to `short`. */
  long?: string;
  /** Examples, as kubectl prints them (each line indented by two spaces). */
  example?: string;
  /** The usage line after `kubectl ` (e.g. `get [(-o|--output=)json|...] ... [flags]`); ` [options]` is appended. */
  usage: string;
  /** The command's own flags (global flags and -h/--help are added by the framework). */
  flags?: FlagDef[];
  /** Subcommands (e.g. `cluster-info dump`, `rollout status`). */
  subcommands?: Command[];
  /** Hidden from the root help and from suggestions. */
  hidden?: boolean;
  /** Runs the command; returns the exit code (0 when undefined). */
  run?(inv: Invocation): Promise<number | void>;
}

/** An error kubectl prints as `error: <message>` (cmdutil.CheckErr of a plain error), exit 1. */
export class CmdError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CmdError';
  }
}

/**
 * A usage error (cmdutil.UsageErrorf): `error: <message>` then `See '<cmd> -h' for help and examples`.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Text to print verbatim to stderr with an exit code (for messages that are not `error: ...`). */
export class RawError extends Error {
  constructor(
    readonly text: string,
    readonly exitCode = 1,
  ) {
    super(text);
    this.name = 'RawError';
  }
}

/** Errors collected while processing several resources; each was already printed, exit 1. */
export class AlreadyReported extends Error {
  constructor(readonly exitCode = 1) {
    super('already reported');
    this.name = 'AlreadyReported';
  }
}
