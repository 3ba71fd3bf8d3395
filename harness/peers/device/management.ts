// The Device Management and Service Enablement interface of the simulated device (Core §6.3):
// Read, Discover, Write (replace and partial update), Write-Attributes, Execute, Create, Delete,
// Read-Composite and Write-Composite, with the response codes of the TS. Observe requests are
// passed on to the observe engine. Faults bend single rules on purpose.
import type { IncomingRequest, ResponseSpec } from '../../coap/endpoint.ts';
import { checkAttributes, parseAttributeQuery, type QueryAttribute } from '../../lwm2m/attributes.ts';
import { parseExecuteArguments } from '../../lwm2m/execute-args.ts';
import { contentFormat } from '../../lwm2m/formats/index.ts';
import type { LwM2mNode } from '../../lwm2m/node.ts';
import { formatPath, isWithin, parsePath, type PathIds } from '../../lwm2m/path.ts';
import { decodePathList } from '../composite-paths.ts';
import { attributeParams, type AttributeStore } from './attribute-store.ts';
import type { ClientFault } from './faults.ts';
import type { ObjectStore } from './object-store.ts';
import { deviceFormats, encodeComposite, encodeFor, LINK_FORMAT, SENML_CBOR, SENML_JSON, TEXT, TLV } from './representation.ts';

export interface ManagementHooks {
  /** Short Server ID of the server a request came from. */
  readonly ssid: number;
  readonly version: '1.0' | '1.1' | '1.2';
  has(fault: ClientFault): boolean;
  /** Resources were written by the server (lifetime and binding writes make the client send an Update). */
  written(paths: readonly string[]): void;
  /** Object instances were created or deleted (the client sends an Update with its object list). */
  objectsChanged(): void;
  /** Runs an executable resource; the code to answer with. */
  execute(ids: PathIds, args: string): string;
  /** A write of Package /5/0/0 or Package URI /5/0/1 (firmware update behind them); the code to answer with. */
  firmwareWrite?(resource: 0 | 1, value: LwM2mNode['value']): string;
  /** A GET or FETCH with Observe=0: the observe engine answers it. */
  observe(req: IncomingRequest, paths: readonly string[], format: number | undefined, composite: boolean, query: readonly QueryAttribute[]): ResponseSpec;
}

const numericTypes = new Set(['integer', 'unsigned', 'float']);

export class Management {
  constructor(
    private readonly store: ObjectStore,
    private readonly attributes: AttributeStore,
    private readonly hooks: ManagementHooks,
  ) {}

  private get defaultFormat(): number {
    return this.hooks.version === '1.0' ? TLV : SENML_CBOR;
  }

  handle(req: IncomingRequest): ResponseSpec {
    const parsed = parsePath(req.path, { allowRelative: false });
    if (!parsed.ok) return { code: '4.00', payload: parsed.error.reason };
    const ids = parsed.value;
    if (req.method === 'FETCH') return this.fetch(req);
    if (req.method === 'iPATCH') return this.writeComposite(req);
    // The Security object is the bootstrap server's alone (Core §6.3: 4.01 for a management server).
    if ((ids[0] === 0 || ids[0] === 21) && !this.hooks.has('security-object-readable')) return { code: '4.01' };
    if (ids.length === 4 && this.hooks.has('no-resource-instance-paths')) return { code: '4.04' };
    switch (req.method) {
      case 'GET':
        if (req.accept === LINK_FORMAT) return this.discover(ids, req.query);
        return this.read(req, ids);
      case 'PUT':
        if (req.payload.length === 0 && req.contentFormat === undefined) return this.writeAttributes(ids, req.query);
        return this.write(req, ids, 'replace');
      case 'POST':
        if (ids.length === 1) return this.create(req, ids);
        if (ids.length === 2) return this.write(req, ids, 'partial');
        if (ids.length === 3) return this.execute(req, ids);
        return { code: '4.05' };
      case 'DELETE':
        return this.delete(ids);
      default:
        return { code: '4.05' };
    }
  }

  private isSingleValue(ids: PathIds): boolean {
    if (ids.length === 4) return true;
    if (ids.length !== 3) return false;
    return this.store.resourceDef(ids[0]!, ids[2]!)?.multiple === false;
  }

  /** The nodes of a read, with the fault that drops optional resources. */
  private readNodes(ids: PathIds): LwM2mNode[] | undefined {
    const keep = this.hooks.has('read-mandatory-only') ? (def: { mandatory: boolean }) => def.mandatory : undefined;
    return this.store.read(ids, keep);
  }

