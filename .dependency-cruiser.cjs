// Dependency rules for the source tree, checked by dependency-cruiser (`npm run lint`, which runs
// scripts/lint-deps.ts; `npx depcruise checker models bench bin test` reads this file too).
//
// Parser: swc (@swc/core). dependency-cruiser's other TypeScript paths need the classic TypeScript
// compiler API (ts.createSourceFile / transpileModule), which the project's TypeScript 7 (the native
// port) does not have; swc is a full TypeScript parser of its own and reports `import type` edges.
// Module paths in the rules are relative to the directory cruised from (the repository root).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      // Type-only edges count: a type cycle ties the files together for a reader as much as a value one.
      name: 'no-circular',
      comment: 'files import each other in a circle',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      // The engine (everything under checker/ except the command line) must be usable without the CLI:
      // output formatting and process I/O belong to checker/cli/, which calls the engine, not the reverse.
      name: 'engine-not-cli',
      comment: 'a file under checker/ outside checker/cli/ imports the command line layer',
      severity: 'error',
      from: { path: '^checker/', pathNot: '^checker/cli/' },
      to: { path: '^checker/cli/' },
    },
    {
      // Models are written against the model API only, so the engine's insides can change under them.
      // Today they use checker/model.ts and checker/state/encode.ts; checker/state/decode.ts is the other half of
      // the state-encoding API a model may need; checker/index.ts re-exports these, and checker/model-kit/
      // holds the helpers models are built from (shapes, sets, bags, updates, actions). The examples are
      // models written as a user writes them, under the same rule.
      name: 'models-use-model-api',
      comment: 'a model imports checker/ beyond the model API (model.ts, encode.ts, decode.ts, index.ts, model-kit/)',
      severity: 'error',
      from: { path: '^(models|examples)/' },
      to: { path: '^checker/', pathNot: '^checker/((model|index|state/encode|state/decode)[.]ts$|model-kit/)' },
    },
    {
      // The model kit is part of the model API: it stands on the same files a model may import, so a
      // model built from it depends on nothing more of the engine.
      name: 'model-kit-uses-model-api',
      comment: 'checker/model-kit/ imports checker/ beyond the model API (model.ts, encode.ts, decode.ts)',
      severity: 'error',
      from: { path: '^checker/model-kit/' },
      to: { path: '^checker/', pathNot: '^checker/((model|state/encode|state/decode)[.]ts$|model-kit/)' },
    },
  ],
  options: {
    parser: 'swc',
    // Only for the TypeScript transpiler path (unused with swc); kept so a switch of parser still
    // counts `import type` edges.
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    moduleSystems: ['es6', 'cjs'],
    enhancedResolveOptions: {
      extensions: ['.ts', '.mjs', '.js'],
      conditionNames: ['import', 'node', 'default'],
      exportsFields: ['exports'],
    },
  },
};
