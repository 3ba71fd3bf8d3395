// Notification attributes the device holds, per LwM2M server and per level (object, instance,
// resource, resource instance), and the attributes in force for an observed path: its own level
// and the levels above, the lower level winning (Core §5.1.2; OMA #478: levels below do not count).
import type { QueryAttribute } from '../../lwm2m/attributes.ts';
import { formatPath, type PathIds } from '../../lwm2m/path.ts';

export type Attributes = ReadonlyMap<string, string>;

/** The notification attributes in the order Discover shows them. */
export const attributeOrder = ['pmin', 'pmax', 'gt', 'lt', 'st', 'epmin', 'epmax', 'edge', 'con', 'hqmax'];

export class AttributeStore {
  private readonly levels = new Map<string, Map<string, string>>();

  private key(ssid: number, path: string): string {
    return `${ssid}|${path}`;
  }

  /** Attributes set at exactly this level. */
  at(ssid: number, ids: PathIds): Attributes {
    return this.levels.get(this.key(ssid, formatPath(ids))) ?? new Map();
  }

  /** Attributes set at exactly this level by any server, the latest write winning (the 'discover-shares-attributes' fault). */
  atAnyServer(ids: PathIds): Attributes {
    const path = formatPath(ids);
    const out = new Map<string, string>();
    for (const [key, level] of this.levels) if (key.slice(key.indexOf('|') + 1) === path) for (const [name, value] of level) out.set(name, value);
    return out;
  }

  /** Applies a Write-Attributes: values set, valueless names unset. */
  apply(ssid: number, ids: PathIds, attributes: readonly QueryAttribute[]): void {
    const key = this.key(ssid, formatPath(ids));
    const level = new Map(this.levels.get(key) ?? []);
    for (const a of attributes) {
      if (a.value === undefined) level.delete(a.name);
      else level.set(a.name, a.value);
    }
    this.levels.set(key, level);
  }

  /** What the level would hold after a Write-Attributes (for the consistency check before it applies). */
  preview(ssid: number, ids: PathIds, attributes: readonly QueryAttribute[]): QueryAttribute[] {
    const level = new Map(this.at(ssid, ids));
    for (const a of attributes) {
      if (a.value === undefined) level.delete(a.name);
      else level.set(a.name, a.value);
    }
    return [...level].map(([name, value]) => ({ name, value }));
  }

  /** Attributes in force at a path: object, then instance, resource, resource instance. */
  effective(ssid: number, ids: PathIds): Map<string, string> {
    const out = new Map<string, string>();
    for (let depth = 1; depth <= ids.length; depth++) {
      for (const [name, value] of this.at(ssid, ids.slice(0, depth))) out.set(name, value);
    }
    return out;
  }

  /** Forgets the attributes at and below a path (its instance was deleted). */
  forget(ids: PathIds): void {
    const prefix = formatPath(ids);
    for (const key of [...this.levels.keys()]) {
      const path = key.slice(key.indexOf('|') + 1);
      if (path === prefix || path.startsWith(`${prefix}/`)) this.levels.delete(key);
    }
  }

  clear(): void {
    this.levels.clear();
  }
}

/** Attributes as link-format parameters, in Discover order. */
export function attributeParams(attributes: Attributes): string[] {
  return attributeOrder.filter((name) => attributes.has(name)).map((name) => `${name}=${attributes.get(name)}`);
}
