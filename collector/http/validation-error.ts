import type * as v from 'valibot';
import type { ValidationError } from '../model';

/** `e.3.n` → `e[3].n`: the way a developer would write the path. */
function fieldPath(issue: v.BaseIssue<unknown>): string | undefined {
  const path = issue.path;
  if (!path?.length) return undefined;
  return path.reduce<string>((acc, item) => {
    const key = item.key as string | number;
    return typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${key}` : String(key);
  }, '');
}

/** Turns the first valibot issue into a ValidationError (the deepest one for unions). */
export function toValidationError(issues: readonly v.BaseIssue<unknown>[]): ValidationError {
  let issue = issues[0]!;
  // A union reports one umbrella issue; its sub-issue says which limit was hit.
  while (issue.issues?.length && issue.type === 'union') {
    const nested = issue.issues.find(
      (i) => i.type !== 'string' && i.type !== 'number' && i.type !== 'boolean',
    );
    if (!nested) break;
    issue = nested;
  }
  const field = fieldPath(issue);
  const limit = typeof issue.requirement === 'number' ? issue.requirement : undefined;
  const out: ValidationError = { error: field ? `${field} ${issue.message}` : issue.message };
  if (field) out.field = field;
  if (limit !== undefined) out.limit = limit;
  return out;
}
