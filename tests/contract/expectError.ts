import { expect } from 'vitest';
import { ChatError, type ErrorCode } from '../../src/transport';

/** The call fails with a ChatError of this code, and a message a person can read; the error, for more checks. */
export async function expectError(promise: Promise<unknown>, code: ErrorCode): Promise<ChatError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected ${code}, but the call succeeded`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChatError);
  expect((error as ChatError).code).toBe(code);
  expect((error as ChatError).message.length).toBeGreaterThan(5);
  return error as ChatError;
}
