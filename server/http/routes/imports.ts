import { Router, type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { agencyCode } from '../../../shared/api';
import { documentTitleOf } from '../../../shared/plainText';
import { resolveTypedReferences } from '../../../shared/rujukanParse';
import * as documents from '../../documents/documents';
import { presentDocument } from '../../documents/present';
import { Node } from 'prosemirror-model';
import { MAX_DOCX_BYTES } from '../../../shared/limits';
import { schema } from '../../../shared/schema';
import { runOffThread } from '../../exports/offThread';
import { conflict, invalidInput, tooLarge } from '../../errors';
import { CHANGES_MODES } from '../../../shared/importResult';
import { fileResponse, MAX_RESPONSE_ITEMS } from '../../responses/responses';
import { authorize } from '../../policies/policies';
import { actorOf } from '../middleware/auth';
import { parse } from '../middleware/validate';
import type { AppContext } from '../context';

const codeList = z
  .string()
  .max(2000)
  .transform((s) =>
    s
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean),
  )
  .pipe(z.array(agencyCode));

const importFields = z.object({
  parties: codeList.pipe(z.array(agencyCode).min(2, 'minimal dua pihak').max(10)),
  reviewers: codeList.optional().default([]),
  title: z.string().trim().min(1).max(500).optional(),
});

// What to do with the tracked changes and comments a file still holds (docs/api.md).
const importQuery = z.object({
  changes: z.enum(CHANGES_MODES).optional(),
});

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_DOCX_BYTES, files: 1, fields: 10, fieldSize: 10_000 },
}).single('file');

const UNREADABLE = 'unggahan multipart tidak dapat dibaca';
// multer's own messages are English; the details name the problem in Bahasa Indonesia.
const UPLOAD_PROBLEMS: Record<string, string> = {
  LIMIT_FILE_COUNT: 'hanya satu berkas yang boleh diunggah',
  LIMIT_UNEXPECTED_FILE: 'berkas harus dikirim di kolom "file"',
  LIMIT_FIELD_COUNT: 'terlalu banyak kolom',
  LIMIT_FIELD_VALUE: 'isi kolom terlalu panjang',
  LIMIT_FIELD_KEY: 'nama kolom terlalu panjang',
  LIMIT_PART_COUNT: 'terlalu banyak bagian',
};

/** Runs multer on a one-file .docx upload, turning its errors into our 400/413. */
export function receiveFile(req: Request, res: Response, next: NextFunction) {
  upload(req, res, (err: unknown) => {
    if (!err) return next();
    if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE')
      return next(tooLarge(`Berkas .docx melebihi ${MAX_DOCX_BYTES / 1024 / 1024} MiB.`));
    const code = err instanceof multer.MulterError ? err.code : undefined;
    next(
      invalidInput('Unggahan tidak dapat dibaca.', {
        file: UPLOAD_PROBLEMS[code ?? ''] ?? UNREADABLE,
      }),
    );
  });
}

/**
 * `POST /api/documents/import`: a new document from a .docx draft, with the list of what the
 * naskah could not keep (`losses`). A draft still holding tracked changes or comments is
 * refused (409, `details.code` `tracked_changes`) unless `?changes=` says how to take it:
 * `original` takes the text before the changes; `proposals` takes the same text, then files
 * the changes and comments on the new document as a response would (server/responses), and
 * answers what was filed in `response`.
 */
export function importRoutes(ctx: AppContext) {
  const router = Router();

  router.post('/documents/import', receiveFile, async (req, res) => {
    const actor = actorOf(req);
    authorize(actor, 'document.create');
    const fields = parse(importFields, req.body ?? {});
    const { changes } = parse(importQuery, req.query);
    if (!req.file) throw invalidInput('Pilih berkas .docx untuk diimpor.', { file: 'required' });
    // mammoth reads the file in a worker under a deadline and a heap limit (SECURITY.md).
    const read = await runOffThread(
      'importDocx',
      { file: req.file.buffer, changes: changes ?? null },
      'Impor',
    );
    const doc = Node.fromJSON(schema, read.doc);
    const asProposals = changes === 'proposals' && read.trackedChanges + read.comments > 0;
    // Checked before anything is stored: what the response would refuse once the document exists.
    if (asProposals && read.exportedFrom !== null)
      throw conflict(
        'Berkas ini diekspor dari dokumen Selaras: unggah sebagai tanggapan pada dokumen asalnya, ' +
          'atau ambil naskah aslinya saja (changes=original).',
      );
    if (asProposals && read.trackedChanges + read.comments > MAX_RESPONSE_ITEMS)
      throw tooLarge(
        `Berkas memuat lebih dari ${MAX_RESPONSE_ITEMS} perubahan terlacak dan komentar; ` +
          'ambil naskah aslinya saja (changes=original) atau bagi menjadi beberapa berkas.',
      );
    const title =
      fields.title ??
      (documentTitleOf(doc) || req.file.originalname.replace(/\.docx$/i, '')).slice(0, 500);
    const row = await documents.createDocument(ctx.db, actor, {
      title,
      parties: fields.parties,
      reviewers: fields.reviewers,
      doc,
    });
    // The changes as usulan redaksi on the text before them, the comments as comments, from the
    // reading the import made: the file is not read a second time.
    const response =
      asProposals && read.response
        ? await fileResponse(
            ctx,
            actor,
            row,
            { file: read.response, name: req.file.originalname },
            false,
          )
        : null;
    // Typed references the import could not resolve stay text; the drafter is told which.
    const { unresolved } = resolveTypedReferences(doc);
    res.status(201).json({
      ...presentDocument(row),
      unresolvedReferences: unresolved,
      losses: read.losses,
      ...(response ? { response } : {}),
    });
  });

  return router;
}
