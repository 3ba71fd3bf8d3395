// Block-wise transfer (RFC 7959) building blocks: server-side Block1 reassembly with bounded
// size and lifetime, and slicing a representation into Block2 blocks.
import { ExpiringMap } from './dedup.ts';
import { sizeOfSzx } from './options.ts';
import type { BlockOption } from './options.ts';

export type Block1Outcome =
  /** Answer 2.31 Continue echoing this Block1 value. */
  | { kind: 'continue'; block: { num: number; more: true; szx: number } }
  /** Last block received: the handler gets the whole body; the response echoes this Block1. */
  | { kind: 'complete'; payload: Buffer; block: { num: number; more: false; szx: number } }
  /** A block arrived out of order or without its predecessors: 4.08. */
  | { kind: 'incomplete'; detail: string }
  /** The body would exceed the limit: 4.13 with Size1. */
  | { kind: 'too-large'; maxBytes: number }
  /** A block with M=1 whose payload is not the block size: 4.00. */
  | { kind: 'bad'; detail: string };

interface Assembly {
  chunks: Buffer[];
  length: number;
}

export class Block1Assembler {
  private readonly transfers: ExpiringMap<Assembly>;

  constructor(
    private readonly maxBodyBytes: number,
    /** Largest SZX this side accepts; a client sending bigger blocks is told to shrink in 2.31. */
    private readonly preferredSzx: number,
    private readonly lifetimeMs: number,
    maxTransfers = 256,
  ) {
    this.transfers = new ExpiringMap<Assembly>(maxTransfers);
  }

  /** `key` identifies the transfer: peer and request URI (RFC 7959 §2.5 does not require the same token). */
  accept(key: string, block: BlockOption, payload: Buffer, size1?: number): Block1Outcome {
    if (size1 !== undefined && size1 > this.maxBodyBytes) {
      this.transfers.delete(key);
      return { kind: 'too-large', maxBytes: this.maxBodyBytes };
    }
    if (block.more && payload.length !== block.size) {
      return { kind: 'bad', detail: `block ${block.num} has M=1 but ${payload.length} bytes instead of ${block.size}` };
    }
    const offset = block.num * block.size;
    let assembly = block.num === 0 ? undefined : this.transfers.get(key);
    if (block.num === 0) {
      assembly = { chunks: [], length: 0 }; // a new block 0 restarts the transfer
    }
    if (!assembly) return { kind: 'incomplete', detail: `block ${block.num} without a transfer in progress` };
    if (offset > assembly.length) {
      return { kind: 'incomplete', detail: `block ${block.num} at offset ${offset}, expected offset ${assembly.length}` };
    }
    if (offset < assembly.length) {
      if (block.more && offset + payload.length <= assembly.length) {
        // A repeated block already received: idempotent, acknowledge it again.
        return { kind: 'continue', block: { num: block.num, more: true, szx: Math.min(block.szx, this.preferredSzx) } };
      }
      const whole = Buffer.concat(assembly.chunks).subarray(0, offset);
      assembly = { chunks: [whole], length: whole.length };
    }
    if (assembly.length + payload.length > this.maxBodyBytes) {
      this.transfers.delete(key);
      return { kind: 'too-large', maxBytes: this.maxBodyBytes };
    }
    assembly.chunks.push(Buffer.from(payload));
    assembly.length += payload.length;
    if (block.more) {
      this.transfers.set(key, assembly, this.lifetimeMs);
      return { kind: 'continue', block: { num: block.num, more: true, szx: Math.min(block.szx, this.preferredSzx) } };
    }
    this.transfers.delete(key);
    return { kind: 'complete', payload: Buffer.concat(assembly.chunks), block: { num: block.num, more: false, szx: block.szx } };
  }

  clear(): void {
    this.transfers.clear();
  }
}

/** Block `num` of a representation at SZX `szx`; undefined when it starts beyond the end. */
export function sliceBlock(payload: Buffer, num: number, szx: number): { chunk: Buffer; more: boolean } | undefined {
  const size = sizeOfSzx(szx);
  const start = num * size;
  if (start >= payload.length && !(start === 0 && payload.length === 0)) return undefined;
  const chunk = payload.subarray(start, start + size);
  return { chunk, more: start + size < payload.length };
}
