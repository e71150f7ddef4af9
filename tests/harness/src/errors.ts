// What a bad-input test needs: the call threw a DlkitError (core's one error type, recognised by
// its name so the harness needs no dependency on core) with exactly the expected message.
import { expect } from 'vitest';

/**
 * Asserts that `call` throws a `DlkitError` whose message is exactly `message` (a string) or
 * matches it (a RegExp), and returns the error for further checks (`fn`, `argument`, `kind`).
 */
export function expectDlkitError(call: () => unknown, message: string | RegExp): Error {
  let thrown: unknown;
  try {
    call();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, 'the call throws').toBeInstanceOf(Error);
  const error = thrown as Error;
  expect(error.name, `${error.message}`).toBe('DlkitError');
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
  return error;
}
