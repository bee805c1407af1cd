// Reading a file the user named, with limits: only a regular file (a device such as /dev/zero, a named
// pipe or a folder is refused before anything is read; the file is opened non-blocking, so a pipe
// without a writer cannot hang the open), and never more than a stated number of bytes, even from a file
// that grows while it is read. Spec files, trace files and model modules are all read or vetted here;
// each caller words its own errors.

import { closeSync, constants as fsConstants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

/** What a path that is not a regular file is, in words: "a character device", "a named pipe", ... */
export function fileKind(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Why a file was not read. */
export type Refusal =
  | { readonly refused: 'missing' }
  | { readonly refused: 'not-regular'; readonly kind: string }
  | { readonly refused: 'too-large'; readonly size?: number }
  | { readonly refused: 'error'; readonly message: string; readonly code?: string };

/** Whether `file` exists and is a regular file (stat only: nothing is opened). */
export function regularFile(file: string): Refusal | undefined {
  const st = statSync(file, { throwIfNoEntry: false });
  if (!st) return { refused: 'missing' };
  return st.isFile() ? undefined : { refused: 'not-regular', kind: fileKind(st) };
}

/** The file's bytes (at most `maxBytes`), or why they were not read. */
export function readBounded(file: string, maxBytes: number): { readonly bytes: Buffer } | Refusal {
  let fd: number;
  try {
    fd = openSync(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return err.code === 'ENOENT' ? { refused: 'missing' } : { refused: 'error', message: err.message, code: err.code };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { refused: 'not-regular', kind: fileKind(st) };
    if (st.size > maxBytes) return { refused: 'too-large', size: st.size };
    // Room for the size the file has now plus one byte, grown (up to maxBytes + 1) if it grows meanwhile.
    let buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      n += got;
      if (got === 0 || n > maxBytes) break;
      if (n === buf.length) {
        const bigger = Buffer.alloc(Math.min(buf.length * 2, maxBytes + 1));
        buf.copy(bigger, 0, 0, n);
        buf = bigger;
      }
    }
    return n > maxBytes ? { refused: 'too-large' } : { bytes: buf.subarray(0, n) };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { refused: 'error', message: err.message, code: err.code };
  } finally {
    closeSync(fd);
  }
}
