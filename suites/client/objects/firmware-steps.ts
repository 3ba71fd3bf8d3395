// Steps the Firmware Update cases (int-751 … 779) share: following State /5/0/3 and Update
// Result /5/0/5 (by Observe where the device allows it, by reads otherwise) and judging every
// transition against the Object 5 state machine; delivering a package by push (block-wise Write
// of /5/0/0) or pull (Package URI /5/0/1, served by the harness over CoAP); resetting to Idle.
import type { CaseContext } from '../../../harness/run/context.ts';
import { expect } from '../../../harness/run/expectation.ts';
import type { FirmwareServer, Outcome, ServerObservation } from '../../../harness/run/case-server.ts';
import { blockOption } from '../../../harness/run/case-trace.ts';
import { describePackage, firmwarePackage, type FirmwareImageKind, type FirmwarePackage } from '../../../harness/run/case-firmware.ts';
import { CF, codeOf, configured, decodePayload, on, s, valuesOf } from '../dm-steps.ts';

export const State = { idle: 0, downloading: 1, downloaded: 2, updating: 3 } as const;
export const stateNames = ['Idle', 'Downloading', 'Downloaded', 'Updating'];

/** Object 5's state machine (registry 5.xml): which State may follow which. */
const edges: Record<number, readonly number[]> = {
  0: [1], // a package or URI arrives
  1: [0, 2], // failed (with a Result), or downloaded and verified
  2: [0, 3], // reset, or Execute Update
  3: [0, 2], // installed (Result 1), or failed (Result 8) with the package kept
};

export interface Sample {
  readonly state: number | undefined;
  readonly result: number | undefined;
  readonly atMs: number;
  readonly seq?: number;
  /** How the harness learned it: a notification, or a read. */
  readonly via: 'notify' | 'read';
}

const named = (state: number | undefined) => (state === undefined ? '?' : `${state} ${stateNames[state] ?? '(undefined state)'}`);

/** The device registered, in C.8 (C.1 plus a Firmware Update instance /5/0). */
export async function firmwareConfigured(ctx: CaseContext): Promise<void> {
  await configured(ctx, 'C.1');
  const read = await ctx.server.read(ctx.target.endpoint, '/5/0/3', CF.text);
  ctx.precondition(codeOf(read) === '2.05', `the device has no Firmware Update instance /5/0 (ETS C.8): reading /5/0/3 was answered ${codeOf(read)}`);
}

/**
 * Follows State and Update Result. With Observe (and Write-Attributes for pmin 0) every change
 * the device notifies is a sample, and a skipped State is the device's; otherwise reads sample
 * them and a State between two reads may have passed unseen.
 */
export class FirmwareWatch {
  readonly samples: Sample[] = [];
  private observations: ServerObservation[] = [];
  private since = 0;
  /** The last notification taken: later waits look past it. */
  private lastSeq = -1;
  /** Whether every change reaches the harness (notifications with pmin 0). */
  strict = false;

  private constructor(private readonly ctx: CaseContext) {}

  static async start(ctx: CaseContext): Promise<FirmwareWatch> {
    const watch = new FirmwareWatch(ctx);
    watch.since = ctx.server.position();
    const f = ctx.target.features;
    if (f.has('operation:observe')) {
      const pmin0 = f.has('operation:write-attributes') && (await watch.writePmin0());
      for (const path of ['/5/0/3', '/5/0/5']) {
        const observation = await ctx.server.observe(ctx.target.endpoint, path, { accept: CF.text });
        if (!observation.established) continue;
        watch.observations.push(observation);
        watch.take(observation.first.response?.payload, observation.first.response?.contentFormat, path, observation.first.response?.seq, 'notify');
        ctx.afterCase(async () => void (await observation.cancel('observe-1')));
      }
      watch.strict = pmin0 && watch.observations.length === 2;
    }
    ctx.note(watch.strict ? 'State and Update Result followed by Observe (pmin 0), and read' : watch.observations.length > 0 ? 'State and Update Result followed by Observe (the device\'s pmin) and by reads' : 'State and Update Result followed by reads (no Observe)');
    await watch.read();
    return watch;
  }

