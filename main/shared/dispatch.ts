/**
 * The one place that turns a raw call from a page (IPC or the browser bridge) into a handler call:
 * validates the arguments against the contract, runs the handler, validates the result, and wraps
 * everything in a Result envelope. A malformed call gets an error back, never a crash, and an
 * unexpected failure is reported without its internals.
 */
import type { z } from 'zod';
import { operations, type OperationArgs, type OperationName, type OperationResult, type Result, type ErrorView } from '../../preload/contract';
import { isAkvaultError } from '../core/errors';

export type Handlers = {
  [K in OperationName]: (...args: OperationArgs<K>) => Promise<OperationResult<K>> | OperationResult<K>;
};

const byChannel = new Map<string, OperationName>(Object.entries(operations).map(([name, o]) => [o.channel, name as OperationName]));

export function operationForChannel(channel: string): OperationName | undefined {
  return byChannel.get(channel);
}

export function toErrorView(e: unknown): ErrorView {
  if (isAkvaultError(e)) return { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}), params: e.params };
  return { code: 'internal', message: 'Something went wrong inside akvault. The details were not shown because they may contain private data.', params: {} };
}

export async function dispatch(handlers: Handlers, name: OperationName, rawArgs: unknown): Promise<Result<unknown>> {
  const spec = operations[name];
  const parsed = spec.input.safeParse(rawArgs);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      error: {
        code: 'usage',
        message: `Invalid arguments for ${name}: ${issue ? `${issue.path.join('.') || 'arguments'} ${issue.message}` : 'malformed'}.`,
        params: { operation: name },
      },
    };
  }
  try {
    const handler = handlers[name] as (...a: unknown[]) => unknown;
    const value = await handler(...(parsed.data as unknown[]));
    return { ok: true, value: (spec.output as z.ZodType).parse(value) };
  } catch (e) {
    return { ok: false, error: toErrorView(e) };
  }
}
