import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { apiClient, createDocument, makeCast, type ApiClient, type Cast } from './factories';
import { describeNeeding } from './prerequisites';
import { startTestServer, type TestServer } from './server';

/** Where Debian installs Chromium; the browser tests need it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Flags for a quiet, headless Chromium that never phones home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/** True when Chromium is installed here. */
export const hasChromium = () => existsSync(CHROMIUM_PATH);

/**
 * `describe` when Chromium is installed; otherwise `describe.skip` and a note on how to get it,
 * or in CI a failing test (prerequisites.ts).
 */
export function describeBrowser(name: string, body: () => void): void {
  const missing = hasChromium()
    ? undefined
    : `${CHROMIUM_PATH} not found. Install Chromium with ` +
      '`apt-get install chromium` (Debian/Ubuntu) or set CHROMIUM_PATH';
  describeNeeding(missing, 'Chromium')(name, body);
}

let built = false;

/** Builds the web client into dist/client once per test process (esbuild: well under a second). */
export function buildClientOnce(): void {
  if (built) return;
  execFileSync(process.execPath, [path.resolve(__dirname, '../../client/build.mjs')], {
    stdio: 'inherit',
  });
  built = true;
}

/** Launches headless Chromium. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** A browser context of its own (its own cookies and IndexedDB) with one page. */
export interface UserPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors thrown in the page; a test fails when any occurred. */
  errors: Error[];
}

/** Opens a fresh context and page that records uncaught page errors. */
export async function openPage(
  browser: Browser,
  options: { width?: number; height?: number } = {},
): Promise<UserPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1440, height: options.height ?? 900 },
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
  });
  const page = await context.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (err) => errors.push(err));
  return { context, page, errors };
}

/** Logs in through the form at `/` (or at `path`, which then opens after login). */
export async function loginThroughForm(
  page: Page,
  baseUrl: string,
  user: { email: string; password: string },
  path = '/',
): Promise<void> {
  await page.goto(baseUrl + path);
  await page.locator('form.login input[name="email"]').fill(user.email);
  await page.locator('form.login input[name="password"]').fill(user.password);
  await page.locator('form.login button[type="submit"]').click();
  await page.locator('header.app-header .who-name').waitFor();
}

/** Opens a document's workspace and waits until the editor shows the live text. */
export async function openWorkspace(page: Page, baseUrl: string, documentId: string) {
  await page.goto(`${baseUrl}/documents/${documentId}`);
  try {
    await page.locator('.ProseMirror section.clause').first().waitFor({ timeout: 30_000 });
  } catch (error) {
    // Say where the page stood (still loading, socket not synced, an error shown), so a run that
    // fails here tells a slow machine from a document that never arrived.
    const state = await page
      .evaluate(() => ({
        url: location.href,
        connection: document.querySelector('.connection')?.textContent ?? null,
        editor: document.querySelector('.ProseMirror')?.outerHTML.slice(0, 200) ?? null,
        notices: document.querySelector('.notices')?.textContent ?? null,
        body: document.body.innerText.slice(0, 300),
      }))
      .catch((e: Error) => ({ unreadable: e.message }));
    throw new Error(`${(error as Error).message}\nworkspace state: ${JSON.stringify(state)}`);
  }
}

/** Selects a tab of the workspace's side panel by its label. */
export async function openTab(page: Page, label: string): Promise<void> {
  await page.locator('.tabs button', { hasText: label }).click();
}

/** Clicks into a clause heading (a single line, so End lands after its last word) and types. */
export async function typeInClauseHeading(page: Page, index: number, text: string): Promise<void> {
  await page.locator('.ProseMirror section.clause .clause-heading').nth(index).click();
  await page.keyboard.press('End');
  await page.keyboard.type(text);
}

/** A browser test file's server, Chromium, API client and cast, and the pages its test opened. */
export interface BrowserSuite {
  server: TestServer;
  browser: Browser;
  call: ApiClient;
  cast: Cast;
  /** Pages opened by the running test; closed after it, which fails when any had a page error. */
  pages: UserPage[];
  /** Opens a page that is closed and checked for page errors after the test. */
  openPage(): Promise<UserPage>;
  /** A page logged in as `user`, showing the workspace of `documentId` when given. */
  signedIn(user: { email: string; password: string }, documentId?: string): Promise<UserPage>;
  /** Workspaces of `documentId` signed in as each of `users`, each showing the side panel's `tab`. */
  workspacesOnTab(
    documentId: string,
    tab: string,
    users: { email: string; password: string }[],
  ): Promise<Page[]>;
  /** A new document drafted by the cast's drafter for parties A and B, reviewed by the inspectorate. */
  newDocument(title?: string): Promise<string>;
  /** Cuts the next revision as the drafter; the test fails unless it is created. */
  cutRevision(documentId: string): Promise<RevisionBody>;
  /** Approves a revision as `user`'s agency; the test fails unless the sign-off is recorded. */
  approveSignoff(documentId: string, user: { token: string }, revision: number): Promise<void>;
}

/** What cutting a revision returns, as far as the browser tests read it. */
export interface RevisionBody {
  number: number;
  clauses: { id: string; number: number; heading: string }[];
}

/**
 * Registers hooks that build the client, start a server with a cast and Chromium (beforeAll),
 * close each test's pages and fail the test on uncaught page errors (afterEach) and stop it
 * all (afterAll); read the fields inside tests.
 */
export function browserSuite(): BrowserSuite {
  const suite: BrowserSuite = {
    pages: [] as UserPage[],
    async openPage() {
      const userPage = await openPage(suite.browser);
      suite.pages.push(userPage);
      return userPage;
    },
    async signedIn(user, documentId) {
      const userPage = await suite.openPage();
      await loginThroughForm(userPage.page, suite.server.url, user);
      if (documentId) await openWorkspace(userPage.page, suite.server.url, documentId);
      return userPage;
    },
    async workspacesOnTab(documentId, tab, users) {
      const userPages = await Promise.all(users.map((user) => suite.signedIn(user, documentId)));
      await Promise.all(userPages.map(({ page }) => openTab(page, tab)));
      return userPages.map(({ page }) => page);
    },
    newDocument(title) {
      return createDocument(suite.call, suite.cast, title === undefined ? {} : { title });
    },
    async cutRevision(documentId) {
      const res = await suite.call<RevisionBody>('POST', `/api/documents/${documentId}/revisions`, {
        token: suite.cast.drafter.token,
        body: {},
      });
      expect(res.status).toBe(201);
      return res.body;
    },
    async approveSignoff(documentId, user, revision) {
      const res = await suite.call(
        'POST',
        `/api/documents/${documentId}/revisions/${revision}/signoffs`,
        { token: user.token, body: { decision: 'approve' } },
      );
      expect(res.status).toBe(201);
    },
  } as BrowserSuite;
  beforeAll(async () => {
    buildClientOnce();
    [suite.server, suite.browser] = await Promise.all([startTestServer(), launchBrowser()]);
    suite.call = apiClient(suite.server.url);
    suite.cast = await makeCast(suite.server.db);
  }, 120_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  afterEach(async () => {
    const errors = suite.pages.flatMap((p) => p.errors.map((e) => e.message));
    await Promise.all(suite.pages.map((p) => p.context.close()));
    suite.pages = [];
    expect(errors).toEqual([]);
  });
  return suite;
}
