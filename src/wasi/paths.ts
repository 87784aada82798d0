// Guest path → host path under a directory descriptor, without ever leaving it. The path is walked
// one component at a time: `..` may not climb above the directory, absolute paths are refused, and
// every symbolic link met on the way is read and spliced in (absolute targets refused), so a link
// cannot lead out either. (node:fs has no openat, so a link swapped in by another host process
// between this walk and the final call is not caught; the guest itself cannot race it.)
import { ERRNO, FILETYPE } from './constants.js';
import { fail } from './errors.js';
import type { HostFs } from './host.js';

const MAX_SYMLINKS = 40; // Linux's limit before ELOOP

export interface Resolved {
  /** Host path of the final component (the directory itself for "" or "."). */
  host: string;
  /** Whether the guest path ended with "/" (the target must then be a directory). */
  trailingSlash: boolean;
}

/**
 * Resolves `path` under the directory at `root`. Symbolic links in intermediate components are
 * always followed; the last one only when `follow` is set.
 */
export function resolvePath(fs: HostFs, root: string, path: string, follow: boolean): Resolved {
  if (path.length === 0) fail(ERRNO.NOENT);
  if (path.includes('\0')) fail(ERRNO.INVAL);
  if (path.startsWith('/')) fail(ERRNO.NOTCAPABLE);
  const trailingSlash = path.endsWith('/');
  const stack: string[] = [];
  const pending = path.split('/').reverse(); // a stack of components still to walk, next one last
  let links = 0;
  while (pending.length > 0) {
    const c = pending.pop()!;
    if (c === '' || c === '.') continue;
    if (c === '..') {
      if (stack.length === 0) fail(ERRNO.NOTCAPABLE);
      stack.pop();
      continue;
    }
    const isLast = pending.every((p) => p === '' || p === '.');
    const here = join(root, stack, c);
    if (!isLast || follow || trailingSlash) {
      let type: number;
      try {
        type = fs.lstat(here).filetype;
      } catch (e) {
        // a missing last component is for the caller to handle (create, or report ENOENT)
        if (isLast) {
          stack.push(c);
          continue;
        }
        throw e;
      }
      if (type === FILETYPE.SYMBOLIC_LINK) {
        if (++links > MAX_SYMLINKS) fail(ERRNO.LOOP);
        const target = fs.readlink(here);
        if (target.startsWith('/')) fail(ERRNO.NOTCAPABLE);
        if (target.length === 0) fail(ERRNO.NOENT);
        const parts = target.split('/');
        for (let i = parts.length - 1; i >= 0; i--) pending.push(parts[i]);
        continue;
      }
      if ((!isLast || trailingSlash) && type !== FILETYPE.DIRECTORY) fail(ERRNO.NOTDIR);
    }
    stack.push(c);
  }
  return { host: join(root, stack, null), trailingSlash };
}

function join(root: string, stack: string[], last: string | null): string {
  const parts = last === null ? stack : [...stack, last];
  if (parts.length === 0) return root;
  return (root.endsWith('/') ? root : root + '/') + parts.join('/');
}
