import type { Page } from 'playwright-core';
import { pdfPages, expectInOrder } from '../exports/readBack';
import { browserSuite, describeBrowser, typeInClauseHeading } from '../support/browser';
import { createDocument } from '../support/factories';

jest.setTimeout(120_000);

// Eight Pasal of several paragraphs, so that the Pasal the presenter picks lies below the fold.
const PLAIN = Array.from({ length: 8 }, (_, i) =>
  [
    `Pasal ${i + 1}`,
    `Judul Pasal ${i + 1}`,
    ...Array.from(
      { length: 4 },
      (_, p) => `Paragraf ${p + 1} dari Pasal ${i + 1} yang cukup panjang untuk mengisi layar.`,
    ),
  ].join('\n'),
).join('\n');

const row = (clauseId: string) => `.meeting-agenda li[data-clause-id="${clauseId}"]`;

/** Whether the editor shows the top of a clause inside the window. */
const inView = (page: Page, clauseId: string) =>
  page.evaluate((id) => {
    const el = document.querySelector(`.ProseMirror [data-clause-id="${id}"]`);
    if (!el) return false;
    const top = el.getBoundingClientRect().top;
    return top >= 0 && top < window.innerHeight;
  }, clauseId);

describeBrowser('rapat penyelarasan', () => {
  const t = browserSuite();

  it('holds a meeting with a presenter and two agencies, decides three Pasal, edits, closes and prints the berita acara', async () => {
    const id = await createDocument(t.call, t.cast, { title: 'Nota Rapat', text: PLAIN });
    const first = await t.cutRevision(id);
    const [p1, p2, , , , , p7] = first.clauses;
    const [drafter, head, reviewer] = await t.workspacesOnTab(id, 'Rapat', [
      t.cast.drafter,
      t.cast.headA,
      t.cast.reviewer,
    ]);

    // The drafter opens the meeting; the others see it without reloading.
    await drafter.locator('form.meeting-open input[name="place"]').fill('Ruang Rapat Lt. 3');
    await drafter.locator('form.meeting-open button[type="submit"]').click();
    await drafter.locator('.meeting .meeting-heading', { hasText: 'Berlangsung' }).waitFor();
    for (const page of [head, reviewer]) await page.locator('button.meeting-attend').waitFor();

    // Attendance per agency, with the jabatan.
    await head.locator('.meeting-attend-form input[name="jabatan"]').fill('Kepala Dinas');
    await head.locator('button.meeting-attend').click();
    await reviewer.locator('button.meeting-attend').click();
    const partyA = `.attendee-list li[data-agency="${t.cast.partyA.code}"]`;
    const inspectorate = `.attendee-list li[data-agency="${t.cast.inspectorate.code}"]`;
    await drafter.locator(partyA, { hasText: `${t.cast.headA.name} (Kepala Dinas)` }).waitFor();
    await drafter.locator(inspectorate, { hasText: t.cast.reviewer.name }).waitFor();
    expect(await head.locator('button.meeting-attend').isVisible()).toBe(false);

    // The presenter leads to Pasal 7; the head follows, the reviewer sees where it is.
    await head.locator('label.meeting-follow input').check();
    expect(await inView(head, p7.id)).toBe(false);
    await drafter.locator(`${row(p7.id)} button.meeting-pick`).click();
    await head.locator(`${row(p7.id)}.presented`).waitFor();
    await head.waitForFunction((cid) => {
      const el = document.querySelector(`.ProseMirror [data-clause-id="${cid}"]`);
      const top = el?.getBoundingClientRect().top ?? -1;
      return top >= 0 && top < window.innerHeight;
    }, p7.id);
    await reviewer.locator('.meeting-presenter', { hasText: 'sedang membahas Pasal 7' }).waitFor();

    // An edit during the meeting, then a decision on three Pasal.
    await typeInClauseHeading(drafter, 0, ' Bersama');
    const decide = async (clauseId: string, label: string, note?: string, followUp?: string) => {
      await drafter.locator(`${row(clauseId)} button.meeting-pick`).click();
      await drafter.locator('.decision-form h4', { hasText: 'Keputusan untuk' }).waitFor();
      if (note) await drafter.locator('.decision-form textarea[name="note"]').fill(note);
      if (followUp) await drafter.locator('.decision-form input[name="followUp"]').fill(followUp);
      await drafter.locator('.decision-form button', { hasText: new RegExp(`^${label}$`) }).click();
      await drafter.locator(`${row(clauseId)} .badge`, { hasText: label }).waitFor();
    };
    await decide(p1.id, 'Disepakati dengan perubahan', 'Judul dipertegas.');
    await decide(p2.id, 'Ditunda', 'Menunggu surat Kemenkeu.', 'Biro Keuangan');
    await decide(p7.id, 'Disepakati');
    await reviewer.locator(`${row(p2.id)}[data-decision="ditunda"]`).waitFor();
    await reviewer.locator(row(p2.id), { hasText: 'Tindak lanjut: Biro Keuangan' }).waitFor();

    // The close cuts revision 2 with the edit; attending agencies give their paraf from here.
    await drafter.locator('button.meeting-close').click();
    await drafter.locator('.meeting-outcome', { hasText: 'revisi 2' }).waitFor();
    await head.locator('button.meeting-paraf', { hasText: 'Paraf revisi 2' }).click();
    await head.locator('.meeting-paraf-done').waitFor();
    await reviewer.locator('button.meeting-paraf').waitFor();
    const signoffs = await t.call<{ agency: { code: string }; status: string; revision: number }[]>(
      'GET',
      `/api/documents/${id}/signoffs`,
      { token: t.cast.drafter.token },
    );
    expect(signoffs.body.find((s) => s.agency.code === t.cast.partyA.code)).toMatchObject({
      status: 'approved',
      revision: 2,
    });
    const revision = await t.call<{ clauses: { heading: string }[] }>(
      'GET',
      `/api/documents/${id}/revisions/2`,
      { token: t.cast.drafter.token },
    );
    expect(revision.body.clauses[0].heading).toBe('Judul Pasal 1 Bersama');

    // The berita acara, downloaded with the head's session, lists attendees and decisions.
    const href = await head.locator('a.minutes-pdf').getAttribute('href');
    const pdf = await head.request.get(t.server.url + href!);
    expect(pdf.status()).toBe(200);
    const text = (await pdfPages(await pdf.body())).join(' ');
    expectInOrder(text, [
      'BERITA ACARA RAPAT PENYELARASAN',
      'Tempat: Ruang Rapat Lt. 3',
      t.cast.partyA.name,
      `${t.cast.headA.name}, Kepala Dinas`,
      t.cast.inspectorate.name,
      t.cast.reviewer.name,
      'Pasal 1 — Judul Pasal 1 Bersama: Disepakati dengan perubahan.',
      'Catatan: Judul dipertegas.',
      'Pasal 2 — Judul Pasal 2: Ditunda.',
      'Pasal 7 — Judul Pasal 7: Disepakati.',
      'Menjadi: Judul Pasal 1 Bersama',
      'Ditindaklanjuti oleh: Biro Keuangan',
      'Revisi 2',
    ]);

    // A next meeting opens on revision 2; the first stays listed with its berita acara.
    await drafter.locator('form.meeting-open input[name="place"]').fill('Daring');
    await drafter.locator('form.meeting-open button[type="submit"]').click();
    await head.locator('.meeting-heading', { hasText: 'membahas revisi 2' }).waitFor();
    const earlier = head.locator('.meeting-history li');
    expect(await earlier.count()).toBe(1);
    expect(await earlier.locator('.muted').textContent()).toContain('hasil: revisi 2');
    expect(await earlier.locator('a.minutes-pdf').getAttribute('href')).toBe(href);
  });
});
