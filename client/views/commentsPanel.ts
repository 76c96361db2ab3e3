import { acceptProposal, createComment, resolveComment } from '../api/comments';
import type { Comment } from '../api/types';
import type { EditorView } from 'prosemirror-view';
import { commentInput } from '../../shared/api';
import { selectionAnchor, showCommentAnchors } from '../editor/commentAnchors';
import { clauseAt } from '../editor/commands';
import { formatTime, h, replaceChildren } from './dom';
import { partName } from './labels';
import { mentionAutocomplete } from './mentionAutocomplete';
import { commentPlace, proposalDiff } from './proposalView';
import { notify, notifyError, runAction } from './notice';
import type { WorkspaceData, WorkspaceStore } from './store';

/** The longest comment the API accepts, in characters (its schema's limit). */
export const MAX_COMMENT_CHARS = commentInput.shape.body.maxLength ?? 20_000;

/**
 * The comments tab: comment on the current clause, or on the words selected in it (the comment
 * anchors to them and they are highlighted), with an optional usulan redaksi; reply, resolve.
 */
export function commentsPanel(
  store: WorkspaceStore,
  getView: () => EditorView | null = () => null,
) {
  const target = h('p', { class: 'comment-target muted', id: 'comment-target' });
  const body = h('textarea', {
    name: 'body',
    rows: 3,
    maxlength: MAX_COMMENT_CHARS,
    'aria-label': 'Isi komentar',
    'aria-describedby': 'comment-target comment-limit',
    placeholder: 'Tulis komentar… (ketik @ untuk menyebut instansi)',
  });
  // The box stops at the limit; saying so tells the user why a paste was cut short.
  const limit = h('p', {
    class: 'comment-limit muted',
    id: 'comment-limit',
    'aria-live': 'polite',
  });
  body.addEventListener('input', () => {
    limit.textContent =
      body.value.length >= MAX_COMMENT_CHARS
        ? `Komentar mencapai batas ${MAX_COMMENT_CHARS.toLocaleString('id-ID')} karakter.`
        : '';
  });
  const mentions = mentionAutocomplete(body, () => {
    const { doc } = store.get();
    return [...doc.parties, ...doc.reviewers];
  });
  const withProposal = h('input', { type: 'checkbox', name: 'proposal' });
  const proposalHeading = h('input', { name: 'proposalHeading', placeholder: 'Judul pasal' });
  const proposalText = h('textarea', { name: 'proposalText', rows: 5 });
  const proposalBox = h(
    'div',
    { class: 'proposal-box', hidden: true },
    h('label', { class: 'field' }, 'Judul pasal yang diusulkan', proposalHeading),
    h('label', { class: 'field' }, 'Teks pasal yang diusulkan', proposalText),
  );
  const send = h('button', { type: 'submit', class: 'primary' }, 'Kirim komentar');
  const form = h(
    'form',
    { class: 'comment-form' },
    target,
    h('div', { class: 'mention-anchor' }, body, mentions),
    limit,
    h('label', { class: 'inline' }, withProposal, 'Sertakan usulan redaksi'),
    proposalBox,
    h('div', { class: 'actions' }, send),
  );
  const onlyCurrent = h('input', { type: 'checkbox', name: 'onlyCurrent' });
  const closed = h(
    'p',
    { class: 'comments-closed muted', hidden: true },
    'Naskah sudah final dan terkunci; komentar baru tidak dapat ditambahkan.',
  );
  const list = h('div', { class: 'comment-list' });
  const element = h(
    'section',
    { class: 'panel comments-panel' },
    closed,
    form,
    h('label', { class: 'inline filter' }, onlyCurrent, 'Hanya pasal yang dipilih'),
    list,
  );

  withProposal.addEventListener('change', () => {
    proposalBox.hidden = !withProposal.checked;
    const clause = currentClause(store.get()) ?? currentPart(store.get());
    if (withProposal.checked && clause && !proposalText.value) {
      proposalHeading.value = clause.heading;
      proposalText.value = clause.text;
    }
  });
  onlyCurrent.addEventListener('change', () => update());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = store.get();
    const input = commentInput.safeParse({
      clauseId: data.currentClauseId ?? '',
      body: body.value.trim(),
      ...(withProposal.checked
        ? { proposal: { heading: proposalHeading.value, text: proposalText.value } }
        : {}),
    });
    const view = getView();
    const anchor = view && selectedWords(view, data.currentClauseId);
    if (!input.success) {
      const first = input.error.issues[0];
      notify(
        !data.currentClauseId
          ? 'Pilih pasal terlebih dahulu.'
          : first?.path[0] === 'body' && first.code === 'too_big'
            ? `${first.message}.`
            : first?.path[0] === 'body'
              ? 'Tulis isi komentar.'
              : `${first?.message ?? 'Komentar tidak valid'}.`,
        'error',
      );
      return;
    }
    void runAction(send, async () => {
      await createComment(data.doc.id, {
        ...input.data,
        ...(anchor ? { anchor: { start: anchor.start, end: anchor.end } } : {}),
      });
      body.value = '';
      withProposal.checked = false;
      proposalBox.hidden = true;
      proposalText.value = '';
      await store.refresh('comments');
    });
  });

  function showTarget() {
    const data = store.get();
    const clause = currentClause(data);
    const view = getView();
    const words = view && selectedWords(view, data.currentClauseId);
    const part = currentPart(data);
    target.textContent = clause
      ? `Komentar untuk Pasal ${clause.number}${clause.heading ? ` — ${clause.heading}` : ''}` +
        (words ? `, pada kata “${shorten(words.quote)}”` : '')
      : part
        ? `Komentar untuk ${part.heading}`
        : 'Letakkan kursor pada sebuah pasal (atau klik di daftar pasal) untuk berkomentar.';
    send.disabled = !clause && !part;
  }
  body.addEventListener('focus', showTarget);

  let shownAnchors = '';
  function highlight(data: WorkspaceData) {
    const view = getView();
    if (!view) return;
    const anchors = data.comments
      .filter((c) => !c.parentId && !c.resolved && c.anchor)
      .map((c) => ({ id: c.id, start: c.anchor!.start, end: c.anchor!.end }));
    const key = JSON.stringify(anchors);
    if (key === shownAnchors) return;
    shownAnchors = key;
    queueMicrotask(() => showCommentAnchors(view, anchors));
  }

  function update() {
    const data = store.get();
    showTarget();
    highlight(data);
    const final = data.doc.status === 'final';
    form.hidden = final;
    closed.hidden = !final;
    const shown = data.comments.filter(
      (c) => !c.parentId && (!onlyCurrent.checked || c.clauseId === data.currentClauseId),
    );
    replaceChildren(
      list,
      ...(shown.length === 0
        ? [h('p', { class: 'muted' }, 'Belum ada komentar.')]
        : shown.map((c) => thread(c, data, store))),
    );
  }
  return { element, update };
}

