import { accessSync, constants } from 'node:fs';

/** Whether this user may run the file at `path` (the browser finder, PostgreSQL's and the prerequisites' searches). */
export function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
