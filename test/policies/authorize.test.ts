import type { Actor, Role } from '../../server/accounts/present';
import { AppError } from '../../server/errors';
import { authorize, may } from '../../server/policies/policies';

const actor = (role: Role, agency = 'BIRO', id = `${role}-1`): Actor => ({
  id,
  email: `${id}@example.go.id`,
  name: id,
  role,
  agency: { code: agency, name: agency },
});

const doc = {
  status: 'drafting' as const,
  parties: [{ code: 'BIRO' }, { code: 'PIHAKB' }],
  reviewers: [{ code: 'INSP' }],
};

/** The error `authorize` throws, or undefined when it lets the actor through. */
function refusal(run: () => void): AppError | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

describe('authorize', () => {
  it('lets through whom the rule allows, and refuses the others with a 403 saying who may', () => {
    expect(refusal(() => authorize(actor('drafter'), 'revision.cut'))).toBeUndefined();
    const refused = refusal(() => authorize(actor('reviewer'), 'revision.cut'));
    expect(refused?.status).toBe(403);
    expect(refused?.message).toBe('Hanya perancang (drafter) yang dapat membuat revisi.');
  });

  it('answers 404, not 403, to someone who may not see a document', () => {
    const outsider = actor('drafter', 'LAIN');
    expect(may(outsider, 'document.see', doc)).toBe(false);
    const refused = refusal(() => authorize(outsider, 'document.see', doc));
    expect(refused?.status).toBe(404);
    expect(refused?.message).toBe('Dokumen tidak ditemukan.');
    expect(may(actor('admin', 'SELARAS'), 'document.see', doc)).toBe(true);
    expect(may(actor('reviewer', 'INSP'), 'document.see', doc)).toBe(true);
  });

  it('judges by the subject: a head approves for a party agency only, a comment is resolved by its author or a drafter', () => {
    expect(may(actor('head', 'PIHAKB'), 'document.approve', doc)).toBe(true);
    expect(may(actor('head', 'INSP'), 'document.approve', doc)).toBe(false);
    const author = actor('reviewer', 'INSP');
    expect(may(author, 'comment.resolve', { authorId: author.id })).toBe(true);
    expect(may(actor('head', 'INSP'), 'comment.resolve', { authorId: author.id })).toBe(false);
    expect(may(actor('drafter'), 'comment.resolve', { authorId: author.id })).toBe(true);
  });
});
