// Shared set-up of the end-to-end tests: Debian's Chromium driven by
// playwright-core, and the built site served as a plain static host.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from './static-server.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;

/** Runs `thidua-cli` (built first if need be) and returns what it printed. */
export function thiduaCli(...args) {
  const binary = join(ROOT, 'target/debug/thidua-cli');
  if (!existsSync(binary)) execFileSync('cargo', ['build', '--bin', 'thidua-cli'], { cwd: ROOT, stdio: 'ignore' });
  return execFileSync(binary, args, { encoding: 'utf8' });
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Date fields follow the browser's language: show them as a Vietnamese user sees them.
  '--lang=vi-VN',
];

export function launchChromium(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

export function serveDist(options) {
  return serveStatic(new URL('../../dist', import.meta.url).pathname, options);
}

/** A fresh page that fails the test on any uncaught error or console error. */
export async function openPage(browser, errors, contextOptions = {}) {
  const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', ...contextOptions });
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return { context, page };
}

/**
 * Clicks `button` on `page` and keeps the real download in `dir` (it outlives
 * the browser context): its path and the name the app gave it.
 */
export async function saveDownload(page, button, dir) {
  const downloading = page.waitForEvent('download');
  await page.locator(button).click();
  const file = await downloading;
  const path = `${dir}/${Date.now()}-${file.suggestedFilename()}`;
  await file.saveAs(path);
  return { path, name: file.suggestedFilename() };
}

/** Waits until the app has mounted (the menu exists). */
export async function appReady(page) {
  await page.locator('nav.menu a').first().waitFor();
}

/** Takes the campaign file at `path` in Thiết lập, as a division does, and waits for the confirmation. */
export async function useCampaignFile(page, site, path) {
  await page.goto(`${site.url}#/thiet-lap`);
  await appReady(page);
  await page.locator('#import-campaign').setInputFiles(path);
  await page.getByRole('button', { name: 'Dùng thiết lập này' }).click();
  await page.getByText('Đã dùng thiết lập phong trào từ tệp.').waitFor();
}

/** Loads the department-scale sample through Thiết lập, as a user would, and waits until it is stored. */
export async function loadSample(page, site) {
  await page.goto(`${site.url}#/thiet-lap`);
  await appReady(page);
  page.once('dialog', (dialog) => dialog.accept());
  await page.locator('#load-sample').click();
  await page.waitForFunction(() => localStorage.getItem('thidua/v2/workspace').includes('DỮ LIỆU MẪU'));
}

/**
 * Registers the hooks every end-to-end file needs — one Chromium and one
 * static server per file, a fresh context per test, no page errors allowed —
 * and returns the live handles (`browser`, `site`, `context`, `page`).
 */
export function browserSession({ before, after, beforeEach, afterEach, assert, contextOptions = {} }) {
  const session = { errors: [] };
  before(async () => {
    session.browser = await launchChromium();
    session.site = await serveDist();
  });
  after(async () => {
    await session.browser?.close();
    await session.site?.close();
  });
  beforeEach(async () => {
    session.errors = [];
    Object.assign(session, await openPage(session.browser, session.errors, contextOptions));
  });
  afterEach(async () => {
    await session.context.close();
    assert.deepEqual(session.errors, [], 'the page logged errors');
  });
  return session;
}
