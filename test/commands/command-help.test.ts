// Every command documents itself from one source: `--help` lists every flag its parseArgs takes
// (with one line each and examples), and README's command-line reference is what that source
// renders (scripts/generate-command-reference.ts rewrites it).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../harness/cli.ts';
import { bootstrapServeOptions } from '../../harness/commands/bootstrap-serve.ts';
import { checkProfileOptions } from '../../harness/commands/check-profile.ts';
import { decodeOptions } from '../../harness/commands/decode.ts';
import { deviceOptions } from '../../harness/commands/device.ts';
import { encodeOptions } from '../../harness/commands/encode.ts';
import { fleetOptions } from '../../harness/commands/fleet.ts';
import { documentedFlags, flagLabel, groupsOf } from '../../harness/commands/help/command-help.ts';
import { commandHelps } from '../../harness/commands/help/index.ts';
import { listOptions } from '../../harness/commands/list.ts';
import { matrixOptions } from '../../harness/commands/matrix.ts';
import { mergeReportsOptions } from '../../harness/commands/merge-reports.ts';
import { runOptions } from '../../harness/commands/run.ts';
import { serveOptions } from '../../harness/commands/serve.ts';
import { readmeFile, renderReadme } from '../../scripts/generate-command-reference.ts';

/** What each command's parseArgs takes. */
const parsed: Record<string, Record<string, { type: string; short?: string }>> = {
  run: runOptions,
  list: listOptions,
  'merge-reports': mergeReportsOptions,
  matrix: matrixOptions,
  'check-profile': checkProfileOptions,
  serve: serveOptions,
  'bootstrap-serve': bootstrapServeOptions,
  device: deviceOptions,
  decode: decodeOptions,
  encode: encodeOptions,
  fleet: fleetOptions,
};

async function help(name: string): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main([name, '--help'], { out: (t) => (out += `${t}\n`), err: (t) => (out += `${t}\n`) });
  return { code, out };
}

describe('command help', () => {
  it('describes every command the CLI dispatches to, and no other', async () => {
    let top = '';
    await main(['--help'], { out: (t) => (top += t), err: () => {} });
    expect(commandHelps.map((h) => h.name).sort()).toEqual(Object.keys(parsed).sort());
    for (const h of commandHelps) expect(top).toContain(`${h.name.padEnd(16)} ${h.summary}`);
  });

  it.each(commandHelps.map((h) => [h.name, h] as const))('%s: documents exactly the flags it parses, short forms too', (name, h) => {
    const options = parsed[name]!;
    expect(documentedFlags(h).sort()).toEqual(Object.keys(options).sort());
    for (const o of groupsOf(h).flatMap((g) => g.options)) expect(o.short, `--${o.name}`).toBe(options[o.name]!.short);
  });

  it.each(commandHelps.map((h) => [h.name, h] as const))('%s --help: usage, every option on a line of its own, examples; exit 0', async (name, h) => {
    const { code, out } = await help(name);
    expect(code).toBe(0);
    expect(out).toMatch(new RegExp(`^usage: lwm2m-conformance ${name}`));
    for (const o of groupsOf(h).flatMap((g) => g.options)) {
      expect(o.text, `--${o.name}`).not.toMatch(/\n/);
      expect(out, `--${o.name}`).toMatch(new RegExp(`^  ${flagLabel(o).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} +\\S`, 'm'));
    }
    expect(h.examples.length).toBeGreaterThan(0);
    expect(out).toContain(`examples:\n  lwm2m-conformance ${h.examples[0]!.command}`);
  });

  it('keeps the reference lists: faults, stdin commands, DTLS flags, management API', async () => {
    expect((await help('device')).out).toMatch(/stdin commands:\n {2}reboot: [\s\S]*factory-reset[\s\S]*faults[\s\S]*DTLS/);
    expect((await help('serve')).out).toMatch(/management API[\s\S]*\/api\/clients[\s\S]*faults[\s\S]*any-version-accepted/);
    expect((await help('bootstrap-serve')).out).toMatch(/faults[\s\S]*unknown-endpoint-accepted/);
  });

  it("README's command-line reference is the one the help descriptions generate (run scripts/generate-command-reference.ts)", () => {
    const readme = readFileSync(readmeFile, 'utf8');
    expect(renderReadme(readme) === readme, 'README.md differs from the help descriptions: run node --import tsx scripts/generate-command-reference.ts').toBe(true);
  });
});
