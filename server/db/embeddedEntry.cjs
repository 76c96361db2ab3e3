// The entry of the embedded engine's worker thread (embedded.ts) when the server runs from its
// sources (tests, tsx): a worker loads plain JavaScript and jest does not transform worker files,
// so this entry registers tsx itself. `npm run build` compiles its own entry into dist/server.
require('tsx/cjs/api').register();
require('./embeddedWorker.ts').serveFromWorker();
