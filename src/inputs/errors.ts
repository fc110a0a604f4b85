/** A bad input: the message names the input, shows the value (never a secret) and what is accepted. */
export class InputError extends Error {
  override name = 'InputError';
}

export function listChoices(choices: readonly string[]): string {
  if (choices.length < 2) return choices.join('');
  return `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}`;
}

export function invalidChoice(input: string, value: string, choices: readonly string[], hint = ''): InputError {
  return new InputError(`Invalid ${input} '${value}': expected ${listChoices(choices)}.${hint ? ` ${hint}` : ''}`);
}
