// The reference server's console (`serve --console`): commands read line by line, results
// printed one line each, the way a console-driven server is driven through stdin drivers with
// `expect`. Clients are numbered in registration order, one stable number per endpoint.
// Commands run as they arrive, so a request held for a sleeping queue-mode client does not
// hold up the next command; each result line names its command, client and path.
import { encodeLinkFormat } from '../../lwm2m/formats/link-format.ts';
import { contentFormat, isTextFormat } from '../../lwm2m/formats/index.ts';
import type { Outcome } from '../outcome.ts';
import type { ReferenceServer, ServerEvent } from './reference-server.ts';
import type { Registration } from './registrations.ts';
import { payloadView, type OperationName, type OperationRequest, type OperationResult, type ServerOperations } from './operations.ts';

export const consoleUsage = `console commands (N: a client's number, as list and "registered client N" show it):
  list                          one line per registration: client N: ENDPOINT objects=LINKS
  show N                        the registration record
  read N PATH [FORMAT]          FORMAT: a content-format name or number to ask for (Accept)
  write N PATH VALUE            a text/plain value
  execute N PATH [ARGS]
  discover N PATH [DEPTH]
  observe N PATH [FORMAT]       notifications print as: notify N PATH observation=ID => CODE …
  cancel-observe N PATH [rst]   Observe=1 with the observation's token (rst: RST the next notification)
  create N PATH FORMAT PAYLOAD  PAYLOAD as text for text formats (text, senml-json, oma-json), else hex
  delete N PATH
  write-attributes N PATH QUERY e.g. pmin=10&pmax=60
  help, quit
results: COMMAND N PATH => CODE [ct=FORMAT] [observation=ID] [text=PAYLOAD | hex=PAYLOAD], or => error: WHY`;

/** A response or notification: code, content format, then the payload (last: text may hold spaces; hex unless one printable line). */
function answerText(code: string, contentFormat: number | undefined, payload: Buffer | undefined, extra = ''): string {
  const view = payload && payload.length > 0 ? payloadView(payload) : undefined;
  const body = !view ? '' : view.text !== undefined && !/[\r\n]/.test(view.text) ? ` text=${view.text}` : ` hex=${view.hex}`;
  return `${code}${contentFormat !== undefined ? ` ct=${contentFormat}` : ''}${extra}${body}`;
}

function outcomeText(outcome: Outcome, extra = ''): string {
  if (!outcome.response) return `error: ${outcome.error}`;
  return answerText(outcome.response.code, outcome.response.contentFormat, outcome.response.payload, extra);
}

function resultText(result: OperationResult): string {
  if (result.kind === 'refused') return `error: ${result.reason}`;
  if (result.kind === 'cancelled') return `cancelled observation=${result.id}`;
  return outcomeText(result.outcome, result.observation ? ` observation=${result.observation.id}${result.observation.established ? '' : ' not-established'}` : '');
}

/** A content format named on the console, as its number. */
function formatNumber(name: string): number {
  const codec = contentFormat(name);
  if (!codec) throw new Error(`unknown format "${name}"`);
  return codec.number;
}

/** Builds an operation's request from the words after `N PATH` (`rest`: the rest of the line, spaces kept). */
const requestOf: Record<OperationName, { usage: string; build(path: string, words: string[], rest: string): OperationRequest }> = {
  read: { usage: 'read N PATH [FORMAT]', build: (path, [format]) => ({ path, ...(format ? { accept: formatNumber(format) } : {}) }) },
  write: { usage: 'write N PATH VALUE', build: (path, _, rest) => ({ path, value: rest }) },
  execute: { usage: 'execute N PATH [ARGS]', build: (path, _, rest) => ({ path, ...(rest ? { args: rest } : {}) }) },
  discover: { usage: 'discover N PATH [DEPTH]', build: (path, [depth]) => ({ path, ...(depth ? { depth: Number(depth) } : {}) }) },
  observe: { usage: 'observe N PATH [FORMAT]', build: (path, [format]) => ({ path, ...(format ? { accept: formatNumber(format) } : {}) }) },
  'cancel-observe': { usage: 'cancel-observe N PATH [rst]', build: (path, [mode]) => ({ path, mode: mode === 'rst' ? 'rst' : 'observe-1' }) },
  create: {
    usage: 'create N PATH FORMAT PAYLOAD',
    build: (path, [format], rest) => {
      if (!format) throw new Error('give the payload\'s FORMAT');
      const number = formatNumber(format);
      const payload = rest.slice(format.length).trim();
      if (!isTextFormat(number) && !/^([0-9a-fA-F]{2})*$/.test(payload)) throw new Error(`a ${format} payload is given in hex`);
      return { path, contentFormat: number, payload: isTextFormat(number) ? Buffer.from(payload) : Buffer.from(payload, 'hex') };
    },
  },
  delete: { usage: 'delete N PATH', build: (path) => ({ path }) },
  'write-attributes': { usage: 'write-attributes N PATH QUERY', build: (path, _, rest) => ({ path, attributes: rest }) },
};

