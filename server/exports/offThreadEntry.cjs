// The entry of an export or import worker thread (offThread.ts). A worker loads plain
// JavaScript, and jest does not transform worker files, so this entry registers tsx itself:
// the TypeScript job table then loads the same under `tsx server/main.ts`, under jest and in
// the Docker image. It answers each job message with one message, in order.
const { parentPort } = require('node:worker_threads');
require('tsx/cjs/api').register();
const { runJob, WORKER_READY } = require('./offThreadJobs.ts');

parentPort.on('message', ({ name, input }) => {
  runJob(name, input).then((message) => parentPort.postMessage(message));
});
parentPort.postMessage(WORKER_READY);
