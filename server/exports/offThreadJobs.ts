import { AppError } from '../errors';
import { readDocx, type ChangesMode } from '../imports/docx';
import { draftResponse, type DraftContext } from '../responses/draft';
import { readResponseFile, type ResponseFile } from '../responses/responseFile';
import { renderDocx } from './docx';
import { exportModelOf } from './fromDoc';
import type { ExportSource } from './model';
import { renderPdf } from './pdf';

// The jobs a worker thread runs for the main thread (offThread.ts): each is CPU-bound work on
// input of a caller's making (a revision to render, an uploaded .docx to read), so it runs
// where a time and heap limit can stop it without stopping the server.

/** Every job a worker can run, by name: input in, result out, both structured-clonable. */
export const JOBS = {
  pdf: (source: ExportSource) => renderPdf(exportModelOf(source)),
  docx: (source: ExportSource) => renderDocx(exportModelOf(source)),
  // A ProseMirror node does not survive postMessage; its JSON does.
  importDocx: async ({ file, changes }: { file: Uint8Array; changes: ChangesMode | null }) => {
    const buffer = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
    const { doc, ...rest } = await readDocx(buffer, { changes });
    return { doc: doc.toJSON(), ...rest };
  },
  readResponse: (file: Uint8Array) =>
    readResponseFile(Buffer.from(file.buffer, file.byteOffset, file.byteLength)),
  // Aligning and merging a response costs what the file makes it cost: here, not on the main thread.
  draftResponse: async ({ file, context }: { file: ResponseFile; context: DraftContext }) =>
    draftResponse(file, context),
};

/** The name of a job. */
export type JobName = keyof typeof JOBS;
/** What a job takes. */
export type JobInput<K extends JobName> = Parameters<(typeof JOBS)[K]>[0];
/** What a job gives back. */
export type JobOutput<K extends JobName> = Awaited<ReturnType<(typeof JOBS)[K]>>;

/** The one message a worker posts back: the result, or the error that refused the input. */
export type JobMessage =
  | { ok: true; result: unknown }
  | {
      ok: false;
      /** An expected refusal (an AppError), carried across by its parts; else null. */
      refusal: { code: AppError['code']; message: string; details: unknown } | null;
      /** The unexpected error's message, for the server log. */
      message: string;
    };

/** What a worker posts once, when its job table has loaded: the jobs' deadlines start then. */
export const WORKER_READY = { ready: true } as const;

/** Runs one job and never throws: the worker posts whatever this returns. */
export async function runJob(name: JobName, input: unknown): Promise<JobMessage> {
  try {
    const job = JOBS[name] as (input: unknown) => Promise<unknown>;
    return { ok: true, result: await job(input) };
  } catch (error) {
    if (error instanceof AppError) {
      return {
        ok: false,
        refusal: { code: error.code, message: error.message, details: error.details },
        message: error.message,
      };
    }
    return { ok: false, refusal: null, message: String((error as Error)?.stack ?? error) };
  }
}
