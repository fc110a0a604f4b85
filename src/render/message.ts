import type { MessageFormat } from '../inputs/parse.js';
import type { NotificationView } from '../view.js';
import { defaultMessage } from './default-message.js';
import type { TemplateSource } from './template.js';

/**
 * The message text: the user's template when there is one, else the default message for the event. `check` renders
 * to find mistakes before the lookups, whose values are still missing, so an empty message is no mistake yet.
 */
export async function renderMessage(
  view: NotificationView,
  format: MessageFormat,
  template: TemplateSource | undefined,
  { check = false } = {},
): Promise<string> {
  if (!template) return defaultMessage(view, format);
  // The template engine is loaded only for runs that have a template: the default path stays small and fast.
  const { renderTemplate, TemplateError } = await import('./template.js');
  const message = await renderTemplate(template, view, format);
  if (message === '' && !check) {
    throw new TemplateError(`The template in ${template.origin} rendered an empty message; HipChat needs at least one character.`);
  }
  return message;
}
