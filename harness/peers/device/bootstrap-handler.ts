// How a device answers the Bootstrap interface (Core §5.2.7, §6.1.7): Bootstrap-Write applied
// regardless of existence and access control and answered 2.04, Bootstrap-Read of /1 and /2
// (1.1+), Bootstrap-Discover with the enabler version, ssid and uri, Bootstrap-Delete that never
// removes the bootstrap account or /3/0, and Bootstrap-Finish that answers 4.06 when the
// configuration has no usable server account. Faults bend single rules on purpose.
import type { IncomingRequest, ResponseSpec } from '../../coap/endpoint.ts';
import { contentFormat } from '../../lwm2m/formats/index.ts';
import type { LwM2mNode } from '../../lwm2m/node.ts';
import { formatPath, isWithin, parsePath, type PathIds } from '../../lwm2m/path.ts';
import type { LwM2mValue } from '../../lwm2m/value.ts';
import { bootstrapAccount, consistencyProblem } from './accounts.ts';
import type { ClientFault } from './faults.ts';
import type { ObjectStore } from './object-store.ts';
import { deviceFormats, encodeFor, LINK_FORMAT, SENML_CBOR, TEXT } from './representation.ts';

export interface BootstrapHandlerHooks {
  readonly version: '1.0' | '1.1' | '1.2';
  has(fault: ClientFault): boolean;
  /** Bootstrap-Finish was accepted (called after the 2.04 is on its way). */
  finished(): void;
  log?(line: string): void;
}

export class BootstrapHandler {
  constructor(
    private readonly store: () => ObjectStore,
    private readonly hooks: BootstrapHandlerHooks,
  ) {}

  handle(req: IncomingRequest): ResponseSpec {
    if (req.path === '/bs') return req.method === 'POST' ? this.finish() : { code: '4.05' };
    const parsed = parsePath(req.path, { allowRelative: false });
    if (!parsed.ok) return { code: '4.00', payload: parsed.error.reason };
    const ids = parsed.value;
    switch (req.method) {
      case 'GET':
        return req.accept === LINK_FORMAT ? this.discover(ids) : this.read(req, ids);
      case 'PUT':
        return this.write(req, ids);
      case 'DELETE':
        return this.delete(ids);
      default:
        return { code: '4.05' };
    }
  }

  private finish(): ResponseSpec {
    const problem = consistencyProblem(this.store());
    if (problem && !this.hooks.has('bootstrap-finish-unchecked')) {
      this.hooks.log?.(`bootstrap finish refused: ${problem}`);
      return { code: '4.06', payload: problem };
    }
    setImmediate(() => this.hooks.finished());
    return { code: '2.04' };
  }

  /** Bootstrap-Write: creates what does not exist, overwrites what does; ACLs do not apply. */
  private write(req: IncomingRequest, ids: PathIds): ResponseSpec {
    const store = this.store();
    if (ids.length === 0 || ids.length > 3) return { code: '4.00', payload: 'Bootstrap-Write targets /o, /o/i or /o/i/r' };
    const object = store.model.object(ids[0]!);
    if (!object) return { code: '4.04', payload: `object ${ids[0]} is not supported` };
    const def = ids.length === 3 ? store.resourceDef(ids[0]!, ids[2]!) : undefined;
    if (ids.length === 3 && !def) return { code: '4.04', payload: `${formatPath(ids)} is not defined` };
    const format = req.contentFormat ?? TEXT;
    if (!deviceFormats.has(format)) return { code: '4.15', payload: `Content-Format ${format} is not supported` };
    const decoded = contentFormat(format)!.decode(req.payload, { path: formatPath(ids), model: store.model, ...(def ? { type: def.type } : {}) });
    if (!decoded.ok) return { code: '4.00', payload: decoded.error.reason };
    const nodes = decoded.value;
    for (const node of nodes) {
      const parsed = parsePath(node.path);
      if (!parsed.ok || !isWithin(parsed.value, ids)) return { code: '4.00', payload: `${node.path} is outside ${formatPath(ids)}` };
      if (parsed.value.length < 3) continue;
      if (!store.resourceDef(parsed.value[0]!, parsed.value[2]!)) return { code: '4.00', payload: `${node.path} is not defined` };
      const problem = store.typeProblem(node);
      if (problem) return { code: '4.00', payload: problem };
    }
    this.apply(nodes, ids);
    this.hooks.log?.(`bootstrap write ${formatPath(ids)}`);
    return { code: this.hooks.has('bootstrap-write-created') ? '2.01' : '2.04' };
  }

  /** Stores decoded nodes under /o, /o/i or /o/i/r as a Bootstrap-Write does (also a Bootstrap-Pack's, per object). */
  apply(nodes: readonly LwM2mNode[], ids: PathIds): void {
    const store = this.store();
    const o = ids[0]!;
    if (ids.length >= 2) this.ensureInstance(o, ids[1]!);
    const cleared = new Set<string>();
    for (const node of nodes) {
      const [, i, r] = (parsePath(node.path) as { ok: true; value: PathIds }).value as [number, number, number?];
      this.ensureInstance(o, i);
      if (r === undefined) continue;
      // A multiple resource gets exactly the instances written.
      if (store.resourceDef(o, r)?.multiple && !cleared.has(`${i}/${r}`)) {
        cleared.add(`${i}/${r}`);
        store.setInstances(o, i, r, new Map());
      }
      store.setNode(node);
    }
  }

