import { describe, expect, it } from 'vitest';
import { MemoryRedeemedTickets } from './redeemedTickets';

describe('MemoryRedeemedTickets', () => {
  it.each([
    { claims: [['t1', 0]], results: [true] },
    { claims: [['t1', 0], ['t1', 0]], results: [true, false] },
    { claims: [['t1', 0], ['t2', 0]], results: [true, true] },
    // Once t1's ticket has expired its id is forgotten (its ticket is refused for its expiry anyway).
    { claims: [['t1', 0], ['t1', 200]], results: [true, true] },
  ] as { claims: [string, number][]; results: boolean[] }[])('claims $claims answer $results', async ({ claims, results }) => {
    let now = 0;
    const redeemed = new MemoryRedeemedTickets(() => now);
    const answers = [];
    for (const [id, at] of claims) {
      now = at;
      answers.push(await redeemed.claim(id, 100));
    }
    expect(answers).toEqual(results);
  });
});