  private answer(encoded: ReturnType<typeof encodeFor>): ResponseSpec {
    if (encoded.code !== '2.05' || !('contentFormat' in encoded)) return { code: encoded.code, ...(encoded.payload ? { payload: encoded.payload } : {}) };
    if (this.hooks.has('read-without-content-format')) return { code: '2.05', payload: encoded.payload };
    return { code: '2.05', payload: encoded.payload, contentFormat: encoded.contentFormat };
  }

  private read(req: IncomingRequest, ids: PathIds): ResponseSpec {
    if (ids.length === 0) return { code: '4.05' };
    if (!this.store.exists(ids)) return { code: '4.04' };
    if (ids.length >= 3) {
      const def = this.store.resourceDef(ids[0]!, ids[2]!);
      if (!def || !def.operations.includes('R') || def.type === 'none') return { code: '4.05' };
    }
    const accept = this.hooks.has('ignore-accept') ? undefined : req.accept;
    if (req.observe === 0) {
      const query = parseAttributeQuery(req.query.join('&'));
      if (!query.ok) return { code: '4.00', payload: query.error.reason };
      if (accept !== undefined && !deviceFormats.has(accept)) return { code: '4.06' };
      return this.hooks.observe(req, [formatPath(ids)], accept, false, query.value);
    }
    const nodes = this.readNodes(ids)!;
    return this.answer(encodeFor(nodes, ids, accept, { defaultFormat: this.defaultFormat, model: this.store.model, singleValue: this.isSingleValue(ids) }));
  }

  /** Encodes the current values under observed paths (the observe engine's notifications). */
  representation(ids: PathIds, accept: number | undefined): ResponseSpec {
    if (!this.store.exists(ids)) return { code: '4.04' };
    return this.answer(encodeFor(this.readNodes(ids)!, ids, accept, { defaultFormat: this.defaultFormat, model: this.store.model, singleValue: this.isSingleValue(ids) }));
  }

  compositeRepresentation(paths: readonly string[], format: number): ResponseSpec {
    const nodes: LwM2mNode[] = [];
    const seen = new Set<string>();
    for (const path of paths) {
      const ids = parsePath(path).ok ? (parsePath(path) as { value: PathIds }).value : [];
      if (ids[0] === 0 || ids[0] === 21) continue;
      for (const node of this.readNodes(ids) ?? []) {
        if (!seen.has(node.path)) nodes.push(node);
        seen.add(node.path);
      }
    }
    return { code: '2.05', payload: encodeComposite(nodes, format, this.store.model), contentFormat: format };
  }

  private discover(ids: PathIds, query: readonly string[]): ResponseSpec {
    if (ids.length === 0 || ids.length === 4) return { code: '4.05' };
    if (!this.store.exists(ids)) return { code: '4.04' };
    const depthText = this.hooks.has('discover-ignores-depth') ? undefined : query.find((q) => q.startsWith('depth='))?.slice(6);
    const depth = depthText === undefined ? undefined : Number(depthText);
    if (depth !== undefined && !(Number.isInteger(depth) && depth >= 0 && depth <= 3)) return { code: '4.00', payload: 'depth must be 0 to 3' };
    // Default depth (Core 1.2 §5.4.2): object → resources, instance → resources, resource → resource instances.
    const maxLevel = ids.length + (depth ?? (ids.length === 1 ? 2 : 1));
    const ssid = this.hooks.ssid;
    const showAttributes = !this.hooks.has('discover-without-attributes');
    const links: string[] = [];
    const link = (path: PathIds, params: string[]) => links.push([`<${formatPath(path)}>`, ...params].join(';'));
    const levelOf = (path: PathIds) => (this.hooks.has('discover-shares-attributes') ? this.attributes.atAnyServer(path) : this.attributes.at(ssid, path));
    const own = (path: PathIds) => (showAttributes ? attributeParams(levelOf(path)) : []);
    const [o] = ids as [number];
    if (ids.length === 1) {
      const version = this.store.model.object(o)?.version;
      link([o], [...(version && version !== '1.0' ? [`ver=${version}`] : []), ...own([o])]);
    }
    const instances = ids.length >= 2 ? [ids[1]!] : this.store.instanceIds(o);
    for (const i of instances) {
      if (ids.length <= 2 && maxLevel >= 2) link([o, i], own([o, i]));
      const inst = this.store.instance(o, i)!;
      const resources = ids.length >= 3 ? [ids[2]!] : [...inst.keys()].sort((a, b) => a - b);
      if (maxLevel < 3) continue;
      for (const r of resources) {
        const res = inst.get(r)!;
        const dim = 'instances' in res && !this.hooks.has('discover-without-dim') ? [`dim=${res.instances.size}`] : [];
        // A Discover on the resource itself shows the attributes it inherits (Core §5.4.2; int-260 step 6).
        const attrs = ids.length === 3 && showAttributes ? attributeParams(this.attributes.effective(ssid, [o, i, r])) : own([o, i, r]);
        link([o, i, r], [...dim, ...attrs]);
        if ('instances' in res && maxLevel >= 4) {
          for (const ri of [...res.instances.keys()].sort((a, b) => a - b)) link([o, i, r, ri], own([o, i, r, ri]));
        }
      }
    }
    return { code: '2.05', payload: links.join(','), contentFormat: LINK_FORMAT };
  }

