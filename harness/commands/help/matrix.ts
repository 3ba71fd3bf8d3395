// `matrix --help`, and README's reference for matrix.
import type { CommandHelp } from './command-help.ts';

export const matrixHelp: CommandHelp = {
  name: 'matrix',
  summary: 'put the results of several targets side by side (HTML, JSON, CSV)',
  synopsis: ['matrix DIR... [--out FILE] [--format html|json|csv]'],
  description: [
    "Puts the results of several targets side by side: a column per report directory (the target's profile name and the directory), a row per case grouped by interface, each cell the verdict linking to the case in that directory's index.html (index.html#case-<id>), the way interoperability events publish their results.",
  ],
  arguments: [{ name: 'DIR...', text: 'report directories of run or merge-reports, one per target (or per profile)' }],
  groups: [
    {
      title: 'options',
      options: [
        { name: 'out', value: 'FILE', text: 'where the matrix goes (default: standard output); its extension (.html, .json, .csv) chooses the format unless --format is given; links are relative to it' },
        { name: 'format', value: 'FMT', text: 'html (default), json or csv: CSV has the heading row interface, case, title and one column per target, then a row per case; a cell is the verdict, empty where the target did not run the case' },
      ],
    },
  ],
  examples: [
    { command: 'matrix reports/device-a reports/device-b reports/device-c --out matrix.html', text: 'three devices side by side' },
    { command: 'matrix reports/* --format csv > matrix.csv', text: 'the same as CSV, for a spreadsheet' },
  ],
};
