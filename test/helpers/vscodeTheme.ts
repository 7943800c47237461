/**
 * A few of the CSS variables VS Code sets on a webview's <html> (values of the Dark Modern
 * and Light Modern themes), so a browser test can show the page as the editor would.
 */
const COMMON = { '--vscode-font-family': '-apple-system, BlinkMacSystemFont, "Segoe UI", Ubuntu, sans-serif', '--vscode-font-size': '13px', '--vscode-editor-font-family': '"DejaVu Sans Mono", monospace' };

export const DARK_MODERN: Record<string, string> = {
  ...COMMON,
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-foreground': '#cccccc',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-panel-border': '#2b2b2b',
  '--vscode-sideBar-background': '#181818',
  '--vscode-focusBorder': '#0078d4',
  '--vscode-textLink-foreground': '#4daafc',
  '--vscode-testing-iconPassed': '#73c991',
  '--vscode-errorForeground': '#f85149',
  '--vscode-editorWarning-foreground': '#cca700',
  '--vscode-editorInfo-foreground': '#3794ff',
  '--vscode-editorWidget-background': '#202020',
  '--vscode-button-background': '#0078d4',
  '--vscode-button-foreground': '#ffffff',
  '--vscode-button-hoverBackground': '#026ec1',
  '--vscode-button-secondaryBackground': '#313131',
  '--vscode-button-secondaryForeground': '#cccccc',
  '--vscode-button-secondaryHoverBackground': '#3c3c3c',
  '--vscode-input-background': '#313131',
  '--vscode-input-foreground': '#cccccc',
  '--vscode-input-border': '#3c3c3c',
  '--vscode-list-hoverBackground': '#2a2d2e',
};

export const LIGHT_MODERN: Record<string, string> = {
  ...COMMON,
  '--vscode-editor-background': '#ffffff',
  '--vscode-foreground': '#3b3b3b',
  '--vscode-descriptionForeground': '#3b3b3b',
  '--vscode-panel-border': '#e5e5e5',
  '--vscode-sideBar-background': '#f8f8f8',
  '--vscode-focusBorder': '#005fb8',
  '--vscode-textLink-foreground': '#005fb8',
  '--vscode-testing-iconPassed': '#388a34',
  '--vscode-errorForeground': '#f85149',
  '--vscode-editorWarning-foreground': '#bf8803',
  '--vscode-editorInfo-foreground': '#1a85ff',
  '--vscode-editorWidget-background': '#f8f8f8',
  '--vscode-button-background': '#005fb8',
  '--vscode-button-foreground': '#ffffff',
  '--vscode-button-hoverBackground': '#0258a8',
  '--vscode-button-secondaryBackground': '#e5e5e5',
  '--vscode-button-secondaryForeground': '#3b3b3b',
  '--vscode-button-secondaryHoverBackground': '#cccccc',
  '--vscode-input-background': '#ffffff',
  '--vscode-input-foreground': '#3b3b3b',
  '--vscode-input-border': '#cecece',
  '--vscode-list-hoverBackground': '#f2f2f2',
};

/** A script for page.evaluate: sets the variables through the CSSOM, which the page's CSP allows (as VS Code does). */
export function applyThemeScript(vars: Record<string, string>): string {
  return `(() => { const s = document.documentElement.style; for (const [k, v] of Object.entries(${JSON.stringify(vars)})) s.setProperty(k, v); })()`;
}