  /** pmin 0 on /5/0/3 and /5/0/5, so that no transition is held back; removed after the case. */
  private async writePmin0(): Promise<boolean> {
    const results = await Promise.all(['/5/0/3', '/5/0/5'].map((p) => this.ctx.server.writeAttributes(this.ctx.target.endpoint, p, 'pmin=0')));
    this.ctx.afterCase(async () => {
      for (const p of ['/5/0/3', '/5/0/5']) await this.ctx.server.writeAttributes(this.ctx.target.endpoint, p, 'pmin');
    });
    return results.every((r) => codeOf(r) === '2.04');
  }

  get current(): Sample {
    return this.samples.at(-1) ?? { state: undefined, result: undefined, atMs: performance.now(), via: 'read' };
  }

  /** Where the next steps' samples start. */
  mark(): number {
    return this.samples.length;
  }

  private take(payload: Buffer | undefined, format: number | undefined, path: string, seq: number | undefined, via: Sample['via']): void {
    const values = valuesOf(decodePayload(payload, format ?? CF.text, path));
    const value = typeof values === 'string' ? undefined : Number(values[path]);
    if (value === undefined || !Number.isInteger(value)) return;
    const prev = this.current;
    const next = path === '/5/0/3' ? { state: value, result: prev.result } : { state: prev.state, result: value };
    if (next.state === prev.state && next.result === prev.result && this.samples.length > 0) return;
    this.samples.push({ ...next, atMs: performance.now(), ...(seq !== undefined ? { seq } : {}), via });
  }

  /** Reads State then Update Result. */
  async read(): Promise<Sample> {
    for (const path of ['/5/0/3', '/5/0/5']) {
      const read = await this.ctx.server.read(this.ctx.target.endpoint, path, CF.text);
      if (codeOf(read) === '2.05') this.take(read.response!.payload, read.response!.contentFormat, path, read.response!.seq, 'read');
    }
    return this.current;
  }

  /**
   * Waits until `done` holds for the current sample, taking notifications as they come and
   * reading between them; the sample, or undefined when `withinMs` passes first.
   */
  async until(done: (sample: Sample) => boolean, withinMs: number): Promise<Sample | undefined> {
    const deadline = performance.now() + withinMs;
    // Reads between notifications: often enough to see a State held for a moment, never busy.
    const pollMs = Math.max(50, Math.min(this.ctx.target.timing.toleranceMs, 500) / 2);
    for (;;) {
      if (this.current.state !== undefined && done(this.current)) return this.current;
      const left = deadline - performance.now();
      if (left <= 0 || this.ctx.signal.aborted) return undefined;
      const ids = new Set(this.observations.map((o) => o.id));
      const note = ids.size > 0
        ? await this.ctx.server.waitFor('notify', { since: this.since, within: Math.min(pollMs, left), where: (e) => e.observation !== undefined && ids.has(e.observation) && (e.seq ?? 0) > this.lastSeq })
        : undefined;
      if (note) {
        this.lastSeq = note.seq ?? this.lastSeq;
        this.take(note.payload, note.contentFormat, note.path ?? '', note.seq, 'notify');
        continue;
      }
      await this.read();
    }
  }

