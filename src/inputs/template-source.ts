import type { ReadText } from '../context/read.js';
import type { TemplateSource } from '../render/template.js';
import { InputError } from './errors.js';
import type { RealPath } from './workspace-path.js';

/** Far above any template (LiquidJS parses at most 100,000 characters), far below what could hurt the runner. */
export const TEMPLATE_FILE_MAX_BYTES = 1024 * 1024;

/**
 * Finds the template to render, if any: the `template` input, or the file `template_file` names inside the
 * workspace. The file is read here, at the edge, through the reader the caller passes.
 */
export async function loadTemplate(
  template: string,
  templateFile: string,
  workspace: string,
  files: { readonly readText: ReadText; readonly realPath: RealPath },
): Promise<TemplateSource | undefined> {
  if (template && templateFile) {
    throw new InputError("Inputs 'template' and 'template_file' were both given: expected one of them.");
  }
  if (template) return { text: template, origin: "input 'template'" };
  if (!templateFile) return undefined;

  // The workspace confinement loads only for a step that names a file.
  const { workspacePath } = await import('./workspace-path.js');
  const path = await workspacePath('template_file', templateFile, workspace, files.realPath);
  try {
    return { text: await files.readText(path, TEMPLATE_FILE_MAX_BYTES), origin: `template_file '${templateFile}'` };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new InputError(`Invalid template_file '${templateFile}': cannot read ${path} (${reason}).`);
  }
}
