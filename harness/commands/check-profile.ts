// `lwm2m-conformance check-profile FILE`: validates a profile and shows what a run would do
// with it: the target, how it is started and driven, which cases apply (and why not), and
// timings that would let a case mistake one event for another or outlast its deadline.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { allCases } from '../../suites/index.ts';
import { dtlsAvailability, dtlsCovers } from '../coap/transport.ts';
import { notApplicableReason } from '../run/applicability.ts';
import { timingWarnings } from '../run/timing-warnings.ts';
import { describeSecretRef } from '../targets/credentials.ts';
import { resolveTarget } from '../targets/resolve.ts';
import { type CommandIO } from './io.ts';
import { helpText, usageText } from './help/command-help.ts';
import { checkProfileHelp } from './help/check-profile.ts';
import { ExitCode, UsageError } from '../errors.ts';

/** The flags check-profile parses; each is documented in help/check-profile.ts. */
export const checkProfileOptions = { help: { type: 'boolean', short: 'h' } } as const;

export async function checkProfileCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: checkProfileOptions, allowPositionals: true, strict: true });
  if (values.help) {
    io.out(helpText(checkProfileHelp));
    return ExitCode.ok;
  }
  if (positionals.length !== 1) throw new UsageError(`check-profile: give one profile file\n${usageText(checkProfileHelp)}`);
  // Resolving reads the credentials too, so that an unset variable or a malformed key shows here.
  const { profile, view: target, transmission } = await resolveTarget(resolve(positionals[0]!));
  const security = profile.target.security;
  const credentials = (['identity', 'key', 'certificate', 'privateKey', 'ca'] as const)
    .filter((k) => security[k])
    .map((k) => `${k} from ${describeSecretRef(security[k]!)}`);
  io.out(`${profile.file}: valid`);
  io.out(`target:   ${profile.name} (${profile.target.role}, LwM2M ${profile.target.lwm2mVersion}, endpoint ${profile.target.endpoint})`);
  io.out(`security: ${security.mode}${credentials.length ? ` (${credentials.join(', ')})` : ''}`);
  // What this machine offers, whatever the profile asks: a user on a machine without the addon learns it here.
  const dtls = dtlsAvailability();
  io.out(`dtls:     ${dtls.lines.join('\n          ')}`);
  const harnessRole = profile.target.role === 'client' ? 'server' : 'client';
  if (security.mode !== 'nosec' && !dtlsCovers(dtls, harnessRole, security.mode)) {
    io.out(`          warning: this profile's ${security.mode} needs the harness as DTLS ${harnessRole} with ${security.mode}, which this machine lacks: its cases will end in error`);
  }
  io.out(`launch:   ${profile.launch.kind}${profile.launch.kind === 'process' ? ` ${profile.launch.command} ${profile.launch.args.join(' ')}` : profile.launch.kind === 'container' ? ` ${profile.launch.image}` : ''}`);
  io.out(`drivers:  ${Object.entries(profile.drivers).map(([name, d]) => `${name} (${d.kind})`).join(', ') || 'none'}`);
  io.out(`features: ${[...target.features].sort().join(' ')}`);
  const forRole = allCases.filter((c) => c.tests === profile.target.role);
  const applicable = forRole.filter((c) => notApplicableReason(c, target) === undefined);
  io.out(`\n${applicable.length} of ${forRole.length} cases for a ${profile.target.role} apply:`);
  for (const c of forRole) {
    const reason = notApplicableReason(c, target);
    io.out(`  ${reason ? 'n/a ' : 'run '} ${c.id}  ${c.title}${reason ? `  (${reason})` : ''}`);
  }
  const warnings = timingWarnings(target, forRole, transmission);
  if (warnings.length) io.out(`\ntiming warnings:\n${warnings.map((w) => `  warning: ${w}`).join('\n')}`);
  return ExitCode.ok;
}