  /**
   * Check `id`: the States seen since `from` follow the state machine and walk `path` in order,
   * ending on its last State. A State missed between two reads is noted; one missing between
   * notifications with pmin 0 fails, unless the path came back to where it ends (a moment's
   * Downloading before Idle, which the next notification may have replaced): that is noted.
   */
  checkPath(id: string, description: string, from: number, path: readonly number[]): boolean {
    const states: { state: number; via: Sample['via']; seq?: number }[] = [];
    for (const sample of this.samples.slice(Math.max(0, from - 1))) {
      if (sample.state === undefined || states.at(-1)?.state === sample.state) continue;
      states.push({ state: sample.state, via: sample.via, ...(sample.seq !== undefined ? { seq: sample.seq } : {}) });
    }
    const problems: string[] = [];
    const unseen: string[] = [];
    let at = path.indexOf(states[0]?.state ?? -1);
    if (at < 0) problems.push(`starts in State ${named(states[0]?.state)}, not ${named(path[0])}`);
    for (let i = 1; i < states.length && problems.length === 0; i++) {
      const { state: a } = states[i - 1]!;
      const { state: b, via } = states[i]!;
      const next = path.indexOf(b, at + 1);
      if (!edges[a]?.includes(b) && (this.strict || via === 'notify' || next < 0)) {
        problems.push(`${named(a)} → ${named(b)} is no transition of Object 5`);
      } else if (next < 0) {
        problems.push(`${named(a)} → ${named(b)} leaves the expected path ${path.map(named).join(' → ')}`);
      } else {
        const skipped = path.slice(at + 1, next);
        if (skipped.length > 0 && this.strict) problems.push(`${named(a)} → ${named(b)} skips ${skipped.map(named).join(', ')}`);
        else if (skipped.length > 0) unseen.push(...skipped.map(named));
        at = next;
      }
    }
    let brief: string[] = [];
    if (problems.length === 0 && at !== path.length - 1) {
      // Back where the path ends without the States between seen (Idle → Idle): passed unseen, or
      // skipped. A failed download can leave Idle for a moment only, and a notification may be
      // replaced by a newer one before it goes (RFC 7641 §4.5.2): never a fault on its own.
      const back = states.at(-1)?.state === path.at(-1) ? path.slice(at + 1, -1) : undefined;
      if (!back) problems.push(`ends in State ${named(states.at(-1)?.state)}, not ${named(path.at(-1))}`);
      else if (this.strict) brief = back.map(named);
      else unseen.push(...back.map(named));
    }
    if (unseen.length > 0) this.ctx.note(`State ${unseen.join(', ')} not seen between two reads (it may have passed between them)`);
    if (brief.length > 0) this.ctx.note(`State ${brief.join(', ')} not notified before ${named(path.at(-1))} (it may have lasted too briefly: a newer notification may replace one not yet sent)`);
    const seen = states.map((x) => named(x.state)).join(' → ');
    const last = states.at(-1);
    return this.ctx.check(id, 'MUST', description, problems.length ? `${seen}: ${problems.join('; ')}` : seen,
      expect.that(`${path.map(named).join(' → ')}, each step a transition of Object 5`, () => problems.length === 0),
      last?.seq !== undefined ? { at: last.seq } : {});
  }

  /** Update Results seen since `from`, in order, without repeats. */
  results(from: number): number[] {
    const out: number[] = [];
    for (const sample of this.samples.slice(Math.max(0, from - 1))) if (sample.result !== undefined && out.at(-1) !== sample.result) out.push(sample.result);
    return out;
  }
}

/** How the harness delivers a package: push when the device claims it, else pull over CoAP. */
export function deliveryOf(ctx: CaseContext): 'push' | 'pull' {
  return ctx.target.features.has('firmware:push') ? 'push' : 'pull';
}

/** Back to Idle: an empty package (one NUL byte) by push, or an empty URI by pull (Object 5 resources 0, 1). */
export function resetFirmware(ctx: CaseContext, how: 'push' | 'pull' = deliveryOf(ctx)): Promise<Outcome> {
  return how === 'push'
    ? ctx.server.writeBody(ctx.target.endpoint, '/5/0/0', Buffer.from([0]), CF.opaque)
    : ctx.server.writeBody(ctx.target.endpoint, '/5/0/1', '', CF.text);
}

/** The device is reset to Idle when the case ends, whatever it left the device in. */
export function resetAfterCase(ctx: CaseContext): void {
  ctx.afterCase(async () => {
    const reset = await resetFirmware(ctx);
    if (codeOf(reset) !== '2.04') ctx.note(`resetting /5/0 after the case was answered ${codeOf(reset)}`);
  });
}

