import type { EntityManager } from 'typeorm';

/**
 * Runs independent statements side by side on the pool, and one after another inside a
 * transaction: a transaction is one connection, which runs one statement at a time (pg queues
 * the others today and refuses them from pg 9; test/setup/statements-in-turn.mjs fails any suite
 * that sends them).
 */
export async function sideBySide<T extends unknown[]>(
  manager: EntityManager | undefined,
  ...work: { [K in keyof T]: () => Promise<T[K]> }
): Promise<T> {
  if (!manager?.queryRunner) return (await Promise.all(work.map((w) => w()))) as T;
  const results: unknown[] = [];
  for (const w of work) results.push(await w());
  return results as T;
}
