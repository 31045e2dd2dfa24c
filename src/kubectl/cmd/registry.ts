/**
 * The command registry: every kubectl command KubeLab implements, by name. To add a command, write
 * `cmd/<name>.ts` exporting a `Command` and add it here.
 */
import type { Command } from '../framework/command';
import { apiResourcesCommand } from './api-resources';
import { applyCommand } from './apply';
import { createCommand } from './create';
import { deleteCommand } from './delete';
import { annotateCommand, labelCommand } from './label';
import { cordonCmd, drainCmd, scaleCmd, taintCmd, uncordonCmd } from './node-ops';
import { exposeCommand } from './expose';
import { runCommand } from './run';
import { rolloutCommand } from './rollout';
import { logsCommand } from './logs';
import { execCommand } from './exec';
import { topCommand } from './top';
import { waitCommand } from './wait';
import { eventsCommand } from './events';
import { authCommand, configCommand } from './auth-config';
import { autoscaleCommand, editCommand, setCommand } from './set';
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
    applyCommand,
    createCommand,
    runCommand,
    exposeCommand,
    deleteCommand,
    labelCommand,
    annotateCommand,
    scaleCmd,
    cordonCmd,
    uncordonCmd,
    drainCmd,
    taintCmd,
    rolloutCommand,
    setCommand,
    autoscaleCommand,
    editCommand,
    logsCommand,
    execCommand,
    topCommand,
    waitCommand,
    eventsCommand,
    authCommand,
    configCommand,
  ].map((c) => [c.name, c]),
);
