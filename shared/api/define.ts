import { z } from 'zod';
import { id } from './fields';

/**
 * How a domain declares its API methods (Actual Budget's per-domain handler maps, plus a zod schema per method): each
 * domain's `api.ts` maps method names to `method<Input, Output>(schema)`, checked with `satisfies MethodTable<…>`
 * against the domain's access table (`access.ts`), so a method cannot exist without its roles or the reverse.
 * shared/api/contract.ts merges the domains into the one contract every host serves.
 */
export interface MethodDef<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  /** Type only: what the handler returns. */
  output: O;
}

export const method = <I extends z.ZodType, O>(input: I): MethodDef<I, O> => ({ input, output: undefined as unknown as O });

/** A domain's methods: exactly the names of its access table. */
export type MethodTable<A> = { [K in keyof A]: MethodDef };

/** Inputs several domains share. */
export const empty = z.object({}).strict().default({});
export const idInput = z.object({ id: id() });
export const sha256Input = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'Mã tệp không hợp lệ.' }) });
