import type { MethodName, MethodOutput, MethodParsed } from '../../shared/api/contract';
import type { Session } from './caller';
import type { AppContext } from './context';

/** The implementation of one API method: the parsed input, run as the session's caller, one transaction per write. */
export type Handler<K extends MethodName> = (app: AppContext, input: MethodParsed<K>, session: Session) => MethodOutput<K> | Promise<MethodOutput<K>>;

/** A domain's handlers (electron/<domain>/api.ts): one per method of its shared `api.ts`, checked with `satisfies`. */
export type HandlersOf<M> = { [K in keyof M & MethodName]: Handler<K> };
