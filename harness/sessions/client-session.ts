// A session that tests an LwM2M client: the harness's reference server listens where the
// profile says, the target is launched pointed at it, and before each case the target is reset
// so that the case sees it register afresh.
import { fileURLToPath } from 'node:url';
import { TraceRecorder } from '../coap/trace.ts';
import { ReferenceServer } from '../peers/server/reference-server.ts';
import type { ReferenceBootstrapServer } from '../peers/bootstrap/bootstrap-server.ts';
import { startBootstrapPeer } from './bootstrap-peer.ts';
import { SecureAccounts } from './secure-accounts.ts';
import { SecondServer } from './second-server.ts';
import type { Profile } from '../targets/profile.ts';
import type { ResolvedTarget } from '../targets/resolve.ts';
import { TargetControl } from '../targets/target-control.ts';
import { sessionSecurityOf, type SessionSecurity } from './session-security.ts';
import { LaunchError } from '../targets/process-launcher.ts';
import { runHistoryLimit, type CaseEnvironment, type CaseStart, type SessionOptions } from './session.ts';
import type { TargetView } from '../targets/target-view.ts';
import { firstOf } from '../peers/wait.ts';
import type { DriverName } from '../targets/driver-spec.ts';
import type { DriverValues } from '../targets/driver-payload.ts';
import { assumedAccount, learnServerAccount, type LearnedAccount } from './server-account.ts';
import { triggeredBootstrap, type EventPositions } from './bootstrap-only.ts';

const harnessBin = fileURLToPath(new URL('../../bin/lwm2m-conformance.js', import.meta.url));

export class ClientSession implements CaseEnvironment {
  readonly target: TargetView;
  readonly caseDeadlineMs: number;
  /** The harness's bootstrap server ({bootstrap.uri}); bootstrap cases script it. */
  bootstrap!: ReferenceBootstrapServer;
  /** Secured server accounts the bootstrap cases provision (int-1, int-2); listeners start on first use. */
  readonly secureAccounts: SecureAccounts;
  /** A second reference server for the multi-server cases; it starts on first use. */
  readonly secondServer: SecondServer;
  /** The target was just started and has not been reset for a case yet. */
  private fresh = true;
  /** A bootstrap case gave the device a configuration of its own, which a reboot keeps. */
  private reconfigured = false;
  /** The device's server account as last learned; learned again after a bootstrap case changed it. */
  private learned: LearnedAccount | undefined;
  private accountStale = true;
  /** The reset driver that prepared the current case, and where the peers' events stood when it ran. */
  private lastReset: { driver: 'reboot' | 'factory-reset'; since: EventPositions; atMs: number; failed?: string } | undefined;
  /** Whether a factory reset leaves the device registering (a server account survives) rather than bootstrapping; learned from the first one watched. */
  private factoryRegisters: boolean | undefined;
  /** Where the peers' events stood before the factory reset that showed the device registering, when that reset serves the case about to start. */
  private resetRegistered: EventPositions | undefined;

  readonly profile: Profile;

  private constructor(
    resolved: ResolvedTarget,
    readonly trace: TraceRecorder,
    readonly server: ReferenceServer,
    readonly control: TargetControl,
    private readonly security: SessionSecurity,
  ) {
    this.profile = resolved.profile;
    this.target = resolved.view;
    this.secureAccounts = new SecureAccounts(resolved, trace, server.clock, security.account);
    this.secondServer = new SecondServer(resolved, trace, server.clock);
    this.caseDeadlineMs = resolved.view.timing.caseDeadlineMs;
  }

