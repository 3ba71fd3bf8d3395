// The simulated device's data: object instances and resource values, typed by the object model
// (coreModel()). Reads produce LwM2mNode lists for the codecs; writes are checked against the
// definitions; every change is announced so observations can react.
import type { LwM2mNode } from '../../lwm2m/node.ts';
import type { ObjectModel, ResourceDef } from '../../lwm2m/model/index.ts';
import { checkValue, type LwM2mValue } from '../../lwm2m/value.ts';
import { formatPath, type PathIds } from '../../lwm2m/path.ts';

/** A resource's value: one value, or resource instances by id. */
export type ResourceValue = { single: LwM2mValue } | { instances: Map<number, LwM2mValue> };

export type Instance = Map<number, ResourceValue>;

export class ObjectStore {
  private readonly objects = new Map<number, Map<number, Instance>>();
  private readonly listeners = new Set<(paths: string[]) => void>();

  constructor(readonly model: ObjectModel) {}

  /** Called with the paths of resources whose value changed (or whose instance came or went). */
  onChange(listener: (paths: string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(paths: string[]): void {
    for (const listener of [...this.listeners]) listener(paths);
  }

  resourceDef(o: number, r: number): ResourceDef | undefined {
    return this.model.resource(o, r);
  }

  objectIds(): number[] {
    return [...this.objects.keys()].sort((a, b) => a - b);
  }

  instanceIds(o: number): number[] {
    return [...(this.objects.get(o)?.keys() ?? [])].sort((a, b) => a - b);
  }

  hasObject(o: number): boolean {
    return this.objects.has(o);
  }

  instance(o: number, i: number): Instance | undefined {
    return this.objects.get(o)?.get(i);
  }

  resource(o: number, i: number, r: number): ResourceValue | undefined {
    return this.instance(o, i)?.get(r);
  }

  /** Whether the path names something the device has. */
  exists(ids: PathIds): boolean {
    const [o, i, r, ri] = ids;
    if (o === undefined) return true;
    if (!this.objects.has(o)) return false;
    if (i === undefined) return true;
    const inst = this.instance(o, i);
    if (!inst) return false;
    if (r === undefined) return true;
    const res = inst.get(r);
    if (!res) return false;
    if (ri === undefined) return true;
    return 'instances' in res && res.instances.has(ri);
  }

  /** A single value (single resource, or one resource instance). */
  value(o: number, i: number, r: number, ri?: number): LwM2mValue | undefined {
    const res = this.resource(o, i, r);
    if (!res) return undefined;
    if ('single' in res) return ri === undefined ? res.single : undefined;
    return ri === undefined ? undefined : res.instances.get(ri);
  }

  addObject(o: number): void {
    if (!this.objects.has(o)) this.objects.set(o, new Map());
  }

  /** Adds an instance with its values; resources given as value or {riid: value}. */
  putInstance(o: number, i: number, values: Record<number, LwM2mValue | Record<number, LwM2mValue>>): void {
    this.addObject(o);
    const inst: Instance = new Map();
    for (const [key, v] of Object.entries(values)) {
      const r = Number(key);
      const def = this.resourceDef(o, r);
      if (def?.multiple) {
        inst.set(r, { instances: new Map(Object.entries(v as Record<number, LwM2mValue>).map(([k, x]) => [Number(k), x])) });
      } else {
        inst.set(r, { single: v as LwM2mValue });
      }
    }
    const existed = this.objects.get(o)!.has(i);
    this.objects.get(o)!.set(i, inst);
    if (existed) this.changed([`/${o}/${i}`]);
  }

  /** Adds an instance built from decoded nodes (Create); the caller checked the paths. */
  createInstance(o: number, i: number, nodes: readonly LwM2mNode[]): void {
    this.addObject(o);
    this.objects.get(o)!.set(i, new Map());
    for (const node of nodes) this.setNode(node, false);
    this.changed([`/${o}/${i}`]);
  }

  deleteInstance(o: number, i: number): boolean {
    const deleted = this.objects.get(o)?.delete(i) ?? false;
    if (deleted) this.changed([`/${o}/${i}`]);
    return deleted;
  }

  /** Sets one value; announces the change when the value differs. */
  set(o: number, i: number, r: number, value: LwM2mValue, ri?: number): void {
    const inst = this.instance(o, i);
    if (!inst) return;
    const before = ri === undefined ? this.value(o, i, r) : this.value(o, i, r, ri);
    if (ri === undefined) inst.set(r, { single: value });
    else {
      const res = inst.get(r);
      if (res && 'instances' in res) res.instances.set(ri, value);
      else inst.set(r, { instances: new Map([[ri, value]]) });
    }
    if (!sameValue(before, value)) this.changed([ri === undefined ? `/${o}/${i}/${r}` : `/${o}/${i}/${r}/${ri}`]);
  }

  /** Replaces a multi-instance resource's instances. */
  setInstances(o: number, i: number, r: number, instances: Map<number, LwM2mValue>): void {
    const inst = this.instance(o, i);
    if (!inst) return;
    inst.set(r, { instances });
    this.changed([`/${o}/${i}/${r}`]);
  }

  removeResource(o: number, i: number, r: number): void {
    if (this.instance(o, i)?.delete(r)) this.changed([`/${o}/${i}/${r}`]);
  }

  /** Writes a decoded node (resource or resource-instance path). */
  setNode(node: LwM2mNode, announce = true): void {
    const ids = node.path.split('/').filter(Boolean).map(Number);
    const [o, i, r, ri] = ids as [number, number, number, number | undefined];
    const inst = this.instance(o, i);
    if (!inst) return;
    if (node.type === 'multiple') {
      inst.set(r, { instances: new Map() });
      return;
    }
    const value = node.value as LwM2mValue;
    if (ri === undefined) {
      if (announce) this.set(o, i, r, value);
      else inst.set(r, { single: value });
      return;
    }
    const res = inst.get(r);
    if (res && 'instances' in res) {
      if (announce) this.set(o, i, r, value, ri);
      else res.instances.set(ri, value);
    } else inst.set(r, { instances: new Map([[ri, value]]) });
  }

  /**
   * The readable values under a path, as nodes (executables and write-only resources left out);
   * undefined when the path does not exist.
   */
  read(ids: PathIds, keep: (def: ResourceDef) => boolean = () => true): LwM2mNode[] | undefined {
    if (!this.exists(ids)) return undefined;
    const [o, i, r, ri] = ids;
    const out: LwM2mNode[] = [];
    const objects = o === undefined ? this.objectIds() : [o];
    for (const oid of objects) {
      const instances = i === undefined ? this.instanceIds(oid) : [i];
      for (const iid of instances) {
        const inst = this.instance(oid, iid)!;
        const resources = r === undefined ? [...inst.keys()].sort((a, b) => a - b) : [r];
        for (const rid of resources) {
          const def = this.resourceDef(oid, rid);
          if (!def || !def.operations.includes('R') || def.type === 'none') continue;
          if (r === undefined && !keep(def)) continue;
          const res = inst.get(rid)!;
          if ('single' in res) {
            out.push({ path: `/${oid}/${iid}/${rid}`, type: def.type, value: res.single });
            continue;
          }
          const ris = ri === undefined ? [...res.instances.keys()].sort((a, b) => a - b) : [ri];
          for (const riid of ris) out.push({ path: `/${oid}/${iid}/${rid}/${riid}`, type: def.type, value: res.instances.get(riid)! });
        }
      }
    }
    return out;
  }

  /** Checks that a decoded value fits its resource's type; a reason when it does not. */
  typeProblem(node: LwM2mNode): string | undefined {
    const ids = node.path.split('/').filter(Boolean).map(Number);
    const def = ids.length >= 3 ? this.resourceDef(ids[0]!, ids[2]!) : undefined;
    if (!def) return `${node.path} is not a defined resource`;
    if (node.type === 'multiple') return def.multiple ? undefined : `${node.path} is a single resource`;
    if (ids.length === 4 && !def.multiple) return `${node.path}: ${formatPath(ids.slice(0, 3))} is a single resource`;
    return checkValue(def.type, node.value as LwM2mValue);
  }
}

function sameValue(a: LwM2mValue | undefined, b: LwM2mValue | undefined): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.from(a).equals(Buffer.from(b));
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}
