// The fuzz's child process: runs the planned calls from a start index and reports each outcome
// to the parent, which kills and restarts it when a call hangs. argv: seed, start, checkpoint.
import * as tf from '@tensorflow/tfjs';
import { runCall } from './calls.js';
import type { Outcome } from './outcome.js';
import { fuzzTargets } from './packages.js';
import { planCalls } from './plan.js';

function send(message: unknown): Promise<void> {
  return new Promise((resolve, reject) =>
    process.send?.(message, (e: Error | null) => (e ? reject(e) : resolve())),
  );
}

const [seedText = '', startText = '', checkpoint = ''] = process.argv.slice(2);
await tf.setBackend('cpu');
await tf.ready();
const targets = fuzzTargets(checkpoint);
const byId = new Map(targets.map((t) => [t.id, t]));
const calls = planCalls(targets, Number(seedText));
await send({
  type: 'ready',
  plan: calls,
  targets: targets.length,
  unfuzzed: targets.filter((t) => t.params.length === 0).map((t) => t.id),
});
for (const call of calls.slice(Number(startText))) {
  const target = byId.get(call.target);
  let outcome: Outcome;
  try {
    outcome = await runCall(call, target!, checkpoint);
  } catch (e) {
    outcome = { index: call.index, kind: 'setup', detail: String(e) };
  }
  await send({ type: 'outcome', call, outcome });
}
await send({ type: 'done' });
process.exit(0);
