import { expect } from "vitest";
import { AppError } from "@/lib/errors/app-error";

/** The AppError a promise rejects with; fails the test if it resolves or throws anything else. */
export async function expectAppError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
