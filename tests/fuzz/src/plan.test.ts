import { describe, expect, it } from 'vitest';
import { planCalls } from './plan.js';
import type { Target } from './targets.js';

const target = (id: string): Target => ({
  id,
  names: [id],
  params: [
    { name: 'x', hasDefault: false, rest: false, fields: [] },
    { name: 'options', hasDefault: true, rest: false, fields: ['stride', 'pad', 'seed', 'mode'] },
  ],
  invoke: () => undefined,
});

/** The calls of one target, without their positions in the whole plan. */
const callsOf = (plan: ReturnType<typeof planCalls>, id: string): unknown[] =>
  plan.filter((c) => c.target === id).map(({ index: _index, ...c }) => c);

describe('planCalls', () => {
  it("gives a target the same calls whatever other targets exist (a new export shifts no other export's calls)", () => {
    const alone = planCalls([target('cnn.convForward')], 7);
    const among = planCalls(
      [target('core.relu'), target('cnn.convForward'), target('sequence.gru')],
      7,
    );
    expect(alone.length).toBeGreaterThan(6);
    expect(callsOf(among, 'cnn.convForward')).toEqual(callsOf(alone, 'cnn.convForward'));
    expect(among.map((c) => c.index)).toEqual(among.map((_, i) => i));
  });

  it('draws differently for another target or another seed', () => {
    const plan = planCalls([target('core.relu'), target('cnn.convForward')], 7);
    const strip = (id: string, p = plan): unknown[] =>
      callsOf(p, id).map((c) => ({ ...(c as object), target: '' }));
    expect(strip('core.relu')).not.toEqual(strip('cnn.convForward'));
    const other = planCalls([target('core.relu'), target('cnn.convForward')], 8);
    expect(strip('core.relu', other)).not.toEqual(strip('core.relu'));
  });
});
