// Observe and Observe-Composite on the simulated device (Core §6.4, RFC 7641): one watch per
// observation, notifying by the attributes in force (pmin, pmax, gt, lt, st; the levels of
// AttributeStore, the server defaults /1/x/2 and /1/x/3, and LwM2M 1.2 attributes given in the
// Observe query, which win). A change is notified once pmin has passed since the last
// notification; with nothing to report the watch notifies when pmax passes.
import type { CoapEndpoint, IncomingRequest, ResponseSpec } from '../../coap/endpoint.ts';
import { OptionNumber, encodeUint } from '../../coap/options.ts';
import type { ObserveRelation } from '../../coap/observe.ts';
import type { QueryAttribute } from '../../lwm2m/attributes.ts';
import { isWithin, pathIds, type PathIds } from '../../lwm2m/path.ts';
import type { AttributeStore } from './attribute-store.ts';
import type { ClientFault } from './faults.ts';
import type { DeviceAccount } from './accounts.ts';
import type { Management } from './management.ts';
import type { ObjectStore } from './object-store.ts';

interface Watch {
  readonly relation: ObserveRelation;
  readonly paths: readonly string[];
  readonly ids: readonly PathIds[];
  readonly composite: boolean;
  readonly format: number | undefined;
  /** Attributes from the Observe query (LwM2M 1.2), above every level. */
  readonly query: ReadonlyMap<string, string>;
  /** With the 'attributes-frozen-at-observe' fault: the attributes at the start, per path. */
  readonly frozen?: ReadonlyMap<string, ReadonlyMap<string, string>>;
  lastAt: number;
  /** Numeric values at the last notification, for gt/lt/st. */
  lastValues: Map<string, number>;
  changed: boolean;
  timer?: NodeJS.Timeout;
}

export interface ObserveDeps {
  readonly coap: () => CoapEndpoint;
  readonly store: () => ObjectStore;
  readonly attributes: AttributeStore;
  readonly management: () => Management;
  /** The server account in use: its Short Server ID and Server instance (default periods). */
  account(): DeviceAccount;
  readonly version: '1.0' | '1.1' | '1.2';
  has(fault: ClientFault): boolean;
  log(line: string): void;
}

export class ObserveEngine {
  private readonly watches = new Set<Watch>();
  private readonly zombies = new Set<NodeJS.Timeout>();

  constructor(private readonly deps: ObserveDeps) {}

  /** Answers a GET/FETCH with Observe=0 and, when it succeeds, starts notifying. */
  start(req: IncomingRequest, paths: readonly string[], format: number | undefined, composite: boolean, query: readonly QueryAttribute[]): ResponseSpec {
    const management = this.deps.management();
    const ids = paths.map((p) => pathIds(p));
    const response = composite ? management.compositeRepresentation(paths, format!) : management.representation(ids[0]!, format);
    if (!response.code.startsWith('2.') || !req.startObservation) return response;
    const relation = req.startObservation();
    // The fault: a composite keeps only the paths that existed at the start (instances created later never show).
    if (composite && this.deps.has('observe-composite-fixed-instances')) {
      const kept = paths.filter((_, k) => this.deps.store().exists(ids[k]!));
      paths = kept;
      ids.splice(0, ids.length, ...kept.map((p) => pathIds(p)));
    }
    const queryAttributes = this.deps.has('observe-ignores-query-attributes') ? new Map<string, string>() : new Map(query.filter((a) => a.value !== undefined).map((a) => [a.name, a.value!]));
    const watch: Watch = {
      relation,
      paths,
      ids,
      composite,
      format: response.contentFormat ?? format,
      query: queryAttributes,
      ...(this.deps.has('attributes-frozen-at-observe') ? { frozen: new Map(paths.map((p, k) => [p, this.deps.attributes.effective(this.deps.account().ssid, ids[k]!)])) } : {}),
      lastAt: performance.now(),
      lastValues: this.numericValues(ids),
      changed: false,
    };
    this.watches.add(watch);
    relation.onCancel((reason) => {
      this.stop(watch);
      if ((reason === 'rst' || reason === 'deregister') && this.deps.has('notify-after-cancel')) this.keepNotifying(watch);
    });
    this.schedule(watch);
    return response;
  }

  /** Values changed in the store: watches over those paths re-evaluate their change condition. */
  changed(paths: readonly string[]): void {
    const changedIds = paths.map((p) => pathIds(p));
    for (const watch of this.watches) {
      const touched = watch.ids.some((w) => changedIds.some((c) => isWithin(c, w) || isWithin(w, c)));
      if (!touched || !this.conditionHolds(watch)) continue;
      watch.changed = true;
      this.schedule(watch);
    }
  }

  /** Attributes or defaults may have changed: every watch recomputes its timers. */
  reschedule(): void {
    for (const watch of this.watches) this.schedule(watch);
  }

  /** Ends every observation (reboot): the device forgets them. */
  clear(): void {
    for (const watch of [...this.watches]) {
      this.stop(watch);
      watch.relation.cancel();
    }
    for (const timer of this.zombies) clearInterval(timer);
    this.zombies.clear();
  }

  private stop(watch: Watch): void {
    clearTimeout(watch.timer);
    this.watches.delete(watch);
  }