/** Runs a condition driver (fw-low-storage…) `on`, and `off` again after the case. */
export async function condition(ctx: CaseContext, driver: 'fw-low-storage' | 'fw-low-ram' | 'fw-fail-install'): Promise<void> {
  await ctx.drive(driver, { state: 'on' });
  ctx.note(`driver ${driver} on (off again after the case)`);
  ctx.afterCase(async () => void (await ctx.drive(driver, { state: 'off' })));
}

/** A package of `kind`, noted. */
export async function loadPackage(ctx: CaseContext, kind: FirmwareImageKind): Promise<FirmwarePackage> {
  const pkg = await firmwarePackage(ctx.target, kind);
  ctx.note(describePackage(pkg));
  return pkg;
}

/**
 * A valid package the device does not run yet: of the two valid ones, the one whose version
 * differs from /3/0/3 (so that an update shows a change), with that version.
 */
export async function newerPackage(ctx: CaseContext): Promise<{ pkg: FirmwarePackage; before: string | undefined }> {
  const read = await ctx.server.read(ctx.target.endpoint, '/3/0/3', CF.text);
  const before = codeOf(read) === '2.05' ? read.response!.payload.toString('utf8') : undefined;
  const valid = await firmwarePackage(ctx.target, 'valid');
  const pkg = valid.version !== undefined && valid.version === before ? await firmwarePackage(ctx.target, 'validAlt') : valid;
  ctx.note(`${describePackage(pkg)}; the device runs ${before === undefined ? `(/3/0/3 read: ${codeOf(read)})` : `"${before}"`}`);
  return { pkg, before };
}

export interface Delivery {
  /** The Write of /5/0/0 (push) or /5/0/1 (pull). */
  write: Outcome;
  /** Push: the Block1 exchanges of the Write, in order. */
  blocks: { num: number; more: boolean; code: string; seq?: number }[];
  /** Pull: the harness's package server (closed after the case). */
  server?: FirmwareServer;
  /** Push: how long the block-wise Write took, ms. */
  transferMs?: number;
}

/** Delivers a package: a block-wise Write of /5/0/0 (push), or its URI written to /5/0/1 and served (pull). */
export async function deliver(ctx: CaseContext, pkg: FirmwarePackage, how: 'push' | 'pull', options: { stopAtBlock?: number; uriPath?: string } = {}): Promise<Delivery> {
  if (how === 'push') {
    const mark = ctx.trace.mark();
    const t0 = performance.now();
    const write = await ctx.server.writeBody(ctx.target.endpoint, '/5/0/0', pkg.bytes, CF.opaque);
    const transferMs = performance.now() - t0;
    return { write, blocks: block1Exchanges(ctx, mark), transferMs };
  }
  const path = `/fw/${pkg.kind}`;
  const server = await ctx.server.serveFirmware(pkg.bytes, { path, ...(options.stopAtBlock !== undefined ? { stopAtBlock: options.stopAtBlock } : {}) });
  ctx.afterCase(() => server.close());
  const uri = options.uriPath ? server.uriOf(options.uriPath) : server.uri;
  ctx.note(`Package URI ${uri}${options.stopAtBlock !== undefined ? ` (the harness stops serving at block ${options.stopAtBlock})` : ''}`);
  const write = await ctx.server.writeBody(ctx.target.endpoint, '/5/0/1', uri, CF.text);
  return { write, blocks: [], server };
}

/** The Block1 requests the server sent after `mark`, each with the code the device answered. */
function block1Exchanges(ctx: CaseContext, mark: number): Delivery['blocks'] {
  const records = ctx.trace.since(mark);
  const out: Delivery['blocks'] = [];
  const seen = new Set<number>();
  for (const r of records) {
    const m = r.message;
    if (r.direction !== 'out' || !m || m.code !== '0.03' || seen.has(m.messageId)) continue;
    const block = blockOption(m, 'block1');
    if (!block) continue;
    seen.add(m.messageId);
    const answer = records.find((x) => x.direction === 'in' && x.message?.type === 'ACK' && x.message.messageId === m.messageId && x.message.code !== '0.00');
    out.push({ num: block.num, more: block.more, code: answer?.message?.code ?? 'no answer', ...(answer ? { seq: answer.seq } : {}) });
  }
  return out;
}

