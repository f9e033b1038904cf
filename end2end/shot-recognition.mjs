import { chromium } from '@playwright/test';
const base = 'http://127.0.0.1:3200';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
async function signIn(email) {
  await page.context().clearCookies();
  await page.goto(base + '/sign-in');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill('waymark-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('load');
}
await signIn('hr@waymark.test');
await page.goto(base + '/celebrate');
await page.screenshot({ path: '/tmp/shot/wall.png', fullPage: false });
await page.goto(base + '/manage/recognition');
await page.screenshot({ path: '/tmp/shot/recognition.png', fullPage: true });
await page.goto(base + '/manage/recognition/rules/1');
await page.screenshot({ path: '/tmp/shot/rule.png', fullPage: true });
await signIn('staff@waymark.test');
await page.goto(base + '/portfolio#awards');
await page.locator('#awards').screenshot({ path: '/tmp/shot/portfolio-awards.png' });
await browser.close();
