// consensus-lab's own folder (where its package.json and specs/ are), found from this file's location:
// this file is checker/package-root.ts in a checkout and dist/checker/package-root.js in an installed
// package, whose compiled code sits one folder deeper than the files it reads at run time.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const above = dirname(dirname(fileURLToPath(import.meta.url)));

/** The package's folder: the checkout's root, or the installed package's (the parent of dist/). */
export const PACKAGE_ROOT = existsSync(join(above, 'package.json')) ? above : dirname(above);