  static async open(resolved: ResolvedTarget, options: SessionOptions = {}): Promise<ClientSession> {
    const { profile } = resolved;
    const trace = new TraceRecorder(options.historyLimit ?? runHistoryLimit);
    // DTLS (psk, x509): credentials come from the profile; without the addon this throws
    // DtlsUnavailableError, and every case that would run gets `error` naming the package.
    const security = sessionSecurityOf(resolved);
    let server: ReferenceServer;
    try {
      server = await ReferenceServer.start({
        address: profile.harness.address,
        port: profile.harness.port,
        params: resolved.transmission,
        trace,
        // A server of the profile's version: a Register offering a later one gets 4.12 (Core §6.2.1).
        lwm2mMax: profile.target.lwm2mVersion,
        ...(security.server ? { security: security.server } : {}),
        ...(resolved.impairment ? { impairment: resolved.impairment } : {}),
      });
    } catch (error) {
      security.dispose();
      throw error;
    }
    const bootstrap = await startBootstrapPeer(resolved, trace, server.clock, server.uri, security.account);
    const control = new TargetControl(profile, {
      'server.uri': server.uri,
      'server.host': server.endpoint.local.address,
      'server.port': String(server.endpoint.local.port),
      'bootstrap.uri': bootstrap.uri,
      'bootstrap.host': bootstrap.endpoint.local.address,
      'bootstrap.port': String(bootstrap.endpoint.local.port),
      endpoint: profile.target.endpoint,
      node: process.execPath,
      'harness.bin': harnessBin,
      // The profile's CoAP timers, for a device that takes its own from the command line.
      'coap.ackTimeout': String(profile.timing.coap.ackTimeout),
      'coap.maxRetransmit': String(profile.timing.coap.maxRetransmit),
      ...security.placeholders,
    }, security.secrets);
    try {
      await control.start();
    } catch (error) {
      await server.close();
      await bootstrap.close();
      security.dispose();
      throw error;
    }
    return Object.assign(new ClientSession(resolved, trace, server, control, security), { bootstrap });
  }

  async prepare(def: CaseStart, signal: AbortSignal): Promise<void> {
    // After a bootstrap case, the next case starts from a factory reset too, so that the bootstrap
    // server provisions the usual account again: what a case wrote (a lifetime, another server)
    // would otherwise outlive the reboot.
    // Bootstrap cases, and cases that provision accounts of their own (C.14), script the bootstrap server.
    const provisions = def.interface === 'bootstrap' || def.provisions === true;
    let factory = def.reset === 'factory' || (this.reconfigured && this.control.has('factory-reset'));
    if (this.reconfigured) this.accountStale = true;
    this.reconfigured = provisions;
    let silent = false;
    if (this.fresh) {
      this.fresh = false;
      // A launched process boots once: wait for it to show itself, so that every case then
      // starts from the same reset. If it never does, the first case's own wait judges that.
      if (this.profile.launch.kind !== 'external') {
        silent = !(await this.firstSignOfLife(signal))?.registered;
        this.failIfEnded('before it registered');
      }
    }
    // Bootstrap cases provision their own account; the others address the one the device has.
    if (this.accountStale && !provisions && !silent && !this.control.processEnded) {
      // The bootstrap server provisions on its own again, as it will for this case.
      this.bootstrap.scripted = false;
      await this.learnAccount(factory, signal);
      // The factory reset that follows a bootstrap case was the learning's.
      factory = def.reset === 'factory';
    }
    // A device whose factory state keeps a server account is bootstrapped through its trigger.
    if (factory && provisions && !silent && !this.control.processEnded && (await this.registersAfterFactoryReset(signal))) {
      await this.triggerBootstrap(def, signal);
      return;
    }
    def.started?.();
    this.lastReset = undefined;
    // Bootstrap cases drive the bootstrap server themselves; every other case gets the device provisioned.
    this.bootstrap.scripted = provisions;
    if (this.control.processEnded) {
      // A target that died in an earlier case is started again, so one crash costs one case.
      await this.control.start();
      if (factory) await this.control.drive('factory-reset');
      return;
    }
    // A factory reset brings back ETS C.13 (a reboot keeps what bootstrap gave the device).
    const since = { server: this.server.events.position(), bootstrap: this.bootstrap.events.position() };
    if (factory) await this.control.drive('factory-reset');
    else if (silent || (await this.control.reset()) !== 'driver') return;
    this.lastReset = { driver: factory ? 'factory-reset' : 'reboot', since, atMs: performance.now() };
  }

