// Drives the VS Code workbench in headless Chromium the way a person does: the command palette, Quick Open,
// the keyboard, the Problems panel. Selectors are kept few and central here because VS Code's DOM changes
// between versions; everything waits for a condition, never for a fixed time.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser, type Page } from 'playwright-core';

export interface Problem {
  file: string; // absolute path, as the file row's label carries it
  rule: string;
  source: string;
  line: number; // 1-based, as the Problems panel shows it
  column: number;
  message: string;
}

interface MarkerRow {
  path: string;
  message: string;
  source: string;
  code: string;
  position: string;
}

export interface ProblemAt {
  rule: string;
  line: number;
  column: number;
}

const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export class Workbench {
  private constructor(
    private readonly browser: Browser,
    readonly page: Page,
    private readonly artifacts: string,
  ) {}

  static async open(options: { chromium: string; url: string; folder: string; artifacts: string }): Promise<Workbench> {
    mkdirSync(options.artifacts, { recursive: true });
    const browser = await chromium.launch({ executablePath: options.chromium, args: CHROMIUM_ARGS, headless: true });
    try {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      // Lets the test read what "Copy" puts on the clipboard, as a person would paste it.
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: options.url });
      // Generous: on a busy 2-core machine the workbench takes tens of seconds to load. Latency that matters
      // to a user is asserted where it matters (see the type-a-fix scenario), not through these timeouts.
      context.setDefaultTimeout(45_000);
      const page = await context.newPage();
      await page.goto(`${options.url}/?folder=${encodeURIComponent(options.folder)}`, { timeout: 180_000 });
      await page.locator('.monaco-workbench').waitFor({ timeout: 180_000 });
      return new Workbench(browser, page, options.artifacts);
    } catch (e) {
      await browser.close();
      throw e;
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
  }

  async screenshot(name: string): Promise<string> {
    const file = join(this.artifacts, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** F1, type the command's title, Enter: what a person does, and stable across VS Code versions. */
  async runCommand(title: string): Promise<void> {
    await this.openCommand(title);
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Runs a command that asks for a choice in a second picker (e.g. which output channel), and makes it. */
  async runCommandAndPick(title: string, item: string): Promise<void> {
    await this.openCommand(title);
    const input = this.page.locator('.quick-input-widget input');
    await this.waitFor('the command\'s picker', async () => (await input.isVisible()) && !(await input.inputValue()).startsWith('>'));
    await input.fill(item);
    await this.page.locator('.quick-input-widget .monaco-list-row', { hasText: item }).first().waitFor({ state: 'visible' });
    await input.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  private async openCommand(title: string): Promise<void> {
    await this.dismissWidgets();
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ state: 'visible' });
    await input.press('Enter');
  }

  /**
   * Opens a file by clicking through the Explorer, as a person does (Quick Open depends on the file-search index,
   * which can take a minute to warm up on a busy machine), then waits until the editor's tab shows it.
   */
  async openFile(relativePath: string): Promise<void> {
    await this.dismissWidgets();
    const parts = relativePath.split('/');
    const rowOf = (name: string) =>
      this.page
        .locator('.explorer-folders-view .monaco-list-row')
        .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) })
        .first();
    for (const folder of parts.slice(0, -1)) {
      const row = rowOf(folder);
      await row.waitFor({ state: 'visible' });
      if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
      await this.waitFor(`the Explorer to expand ${folder}`, async () => (await row.getAttribute('aria-expanded')) === 'true');
    }
    const name = parts[parts.length - 1]!;
    await rowOf(name).click();
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ state: 'visible' });
    await this.editorFocus();
  }

  private async editorFocus(): Promise<void> {
    await this.page.locator('.editor-group-container.active .monaco-editor textarea').first().focus();
  }

  /** Ctrl+G to a 1-based line and column. */
  async goTo(line: number, column = 1): Promise<void> {
    await this.editorFocus();
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`); // Go to Line is Quick Open's `:` mode
    await input.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /**
   * With the cursor on a diagnostic, clicks the lightbulb that appears beside the line and picks the fix by title.
   * Returns the titles the menu offered.
   */
  async applyQuickFixFromLightbulb(title: string): Promise<string[]> {
    // VS Code draws it in the gutter (`codicon-gutter-lightbulb[-auto-fix|-sparkle…]`) or, when the gutter is
    // taken, as a widget over the text.
    const bulb = this.page
      .locator('.editor-group-container.active')
      .locator('[class*="codicon-gutter-lightbulb"]:visible, .lightBulbWidget [class*="codicon-light"]:visible')
      .first();
    await bulb.waitFor({ state: 'visible' });
    await bulb.click();
    const menu = this.page.locator('.action-widget:not(.action-list-submenu-panel)');
    await menu.waitFor({ state: 'visible' });
    const offered = (await menu.locator('.monaco-list-row').allInnerTexts()).map((t) => t.trim());
    await menu.locator('.monaco-list-row', { hasText: title }).first().click();
    await menu.waitFor({ state: 'hidden' });
    return offered;
  }

  /** Rests the mouse on the first occurrence of `word` in the editor's visible text; returns the hover's text. */
  async hoverWord(word: string): Promise<string> {
    const token = this.page.locator('.editor-group-container.active .view-lines span span', { hasText: new RegExp(`^${word}$`) }).first();
    const hover = this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first();
    // The lines can move under a resting mouse (a code lens that arrives late pushes them down), and the editor shows
    // a hover only when the mouse moves: if none shows, leave the text and rest on the word again where it now is.
    const deadline = Date.now() + 45_000;
    for (;;) {
      await token.hover();
      try {
        await hover.waitFor({ state: 'visible', timeout: 5_000 });
        break;
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await this.page.mouse.move(0, 0);
      }
    }
    // The hover fills in when the language server answers; wait until it stops changing.
    let last = '';
    await this.waitFor('the hover to settle', async () => {
      const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
      const settled = text === last && text.length > 0;
      last = text;
      return settled;
    });
    return last;
  }

  /**
   * The text of the newest webview panel (VS Code nests the page in two iframes), once it matches `ready`.
   */
  async webviewText(ready: RegExp, timeoutMs = 60_000): Promise<string> {
    const body = this.page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame').locator('body');
    const { value } = await this.waitFor(
      `the webview to show ${ready}`,
      async () => {
        const text = (await body.innerText({ timeout: 2_000 })).replace(/\u00a0/g, ' ');
        return ready.test(text) && text;
      },
      timeoutMs,
    );
    return value;
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  async save(): Promise<void> {
    await this.page.keyboard.press('Control+S');
    await this.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
  }

  async dismissWidgets(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }

  /** Opens the Problems panel (Ctrl+Shift+M toggles, so go through the palette's "focus" command instead). */
  async showProblems(): Promise<void> {
    if (await this.page.locator('.markers-panel').isVisible()) return;
    await this.runCommand('View: Focus Problems');
    await this.page.locator('.markers-panel').waitFor({ state: 'visible' });
  }

  /** The marker rows the Problems panel shows now, read from what is on screen (file rows, then their markers). */
  async problems(): Promise<Problem[]> {
    await this.showProblems();
    // Runs in the page: anonymous functions only (tsx wraps named ones in a helper the page doesn't have).
    const rows: MarkerRow[] = await this.page.locator('.markers-panel .monaco-list-row').evaluateAll((els) =>
      els.map((el) => ({
        path: el.querySelector('.monaco-icon-label')?.getAttribute('aria-label') ?? '',
        message: el.querySelector('.marker-message')?.textContent?.trim() ?? '',
        source: el.querySelector('.marker-source')?.textContent?.trim() ?? '',
        code: el.querySelector('.marker-code')?.textContent?.trim() ?? '',
        position: el.querySelector('.marker-line')?.textContent?.trim() ?? '',
      })),
    );
    // The list is virtualised: rows off screen are not in the DOM. Refuse to return a partial list.
    const summary = (await this.page.locator('.markers-panel .monaco-list[role="tree"]').first().getAttribute('aria-label')) ?? '';
    const total = Number(/Showing (\d+) problems?/.exec(summary)?.[1] ?? 0);
    const out: Problem[] = [];
    let file = '';
    for (const row of rows) {
      const position = /Ln (\d+), Col (\d+)/.exec(row.position);
      if (!position) {
        file = row.path;
        continue;
      }
      out.push({ file, rule: row.code, source: row.source, line: Number(position[1]), column: Number(position[2]), message: row.message });
    }
    if (out.length < total) throw new Error(`the Problems panel shows ${out.length} of ${total} problems: enlarge it or filter`);
    return out;
  }

  /**
   * Waits, watching inside the page (cheap, so the timing is the editor's and not the poller's), until the Problems
   * panel shows a row for each of `present` and none for any of `absent` (rule id at `[Ln l, Col c]`).
   * Asking for both matters while typing: a half-typed line is a YAML error that hides every other finding for a moment.
   */
  async waitForProblems(expect: { present?: ProblemAt[]; absent?: ProblemAt[] }, timeoutMs = 10_000): Promise<void> {
    await this.showProblems();
    const row = (p: ProblemAt) => `rows.some((row) =>
      row.querySelector('.marker-code')?.textContent.trim() === ${JSON.stringify(p.rule)} &&
      row.querySelector('.marker-line')?.textContent.includes(${JSON.stringify(`Ln ${p.line}, Col ${p.column}`)}))`;
    const conditions = [...(expect.present ?? []).map(row), ...(expect.absent ?? []).map((p) => `!${row(p)}`)];
    const probe = `(() => { const rows = [...document.querySelectorAll('.markers-panel .monaco-list-row')]; return ${conditions.join(' && ') || 'true'}; })()`;
    await this.page.waitForFunction(probe, undefined, { polling: 20, timeout: timeoutMs });
  }

  /** Polls `probe` until it returns a truthy value; returns it with how long it took. */
  async waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<{ value: T; ms: number }> {
    const started = Date.now();
    let last: unknown;
    while (Date.now() - started < timeoutMs) {
      try {
        const value = await probe();
        if (value) return { value, ms: Date.now() - started };
        last = value;
      } catch (e) {
        last = e;
      }
      await sleep(50);
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
  }
}
