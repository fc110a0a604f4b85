// What follows the message in each room, decided before anything is sent. Types only: the code that acts on them
// loads with import() for the steps that ask for it.

/** The file the `file` input names, as found in the workspace before sending. */
export type FileSource =
  | { readonly found: true; readonly path: string; readonly name: string; readonly size: number; readonly message: string }
  /** `missing` follows if_file_missing; `refused` (several matches, too large, not a file) is always a warning. */
  | { readonly found: false; readonly problem: 'missing' | 'refused'; readonly reason: string };

export interface FollowUpPlan {
  /** The topic, rendered, on one line and within HipChat's limit. */
  readonly topic?: string;
  readonly file?: FileSource;
}

/** What a follow-up did in one room, for the log and the job summary. */
export interface FollowUpResult {
  readonly room: string;
  readonly kind: 'topic' | 'file';
  readonly ok: boolean;
  /** What was done, or why not. */
  readonly text: string;
}
