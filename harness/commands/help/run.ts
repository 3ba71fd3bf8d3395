// `run --help`, and README's reference for run.
import { runHistoryLimit } from '../../sessions/session.ts';
import type { CommandHelp } from './command-help.ts';
import { selectionOptions } from './shared-options.ts';

export const runHelp: CommandHelp = {
  name: 'run',
  summary: 'run cases against a target described by a profile',
  synopsis: [
    'run --profile FILE [--case GLOB]... [--interface NAME]... [--tag TAG]... [--report-dir DIR]',
    '[--quiet | --verbose] [--baseline FILE [--update-baseline]] [--impair SPEC [--seed N]] [--history-limit N]',
    '[--objects DIR] [--shard I/N]',
  ],
  description: [
    "Runs the selected cases (by default every case for the profile's role) one at a time against the profile's target. It prints one line per finished case with its verdict, elapsed time and time spent waiting for the target, then the failed checks with the messages they judged (each with its options, Content-Format by name, and its payload decoded through the codecs and `--objects`: at most 12 lines) and the last messages of their trace, and a per-interface summary. It writes the reports to the report directory: results.json, trace.jsonl (every datagram), junit.xml, index.html, trace.pcapng, allure-results/ and target-output.log (everything a launched target printed).",
    'On a terminal a status line shows cases done / total, the case running and the time elapsed, and verdicts are coloured; output that is not a terminal, or `NO_COLOR=1`, is plain text.',
    'The report directory is created, and a file written to it and removed, before the first case: one that cannot take the reports ends the run at once (exit 2, one line naming it and why).',
    'SIGINT or SIGTERM (Ctrl+C) stops the run in order within seconds: the case running ends with verdict error, reason "interrupted"; the launched target is stopped and temporary key copies deleted; every report is written for what ran; exit 2. A second signal ends it at once.',
    'Exit code: 0 all cases pass or are not applicable, 1 a case failed or was inconclusive (with --baseline: a new failure or a stale entry), 2 harness or environment error, 3 bad usage or configuration.',
  ],
  groups: [
    {
      title: 'options',
      options: [
        { name: 'profile', value: 'FILE', text: 'the profile: the target, how to start and drive it, what it supports (required)' },
        ...selectionOptions,
        { name: 'report-dir', value: 'DIR', text: 'where the reports go (default `reports/<timestamp>/`)' },
        { name: 'quiet', short: 'q', text: 'print only non-passing cases, their failed checks and the summary' },
        { name: 'verbose', short: 'v', text: 'also print each case as it starts and every check of every case' },
        { name: 'baseline', value: 'FILE', text: 'compare with a file of known failures (per case and check): exit 1 only for a failure it does not list, or a listed one that no longer happens (stale); see docs/ci.md' },
        { name: 'update-baseline', text: 'rewrite the `--baseline` file from this run (exit 0 unless the harness broke)' },
        { name: 'impair', value: 'SPEC', text: "impair the network between harness and target, e.g. `loss=5%,dup=1%,reorder=2%,delay=20-200ms` (both directions); `loss.in=5%` only what the target sends, `loss.out=2%` only what the harness sends; `none`: off; overrides the profile's harness.impair" },
        { name: 'seed', value: 'N', text: "the seed of the impairment's random choices, to repeat a run exactly (default: a fresh one, shown in the summary and results.json)" },
        { name: 'history-limit', value: 'N', text: `datagram records, and events per harness peer, kept in memory (default ${runHistoryLimit}); beyond it the oldest go and results.json counts them` },
        { name: 'shard', value: 'I/N', text: "run shard I of N of the selection (1 <= I <= N): the same split on every machine, each interface's cases spread over the shards; the reports are the shard's own, joined with merge-reports" },
        { name: 'objects', value: 'DIR', text: 'your object definitions (OMA DDF XML), beside the built-in core objects, to decode payloads in the failure details and index.html' },
      ],
    },
  ],
  examples: [
    { command: 'run --profile fixtures/profiles/reference-device.yaml', text: 'every case against the bundled reference device (what `npm start` does)' },
    { command: "run --profile my-sensor.yaml --interface registration --case '*int-2*' --report-dir out/", text: 'the registration cases and the int-2xx cases, reports in out/' },
    { command: 'run --profile my-sensor.yaml --baseline known-failures.json --quiet', text: 'a CI gate: fail only on a failure the baseline does not list' },
    { command: 'run --profile my-sensor.yaml --impair loss=5%,dup=1%,delay=20-200ms --seed 42', text: 'rehearse a lossy network, repeatably' },
  ],
};
