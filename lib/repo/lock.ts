// One repo operation at a time per working clone, in this process. homey-admin runs as a
// single Node process (one Pi, one app), so an in-memory queue is enough; it lives on
// globalThis so Next's dev-mode module reloads do not create a second, independent lock.
import path from "node:path";

const globalForLock = globalThis as unknown as { homeyRepoLocks?: Map<string, Promise<unknown>> };

function locks(): Map<string, Promise<unknown>> {
  return (globalForLock.homeyRepoLocks ??= new Map());
}

/**
 * Runs `task` after every task queued earlier for the same repo has settled. A second
 * admin's Apply therefore starts only once the first has committed (or rolled back), and
 * renders against the HEAD the first one left.
 */
export function withRepoLock<T>(repoPath: string, task: () => Promise<T>): Promise<T> {
  const key = path.resolve(repoPath);
  const previous = locks().get(key) ?? Promise.resolve();
  // Run after the previous task whatever its outcome; its error belongs to its own caller.
  const run = previous.then(task, task);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  locks().set(key, settled);
  // Drop the entry when nothing is queued behind us, so the map does not grow.
  void settled.then(() => {
    if (locks().get(key) === settled) locks().delete(key);
  });
  return run;
}

/** True while some task holds or waits for the lock (for a "someone is applying" hint). */
export function isRepoLocked(repoPath: string): boolean {
  return locks().has(path.resolve(repoPath));
}