  private writeAttributes(ids: PathIds, query: readonly string[]): ResponseSpec {
    if (ids.length === 0) return { code: '4.05' };
    if (!this.store.exists(ids)) return { code: '4.04' };
    const parsed = parseAttributeQuery(query.join('&'));
    const lax = this.hooks.has('attributes-unchecked');
    if (!parsed.ok) {
      if (!lax) return { code: '4.00', payload: parsed.error.reason };
      return { code: '2.04' };
    }
    const attributes = parsed.value;
    if (!lax) {
      const notNotification = attributes.find((a) => a.name === 'dim' || a.name === 'ver');
      if (notNotification) return { code: '4.00', payload: `'${notNotification.name}' cannot be written` };
      const numeric = ids.length >= 3 && numericTypes.has(this.store.resourceDef(ids[0]!, ids[2]!)?.type ?? '');
      const changeAttr = attributes.find((a) => ['gt', 'lt', 'st'].includes(a.name) && a.value !== undefined);
      if (changeAttr && !numeric) return { code: '4.00', payload: `'${changeAttr.name}' applies to numeric resources only` };
      const problems = checkAttributes(this.attributes.preview(this.hooks.ssid, ids, attributes)).filter(
        // LwM2M 1.0/1.1 accept pmax < pmin (pmax is then ignored); 1.2 requires pmax >= pmin.
        (f) => f.level === 'MUST' && !(f.id === 'attr.pmin-above-pmax' && this.hooks.version !== '1.2'),
      );
      if (problems.length > 0) return { code: '4.00', payload: problems.map((p) => p.message).join('; ') };
    }
    this.attributes.apply(this.hooks.ssid, ids, attributes);
    this.hooks.written([]);
    return { code: '2.04' };
  }

  /** Decodes a write body; a response when it cannot be used. */
  private decodeBody(req: IncomingRequest, ids: PathIds): LwM2mNode[] | ResponseSpec {
    let format = req.contentFormat;
    if (format === undefined) format = TEXT;
    if (!deviceFormats.has(format)) {
      if (!this.hooks.has('write-any-content-format')) return { code: '4.15', payload: `Content-Format ${format} is not supported` };
      format = TEXT;
    }
    const def = ids.length >= 3 ? this.store.resourceDef(ids[0]!, ids[2]!) : undefined;
    const decoded = contentFormat(format)!.decode(req.payload, { path: formatPath(ids), model: this.store.model, ...(def ? { type: def.type } : {}) });
    if (!decoded.ok) return { code: '4.00', payload: decoded.error.reason };
    return decoded.value;
  }

  private checkNodes(nodes: readonly LwM2mNode[], within: PathIds, writable: boolean): ResponseSpec | undefined {
    for (const node of nodes) {
      const nodeIds = (parsePath(node.path) as { ok: true; value: PathIds }).value ?? [];
      if (!parsePath(node.path).ok || !isWithin(nodeIds, within) || nodeIds.length < 3) return { code: '4.00', payload: `${node.path} is outside ${formatPath(within)}` };
      const def = this.store.resourceDef(nodeIds[0]!, nodeIds[2]!);
      if (!def) return this.hooks.has('write-unknown-resource') ? undefined : { code: '4.04', payload: `${node.path} is not defined` };
      if (writable && !def.operations.includes('W') && !this.hooks.has('write-read-only')) return { code: '4.05', payload: `${node.path} is not writable` };
      const problem = this.store.typeProblem(node);
      if (problem) return { code: '4.00', payload: problem };
    }
    return undefined;
  }

