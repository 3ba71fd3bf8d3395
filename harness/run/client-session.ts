// A session that tests an LwM2M client: the harness's reference server listens where the
// profile says, the target is launched pointed at it, and before each case the target is reset
// so that the case sees it register afresh.
import { fileURLToPath } from 'node:url';
import { TraceRecorder } from '../coap/trace.ts';
import { ReferenceServer } from '../peers/server/reference-server.ts';
import type { ReferenceBootstrapServer } from '../peers/bootstrap/bootstrap-server.ts';
import { startBootstrapPeer } from './bootstrap-peer.ts';
import type { Profile } from '../targets/profile.ts';
import { TargetControl } from '../targets/target-control.ts';
import { featureStrings } from '../targets/features.ts';
import { sessionSecurityOf, type SessionSecurity } from './session-security.ts';
import { LaunchError } from '../targets/process-launcher.ts';
import type { CaseDefinition } from './case.ts';
import type { CaseEnvironment } from './execute.ts';
import type { TargetView } from './target-view.ts';

const harnessBin = fileURLToPath(new URL('../../bin/lwm2m-conformance.js', import.meta.url));

export function targetViewOf(profile: Profile): TargetView {
  const t = profile.timing;
  return {
    name: profile.name,
    role: profile.target.role,
    version: profile.target.lwm2mVersion,
    endpoint: profile.target.endpoint,
    features: featureStrings(profile),
    profileIds: profile.features.profileIds,
    timing: {
      registerWithinMs: t.registerWithin * 1000,
      responseWithinMs: t.responseWithin * 1000,
      shortLifetimeS: t.shortLifetime,
      toleranceMs: t.tolerance * 1000,
      reactionWithinMs: t.reactionWithin * 1000,
      pminS: t.pmin,
      pmaxS: t.pmax,
      sendPeriodMs: t.sendPeriod * 1000,
      queueAwakeMs: t.queueAwake * 1000,
    },
  };
}

export class ClientSession implements CaseEnvironment {
  readonly target: TargetView;
  readonly caseDeadlineMs: number;
  /** The harness's bootstrap server ({bootstrap.uri}); bootstrap cases script it. */
  bootstrap!: ReferenceBootstrapServer;
  /** The target was just started and has not been reset for a case yet. */
  private fresh = true;

  private constructor(
    readonly profile: Profile,
    readonly trace: TraceRecorder,
    readonly server: ReferenceServer,
    readonly control: TargetControl,
    private readonly security: SessionSecurity,
  ) {
    this.target = targetViewOf(profile);
    this.caseDeadlineMs = profile.timing.caseDeadline * 1000;
  }

  static async open(profile: Profile): Promise<ClientSession> {
    const trace = new TraceRecorder();
    // DTLS (psk, x509): credentials come from the profile; without the addon this throws
    // DtlsUnavailableError, and every case that would run gets `error` naming the package.
    const security = sessionSecurityOf(profile);
    let server: ReferenceServer;
    try {
      server = await ReferenceServer.start({
        address: profile.harness.address,
        port: profile.harness.port,
        params: { ackTimeoutMs: profile.timing.coap.ackTimeout * 1000, maxRetransmit: profile.timing.coap.maxRetransmit },
        trace,
        ...(security.server ? { security: security.server } : {}),
      });
    } catch (error) {
      security.dispose();
      throw error;
    }
    const bootstrap = await startBootstrapPeer(profile, trace, server.uri);
    const control = new TargetControl(profile, {
      'server.uri': server.uri,
      'bootstrap.uri': bootstrap.uri,
      endpoint: profile.target.endpoint,
      node: process.execPath,
      'harness.bin': harnessBin,
      ...security.placeholders,
    });
    try {
      await control.start();
    } catch (error) {
      await server.close();
      await bootstrap.close();
      security.dispose();
      throw error;
    }
    return Object.assign(new ClientSession(profile, trace, server, control, security), { bootstrap });
  }

  async prepare(def: CaseDefinition, signal: AbortSignal): Promise<void> {
    if (this.fresh) {
      this.fresh = false;
      // A launched process boots once: wait for its first Register, so that every case then
      // starts from the same reset. If it never comes, the first case's own wait judges that.
      if (this.profile.launch.kind !== 'external') {
        const first = await this.server.waitFor('register', { since: 0, within: this.profile.timing.startWithin * 1000, signal });
        this.failIfEnded('before it registered');
        if (!first) return;
      }
    }
    this.server.caseStart = this.server.events.position();
    // Bootstrap cases drive the bootstrap server themselves; every other case gets the device provisioned.
    this.bootstrap.caseStart = this.bootstrap.events.position();
    this.bootstrap.scripted = def.interface === 'bootstrap';
    if (this.control.processEnded) {
      // A target that died in an earlier case is started again, so one crash costs one case.
      await this.control.start();
      return;
    }
    await this.control.reset();
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
    await this.control.stop();
    await this.server.close();
    await this.bootstrap.close();
    this.security.dispose();
  }
}
