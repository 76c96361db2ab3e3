import { z } from 'zod';
import { commentInput, documentInput, userInput } from '../../shared/api';
import { installIndonesianMessages } from '../../shared/zodMessages';

installIndonesianMessages();

const messages = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a refusal');
  // The first message of each field, as the API's `details` give it.
  const found: Record<string, string> = {};
  for (const issue of result.error.issues) found[issue.path.join('.')] ??= issue.message;
  return found;
};

describe('zod messages in Bahasa Indonesia', () => {
  it('says a required field must be filled, naming it', () => {
    expect(messages(documentInput, { title: '   ', parties: ['A1', 'B2'] })).toEqual({
      title: 'Judul wajib diisi',
    });
    expect(messages(userInput.pick({ email: true, name: true }), {})).toEqual({
      email: 'Email wajib diisi',
      name: 'Nama wajib diisi',
    });
  });

  it('says what type, length, format or choice was expected', () => {
    expect(
      messages(commentInput, {
        clauseId: 'x',
        body: 'x'.repeat(20_001),
        parentId: 'bukan-uuid',
      }),
    ).toEqual({
      body: 'Komentar maksimal 20000 karakter',
      parentId: 'Komentar induk bukan pengenal (UUID)',
    });
    expect(
      messages(userInput.pick({ email: true, role: true }), { email: 'a@', role: 'raja' }),
    ).toEqual({
      email: 'Email bukan alamat email',
      role: 'Peran harus salah satu dari: admin, drafter, reviewer, head',
    });
    expect(messages(documentInput, { title: 5, parties: 'x' })).toEqual({
      title: 'Judul harus berupa teks',
      parties: 'Para pihak harus berupa daftar',
    });
  });

  it('keeps the messages a schema writes itself', () => {
    expect(messages(documentInput, { title: 'Nota', parties: ['A1'] })).toEqual({
      parties: 'minimal dua pihak',
    });
  });
});
