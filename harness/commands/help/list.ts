// `list --help`, and README's reference for list.
import type { CommandHelp } from './command-help.ts';
import { selectionOptions } from './shared-options.ts';

export const listHelp: CommandHelp = {
  name: 'list',
  summary: 'list cases, and whether each applies to a profile',
  synopsis: ['list [--profile FILE] [--case GLOB]... [--interface NAME]... [--tag TAG]...'],
  description: [
    "Prints one line per case, tab-separated: id, the role it tests, interface and title. With --profile, only the cases for its target's role, each followed by whether it applies and, when not, why.",
  ],
  groups: [
    {
      title: 'options',
      options: [{ name: 'profile', value: 'FILE', text: 'list the cases for this profile\'s target, saying whether each applies and why not' }, ...selectionOptions],
    },
  ],
  examples: [
    { command: 'list', text: 'every case of every role' },
    { command: 'list --profile my-sensor.yaml --interface registration', text: 'the registration cases, and which of them apply to my-sensor' },
    { command: 'list --tag smoke', text: 'the cases tagged smoke' },
  ],
};
