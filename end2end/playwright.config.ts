import { defineConfig } from '@playwright/test';

// The server under test: a release build over a fresh demo trust on SQLite, on its own port
// so it never collides with `make run`.
const port = process.env.WAYMARK_E2E_PORT ?? '3100';
const bin = process.env.WAYMARK_BIN ?? './target/release/waymark';
export const baseURL = `http://127.0.0.1:${port}`;
// The local SMTP sink the server sends to, and where tests read what it received.
const smtpPort = process.env.WAYMARK_E2E_SMTP_PORT ?? '3125';
export const mailPort = process.env.WAYMARK_E2E_MAIL_PORT ?? '3126';
// The local OpenID provider that plays the trust's Microsoft tenant (see oidc/provider.mjs).
const oidcPort = process.env.WAYMARK_E2E_OIDC_PORT ?? '3127';
const oidc = {
  WAYMARK_E2E_OIDC_PORT: oidcPort,
  WAYMARK_E2E_OIDC_TENANT: 'e2e-tenant',
  WAYMARK_E2E_OIDC_CLIENT: 'waymark-e2e',
  WAYMARK_E2E_OIDC_SECRET: 'e2e-secret',
};

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download is not reachable from here.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  // Every spec runs twice: hydrated, and with JavaScript off (progressive enhancement must
  // not break silently). Specs that need hydration are named *.hydrate.spec.ts.
  projects: [
    { name: 'hydrated', use: { javaScriptEnabled: true } },
    { name: 'no-js', use: { javaScriptEnabled: false }, testIgnore: /.*\.hydrate\.spec\.ts/ },
  ],
  webServer: [
    {
      // Where Waymark's e-mail goes, for tests to read (see mail-sink.mjs).
      command: 'node mail-sink.mjs',
      url: `http://127.0.0.1:${mailPort}/healthz`,
      env: { WAYMARK_E2E_SMTP_PORT: smtpPort, WAYMARK_E2E_MAIL_PORT: mailPort },
      reuseExistingServer: false,
      timeout: 10_000,
    },
    {
      command: 'node oidc/provider.mjs',
      url: `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`,
      env: { ...oidc, WAYMARK_E2E_BASE: baseURL },
      reuseExistingServer: false,
      timeout: 10_000,
    },
    {
      command: `sh -c 'rm -rf target/e2e && mkdir -p target/e2e && ${bin} demo && exec ${bin} serve'`,
      cwd: '..',
      url: `${baseURL}/healthz`,
      env: {
        DATABASE_URL: 'sqlite://target/e2e/waymark.db?mode=rwc',
        WAYMARK_FILES_DIR: 'target/e2e/files',
        WAYMARK_KEY_FILE: 'target/e2e/trust-key.json',
        LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        WAYMARK_BASE_URL: baseURL,
        WAYMARK_MICROSOFT_TENANT_ID: oidc.WAYMARK_E2E_OIDC_TENANT,
        WAYMARK_MICROSOFT_CLIENT_ID: oidc.WAYMARK_E2E_OIDC_CLIENT,
        WAYMARK_MICROSOFT_CLIENT_SECRET: oidc.WAYMARK_E2E_OIDC_SECRET,
        WAYMARK_MICROSOFT_ISSUER: `http://127.0.0.1:${oidcPort}`,
        RUST_LOG: 'warn',
      },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
});
