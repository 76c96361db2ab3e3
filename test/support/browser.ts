import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

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

/** `describe` when Chromium is installed; otherwise `describe.skip` and a note on how to get it. */
export function describeBrowser(name: string, body: () => void): void {
  if (hasChromium()) {
    describe(name, body);
    return;
  }
  console.warn(
    `Browser tests skipped: ${CHROMIUM_PATH} not found. Install Chromium with ` +
      '`apt-get install chromium` (Debian/Ubuntu) or set CHROMIUM_PATH.',
  );
  describe.skip(name, body);
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
  await page.locator('.ProseMirror section.clause').first().waitFor({ timeout: 10_000 });
}

/** Selects a tab of the workspace's side panel by its label. */
export async function openTab(page: Page, label: string): Promise<void> {
  await page.locator('.tabs button', { hasText: label }).click();
}
