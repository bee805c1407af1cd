// Registers tsx's loaders in the calling thread (loaders are per thread), so that TypeScript sources and a
// user's .ts model files run as they are. Both hooks: Node treats a .ts file outside a package whose
// package.json says "type": "module" as CommonJS, and without tsx's CommonJS hook such a model (a file in a
// folder of its own, an exported exercise) failed on its first type annotation ("Unexpected identifier").
import { register as registerEsm } from 'tsx/esm/api';
import { register as registerCjs } from 'tsx/cjs/api';

registerEsm();
registerCjs();
