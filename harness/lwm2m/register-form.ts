// What a client's Register says about it, besides its name: LwM2M version, binding, the object
// instances it lists, the content formats on its root link, lifetime and queue mode. The
// simulated clients register in one such form; a profile's `clients` section chooses it.

export interface RegisterForm {
  /** The `lwm2m=` version. */
  readonly lwm2mVersion: string;
  /** The `b=` binding. */
  readonly binding: string;
  /** Object instances listed after the root link, e.g. `</1/0>,</3/0>`. */
  readonly objects: string;
  /** The root link's `ct`: the content formats the client reads and writes. */
  readonly rootContentFormats: readonly number[];
  /** The `lt=` lifetime, seconds. */
  readonly lifetime: number;
  /** Whether it asks for queue mode. */
  readonly queueMode: boolean;
}

/** The ETS C.1 form: a minimal conformant client with TLV, registering /1/0 and /3/0. */
export const c1RegisterForm: RegisterForm = { lwm2mVersion: '1.1', binding: 'U', objects: '</1/0>,</3/0>', rootContentFormats: [11542], lifetime: 86400, queueMode: false };

/** The root link's ct value: one format as a number, several as a quoted space-separated list (Core 1.2 §6.2.1). */
export function rootCt(formats: readonly number[]): string {
  return formats.length === 1 ? String(formats[0]) : `"${formats.join(' ')}"`;
}

/** The Register payload of a form: the root link with its ct, then the object instances. */
export function objectListOf(form: RegisterForm): string {
  return `</>;rt="oma.lwm2m";ct=${rootCt(form.rootContentFormats)},${form.objects}`;
}
