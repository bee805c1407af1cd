// A package-lock.json for a user's model folder, made from consensus-lab's own lock, so that the folder
// installs from the local npm cache alone (`npm ci --offline`). The cache that installed this checkout
// holds every package's tarball but not the registry's metadata that `npm install` needs to choose
// versions; with a lock that names each package's tarball and integrity, npm needs nothing else. The
// packages are the ones this checkout uses, at the paths it has them (a subset of a valid tree keeps
// each package's resolution), and consensus-lab itself is the packed tarball.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface LockEntry {
  readonly version?: string;
  readonly resolved?: string;
  readonly integrity?: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly [k: string]: unknown;
}

interface Lock {
  readonly packages: Record<string, LockEntry>;
}

/** The lock path a package `name` required from the package at `from` resolves to, as node resolves it. */
function resolveFrom(packages: Lock['packages'], from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const i = base.lastIndexOf('/node_modules/');
    base = i < 0 ? '' : base.slice(0, i);
  }
}

/**
 * The lock of a folder whose package.json is `pkg` (its dependencies: consensus-lab as `file:<tarball>`
 * relative to the folder, and packages this checkout has), `integrity` the packed tarball's (npm pack's).
 */
export function offlineLock(root: string, pkg: { name: string; version: string; devDependencies: Record<string, string> }, integrity: string): object {
  const own = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as Lock;
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string>; bin: Record<string, string>; engines: Record<string, string> };
  const packages: Record<string, LockEntry> = {};
  const add = (path: string) => {
    if (packages[path]) return;
    const entry = own.packages[path];
    packages[path] = entry;
    for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies })) {
      const dep = resolveFrom(own.packages, path, name);
      if (dep) add(dep);
    }
  };
  const clab = 'node_modules/consensus-lab';
  for (const name of Object.keys(manifest.dependencies)) add(`node_modules/${name}`);
  for (const name of Object.keys(pkg.devDependencies)) if (name !== 'consensus-lab') add(`node_modules/${name}`);
  packages[clab] = {
    version: manifest.version,
    resolved: pkg.devDependencies['consensus-lab'],
    integrity,
    dev: true,
    license: 'MIT',
    dependencies: manifest.dependencies,
    bin: manifest.bin,
    engines: manifest.engines,
  };
  // The checkout's lock marks its test tools as dev and its runtime packages as not; in the user's folder
  // everything is a devDependency, which npm ci accepts either way (the flags only steer --omit).
  return { name: pkg.name, version: pkg.version, lockfileVersion: 3, requires: true, packages: { '': { name: pkg.name, version: pkg.version, devDependencies: pkg.devDependencies }, ...packages } };
}
