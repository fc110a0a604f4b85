import { realpath } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { readBoundedBytes, readBoundedText } from './files/bounded-read.js';
import { createTransport } from './hipchat/transport/transport.js';
import type { Dependencies } from './main.js';

/** What a run needs of the machine, shared by the action's entry and the command line. */
export const systemDependencies: Pick<
  Dependencies,
  'readText' | 'readBytes' | 'realPath' | 'createTransport' | 'openGithub' | 'clock' | 'random'
> = {
  readText: readBoundedText,
  readBytes: readBoundedBytes,
  realPath: (path) => realpath(path),
  createTransport,
  // Only runs whose message or send_when reads the GitHub API load its client.
  openGithub: async (options) => (await import('./github/client.js')).createGithubClient(options),
  clock: { now: Date.now, sleep: (ms) => sleep(ms) },
  random: Math.random,
};
