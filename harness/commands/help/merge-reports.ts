// `merge-reports --help`, and README's reference for merge-reports.
import type { CommandHelp } from './command-help.ts';

export const mergeReportsHelp: CommandHelp = {
  name: 'merge-reports',
  summary: 'join the reports of a sharded run (or of several runs of one target)',
  synopsis: ['merge-reports DIR... --out DIR [--baseline FILE] [--quiet]'],
  description: [
    'Joins report directories of run into one: results.json (cases in catalogue order, the summary counted again, "shards" listing the runs joined), trace.jsonl, junit.xml, index.html, trace.pcapng and allure-results/. Each report\'s datagrams are read from its trace.jsonl (a report without it is refused).',
    'Refused (exit 3): reports of different targets (profile name, role, LwM2M version, endpoint) or network impairment, a shard missing or given twice, shards of different splits or selections, a case in two reports.',
    'Exit code otherwise as run: 0 every case passed or was not applicable, 1 a case failed or was inconclusive (with --baseline: a new failure or a stale entry), 2 an error verdict, a harness error or an interrupted shard.',
  ],
  arguments: [{ name: 'DIR...', text: 'report directories: every shard of one run (run --shard I/N, the same N and selection on each), or whole runs of one target with different selections' }],
  groups: [
    {
      title: 'options',
      options: [
        { name: 'out', value: 'DIR', text: 'where the joined reports go (not one of the DIRs; required)' },
        { name: 'baseline', value: 'FILE', text: 'judge the joined cases against known failures, as run --baseline does' },
        { name: 'quiet', short: 'q', text: 'print only the summary, not the failed checks' },
      ],
    },
  ],
  examples: [
    { command: 'merge-reports shard-1 shard-2 shard-3 --out reports/all', text: 'the three shards of a run (run --shard 1/3 … 3/3) as one report set' },
    { command: 'merge-reports shard-* --out reports/all --baseline known-failures.json', text: 'a CI gate over a sharded run' },
  ],
};