/** The words selected in the editor inside the current clause, as a comment's anchor. */
function selectedWords(view: EditorView, clauseId: string | null) {
  const here = clauseAt(view.state);
  if (!clauseId || !here || here.node.attrs.id !== clauseId) return null;
  return selectionAnchor(view);
}

const shorten = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

/** The pembukaan or penutup when it is the current target (the outline's Lampiran entry). */
function currentPart(data: WorkspaceData): { heading: string; text: string } | null {
  const id = data.currentClauseId;
  const heading = id ? partName(id, data) : null;
  if (!id || !heading) return null;
  return { heading, text: data.liveParts?.[id as 'pembukaan' | 'penutup'] ?? '' };
}

function currentClause(data: WorkspaceData) {
  const index = data.liveClauses.findIndex((c) => c.id === data.currentClauseId);
  return index < 0 ? null : { ...data.liveClauses[index], number: index + 1 };
}

/**
 * An usulan redaksi: what it changes against the current text of its Pasal; once accepted,
 * that is no change any more, so the wording it brought is kept behind a toggle.
 */
function proposalBlock(
  comment: Comment,
  current: { heading: string; text: string } | null,
): HTMLElement {
  const proposal = comment.proposal!;
  if (comment.accepted)
    return h(
      'details',
      { class: 'proposal proposal-accepted' },
      h('summary', { class: 'muted' }, 'Usulan redaksi diterima ke dalam naskah'),
      proposal.heading && h('strong', {}, proposal.heading),
      h('p', {}, proposal.text),
    );
  return h(
    'div',
    { class: 'proposal' },
    h(
      'div',
      { class: 'muted' },
      current ? 'Usulan redaksi (perubahan terhadap teks saat ini):' : 'Usulan redaksi:',
    ),
    proposalDiff(current, proposal),
  );
}