  async resetNotTaken(options: { silenceJudged?: boolean } = {}): Promise<string | undefined> {
    const reset = this.lastReset;
    if (!reset) return undefined;
    if (reset.failed) return reset.failed;
    const factory = reset.driver === 'factory-reset';
    const withinMs = factory ? this.target.timing.startWithinMs : this.target.timing.registerWithinMs;
    const within = Math.max(0, reset.atMs + withinMs - performance.now());
    const since = reset.since;
    const first = await firstOf<{ kind: string; atMs: number }>(undefined, [
      (either) => this.server.waitFor('register', { since: since.server, within, signal: either }),
      (either) => this.bootstrap.waitFor('request', { since: since.bootstrap, within, signal: either }),
      (either) => this.bootstrap.waitFor('pack-request', { since: since.bootstrap, within, signal: either }),
    ]);
    const shown = `the ${reset.driver} driver ran but the device sent no ${factory ? 'Bootstrap-Request or Register' : 'Register'} within ${withinMs / 1000} s`;
    if (!first) return options.silenceJudged ? undefined : shown;
    // Back in its factory configuration (ETS C.13) a device that bootstraps has no server account to register to.
    const registered = this.server.events.find(since.server, (e) => e.kind === 'register');
    const bootstrapped = this.bootstrap.events.find(since.bootstrap, (e) => e.kind === 'request' || e.kind === 'pack-request');
    const bootstraps = this.profile.features.bootstrap.some((mode) => mode === 'client-initiated' || mode === 'bootstrap-pack');
    if (factory && bootstraps && registered && (!bootstrapped || bootstrapped.atMs > registered.atMs)) {
      return `the factory-reset driver ran but the device registered without bootstrapping: its server account survived the reset${this.bootstrapTriggered ? '' : ' (claim server-initiated bootstrap in features.bootstrap, or give a trigger-bootstrap driver, and the harness makes it bootstrap and removes that account before each bootstrap case)'}`;
    }
    return undefined;
  }

  /** How the harness can make a registered device bootstrap: its Bootstrap-Request Trigger, or the profile's driver. */
  private get bootstrapTriggered(): boolean {
    return this.profile.features.bootstrap.includes('server-initiated') || this.control.has('trigger-bootstrap');
  }

  private positions(): EventPositions {
    return { server: this.server.events.position(), bootstrap: this.bootstrap.events.position() };
  }

  /**
   * Whether a factory reset leaves the device registering with a server account it kept, for a
   * device that claims server-initiated bootstrap (the way round it). Known from an earlier
   * factory reset, else shown by one now (a device that bootstraps instead is provisioned, so it
   * settles before the case's own reset). False when it showed no sign of life: the case's own
   * reset judges that.
   */
  private async registersAfterFactoryReset(signal: AbortSignal): Promise<boolean> {
    if (!this.bootstrapTriggered) return false;
    if (this.factoryRegisters !== undefined) return this.factoryRegisters;
    this.bootstrap.scripted = false;
    const since = this.positions();
    await this.control.drive('factory-reset');
    const life = await this.firstSignOfLife(signal, since);
    if (life) this.factoryRegisters = life.first === 'register';
    // That reset stands as the case's when the device registered: the account it kept is the point.
    if (this.factoryRegisters) this.resetRegistered = since;
    return this.factoryRegisters === true;
  }

  /**
   * Starts a bootstrap case on a device whose factory reset keeps its server account: the reset,
   * its Register, then the case's start and a triggered bootstrap that deletes the server accounts
   * (bootstrap-only.ts), so the case meets the device asking, with only its bootstrap account.
   * When that fails, the case is inconclusive saying why.
   */
  private async triggerBootstrap(def: CaseStart, signal: AbortSignal): Promise<void> {
    const endpoint = this.profile.target.endpoint;
    let since = this.resetRegistered;
    this.resetRegistered = undefined;
    if (!since) {
      this.bootstrap.scripted = false;
      since = this.positions();
      await this.control.drive('factory-reset');
    }
    // Not a Register the previous case left in flight, nor one from a process the reset replaced.
    const registered = await this.server.waitFor('register', { since: since.server, within: this.target.timing.startWithinMs, endpoint, signal, where: (e) => e.responseCode === '2.01' && e.atMs >= this.control.startedAtMs });
    def.started?.();
    this.bootstrap.scripted = true;
    const start = this.positions();
    const outcome = registered
      ? await triggeredBootstrap(this.server, this.bootstrap, this.target, signal, this.profile.features.bootstrap.includes('server-initiated') ? undefined : () => this.control.drive('trigger-bootstrap'))
      : { ok: false as const, why: `no accepted Register within ${this.target.timing.startWithinMs / 1000} s of the reset` };
    const kept = 'the factory-reset driver ran and the device kept a server account (it registers instead of bootstrapping)';
    this.lastReset = { driver: 'factory-reset', since: start, atMs: performance.now(), ...(outcome.ok ? {} : { failed: `${kept}; making it bootstrap failed: ${outcome.why}` }) };
    if (outcome.ok) def.note?.(outcome.note);
  }

