import { request } from './http';
import type { InboxItem } from '../../shared/inbox';

export type { InboxItem, InboxKind } from '../../shared/inbox';

/** How inbox items reach the user by e-mail. */
export type MailMode = 'immediate' | 'daily' | 'off';

/** The user's settings, with whether this server sends e-mail at all. */
export interface Settings {
  mailMode: MailMode;
  email: string;
  mailEnabled: boolean;
}

/** The caller's open inbox items, newest first. */
export function listInbox(): Promise<InboxItem[]> {
  return request('GET', '/api/inbox');
}

/** Acknowledges a mention, so it leaves the caller's inbox. */
export function readMention(documentId: string, commentId: string): Promise<unknown> {
  return request(
    'POST',
    `/api/documents/${encodeURIComponent(documentId)}/comments/${encodeURIComponent(commentId)}/read`,
  );
}

/** The caller's settings. */
export function getSettings(): Promise<Settings> {
  return request('GET', '/api/me/settings');
}

/** Saves the caller's mail preference. */
export function saveSettings(mailMode: MailMode): Promise<Settings> {
  return request('PUT', '/api/me/settings', { mailMode });
}
