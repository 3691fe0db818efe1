import { describe, expect, it } from 'vitest';
import { Gate } from '../../electron/gate';

/** Lets every pending callback run (the gate wakes waiters through promises). */
const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** A promise and its resolve, to hold a call in flight as long as a test wants. */
function held() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

describe('a call running part of itself alone (the Excel import write)', () => {
  it('waits for calls in flight, holds new ones until it ends, and lets pass-through asks by', async () => {
    const gate = new Gate();
    const log: string[] = [];
    const other = held();
    const inFlight = gate.shared(async () => {
      await other.promise;
      log.push('in flight done');
    });
    const write = held();
    const importing = gate.shared(() =>
      gate.alone(async () => {
        log.push('alone start');
        await write.promise;
        log.push('alone end');
      }),
    );
    await settle();
    expect(log).toEqual([]);
    other.release();
    await settle();
    expect(log).toEqual(['in flight done', 'alone start']);
    const later = gate.shared(() => log.push('later call'));
    const ask = gate.shared(() => log.push('progress ask'), { passThrough: true });
    await settle();
    expect(log).toEqual(['in flight done', 'alone start', 'progress ask']);
    write.release();
    await Promise.all([inFlight, importing, later, ask]);
    expect(log).toEqual(['in flight done', 'alone start', 'progress ask', 'alone end', 'later call']);
  });

  it('two calls asking at once run their parts one after the other, never both waiting for ever', async () => {
    const gate = new Gate();
    const log: string[] = [];
    const part = (name: string) =>
      gate.shared(async () => {
        await settle();
        await gate.alone(async () => {
          log.push(`${name} start`);
          await settle();
          log.push(`${name} end`);
        });
      });
    await Promise.all([part('a'), part('b')]);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end']);
  });

  it('a restore waits for the part to end', async () => {
    const gate = new Gate();
    const log: string[] = [];
    const write = held();
    const importing = gate.shared(() =>
      gate.alone(async () => {
        await write.promise;
        log.push('import');
      }),
    );
    await settle();
    const restore = gate.exclusive(() => log.push('restore'));
    await settle();
    expect(log).toEqual([]);
    write.release();
    await Promise.all([importing, restore]);
    expect(log).toEqual(['import', 'restore']);
  });
});