/** Check `id`: every block with more to come was answered 2.31 Continue, and the last 2.04 Changed. */
export function checkBlocks(ctx: CaseContext, id: string, delivery: Delivery): void {
  const blocks = delivery.blocks;
  const shown = blocks.map((b) => `#${b.num}${b.more ? '+' : ''} ${b.code}`).join(', ');
  const good = blocks.length > 1 && blocks.every((b, i) => (i < blocks.length - 1 ? b.more && b.code === '2.31' : !b.more && b.code === '2.04'));
  ctx.check(id, 'MUST', 'The package went block-wise (Block1): each block but the last answered 2.31 Continue, the last 2.04 Changed', shown || 'no Block1 exchange',
    expect.that('2.31 for every block with M=1, then 2.04', () => good), blocks.at(-1)?.seq !== undefined ? { at: blocks.at(-1)!.seq! } : {});
  if (delivery.transferMs !== undefined) ctx.note(`package transfer: ${blocks.length} blocks in ${s(delivery.transferMs)} s`);
}

/** Check `id`: the device pulled every block, in order, each once (retransmissions aside). */
export function checkPulled(ctx: CaseContext, id: string, delivery: Delivery, pkg: FirmwarePackage): void {
  const requests = (delivery.server?.requests.all() ?? []).filter((r) => !r.retransmission);
  const nums = requests.map((r) => r.block?.num ?? 0);
  const size = requests[0]?.block?.size ?? 1024;
  const count = Math.ceil(pkg.bytes.length / size);
  ctx.check(id, 'MUST', `The device fetched the package block by block (Block2, ETag ${delivery.server?.etag.toString('hex')}), in order, each block once`,
    nums.length ? `blocks ${nums.join(', ')} of ${size} bytes` : 'no request', `blocks ${Array.from({ length: count }, (_, i) => i).join(', ')} of ${size} bytes`,
    requests.at(-1) ? { at: requests.at(-1)!.seq } : {});
}

/** Reads one resource as text; undefined when it is not answered 2.05. */
export async function readText(ctx: CaseContext, path: string): Promise<{ value: string | undefined; outcome: Outcome }> {
  const outcome = await ctx.server.read(ctx.target.endpoint, path, CF.text);
  return { value: codeOf(outcome) === '2.05' ? outcome.response!.payload.toString('utf8') : undefined, outcome };
}

export { on };

/** A download has ended: Downloaded (or beyond, Updating), or back in Idle with a Result. */
export const downloadEnded = (x: Sample): boolean => x.state === State.downloaded || x.state === State.updating || (x.state === State.idle && (x.result ?? 0) !== 0);

/** An install has ended: back in Idle, or in Downloaded again with a Result (a failed update). */
export const installEnded = (x: Sample): boolean => x.state === State.idle || (x.state === State.downloaded && (x.result ?? 0) !== 0);

/** State and Update Result as a pair, for checks. */
export const pair = (x: Sample | undefined): { state: number | null; result: number | null } => ({ state: x?.state ?? null, result: x?.result ?? null });

/** Check `id`: the States since `from` and the Update Result the download ended with. */
export async function checkFailedDownload(ctx: CaseContext, watch: FirmwareWatch, from: number, result: number, meaning: string, ids: { path: string; result: string }, withinMs = ctx.target.timing.firmwareWithinMs): Promise<void> {
  const ended = await watch.until(downloadEnded, withinMs);
  ctx.check(ids.result, 'MUST', `The download fails with Update Result ${result} (${meaning}) and State 0 (Idle)`, ended ? pair(ended) : `still ${JSON.stringify(pair(watch.current))} after ${s(withinMs)} s`,
    { state: State.idle, result }, ended?.seq !== undefined ? { at: ended.seq } : {});
  watch.checkPath(ids.path, 'State went Idle → Downloading → Idle, each step a transition of Object 5', from, [State.idle, State.downloading, State.idle]);
}

