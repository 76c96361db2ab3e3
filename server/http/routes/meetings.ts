import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import * as meetings from '../../meetings/meetings';
import { gatherMinutes } from '../../meetings/minutes';
import { renderMinutesDocx } from '../../meetings/minutesDocx';
import { renderMinutesPdf } from '../../meetings/minutesPdf';
import { notFound } from '../../errors';
import { authorize } from '../../policies/policies';
import { attendInput, decisionInput, meetingInput } from '../../../shared/meetings';
import { actorOf } from '../middleware/auth';
import { parse } from '../middleware/validate';
import type { AppContext } from '../context';
import { visibleDocument } from './documents';

const uuid = z.uuid();
const clauseId = z.string().min(1).max(100);

/** The meeting id in `:meetingId`; a malformed one names no meeting (404). */
function meetingParam(req: Request): string {
  const id = String(req.params.meetingId);
  if (!uuid.safeParse(id).success) throw notFound('Rapat');
  return id;
}

const MINUTES = {
  pdf: { type: 'application/pdf', render: renderMinutesPdf },
  docx: {
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    render: renderMinutesDocx,
  },
} as const;

/** The rapat penyelarasan: open, attend, decide per Pasal, close, and its berita acara. */
export function meetingRoutes(ctx: AppContext) {
  const router = Router();
  const base = '/documents/:id/meetings';

  router.post(base, async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    const input = parse(meetingInput, req.body);
    res.status(201).json(await meetings.openMeeting(ctx, actorOf(req), doc, input));
  });

  router.get(base, async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    res.json(await meetings.listMeetings(ctx.db, doc));
  });

  router.get(`${base}/:meetingId`, async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    res.json(await meetings.getMeeting(ctx.db, doc, meetingParam(req)));
  });

  router.post(`${base}/:meetingId/attend`, async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    const id = meetingParam(req);
    const input = parse(attendInput, req.body ?? {});
    res.json(await meetings.attend(ctx, actorOf(req), doc, id, input));
  });

  router.put(`${base}/:meetingId/decisions/:clauseId`, async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    const id = meetingParam(req);
    const clause = clauseId.safeParse(req.params.clauseId);
    if (!clause.success) throw notFound('Pasal');
    const input = parse(decisionInput, req.body);
    res.json(await meetings.decide(ctx, actorOf(req), doc, id, clause.data, input));
  });

  router.post(`${base}/:meetingId/close`, async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    res.json(await meetings.closeMeeting(ctx, actorOf(req), doc, meetingParam(req)));
  });

  for (const format of Object.keys(MINUTES) as (keyof typeof MINUTES)[]) {
    router.get(`${base}/:meetingId/minutes.${format}`, async (req, res) => {
      const doc = await visibleDocument(ctx, req);
      authorize(actorOf(req), 'meeting.attend', doc);
      const meeting = await meetings.getMeeting(ctx.db, doc, meetingParam(req));
      // Small and bounded (MINUTES_MAX_CHARS), so it renders here rather than in the export worker.
      const body = await MINUTES[format].render(await gatherMinutes(ctx, doc, meeting));
      send(res, format, meeting.startsAt, body);
    });
  }

  return router;
}

function send(res: Response, format: keyof typeof MINUTES, startsAt: string, body: Buffer) {
  const name = `berita-acara-rapat-${startsAt.slice(0, 10)}.${format}`;
  res
    .type(MINUTES[format].type)
    .setHeader('content-disposition', `attachment; filename="${name}"`)
    .send(body);
}
