/**
 * Preloaded by the npm scripts (`node --import ./dist/cli/node-version.js …`) before anything else
 * is loaded, so an older Node ends with one line naming the version to install instead of a stack
 * trace about a missing built-in module. Kept free of imports so that any Node can run it.
 * The same major version as `engines` in package.json and `.nvmrc` (a test keeps them in step).
 */
export const REQUIRED_NODE_MAJOR = 24;

const major = Number(process.versions.node.split('.')[0]);
if (major < REQUIRED_NODE_MAJOR) {
  process.stderr.write(
    `Cannot start: this bot needs Node.js ${REQUIRED_NODE_MAJOR} or newer, and this is Node.js ${process.versions.node}; ` +
      `install Node.js ${REQUIRED_NODE_MAJOR} LTS (e.g. \`nvm install\`, which reads .nvmrc) and run it again.\n`,
  );
  process.exit(1);
}

// Compiled modules are kept between runs (in the system's temporary folder, Node's default): a
// one-shot `npm run ask` otherwise spends ~50 ms compiling the same code again on every start.
process.getBuiltinModule('node:module').enableCompileCache();
