/** `kubectl options` (kubectl pkg/cmd/options): lists the global flags every command accepts. */
import type { Command } from '../framework/command';
import { GLOBAL_FLAGS } from '../framework/global-flags';
import { flagsBlock } from '../framework/help';

/** `kubectl options`. */
export const optionsCommand: Command = {
  name: 'options',
  short: 'Print the list of flags inherited by all commands',
  long: 'Print the list of flags inherited by all commands',
  example: '  # Print flags inherited by all commands\n  kubectl options',
  usage: 'options',
  hidden: true,
  async run(inv) {
    inv.out(`The following options can be passed to any command:\n\n${flagsBlock(GLOBAL_FLAGS)}\n`);
    return 0;
  },
};