  private write(req: IncomingRequest, ids: PathIds, mode: 'replace' | 'partial'): ResponseSpec {
    if (ids.length < 2) return { code: '4.05' };
    if (!this.store.exists(ids.slice(0, 2))) return { code: '4.04' };
    if (ids.length >= 3) {
      const def = this.store.resourceDef(ids[0]!, ids[2]!);
      if (!def) return this.hooks.has('write-unknown-resource') ? { code: '2.04' } : { code: '4.04' };
      if (!def.operations.includes('W') && !this.hooks.has('write-read-only')) return { code: '4.05' };
      if (ids.length === 4 && !def.multiple) return { code: '4.04' };
    }
    const nodes = this.decodeBody(req, ids);
    if (!Array.isArray(nodes)) return nodes;
    const problem = this.checkNodes(nodes, ids, true);
    if (problem) return problem;
    const firmware = ids.length === 3 && ids[0] === 5 && (ids[2] === 0 || ids[2] === 1) ? this.hooks.firmwareWrite : undefined;
    if (firmware) return { code: nodes.length === 1 ? firmware(ids[2] as 0 | 1, nodes[0]!.value) : '4.00' };
    if (this.hooks.has('write-ignored')) return { code: '2.04' };
    const [o, i] = ids as [number, number];
    if (ids.length === 3) {
      const r = ids[2]!;
      const def = this.store.resourceDef(o, r)!;
      if (def.multiple) {
        const instances = new Map<number, never>();
        const current = this.store.resource(o, i, r);
        if (this.hooks.has('replace-merges') && current && 'instances' in current) for (const [k, v] of current.instances) instances.set(k, v as never);
        for (const node of nodes) {
          const ri = Number(node.path.split('/')[4]);
          if (Number.isInteger(ri)) instances.set(ri, node.value as never);
        }
        this.store.setInstances(o, i, r, instances);
      } else {
        for (const node of nodes) this.store.setNode(node);
      }
    } else if (ids.length === 2) {
      const given = new Set(nodes.map((n) => Number(n.path.split('/')[3])));
      const replace = mode === 'replace' || this.hooks.has('partial-update-replaces');
      if (replace) {
        // Replace (Core §6.3.3): optional writable resources not in the body are removed.
        for (const r of [...this.store.instance(o, i)!.keys()]) {
          const def = this.store.resourceDef(o, r);
          if (def && def.operations.includes('W') && !def.mandatory && !given.has(r)) this.store.removeResource(o, i, r);
        }
        for (const r of given) {
          if (this.store.resourceDef(o, r)?.multiple) this.store.setInstances(o, i, r, new Map());
        }
      }
      for (const node of nodes) this.store.setNode(node);
    } else {
      for (const node of nodes) this.store.setNode(node);
    }
    this.hooks.written(nodes.map((n) => n.path));
    return { code: '2.04' };
  }

  private execute(req: IncomingRequest, ids: PathIds): ResponseSpec {
    if (!this.store.exists(ids)) return { code: '4.04' };
    const def = this.store.resourceDef(ids[0]!, ids[2]!);
    if (!def || def.operations !== 'E') return this.hooks.has('execute-anything') ? { code: '2.04' } : { code: '4.05' };
    // An Accept on Execute means nothing (no payload comes back); it must not make the request fail.
    if (req.accept !== undefined && this.hooks.has('execute-refuses-accept')) return { code: '4.06' };
    const args = req.payload.toString('utf8');
    if (!parseExecuteArguments(args).ok) return { code: '4.00', payload: 'invalid Execute arguments' };
    return { code: this.hooks.execute(ids, args) };
  }

