// `lwm2m-conformance list`: the cases of the suite, and with a profile whether each applies.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { allCases } from '../../suites/index.ts';
import { notApplicableReason } from '../run/applicability.ts';
import { selectCases } from '../run/selection.ts';
import { resolveTarget } from '../targets/resolve.ts';
import { selectionFlags, selectionFrom } from './selection-flags.ts';
import { type CommandIO } from './io.ts';
import { helpText } from './help/command-help.ts';
import { listHelp } from './help/list.ts';
import { ExitCode } from '../errors.ts';

/** The flags list parses; each is documented in help/list.ts. */
export const listOptions = {
  profile: { type: 'string' },
  ...selectionFlags,
  help: { type: 'boolean', short: 'h' },
} as const;

export async function listCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({ args, options: listOptions, strict: true });
  if (values.help) {
    io.out(helpText(listHelp));
    return ExitCode.ok;
  }
  const target = values.profile ? (await resolveTarget(resolve(values.profile))).view : undefined;
  // With a profile, the cases for its target's role; without, every case of every role.
  const cases = selectCases(target ? allCases.filter((c) => c.tests === target.role) : allCases, selectionFrom(values));
  for (const c of cases) {
    const reason = target ? notApplicableReason(c, target) : undefined;
    const applicability = target ? (reason ? `not applicable: ${reason}` : 'applies') : '';
    io.out([c.id, c.tests, c.interface, c.title, applicability].filter(Boolean).join('\t'));
  }
  return ExitCode.ok;
}