  private attributesOf(watch: Watch, k: number): Map<string, string> {
    const base = watch.frozen?.get(watch.paths[k]!) ?? this.deps.attributes.effective(this.deps.account().ssid, watch.ids[k]!);
    return new Map([...base, ...watch.query]);
  }

  private serverDefault(r: number): number | undefined {
    const v = this.deps.store().value(1, this.deps.account().serverInstance, r);
    return typeof v === 'number' ? v : undefined;
  }

  /** pmin and pmax in seconds (pmax 0: none); for a composite the smallest over its paths. */
  private periods(watch: Watch): { pmin: number; pmax: number } {
    let pmin = Infinity;
    let pmax = Infinity;
    watch.ids.forEach((_, k) => {
      const attrs = this.attributesOf(watch, k);
      const min = attrs.has('pmin') ? Number(attrs.get('pmin')) : (this.serverDefault(2) ?? 0);
      let max = attrs.has('pmax') ? Number(attrs.get('pmax')) : (this.serverDefault(3) ?? 0);
      // pmax below pmin is ignored (Core 1.1 §5.1.2).
      if (max > 0 && max < min) max = 0;
      pmin = Math.min(pmin, min);
      if (max > 0) pmax = Math.min(pmax, max);
    });
    if (this.deps.has('notify-ignores-pmin')) pmin = 0;
    if (this.deps.has('notify-ignores-pmax') || pmax === Infinity) pmax = 0;
    return { pmin: pmin === Infinity ? 0 : pmin, pmax };
  }

  private schedule(watch: Watch): void {
    clearTimeout(watch.timer);
    if (!this.watches.has(watch)) return;
    const { pmin, pmax } = this.periods(watch);
    const dueChange = watch.changed ? watch.lastAt + pmin * 1000 : Infinity;
    const duePeriod = pmax > 0 ? watch.lastAt + pmax * 1000 : Infinity;
    const due = Math.min(dueChange, duePeriod);
    if (due === Infinity) return;
    watch.timer = setTimeout(() => void this.notify(watch), Math.max(0, due - performance.now()));
  }

  private representation(watch: Watch): ResponseSpec {
    const management = this.deps.management();
    return watch.composite ? management.compositeRepresentation(watch.paths, watch.format!) : management.representation(watch.ids[0]!, watch.format);
  }

  private async notify(watch: Watch): Promise<void> {
    if (!this.watches.has(watch)) return;
    const spec = this.representation(watch);
    watch.lastAt = performance.now();
    watch.lastValues = this.numericValues(watch.ids);
    watch.changed = false;
    this.schedule(watch);
    const outcome = await watch.relation.notify(spec);
    if (outcome !== 'sent' && outcome !== 'acked') this.deps.log(`notification on ${watch.paths.join(', ')}: ${outcome}`);
  }

  private numericValues(ids: readonly PathIds[]): Map<string, number> {
    const out = new Map<string, number>();
    for (const path of ids) {
      for (const node of this.deps.store().read(path) ?? []) if (typeof node.value === 'number') out.set(node.path, node.value);
    }
    return out;
  }

  /** gt/lt/st (Core §5.1.2): a crossing of gt or lt, or a move of st since the last notification; without them any change. */
  private conditionHolds(watch: Watch): boolean {
    if (this.deps.has('notify-ignores-step')) return true;
    let anyStepAttributes = false;
    const current = this.numericValues(watch.ids);
    for (let k = 0; k < watch.ids.length; k++) {
      const attrs = this.attributesOf(watch, k);
      const gt = attrs.has('gt') ? Number(attrs.get('gt')) : undefined;
      const lt = attrs.has('lt') ? Number(attrs.get('lt')) : undefined;
      const st = attrs.has('st') ? Number(attrs.get('st')) : undefined;
      if (gt === undefined && lt === undefined && st === undefined) continue;
      anyStepAttributes = true;
      for (const [path, value] of current) {
        if (!isWithin(pathIds(path), watch.ids[k]!)) continue;
        const last = watch.lastValues.get(path);
        if (last === undefined) return true;
        if (st !== undefined && Math.abs(value - last) >= st) return true;
        if (gt !== undefined && (last <= gt) !== (value <= gt)) return true;
        if (lt !== undefined && (last < lt) !== (value < lt)) return true;
      }
    }
    return !anyStepAttributes;
  }

  /** The 'notify-after-cancel' fault: notifications go on, sent by hand, for a cancelled observation. */
  private keepNotifying(watch: Watch): void {
    const periodMs = Math.max(500, (this.periods(watch).pmax || 1) * 1000);
    const peer = watch.relation.peer;
    let observe = 1 << 20;
    const timer = setInterval(() => {
      const coap = this.deps.coap();
      if (coap.isClosed) return;
      const spec = this.representation(watch);
      const options: { number: number; value: Buffer }[] = [{ number: OptionNumber.Observe, value: encodeUint(observe++) }];
      if (spec.contentFormat !== undefined) options.push({ number: OptionNumber.ContentFormat, value: encodeUint(spec.contentFormat) });
      const payload = typeof spec.payload === 'string' ? Buffer.from(spec.payload) : (spec.payload ?? Buffer.alloc(0));
      void coap.sendMessage(peer, { type: 'NON', code: '2.05', messageId: coap.allocateMessageId(), token: watch.relation.token, options, payload }).catch(() => {});
    }, periodMs);
    this.zombies.add(timer);
  }
}
