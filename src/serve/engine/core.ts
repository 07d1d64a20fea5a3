/**
 * What an engine worker does with each message: one {@link MarketState}, driven by the
 * protocol. The worker thread (`worker.ts`) and the in-process engine (`host.ts`, for tests
 * and small markets) both run this, so there is one implementation.
 *
 * @module
 */
import { parseBatch } from '../../model/parse.js';
import { runOperation } from './operations.js';
import { serializeError, type Reply, type Request } from './protocol.js';
import { MarketState } from './state.js';

/** Handles protocol messages; replies go to `send`. */
export class EngineCore {
  private state: MarketState | undefined;

  constructor(private readonly send: (reply: Reply) => void) {}

  handle(message: Request): void {
    switch (message.type) {
      case 'init':
        this.state = new MarketState(message.config);
        return;
      case 'load':
        this.current.load(message.changes);
        return;
      case 'build':
        this.current.build(message.seq);
        this.send({ type: 'built', info: this.current.info() });
        return;
      case 'refit':
        this.current.refit();
        this.send({ type: 'built', info: this.current.info() });
        return;
      case 'apply':
        this.current.apply(message.changes);
        this.send({ type: 'applied', seq: this.current.info().seq });
        return;
      case 'call':
        try {
          const value = runOperation(
            this.current,
            message.operation,
            message.request as never,
            message.scope,
          );
          this.send({ type: 'result', id: message.id, ok: true, value, info: this.current.info() });
        } catch (error) {
          this.send({ type: 'result', id: message.id, ok: false, error: serializeError(error) });
        }
        return;
      case 'validate':
        try {
          const value = parseBatch(message.kind, message.values, { locale: message.locale });
          this.send({ type: 'result', id: message.id, ok: true, value, info: this.current.info() });
        } catch (error) {
          this.send({ type: 'result', id: message.id, ok: false, error: serializeError(error) });
        }
        return;
      case 'quarantined':
      case 'snapshot':
        try {
          const value =
            message.type === 'snapshot' ? this.current.snapshot() : this.current.quarantined();
          this.send({ type: 'result', id: message.id, ok: true, value, info: this.current.info() });
        } catch (error) {
          this.send({ type: 'result', id: message.id, ok: false, error: serializeError(error) });
        }
        return;
    }
  }

  private get current(): MarketState {
    if (!this.state) throw new Error('engine worker used before init');
    return this.state;
  }
}
