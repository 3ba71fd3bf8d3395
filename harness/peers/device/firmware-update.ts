// The simulated device's Firmware Update object (/5/0) and what stands behind it: a package
// pushed to /5/0/0 (block-wise) or pulled from the URI in /5/0/1, verified (harness/firmware
// image format: type, length, SHA-256), installed on Execute /5/0/2; State /5/0/3 and Update
// Result /5/0/5 follow the Object 5 state machine (Idle 0 → Downloading 1 → Downloaded 2 →
// Updating 3 → Idle). The installed version survives a reboot, as flash does. Conditions a real
// device cannot be told on demand (low storage, low RAM, a failing install) are switched from
// the console; faults make it misbehave as real devices have.
import { checkImage, packageTypes } from '../../firmware/image.ts';
import type { TransmissionParams } from '../../coap/transmission.ts';
import type { TraceRecorder } from '../../coap/trace.ts';
import type { LwM2mValue } from '../../lwm2m/value.ts';
import { download, type DownloadOutcome } from './firmware-download.ts';
import type { ClientFault } from './faults.ts';
import type { ObjectStore } from './object-store.ts';

/** Conditions the console switches (`fw-low-storage on`): what a real device meets, not a fault. */
export const firmwareConditions = ['fw-low-storage', 'fw-low-ram', 'fw-fail-install'] as const;
export type FirmwareCondition = (typeof firmwareConditions)[number];

export function isFirmwareCondition(name: string): name is FirmwareCondition {
  return (firmwareConditions as readonly string[]).includes(name);
}

const State = { idle: 0, downloading: 1, downloaded: 2, updating: 3 } as const;
const Result = { initial: 0, success: 1, storage: 2, outOfRam: 3, connectionLost: 4, integrity: 5, unsupportedType: 6, invalidUri: 7, failed: 8, unsupportedProtocol: 9 } as const;

/** What is left of storage while fw-low-storage is on: less than any real package. */
const lowStorageBytes = 1024;

export interface FirmwareDeps {
  has(fault: ClientFault): boolean;
  log(line: string): void;
  /** Bytes of storage for a package (the profile's features.firmwareMaxBytes). */
  storageBytes: number;
  /** How long verifying and installing take, ms: long enough for Downloading and Updating to be seen. */
  stepMs?: number;
  params?: Partial<TransmissionParams>;
  trace?: TraceRecorder;
}