function thread(comment: Comment, data: WorkspaceData, store: WorkspaceStore): HTMLElement {
  const replies = data.comments.filter((c) => c.parentId === comment.id);
  const place = commentPlace(data, comment.clauseId, comment.proposal);
  const where = place.label.replace(/ — .*$/, '');
  const actions = h('div', { class: 'actions' });
  const docId = data.doc.id;
  const isDrafter = data.me.role === 'drafter' || data.me.role === 'admin';
  if (!comment.resolved && data.doc.status !== 'final') {
    if (comment.proposal && isDrafter) {
      const accept = h('button', { type: 'button', class: 'primary' }, 'Terima usulan');
      accept.addEventListener(
        'click',
        () =>
          void runAction(accept, async () => {
            await acceptProposal(docId, comment.id);
            await store.refresh('comments');
          }),
      );
      actions.append(accept);
    }
    if (isDrafter || comment.author.id === data.me.id) {
      const resolve = h('button', { type: 'button' }, 'Selesaikan');
      resolve.addEventListener(
        'click',
        () =>
          void runAction(resolve, async () => {
            await resolveComment(docId, comment.id);
            await store.refresh('comments');
          }),
      );
      actions.append(resolve);
    }
  }
  const replyBox = h('input', {
    name: 'reply',
    placeholder: 'Balas…',
    'aria-label': `Balas komentar ${comment.author.name}`,
    maxlength: MAX_COMMENT_CHARS,
  });
  const replyForm = h('form', { class: 'reply-form' }, replyBox);
  replyForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = replyBox.value.trim();
    if (!text) return;
    createComment(docId, { clauseId: comment.clauseId, body: text, parentId: comment.id })
      .then(() => store.refresh('comments'))
      .catch(notifyError);
  });
  return h(
    'article',
    { class: `comment${comment.resolved ? ' resolved' : ''}`, dataset: { commentId: comment.id } },
    h(
      'header',
      {},
      h('strong', {}, comment.author.name),
      comment.author.agency && h('span', { class: 'muted' }, ` · ${comment.author.agency.name}`),
      h('span', { class: 'muted' }, ` · ${where} · ${formatTime(comment.createdAt)}`),
      comment.accepted
        ? h('span', { class: 'badge badge-accepted' }, 'Diterima')
        : comment.resolved && h('span', { class: 'badge' }, 'Selesai'),
    ),
    comment.anchor &&
      h(
        'blockquote',
        { class: 'comment-quote' },
        `“${shorten(comment.anchor.quote)}”`,
        !comment.anchor.text &&
          h('span', { class: 'muted' }, ' (kata-kata ini telah dihapus dari naskah)'),
      ),
    h('p', { class: 'comment-body' }, comment.body),
    comment.proposal && proposalBlock(comment, place.current),
    ...replies.map((r) =>
      h('div', { class: 'reply' }, h('strong', {}, r.author.name), ': ', r.body),
    ),
    actions,
    !comment.resolved && replyForm,
  );
}
