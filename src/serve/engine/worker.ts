/**
 * Entry point of an engine worker thread (`dist/serve-worker.cjs`): runs an {@link EngineCore}
 * on the messages of the main thread. A failure outside a call (building, applying changes)
 * is reported as `fatal`, and the main thread replaces the worker.
 *
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { EngineCore } from './core.js';
import { serializeError, type Request } from './protocol.js';

const port = parentPort;
if (port) {
  const core = new EngineCore((reply) => port.postMessage(reply));
  port.on('message', (message: Request) => {
    try {
      core.handle(message);
    } catch (error) {
      port.postMessage({ type: 'fatal', error: serializeError(error) });
    }
  });
}