  /** A new instance comes with the object's executable resources, which no write carries. */
  private ensureInstance(o: number, i: number): void {
    const store = this.store();
    if (store.instance(o, i)) return;
    const executables: Record<number, LwM2mValue> = {};
    for (const def of store.model.object(o)?.resources.values() ?? []) if (def.type === 'none') executables[def.id] = null as unknown as LwM2mValue;
    store.putInstance(o, i, executables);
  }

  /** Bootstrap-Read (1.1+): the Server and Access Control objects only. */
  private read(req: IncomingRequest, ids: PathIds): ResponseSpec {
    if (this.hooks.version === '1.0' || this.hooks.has('bootstrap-read-refused')) return { code: '4.05' };
    if (ids.length === 0 || ids.length > 2) return { code: '4.00', payload: 'Bootstrap-Read targets /1, /2 or one of their instances' };
    if (ids[0] !== 1 && ids[0] !== 2) return { code: '4.01', payload: 'Bootstrap-Read is allowed on /1 and /2 only' };
    const store = this.store();
    if (ids.length === 2 && !store.exists(ids)) return { code: '4.04' };
    const nodes = store.read(ids) ?? [];
    const encoded = encodeFor(nodes, ids, req.accept, { defaultFormat: SENML_CBOR, model: store.model, singleValue: false });
    if (encoded.code !== '2.05' || !('contentFormat' in encoded)) return { code: encoded.code, ...(encoded.payload ? { payload: encoded.payload } : {}) };
    return { code: '2.05', payload: encoded.payload, contentFormat: encoded.contentFormat };
  }

  /** Bootstrap-Discover on / or /o: instances with ssid (and uri, 1.1+) of server accounts. */
  private discover(ids: PathIds): ResponseSpec {
    if (ids.length > 1) return { code: '4.00', payload: 'Bootstrap-Discover targets / or /o' };
    const store = this.store();
    if (ids.length === 1 && !store.model.object(ids[0]!)) return { code: '4.04' };
    const links: string[] = this.hooks.has('bootstrap-discover-without-version') ? [] : [`lwm2m="${this.hooks.version}"`];
    const attributes = !this.hooks.has('bootstrap-discover-without-ssid');
    const objects = ids.length === 1 ? [ids[0]!] : store.objectIds();
    for (const o of objects) {
      const instances = store.instanceIds(o);
      if (instances.length === 0) {
        links.push(`</${o}>`);
        continue;
      }
      for (const i of instances) {
        const params: string[] = [];
        if (attributes && o === 0 && store.value(0, i, 1) !== true) {
          const ssid = store.value(0, i, 10);
          const uri = store.value(0, i, 0);
          if (typeof ssid === 'number') params.push(`ssid=${ssid}`);
          if (this.hooks.version !== '1.0' && typeof uri === 'string' && uri !== '') params.push(`uri="${uri}"`);
        }
        if (attributes && o === 1) {
          const ssid = store.value(1, i, 0);
          if (typeof ssid === 'number') params.push(`ssid=${ssid}`);
        }
        links.push([`</${o}/${i}>`, ...params].join(';'));
      }
    }
    return { code: '2.05', payload: links.join(','), contentFormat: LINK_FORMAT };
  }

  /** Bootstrap-Delete: the bootstrap account and /3/0 stay (Core §5.2.7.5). */
  private delete(ids: PathIds): ResponseSpec {
    if (ids.length > 2) return { code: '4.00', payload: 'Bootstrap-Delete targets /, /o or /o/i' };
    const store = this.store();
    const everything = this.hooks.has('bootstrap-delete-everything');
    const bootstrapInstance = bootstrapAccount(store)?.instance;
    const isBootstrapAccount = (o: number, i: number) => o === 0 && i === bootstrapInstance;
    const kept = (o: number, i: number) => !everything && (isBootstrapAccount(o, i) || (o === 3 && i === 0));
    if (ids.length === 2) {
      const [o, i] = ids as [number, number];
      if (isBootstrapAccount(o, i) && !everything && !this.hooks.has('bootstrap-account-deletable')) return { code: '4.00', payload: 'the bootstrap account cannot be deleted' };
      if (o === 3 && i === 0 && !everything) return { code: '4.00', payload: '/3/0 cannot be deleted' };
      store.deleteInstance(o, i);
      return { code: '2.02' };
    }
    const objects = ids.length === 1 ? [ids[0]!] : store.objectIds();
    for (const o of objects) for (const i of store.instanceIds(o)) if (!kept(o, i)) store.deleteInstance(o, i);
    this.hooks.log?.(`bootstrap delete ${formatPath(ids)}`);
    return { code: '2.02' };
  }
}
