import * as tf from '@tensorflow/tfjs';
import { ACCEPTANCES } from './acceptances.js';
import type { Outcome } from './outcome.js';
import type { PlannedCall } from './plan.js';
import type { Target } from './targets.js';
import { BAD_FIELD_VALUES, BAD_VALUES, plausible } from './values.js';

/** Collects the tensors a value holds (a tensor, or arrays/objects of them, a few levels deep). */
function tensorsIn(value: unknown, out: tf.Tensor[], depth = 0): void {
  if (value instanceof tf.Tensor) out.push(value);
  else if (depth < 4 && Array.isArray(value)) for (const v of value) tensorsIn(v, out, depth + 1);
  else if (depth < 4 && value instanceof Map)
    for (const v of value.values()) tensorsIn(v, out, depth + 1);
  else if (
    depth < 4 &&
    value !== null &&
    typeof value === 'object' &&
    !(value instanceof tf.LayersModel)
  )
    for (const v of Object.values(value)) tensorsIn(v, out, depth + 1);
}

/** Frees what a call returned or used: its tensors, and objects with a `dispose` method. */
function release(value: unknown): void {
  const tensors: tf.Tensor[] = [];
  tensorsIn(value, tensors);
  tf.dispose(tensors);
  const d = (value as { dispose?: unknown } | null)?.dispose;
  if (typeof d === 'function') {
    try {
      (d as () => void).call(value);
    } catch {
      // An unbuilt layer or an already disposed object: nothing to free.
    }
  }
}

function acceptance(call: PlannedCall, target: Target): string | undefined {
  const param = target.params[call.position];
  const entry = ACCEPTANCES.find(
    (a) =>
      (typeof a.target === 'string' ? a.target === call.target : a.target.test(call.target)) &&
      (a.argument === '*' ||
        (typeof a.argument === 'string'
          ? a.argument === call.argument
          : a.argument.test(call.argument))) &&
      (a.bad === '*' || a.bad.includes(call.bad)) &&
      call.field === undefined &&
      (a.onlyWithDefault !== true || param?.hasDefault === true),
  );
  return entry?.why;
}

function badValue(call: PlannedCall): unknown {
  const pool = call.field === undefined ? BAD_VALUES : BAD_FIELD_VALUES;
  const value = pool.find((v) => v.label === call.bad);
  if (value === undefined) throw new Error(`fuzz: no bad value labelled ${call.bad}`);
  return call.field === undefined ? value.make() : { [call.field]: value.make() };
}

/** The names a DlkitError may give: the target's, or the caller's name passed to a check helper
 * (`assertShape('fuzz', …)`, `new ShapeChecker('fuzz')`), which is the plausible `fn` argument. */
function namesOf(target: Target, call: PlannedCall): string[] {
  const takesCaller = target.params[0]?.name === 'fn' || target.id.includes('ShapeChecker#');
  // The bad value given as the caller's name itself: a string is a valid name, errors give it.
  const badCaller = takesCaller && call.position === 0 && call.bad === 'string' ? ['bogus'] : [];
  // A `caller` argument (updateParameters') is the name errors report: the bad string 'bogus'.
  const callerArgument = target.params.some((p) => p.name === 'caller') ? ['bogus'] : [];
  return [...target.names, ...(takesCaller ? ['fuzz'] : []), ...badCaller, ...callerArgument];
}

function classifyError(e: unknown, target: Target, call: PlannedCall): Omit<Outcome, 'index'> {
  const err = e as {
    name?: unknown;
    message?: unknown;
    fn?: unknown;
    argument?: unknown;
    kind?: unknown;
  };
  const message = String(err?.message ?? e).slice(0, 300);
  if (err?.name !== 'DlkitError') {
    return { kind: 'other error', detail: `${String(err?.name ?? typeof e)}: ${message}` };
  }
  if (!namesOf(target, call).includes(String(err.fn))) {
    return { kind: 'DlkitError naming another function', detail: `${String(err.fn)} (${message})` };
  }
  if (typeof err.argument !== 'string' || err.argument === '') {
    return { kind: 'DlkitError naming no argument', detail: message };
  }
  return { kind: 'rejected', detail: message };
}

/**
 * Makes one call's arguments (plausible values before the bad one, the bad one, nothing after),
 * runs it, frees everything, and says what happened.
 *
 * @param call - The planned call.
 * @param target - Its target.
 * @param checkpoint - The saved checkpoint's path (plausible value of path arguments).
 * @returns Its outcome.
 */
export async function runCall(
  call: PlannedCall,
  target: Target,
  checkpoint: string,
): Promise<Outcome> {
  const before = tf.memory().numTensors;
  const args = target.params.slice(0, call.position).map((p) => plausible(p.name, checkpoint));
  args.push(badValue(call));
  let result: Omit<Outcome, 'index'>;
  let returned: unknown;
  try {
    returned = target.invoke(args);
    if (returned instanceof Promise) returned = await returned;
    const why = acceptance(call, target);
    result =
      why === undefined
        ? { kind: 'accepted (undocumented)', detail: 'returned without an error' }
        : { kind: 'accepted (documented)', detail: why };
  } catch (e) {
    result = classifyError(e, target, call);
  }
  release(returned);
  release(target.lastInstance?.());
  for (const a of args) release(a);
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
  const leaked = tf.memory().numTensors - before;
  if (leaked > 0)
    result = {
      kind: 'leak',
      detail: `${leaked} tensor(s) left after: ${result.kind} ${result.detail}`,
    };
  return { index: call.index, ...result };
}
