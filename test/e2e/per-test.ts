import type { TestContext } from 'vitest';

/**
 * A server that belongs to one test and is closed when it ends, so that tests can run concurrently. It takes the
 * test's own context: with concurrent tests, the global onTestFinished may belong to another test.
 */
export async function closedAfter<T extends { close(): Promise<void> }>(context: TestContext, starting: Promise<T>): Promise<T> {
  const server = await starting;
  context.onTestFinished(() => server.close());
  return server;
}