export class FirmwareUpdate {
  private store: ObjectStore | undefined;
  private readonly conditions = new Set<FirmwareCondition>();
  /** The firmware running: survives reboots. */
  private installed = { name: 'reference-device', version: '1.0.0' };
  private downloaded: { body: Buffer; name: string; version: string } | undefined;
  /** A transfer under way; a reset, reboot or new transfer moves it on, abandoning the old one's work. */
  private transfer = 0;
  /** The push in progress (its first block arrived) and whether it has already failed. */
  private push: { failed: boolean } | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly deps: FirmwareDeps) {}

  /** Starts on a (re)built object store: Idle, the installed version in /3/0/3 and /5/0/7. */
  attach(store: ObjectStore): void {
    this.abandon();
    this.push = undefined;
    this.downloaded = undefined;
    this.store = store;
    store.set(3, 0, 3, this.installed.version);
    store.set(5, 0, 6, this.installed.name);
    store.set(5, 0, 7, this.installed.version);
    store.set(5, 0, 9, this.deps.has('fw-delivery-method-wrong') ? 0 : 2);
  }

  setCondition(name: FirmwareCondition, on: boolean): void {
    if (on) this.conditions.add(name);
    else this.conditions.delete(name);
    this.deps.log(`${name} ${on ? 'on' : 'off'}`);
  }

  stop(): void {
    this.abandon();
  }

  private get state(): number {
    return Number(this.store?.value(5, 0, 3) ?? 0);
  }

  private get storage(): number {
    return this.conditions.has('fw-low-storage') ? lowStorageBytes : this.deps.storageBytes;
  }

  private set(r: 3 | 5, value: number): void {
    this.store?.set(5, 0, r, value);
  }

  /** Later work of the current transfer, dropped when it is abandoned. */
  private later(ms: number, work: () => void): void {
    const transfer = this.transfer;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (transfer === this.transfer) work();
    }, ms);
    this.timers.add(timer);
  }

  private abandon(): void {
    this.transfer++;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Downloading begins: Update Result back to 0, then State 1. */
  private begin(): number {
    this.abandon();
    this.downloaded = undefined;
    this.set(5, Result.initial);
    this.set(3, State.downloading);
    return this.transfer;
  }

  /** A failure while downloading: the Result first, then Idle, so the Result is not wiped. */
  private fail(result: number, why: string): void {
    this.deps.log(`firmware download failed (Update Result ${result}): ${why}`);
    this.abandon();
    this.set(5, result);
    this.set(3, State.idle);
  }

  /** Write of an empty package or URI (Core E.6): back to Idle, Result 0, the package dropped. */
  private reset(): string {
    if (this.deps.has('fw-reset-ignored')) return '2.04';
    this.abandon();
    this.push = undefined;
    this.downloaded = undefined;
    this.set(5, Result.initial);
    this.set(3, State.idle);
    this.store?.set(5, 0, 1, '');
    return '2.04';
  }

  private outOfRam(): number {
    return this.deps.has('fw-out-of-ram-as-storage') ? Result.storage : Result.outOfRam;
  }

  private tooLarge(bytes: number): boolean {
    return bytes > this.storage && !this.deps.has('fw-storage-unchecked');
  }

  /** A pushed block (Block1, answered 2.31): the first one starts Downloading. */
  pushBlock(num: number, size: number, size1: number | undefined): void {
    if (num === 0) {
      if (this.state !== State.idle) return;
      this.begin();
      this.push = { failed: false };
      if (this.conditions.has('fw-low-ram')) return this.pushFailed(this.outOfRam(), 'no buffer for the package');
      if (size1 !== undefined && this.tooLarge(size1)) return this.pushFailed(Result.storage, `Size1 ${size1} bytes, storage ${this.storage}`);
      return;
    }
    if (this.push && !this.push.failed && this.tooLarge((num + 1) * size)) this.pushFailed(Result.storage, `more than ${this.storage} bytes`);
  }

  /** The push cannot succeed: the rest of it is taken and dropped, and the failure reported a moment later, as a device finds it. */
  private pushFailed(result: number, why: string): void {
    this.push = { failed: true };
    this.later(this.deps.stepMs ?? 100, () => this.fail(result, why));
  }

  /** Write of /5/0/0: an empty package (or one NUL byte) resets; else a whole pushed package. */
  writePackage(value: LwM2mValue): string {
    const body = value instanceof Uint8Array ? Buffer.from(value) : Buffer.from(String(value ?? ''), 'utf8');
    if (body.length === 0 || (body.length === 1 && body[0] === 0)) return this.reset();
    const push = this.push;
    this.push = undefined;
    if (push?.failed) return '2.04'; // received, and reported in Update Result
    if (!push) {
      // A package in one block: no 2.31 came before it.
      if (this.state !== State.idle) return '4.05';
      this.begin();
      if (this.conditions.has('fw-low-ram')) {
        this.later(this.deps.stepMs ?? 100, () => this.fail(this.outOfRam(), 'no buffer for the package'));
        return '2.04';
      }
    }
    if (this.tooLarge(body.length)) {
      this.later(this.deps.stepMs ?? 100, () => this.fail(Result.storage, `${body.length} bytes, storage ${this.storage}`));
      return '2.04';
    }
    this.later(this.deps.stepMs ?? 100, () => this.verify(body, 'pushed'));
    return '2.04';
  }

  /** Write of /5/0/1: an empty URI resets; else the device pulls the package from it. */
  writeUri(value: LwM2mValue): string {
    const uri = String(value ?? '');
    if (uri === '') return this.reset();
    if (this.state !== State.idle) return '4.05';
    this.store?.set(5, 0, 1, uri);
    const transfer = this.begin();
    void download({
      uri,
      // Even the faulty device stops somewhere: 16 MiB.
      maxBytes: this.deps.has('fw-storage-unchecked') ? 16 * 1024 * 1024 : this.storage,
      lowRam: this.conditions.has('fw-low-ram'),
      wanted: () => transfer === this.transfer,
      ...(this.deps.params ? { params: this.deps.params } : {}),
      ...(this.deps.trace ? { trace: this.deps.trace } : {}),
    }).then((outcome) => {
      if (transfer === this.transfer) this.pulled(outcome);
    });
    return '2.04';
  }

  private pulled(outcome: DownloadOutcome): void {
    switch (outcome.kind) {
      case 'complete':
        return this.verify(outcome.body, 'pulled');
      case 'cancelled':
        return;
      case 'invalid-uri':
        return this.fail(this.deps.has('fw-invalid-uri-as-connection-loss') ? Result.connectionLost : Result.invalidUri, outcome.detail);
      case 'unsupported-protocol':
        return this.fail(Result.unsupportedProtocol, outcome.detail);
      case 'connection-lost':
        return this.fail(this.deps.has('fw-connection-loss-as-integrity') ? Result.integrity : Result.connectionLost, outcome.detail);
      case 'too-large':
        return this.fail(Result.storage, outcome.detail);
      case 'out-of-ram':
        return this.fail(this.outOfRam(), outcome.detail);
    }
  }

  /** The whole package is here: check it, then Downloaded (the faulty device installs at once). */
  private verify(body: Buffer, how: string): void {
    const checked = checkImage(body);
    if (!checked.ok && !this.deps.has('fw-accepts-corrupted')) return this.fail(Result.integrity, checked.detail);
    const header = checked.header;
    if (header && header.type !== packageTypes.referenceDevice && !this.deps.has('fw-accepts-any-type')) {
      return this.fail(Result.unsupportedType, `package type ${header.type}`);
    }
    this.downloaded = { body, name: this.installed.name, version: header?.version ?? 'unknown' };
    this.deps.log(`firmware ${this.downloaded.version} ${how} and verified (${body.length} bytes)`);
    if (this.deps.has('fw-skips-downloaded')) {
      this.set(3, State.updating);
      this.later(this.deps.stepMs ?? 100, () => this.install());
      return;
    }
    this.set(3, State.downloaded);
  }

  /** Execute /5/0/2: only a downloaded package can be installed (4.05 otherwise). */
  executeUpdate(): string {
    if (this.state !== State.downloaded || !this.downloaded) return this.deps.has('fw-update-without-package') ? '2.04' : '4.05';
    this.set(3, State.updating);
    this.later(this.deps.stepMs ?? 100, () => this.install());
    return '2.04';
  }

  private install(): void {
    const pkg = this.downloaded;
    if (!pkg) return;
    if (this.conditions.has('fw-fail-install')) {
      this.deps.log('firmware update failed (fw-fail-install)');
      if (this.deps.has('fw-install-failure-reported-success')) {
        this.set(5, Result.success);
        this.set(3, State.idle);
        return;
      }
      // The package stays: the server may try again (Updating → Downloaded, Result 8).
      this.set(5, Result.failed);
      this.set(3, State.downloaded);
      return;
    }
    this.installed = { name: pkg.name, version: pkg.version };
    this.downloaded = undefined;
    this.store?.set(3, 0, 3, pkg.version);
    this.store?.set(5, 0, 7, pkg.version);
    this.deps.log(`firmware ${pkg.version} installed`);
    if (!this.deps.has('fw-update-result-unset')) this.set(5, Result.success);
    this.set(3, State.idle);
  }
}