  private create(req: IncomingRequest, ids: PathIds): ResponseSpec {
    const o = ids[0]!;
    const def = this.store.model.object(o);
    if (!def || !this.store.hasObject(o)) return { code: '4.04' };
    // A single-instance object takes a Create only while it has no instance (Bearer Selection /13 in int-1350).
    const single = !def.multiple && this.store.instanceIds(o).length > 0;
    if (single && !this.hooks.has('create-on-single-instance')) return { code: '4.05', payload: `object ${o} is single-instance` };
    const nodes = this.decodeBody(req, ids);
    if (!Array.isArray(nodes)) return nodes;
    const problem = this.checkNodes(nodes, ids, false);
    if (problem) return problem;
    const named = [...new Set(nodes.map((n) => Number(n.path.split('/')[2])))];
    if (named.length > 1) return { code: '4.00', payload: 'a Create makes one instance' };
    let i = named[0];
    if (i === undefined) {
      i = 0;
      while (this.store.instance(o, i)) i++;
    } else if (this.store.instance(o, i) && !this.hooks.has('create-overwrites-instance')) {
      return { code: '4.00', payload: `/${o}/${i} exists` };
    }
    if (single) return { code: '2.01', locationPath: `/${o}/${i}` };
    if (!def.multiple && i !== 0) return { code: '4.00', payload: `object ${o} is single-instance: its instance is 0` };
    const missing = [...def.resources.values()].filter((r) => r.mandatory && r.operations.includes('W') && !nodes.some((n) => Number(n.path.split('/')[3]) === r.id));
    if (missing.length > 0) return { code: '4.00', payload: `mandatory resources missing: ${missing.map((r) => r.id).join(', ')}` };
    if (this.hooks.has('create-ignored')) return { code: '2.01', locationPath: `/${o}/${i}` };
    this.store.createInstance(o, i, nodes);
    this.hooks.objectsChanged();
    return this.hooks.has('create-without-location') ? { code: '2.01' } : { code: '2.01', locationPath: `/${o}/${i}` };
  }

  private delete(ids: PathIds): ResponseSpec {
    if (ids.length !== 2) return { code: '4.05' };
    const [o, i] = ids as [number, number];
    if (!this.store.instance(o, i)) return { code: '4.04' };
    const def = this.store.model.object(o);
    // The instances of a mandatory single-instance object (Device) and the server accounts stay; an optional one's (Bearer Selection /13/0) may go.
    if ((o === 1 || o === 3 || (!def?.multiple && def?.mandatory !== false)) && !this.hooks.has('delete-any-instance')) return { code: '4.05', payload: `/${o}/${i} cannot be deleted` };
    if (this.hooks.has('delete-ignored') || this.hooks.has('delete-any-instance')) return { code: '2.02' };
    this.store.deleteInstance(o, i);
    this.attributes.forget(ids);
    this.hooks.objectsChanged();
    return { code: '2.02' };
  }

  private fetch(req: IncomingRequest): ResponseSpec {
    const list = decodePathList(req.payload, req.contentFormat);
    if ('error' in list) return { code: req.contentFormat === SENML_JSON || req.contentFormat === SENML_CBOR ? '4.00' : '4.15', payload: list.error };
    const format = this.hooks.has('ignore-accept') ? (req.contentFormat ?? SENML_CBOR) : (req.accept ?? req.contentFormat ?? SENML_CBOR);
    if (format !== SENML_JSON && format !== SENML_CBOR) return { code: '4.06' };
    if (req.observe === 0) return this.hooks.observe(req, list.paths, format, true, []);
    if (list.paths.includes('/') && this.hooks.has('composite-root-refused')) return { code: '4.04' };
    let paths = list.paths;
    const readable = (path: string) => {
      const ids = (parsePath(path) as { ok: true; value: PathIds }).value;
      if (!this.store.exists(ids)) return false;
      if (ids.length < 3) return true;
      const def = this.store.resourceDef(ids[0]!, ids[2]!);
      return def !== undefined && def.operations.includes('R') && def.type !== 'none';
    };
    if (this.hooks.has('composite-all-or-nothing') && !paths.every(readable)) return { code: '4.04' };
    if (this.hooks.has('composite-whole-objects')) paths = [...new Set(paths.map((p) => `/${p.split('/')[1]}`))];
    return this.compositeRepresentation(paths.filter((p) => p === '/' || readable(p)), format);
  }

  private writeComposite(req: IncomingRequest): ResponseSpec {
    if (req.contentFormat !== SENML_JSON && req.contentFormat !== SENML_CBOR) return { code: '4.15' };
    const decoded = contentFormat(req.contentFormat)!.decode(req.payload, { model: this.store.model });
    if (!decoded.ok) return { code: '4.00', payload: decoded.error.reason };
    const nodes = decoded.value;
    for (const node of nodes) {
      const ids = (parsePath(node.path) as { ok: true; value: PathIds }).value;
      if (ids[0] === 0 || ids[0] === 21) return { code: '4.01' };
      if (!this.store.exists(ids.slice(0, 2))) return { code: '4.04', payload: `${node.path} does not exist` };
    }
    // Atomic (Core §6.3.9): everything is checked before anything is written.
    const problem = this.checkNodes(nodes, [], true);
    if (problem) return problem;
    if (this.hooks.has('write-ignored')) return { code: '2.04' };
    for (const node of nodes) this.store.setNode(node);
    this.hooks.written(nodes.map((n) => n.path));
    return { code: '2.04' };
  }
}
