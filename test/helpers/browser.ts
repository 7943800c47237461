import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from './lspClient';

/** Debian's chromium; CI installs it (.ci/run). Tests fail, not skip, when it cannot start. */
export const CHROMIUM = process.env.KUBEPLAN_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'test', 'artifacts');

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface HeadlessBrowser {
  context: BrowserContext;
  close(): Promise<void>;
  /** A fresh page that records dialogs, page errors and CSP violations. */
  newPage(options?: { colorScheme?: 'light' | 'dark'; width?: number; height?: number; vscodeApi?: boolean }): Promise<WatchedPage>;
}

export interface WatchedPage {
  page: Page;
  dialogs: string[];
  errors: string[];
  /** Messages the page posted to the (stubbed) VS Code API. */
  posted(): Promise<unknown[]>;
  cspViolations(): Promise<string[]>;
}

export async function launchChromium(): Promise<HeadlessBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'kubeplan-chromium-'));
  let context: BrowserContext;
  try {
    // a persistent context is how Playwright takes a fresh --user-data-dir of our own
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 60_000, offline: true });
  } catch (e) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw new Error(`cannot start Chromium at ${CHROMIUM} (install the Debian package "chromium"): ${e instanceof Error ? e.message : String(e)}`);
  }
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
    async newPage(options = {}) {
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme: options.colorScheme ?? 'light' });
      await page.setViewportSize({ width: options.width ?? 1200, height: options.height ?? 900 });
      const dialogs: string[] = [];
      const errors: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      page.on('pageerror', (e) => errors.push(e.message));
      // a string, not a function: tsx would wrap a function's inner names in helpers the page doesn't have
      await page.addInitScript(`(() => {
        window.__cspViolations = [];
        window.__posted = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ': ' + e.blockedURI));
        if (${options.vscodeApi ? 'true' : 'false'}) {
          let state;
          window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => state, setState: (s) => { state = s; } });
        }
      })();`);
      return {
        page,
        dialogs,
        errors,
        posted: () => page.evaluate<unknown[]>('window.__posted'),
        cspViolations: () => page.evaluate<string[]>('window.__cspViolations'),
      };
    },
  };
}

/** Writes a page to a temp file and opens it from disk, as a CI artifact would be opened. */
export async function openHtml(watched: WatchedPage, htmlText: string, name: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplan-page-'));
  const file = join(dir, `${name}.html`);
  writeFileSync(file, htmlText);
  await watched.page.goto(`file://${file}`);
  return file;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