  /**
   * Waits up to startWithin for a launched target's first message after `since` (event
   * positions): a Register, or a Bootstrap-Request or Bootstrap-Pack-Request (a device without
   * a server account bootstraps first). A bootstrapping device then gets registerWithin to
   * register, so that the first case's reset does not cut into its provisioning. Undefined when
   * it sent nothing; else which came first and whether it registered.
   */
  private async firstSignOfLife(signal: AbortSignal, since = { server: 0, bootstrap: 0 }): Promise<{ first: 'register' | 'bootstrap'; registered: boolean } | undefined> {
    const within = this.target.timing.startWithinMs;
    const first = await firstOf<{ kind: string; atMs: number }>(signal, [
      (either) => this.server.waitFor('register', { since: since.server, within, signal: either }),
      (either) => this.bootstrap.waitFor('request', { since: since.bootstrap, within, signal: either }),
      (either) => this.bootstrap.waitFor('pack-request', { since: since.bootstrap, within, signal: either }),
    ]);
    if (!first) return undefined;
    if (first.kind === 'register') return { first: 'register', registered: true };
    const register = await this.server.waitFor('register', { since: since.server, within: this.target.timing.registerWithinMs, signal, where: (e) => e.atMs > first.atMs });
    return { first: 'bootstrap', registered: register !== undefined };
  }

  /** The device's server account, as cases address it (the C.1 numbers, noted, until one is learned). */
  serverAccount(): LearnedAccount {
    return this.learned ?? assumedAccount('not learned yet (no case outside the bootstrap cases has run)');
  }

  /**
   * Learns the device's server account from a Register (the current one, or one after a reset:
   * a factory reset when a bootstrap case changed the configuration) and reads of /1 and /0.
   * It runs before the case starts, so what it sends is not the case's.
   */
  private async learnAccount(factory: boolean, signal: AbortSignal): Promise<void> {
    const endpoint = this.profile.target.endpoint;
    const stated = this.profile.target.server;
    const complete = stated.instance !== undefined && stated.ssid !== undefined && stated.securityInstance !== undefined;
    if (!complete && (factory || !this.server.registrationOf(endpoint))) {
      const since = { server: this.server.events.position(), bootstrap: this.bootstrap.events.position() };
      const method = factory ? 'driver' : this.control.resetMethod;
      if (factory) await this.control.drive('factory-reset');
      else await this.control.reset();
      // A factory reset may bootstrap first; an external target without a reset may already have registered.
      const within = factory ? this.target.timing.startWithinMs : this.target.timing.registerWithinMs;
      const life = factory ? await this.firstSignOfLife(signal, since) : undefined;
      if (life) this.factoryRegisters = life.first === 'register';
      const registered = factory
        ? life?.registered
        : await this.server.waitFor('register', { since: method === 'none' ? 0 : since.server, within, endpoint, signal, where: (e) => e.responseCode === '2.01' });
      if (!registered) {
        this.learned = assumedAccount(`no Register from "${endpoint}" within ${within / 1000} s to learn it from`);
        this.accountStale = false;
        return;
      }
    }
    const provisioned = this.bootstrap.provisionedTo(endpoint);
    const securityWritten = (ssid: number) => provisioned?.find((i) => i.object === 0 && i.values[10] === ssid && i.values[1] !== true)?.instance;
    // A Register still in flight from before the reset can be the one waited on; the device then
    // answers the reads from its reset. Learning again from the Register that follows settles it.
    for (let attempt = 1; ; attempt++) {
      const position = this.server.events.position();
      this.learned = await learnServerAccount(this.server, endpoint, stated, securityWritten);
      if (!this.learned.assumed || attempt === 2) break;
      const again = await this.server.waitFor('register', { since: position, within: this.target.timing.registerWithinMs, endpoint, signal, where: (e) => e.responseCode === '2.01' });
      if (!again) break;
    }
    this.accountStale = false;
  }

  drive(name: DriverName, values?: DriverValues): Promise<string> {
    return this.control.drive(name, values);
  }

  /** A launched target that has exited cannot be tested: an environment error, with its last words. */
  private failIfEnded(when: string): void {
    const ended = this.control.processEnded;
    if (!ended) return;
    const tail = this.control.output().slice(-5).map((l) => l.text).join(' | ');
    throw new LaunchError(`the target process ended (${ended}) ${when}${tail ? `; its last output: ${tail}` : '; it printed nothing'}`);
  }

  waitedMs(): number {
    return this.server.clock.ms;
  }

  async close(): Promise<void> {
    // Temporary key copies go whatever else fails.
    try {
      await this.control.stop();
      await this.server.close();
      await this.secureAccounts.close();
      await this.secondServer.close();
      await this.bootstrap.close();
    } finally {
      this.security.dispose();
    }
  }
}