/**
 * Execute Update on a downloaded package and judge it as int-770/771 do, checks `ids` in order:
 * Execute answered 2.04; Downloaded → Updating → Idle; Update Result 1; State 0 read back; the
 * new version in /3/0/3 and /5/0/7.
 */
export async function updateAndCheck(ctx: CaseContext, watch: FirmwareWatch, pkg: FirmwarePackage, before: string | undefined, ids: [string, string, string, string, string]): Promise<void> {
  const from = watch.mark();
  const exec = await ctx.server.execute(ctx.target.endpoint, '/5/0/2');
  ctx.require(ids[0], 'MUST', 'Execute Update /5/0/2 in Downloaded is answered 2.04 Changed', codeOf(exec), '2.04', on(exec));
  const t0 = performance.now();
  const ended = await watch.until((x) => x.state === State.idle || (x.state === State.downloaded && (x.result ?? 0) !== 0), ctx.target.timing.firmwareWithinMs);
  if (ended) ctx.note(`update took ${s(performance.now() - t0)} s`);
  watch.checkPath(ids[1], 'State went Downloaded → Updating → Idle, each step a transition of Object 5', from, [State.downloaded, State.updating, State.idle]);
  const state = await readText(ctx, '/5/0/3');
  const result = await readText(ctx, '/5/0/5');
  ctx.check(ids[2], 'MUST', 'Read back: Update Result /5/0/5 is 1 (success) and State /5/0/3 is 0 (Idle)', { state: state.value ?? codeOf(state.outcome), result: result.value ?? codeOf(result.outcome) }, { state: '0', result: '1' }, on(result.outcome));
  const version = await readText(ctx, '/3/0/3');
  const pkgVersion = await readText(ctx, '/5/0/7');
  const changed = { '/3/0/3': version.value ?? codeOf(version.outcome), '/5/0/7': pkgVersion.value ?? codeOf(pkgVersion.outcome) };
  ctx.check(ids[3], 'MUST', `Firmware Version /3/0/3 changed from "${before ?? '?'}"${pkg.version ? ` to the package's version ${pkg.version}` : ''}`, changed['/3/0/3'],
    expect.that(pkg.version ? `"${pkg.version}"` : `not "${before}"`, (v) => (pkg.version ? v === pkg.version : v !== before && typeof v === 'string')), on(version.outcome));
  ctx.check(ids[4], 'MUST', `PkgVersion /5/0/7 shows the installed package${pkg.version ? ` (${pkg.version})` : ''}`, changed['/5/0/7'],
    expect.that(pkg.version ? `"${pkg.version}"` : 'the new /3/0/3', (v) => v === (pkg.version ?? changed['/3/0/3'])), on(pkgVersion.outcome));
}

/**
 * The opening of a case that delivers a package: C.8 checked, /5/0 reset to Idle (a precondition)
 * and reset again after the case, and State and Update Result followed from here on.
 */
export async function fromIdle(ctx: CaseContext, how: 'push' | 'pull' = deliveryOf(ctx)): Promise<FirmwareWatch> {
  await firmwareConfigured(ctx);
  resetAfterCase(ctx);
  const reset = await resetFirmware(ctx, how);
  ctx.precondition(codeOf(reset) === '2.04', `resetting /5/0 to Idle was answered ${codeOf(reset)}`);
  return FirmwareWatch.start(ctx);
}

/** Check `id`: the package Write (push) or Package URI Write (pull) is answered 2.04 Changed. */
export function deliveryAnswered(ctx: CaseContext, id: string, how: 'push' | 'pull', write: Outcome): void {
  ctx.require(id, 'MUST', `The package ${how === 'push' ? 'Write of /5/0/0' : 'URI Write of /5/0/1'} is answered 2.04 Changed`, codeOf(write), '2.04', on(write));
}
