// Values that change by themselves on the simulated device: power source voltage and current
// (/3/0/7, /3/0/8), battery level (/3/0/9) and temperature (/3303/0/5700). Changes are driven
// deterministically: a fixed step every `--vary-every` seconds, or one `set PATH VALUE` command.
import { contentFormat } from '../../lwm2m/formats/index.ts';
import { parsePath } from '../../lwm2m/path.ts';
import type { LwM2mValue } from '../../lwm2m/value.ts';
import type { ObjectStore } from './object-store.ts';

/** The values each step alternates between. */
const swings: readonly { path: [number, number, number, number?]; values: [LwM2mValue, LwM2mValue] }[] = [
  { path: [3, 0, 7, 0], values: [3800, 3900] },
  { path: [3, 0, 8, 0], values: [125, 140] },
  { path: [3, 0, 9], values: [95, 94] },
  { path: [3303, 0, 5700], values: [21.5, 22.5] },
];

export class Sensors {
  private timer: NodeJS.Timeout | undefined;
  private step = 0;

  constructor(private readonly store: () => ObjectStore) {}

  /** Moves every varying value one step. */
  tick(): void {
    this.step++;
    for (const swing of swings) {
      const [o, i, r, ri] = swing.path;
      this.store().set(o, i, r, swing.values[this.step % 2]!, ri);
    }
  }

  every(periodS: number): void {
    this.stop();
    this.timer = setInterval(() => this.tick(), periodS * 1000);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** `set PATH VALUE`: a value written as the device itself would (text form of its type). */
  set(path: string, text: string): string | undefined {
    return setFromText(this.store(), path, text);
  }
}

/** Sets one value from its text form, as the device itself would; returns what is wrong, if anything. */
export function setFromText(store: ObjectStore, path: string, text: string): string | undefined {
  const ids = parsePath(path, { allowRelative: false });
  if (!ids.ok || ids.value.length < 3) return `"${path}" is not a resource path`;
  const [o, i, r, ri] = ids.value as [number, number, number, number?];
  const def = store.resourceDef(o, r);
  if (!def || !store.instance(o, i)) return `${path} does not exist`;
  const decoded = contentFormat('text')!.decode(Buffer.from(text), { path, model: store.model, type: def.type });
  if (!decoded.ok || decoded.value.length !== 1) return `"${text}" is not a ${def.type}`;
  store.set(o, i, r, decoded.value[0]!.value as LwM2mValue, ri);
  return undefined;
}
