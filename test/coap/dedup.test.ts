// Deduplication: a repeated CON is answered with the first reply and not handled again, until
// EXCHANGE_LIFETIME passes and its Message ID is forgotten; the bounded map behind it expires
// entries of mixed lifetimes and drops the soonest-expiring at its cap.
import { describe, expect, it } from 'vitest';
import { ExpiringMap } from '../../harness/coap/dedup.ts';
import { encodeMessage } from '../../harness/coap/message.ts';
import { OptionNumber } from '../../harness/coap/options.ts';
import { TraceRecorder } from '../../harness/coap/trace.ts';
import { bindEndpoint, waitUntil } from './helpers.ts';

describe('deduplication', () => {
  it('drops duplicates and forgets them after EXCHANGE_LIFETIME', async () => {
    const trace = new TraceRecorder();
    const server = await bindEndpoint({ trace, name: 'server', params: { exchangeLifetimeMs: 400 } });
    const raw = await bindEndpoint({ trace, name: 'raw' });
    let handled = 0;
    server.onRequest(() => ({ code: '2.05', payload: `n=${++handled}` }));
    const con = encodeMessage({ type: 'CON', code: '0.01', messageId: 4242, token: Buffer.from([9]), options: [{ number: OptionNumber.UriPath, value: Buffer.from('x') }], payload: Buffer.alloc(0) });
    const replies = () => trace.all().filter((d) => d.endpoint === 'server' && d.direction === 'out' && d.message?.messageId === 4242);

    await raw.sendRaw(server.local, con);
    await waitUntil(() => replies().length === 1, 2000, 'first reply');
    await raw.sendRaw(server.local, con);
    await waitUntil(() => replies().length === 2, 2000, 'repeated reply');
    expect(handled).toBe(1);
    expect(replies()[1]!.bytes).toEqual(replies()[0]!.bytes);

    await new Promise((done) => setTimeout(done, 500));
    await raw.sendRaw(server.local, con);
    await waitUntil(() => replies().length === 3, 2000, 'reply after the lifetime');
    expect(handled).toBe(2);
    expect(replies()[2]!.message?.payload.toString()).toBe('n=2');
  });
});

describe('ExpiringMap', () => {
  it('expires entries of mixed lifetimes and drops the soonest-expiring at its cap', () => {
    let now = 0;
    const map = new ExpiringMap<number>(3, () => now);
    map.set('long', 1, 1000);
    map.set('short', 2, 100);
    map.set('mid', 3, 500);
    expect(map.size).toBe(3);
    map.set('new', 4, 1000); // at the cap: 'short' expires first, so it goes
    expect(map.has('short')).toBe(false);
    expect([map.get('long'), map.get('mid'), map.get('new')]).toEqual([1, 3, 4]);
    now = 600;
    map.set('later', 5, 100); // 'mid' expired and is dropped on the way
    expect(map.has('mid')).toBe(false);
    expect(map.size).toBe(3);
    map.set('long', 6, 100); // set again: the new lifetime counts
    now = 750;
    expect(map.get('long')).toBeUndefined();
    expect(map.get('new')).toBe(4);
    map.delete('new');
    expect(map.size).toBe(1);
  });

  it('stays bounded under many inserts with a short cap', () => {
    let now = 0;
    const map = new ExpiringMap<number>(10, () => now);
    for (let i = 0; i < 100_000; i++) {
      now = i;
      map.set(String(i), i, 50 + (i % 3) * 10);
    }
    expect(map.size).toBe(10);
    expect(map.get('99999')).toBe(99999);
  });
});
