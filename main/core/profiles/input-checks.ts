import { AkvaultError } from '../errors';
import { cleanOptional, type Advisory } from './validation';

/**
 * Collects every problem with a profile input, by field, so a person sees them all at once instead of
 * fixing one per attempt. Problems read `field: what is wrong`; none ever quotes a secret.
 */
export class InputChecks {
  readonly problems: string[] = [];
  readonly warnings: Advisory[] = [];

  bad(field: string, problem: string | undefined): void {
    if (problem) this.problems.push(`${field}: ${problem}`);
  }

  warn(advisory: Advisory): void {
    this.warnings.push(advisory);
  }

  /** A cleaned optional text value (empty → undefined); anything but text is a problem. */
  text(field: string, raw: unknown): string | undefined {
    if (raw === undefined || raw === null) return undefined;
    if (typeof raw !== 'string') {
      this.bad(field, 'expected text');
      return undefined;
    }
    return cleanOptional(raw);
  }

  /** An optional number checked by `check` (which returns a message or undefined). */
  number(field: string, raw: unknown, check: (v: unknown) => string | undefined): number | undefined {
    if (raw === undefined || raw === null) return undefined;
    const problem = check(raw);
    this.bad(field, problem);
    return problem ? undefined : (raw as number);
  }

  /** Throws the collected problems as one `validation` error; params.fields lists the fields. */
  throwIfAny(): void {
    if (this.problems.length > 0) throw validationError(this.problems);
  }
}

export function validationError(problems: readonly string[]): AkvaultError {
  return new AkvaultError('validation', `Invalid profile: ${problems.join('; ')}.`, {
    params: { fields: [...new Set(problems.map((p) => p.split(':', 1)[0]))].join(',') },
  });
}
