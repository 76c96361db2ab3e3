import { getSettings, saveSettings, type MailMode } from '../api/inbox';
import { errorMessage } from '../api/http';
import { h } from './dom';
import { notify } from './notice';

const MODE_LABELS: Record<MailMode, string> = {
  immediate: 'Segera: satu surel untuk setiap hal baru',
  daily: 'Ringkasan harian (setiap pagi)',
  off: 'Jangan kirim surel',
};

/** Opens the Pengaturan page: how inbox items reach the user by e-mail. */
export function settingsDialog(): void {
  const status = h('p', { class: 'muted' }, 'Memuat pengaturan…');
  const modes = (Object.keys(MODE_LABELS) as MailMode[]).map((value) =>
    h(
      'label',
      { class: 'inline' },
      h('input', { type: 'radio', name: 'mailMode', value }),
      MODE_LABELS[value],
    ),
  );
  const error = h('p', { class: 'form-error', role: 'alert' });
  const save = h('button', { type: 'submit', class: 'primary', disabled: true }, 'Simpan');
  const cancel = h('button', { type: 'button' }, 'Tutup');
  const form = h(
    'form',
    { method: 'dialog', class: 'settings-form' },
    h('h2', {}, 'Pengaturan'),
    h(
      'fieldset',
      { class: 'mail-modes' },
      h('legend', {}, 'Surel pemberitahuan'),
      status,
      ...modes,
    ),
    error,
    h('div', { class: 'actions' }, cancel, save),
  );
  const dialog = h('dialog', { class: 'dialog settings-dialog' }, form);
  document.body.append(dialog);
  dialog.addEventListener('close', () => dialog.remove());
  cancel.addEventListener('click', () => dialog.close());
  dialog.showModal();

  const radio = (mode: MailMode) =>
    form.querySelector<HTMLInputElement>(`input[name="mailMode"][value="${mode}"]`)!;
  getSettings()
    .then((settings) => {
      radio(settings.mailMode).checked = true;
      status.textContent = settings.mailEnabled
        ? `Pemberitahuan dikirim ke ${settings.email}.`
        : `Server ini belum mengirim surel; pilihan Anda berlaku setelah surel diaktifkan (${settings.email}).`;
      save.disabled = false;
    })
    .catch((err) => (error.textContent = errorMessage(err)));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = form.querySelector<HTMLInputElement>('input[name="mailMode"]:checked');
    if (!chosen) return;
    save.disabled = true;
    saveSettings(chosen.value as MailMode)
      .then(() => {
        notify('Pengaturan disimpan.');
        dialog.close();
      })
      .catch((err) => {
        error.textContent = errorMessage(err);
        save.disabled = false;
      });
  });
}
