// The operations a person or a harness asks the reference server to perform on a registered
// client (read, write, execute, create, delete, discover, write-attributes, observe and its
// cancellation), shared by the HTTP management API and the console. The server's fault switches
// that concern what it sends apply here, whichever front end asked.
import type { ReferenceServer, ServerObservation } from './reference-server.ts';
import type { Outcome } from '../outcome.ts';
import type { ServerFault } from './faults.ts';

export const operationNames = ['read', 'write', 'execute', 'create', 'delete', 'discover', 'write-attributes', 'observe', 'cancel-observe'] as const;
export type OperationName = (typeof operationNames)[number];

export interface OperationRequest {
  path?: string;
  /** Write: a text/plain value (contentFormat absent or 0). */
  value?: string;
  accept?: number;
  /** Write and Create: the body's content format. */
  contentFormat?: number;
  /** Write (with a contentFormat other than 0) and Create: the body. */
  payload?: Buffer;
  /** Execute: the arguments, as text. */
  args?: string;
  /** Write-Attributes: e.g. 'pmin=10&pmax=60'. */
  attributes?: string;
  depth?: number;
  /** Cancel-observe: the observation by id; else the latest on `path` of the endpoint; else the latest of all. */
  id?: number;
  mode?: 'rst' | 'observe-1';
}

export type OperationResult =
  | { kind: 'outcome'; outcome: Outcome; observation?: { id: number; established: boolean } }
  /** Cancelled without a request to answer (mode 'rst'). */
  | { kind: 'cancelled'; id: number }
  | { kind: 'refused'; reason: string };

/** A response body as people read it: the text when it is printable, else hex. */
export function payloadView(payload: Buffer): { text?: string; hex: string } {
  const text = payload.toString('utf8');
  return /^[\t\n\r\x20-\x7e]*$/.test(text) ? { text, hex: payload.toString('hex') } : { hex: payload.toString('hex') };
}

interface HeldObservation {
  observation: ServerObservation;
  endpoint: string;
  path: string;
}

export class ServerOperations {
  private readonly observations = new Map<number, HeldObservation>();

  constructor(
    readonly server: ReferenceServer,
    private readonly faults: ReadonlySet<ServerFault> = new Set(),
  ) {}

  async run(endpoint: string, operation: string, b: OperationRequest): Promise<OperationResult> {
    const path = b.path ?? '/';
    const s = this.server;
    const fault = (name: ServerFault) => this.faults.has(name);
    const outcome = async (pending: Promise<Outcome>): Promise<OperationResult> => ({ kind: 'outcome', outcome: await pending });
    const body = b.payload ?? Buffer.alloc(0);
    switch (operation) {
      case 'read':
        return outcome(s.read(endpoint, path, fault('read-accepts-json') ? 11543 : b.accept));
      case 'write':
        if (fault('write-without-content-format')) return outcome(s.request(endpoint, { method: 'PUT', path, payload: b.value ?? '' }));
        return outcome(b.contentFormat === undefined || b.contentFormat === 0 ? s.write(endpoint, path, b.value ?? '') : s.writeBody(endpoint, path, body, b.contentFormat));
      case 'execute':
        // A TLV "resource 0 = 1" body where text arguments (or none) belong.
        if (fault('execute-with-tlv-body')) return outcome(s.request(endpoint, { method: 'POST', path, payload: Buffer.from('c10001', 'hex'), contentFormat: 11542 }));
        return outcome(s.execute(endpoint, path, b.args));
      case 'create':
        if (fault('create-without-content-format')) return outcome(s.request(endpoint, { method: 'POST', path, payload: body }));
        return outcome(s.create(endpoint, path, body, b.contentFormat ?? 11542));
      case 'delete':
        return outcome(s.delete(endpoint, fault('delete-whole-object') ? path.replace(/^(\/\d+)\/.*$/, '$1') : path));
      case 'discover':
        if (fault('discover-without-link-format-accept')) return outcome(s.read(endpoint, path));
        return outcome(s.discover(endpoint, path, b.depth));
      case 'write-attributes':
        return outcome(s.writeAttributes(endpoint, path, b.attributes ?? ''));
      case 'observe': {
        if (fault('observe-without-observe-option')) return outcome(s.read(endpoint, path, b.accept));
        const observation = await s.observe(endpoint, path, b.accept !== undefined ? { accept: b.accept } : {});
        this.observations.set(observation.id, { observation, endpoint, path });
        return { kind: 'outcome', outcome: observation.first, observation: { id: observation.id, established: observation.established } };
      }
      case 'cancel-observe': {
        const held = this.heldFor(endpoint, b.id, b.path);
        if (!held) return { kind: 'refused', reason: 'no such observation' };
        const { observation } = held;
        this.observations.delete(observation.id);
        if (fault('cancel-observe-new-token')) return outcome(s.request(endpoint, { method: 'GET', path: held.path, observe: 1 }));
        const answer = await observation.cancel(b.mode ?? 'observe-1');
        return answer ? { kind: 'outcome', outcome: answer } : { kind: 'cancelled', id: observation.id };
      }
      default:
        return { kind: 'refused', reason: `unknown operation "${operation}"` };
    }
  }

  private heldFor(endpoint: string, id: number | undefined, path: string | undefined): HeldObservation | undefined {
    if (id !== undefined) return this.observations.get(id);
    const held = [...this.observations.values()];
    return path === undefined ? held.at(-1) : held.filter((h) => h.endpoint === endpoint && h.path === path).at(-1);
  }
}