export class ServerConsole {
  private readonly numbers = new Map<string, number>();

  constructor(
    private readonly operations: ServerOperations,
    private readonly print: (line: string) => void,
    private readonly quit: () => void = () => undefined,
  ) {
    operations.server.events.onAppend((e) => this.announce(e));
  }

  private get server(): ReferenceServer {
    return this.operations.server;
  }

  /** The client's number; an endpoint keeps the number of its first registration. */
  numberOf(endpoint: string): number {
    let n = this.numbers.get(endpoint);
    if (n === undefined) this.numbers.set(endpoint, (n = this.numbers.size + 1));
    return n;
  }

  private endpointOf(n: string | undefined): string {
    const found = [...this.numbers].find(([, number]) => String(number) === n);
    if (!found) throw new Error(n === undefined ? 'give a client number' : `no client ${n}`);
    return found[0];
  }

  private announce(e: ServerEvent): void {
    if (!e.endpoint) return;
    if (e.kind === 'register' && e.responseCode === '2.01') this.print(`registered client ${this.numberOf(e.endpoint)}: ${e.endpoint}`);
    else if ((e.kind === 'deregister' && e.responseCode === '2.02') || e.kind === 'expired') this.print(`${e.kind === 'expired' ? 'expired' : 'deregistered'} client ${this.numberOf(e.endpoint)}: ${e.endpoint}`);
    else if (e.kind === 'notify') this.print(`notify ${this.numberOf(e.endpoint)} ${e.path ?? ''} observation=${e.observation ?? ''} => ${answerText(e.code ?? '', e.contentFormat, e.payload)}`);
  }

  private record(r: Registration, full: boolean): string {
    const objects = `objects=${encodeLinkFormat(r.links)}`;
    if (!full) return `client ${this.numberOf(r.endpoint)}: ${r.endpoint} ${objects}`;
    return `client ${this.numberOf(r.endpoint)}: ${r.endpoint} location=${r.location} lwm2m=${r.version} binding=${r.binding} lifetime=${r.lifetimeS} queue=${r.queueMode ? 'yes' : 'no'} ${objects}`;
  }

  /** Runs one command line; its result lines are printed when it completes. */
  async execute(line: string): Promise<void> {
    const text = line.trim();
    if (!text) return;
    const [command = '', n, path, ...words] = text.split(/\s+/);
    try {
      switch (command) {
        case 'help':
          return this.print(consoleUsage);
        case 'quit':
          return this.quit();
        case 'list': {
          const all = this.server.registrations.all();
          for (const r of all) this.print(this.record(r, false));
          return this.print(`list => ${all.length} client${all.length === 1 ? '' : 's'}`);
        }
        case 'show': {
          const endpoint = this.endpointOf(n);
          const r = this.server.registrationOf(endpoint);
          return this.print(`show ${n} => ${r ? this.record(r, true) : `error: client ${n} (${endpoint}) is not registered`}`);
        }
      }
      const operation = requestOf[command as OperationName];
      if (!operation) throw new Error(`unknown command "${command}"; try help`);
      const endpoint = this.endpointOf(n);
      if (!path?.startsWith('/')) throw new Error(`usage: ${operation.usage}`);
      // What follows the path, spaces kept (a written value, Execute arguments, a payload).
      const rest = text.replace(/^\S+\s+\S+\s+\S+\s?/, '');
      const request = operation.build(path, words, rest);
      this.print(`${command} ${n} ${path} => ${resultText(await this.operations.run(endpoint, command, request))}`);
    } catch (error) {
      this.print(`${[command, n, path].filter(Boolean).join(' ')} => error: ${(error as Error).message}`);
    }
  }
}
