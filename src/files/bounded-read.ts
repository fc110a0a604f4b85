import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/** A file that is larger than the reader may take, or is not a regular file at all. */
export class UnreadableFile extends Error {
  override name = 'UnreadableFile';
  /** EFBIG for a file over the bound, ENOTFILE for a device, FIFO, socket or folder. */
  readonly code: 'EFBIG' | 'ENOTFILE';

  constructor(code: 'EFBIG' | 'ENOTFILE', message: string) {
    super(message);
    this.code = code;
  }
}

/** A byte count as people read it: 1.5 MiB, 300 kB. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MiB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${bytes} bytes`;
}

/**
 * Reads a regular file of at most maxBytes. The size is counted while reading, not taken from stat, because files
 * such as /proc/self/environ report a size of 0. O_NONBLOCK keeps a FIFO from holding the open forever; it is
 * refused right after, as anything but a regular file is.
 */
export async function readBoundedBytes(path: string, maxBytes: number): Promise<Buffer> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!(await handle.stat()).isFile()) throw new UnreadableFile('ENOTFILE', 'it is not a regular file');
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw new UnreadableFile('EFBIG', `it is larger than the ${formatBytes(maxBytes)} the action reads`);
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

/** Reads a regular file of at most maxBytes as UTF-8, as readBoundedBytes reads it. */
export async function readBoundedText(path: string, maxBytes: number): Promise<string> {
  return (await readBoundedBytes(path, maxBytes)).toString('utf8');
}
