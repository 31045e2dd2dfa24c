/**
 * The command registry: every kubectl command KubeLab implements, by name. To add a command, write
 * `cmd/<name>.ts` exporting a `Command` and add it here.
 */
import type { Command } from '../framework/command';
import { apiResourcesCommand } from './api-resources';
import { apiVersionsCommand } from './api-versions';
import { clusterInfoCommand } from './cluster-info';
import { describeCommand } from './describe';
import { explainCommand } from './explain';
import { getCommand } from './get';
import { optionsCommand } from './options';
import { versionCommand } from './version';

/** Registered commands by name. */
export const COMMANDS: ReadonlyMap<string, Command> = new Map(
  [
    getCommand,
    describeCommand,
    explainCommand,
    clusterInfoCommand,
    versionCommand,
    apiVersionsCommand,
    apiResourcesCommand,
    optionsCommand,
  ].map((c) => [c.name, c]),
);
