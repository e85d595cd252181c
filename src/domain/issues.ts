import type { z } from 'zod';

const WITH_AN = /^[aeiou]/;
const article = (noun: string) => `${WITH_AN.test(noun) ? 'an' : 'a'} ${noun}`;

const TYPE_NAMES: Record<string, string> = {
  int: 'whole number',
  nan: 'number',
  array: 'list',
};

/** zod's own wording, made short: "expected a string" rather than "Invalid input: expected string, …". */
function shortMessage(issue: z.core.$ZodIssue): string {
  // A message a schema wrote itself says more than any generic one.
  if (!/^Invalid /.test(issue.message) && issue.code !== 'unrecognized_keys') return issue.message;
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      return `expected ${article(expected)}`;
    }
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    default:
      return issue.message.replace(/^Invalid input: /, '');
  }
}

/** One issue as "path: message" ("text: expected a string"); the top level is "(top level)". */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
  return `${path}: ${shortMessage(issue)}`;
}

/** The first issue of a failed parse, with how many more there are: one line for a person to act on. */
export function describeError(error: z.ZodError): string {
  const [first] = error.issues;
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return `${first ? describeIssue(first) : 'invalid'}${more}`;
}

/** The message of one issue without its path (for settings, whose name is said first). */
export function issueMessage(issue: z.core.$ZodIssue): string {
  return shortMessage(issue);
}
