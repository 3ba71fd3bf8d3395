// `check-profile --help`, and README's reference for check-profile.
import type { CommandHelp } from './command-help.ts';

export const checkProfileHelp: CommandHelp = {
  name: 'check-profile',
  summary: 'validate a profile and show which cases apply',
  synopsis: ['check-profile FILE'],
  description: [
    'Validates a profile as run does, credentials included (exit 3 with file, line and field when it is wrong), and shows the target, how it is launched and driven, where its credentials come from (never their values), its feature strings, and which cases apply and why the others do not.',
    'It says which DTLS roles and modes this machine offers and why: with the native addon built, the harness takes either side of PSK and certificate sessions; without it, only its simulated clients (testing a coaps:// server) run DTLS, PSK only, on the JavaScript client (LWM2M_DTLS_CLIENT=native or js forces a client stack). A profile whose security needs what is missing gets a warning: its cases would end in error.',
    'It warns when the timings make two events indistinguishable (timing.reactionWithin not below timing.pmax; pmax - pmin less than twice timing.tolerance; a sendPeriod not above the tolerance) or when a case\'s own waits reach timing.caseDeadline.',
  ],
  arguments: [{ name: 'FILE', text: 'the profile (YAML) to check' }],
  groups: [],
  examples: [
    { command: 'check-profile fixtures/profiles/reference-device.yaml', text: 'the bundled device\'s profile: valid, and every case it takes' },
    { command: 'check-profile my-sensor.yaml', text: 'find a mistake in a profile before a run does' },
  ],
};
