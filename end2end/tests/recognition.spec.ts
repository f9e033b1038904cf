import type { Page, TestInfo } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, DEMO, signIn, visit, settle, expectAccessible, exclusively } from './support';

/** The text of the page printed to PDF by Chromium, as `pdftotext` reads it. */
async function printedText(page: Page): Promise<string> {
  const file = path.join(os.tmpdir(), `waymark-certificate-${process.pid}-${Date.now()}.pdf`);
  await page.emulateMedia({ media: 'print' });
  await fs.writeFile(file, await page.pdf({ preferCSSPageSize: true }));
  await page.emulateMedia({ media: 'screen' });
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
  await fs.rm(file);
  return text.replace(/\s+/g, ' ');
}

/** What the independent verifier (end2end/credentials/verify-credential.mjs, the Digital
 * Credentials Consortium's packages, offline) says of `credential`, given the issuer profile it
 * names. */
async function independentlyVerified(credential: string, issuer: string): Promise<{ verified: boolean; errors: string[] }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'waymark-badge-'));
  const credentialFile = path.join(dir, 'credential.json');
  const issuerFile = path.join(dir, 'issuer.json');
  await fs.writeFile(credentialFile, credential);
  await fs.writeFile(issuerFile, issuer);
  const script = path.join(__dirname, '..', 'credentials', 'verify-credential.mjs');
  const run = spawnSync('node', [script, credentialFile, issuerFile]);
  await fs.rm(dir, { recursive: true });
  const result = JSON.parse(run.stdout.toString());
  expect(run.status === 0, run.stderr.toString()).toBe(result.verified);
  return result;
}

/** What the public credential check says of `credential`, pasted by someone not signed in. */
async function checked(page: Page, credential: string, testInfo: TestInfo): Promise<string> {
  const visitor = await page.context().browser()!.newContext({ javaScriptEnabled: testInfo.project.name !== 'no-js' });
  const anonymous = await visitor.newPage();
  await anonymous.goto(new URL('/credentials/check', page.url()).href);
  await anonymous.getByLabel('The credential').fill(credential);
  await anonymous.getByRole('button', { name: 'Check the credential' }).click();
  await anonymous.waitForURL(/result=/);
  const verdict = anonymous.getByRole('region', { name: /credential|checked/ });
  await expect(verdict).toBeVisible();
  await expectAccessible(anonymous, testInfo);
  const text = await verdict.innerText();
  await visitor.close();
  return text;
}

/** What the public verification page at `href` says, read without signing in. */
async function verdict(page: Page, href: string): Promise<string> {
  const visitor = await page.context().browser()!.newContext();
  const anonymous = await visitor.newPage();
  await anonymous.goto(href);
  const text = await anonymous.getByRole('main').innerText();
  await visitor.close();
  return text;
}

test('a verification completes a milestone: the owner sees the award, opts in and finds it on the wall', async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  // The projects share the demo teacher's place on the wall, so they take turns.
  await exclusively('demo-teacher', () => milestoneJourney(page, testInfo));
});

async function milestoneJourney(page: Page, testInfo: TestInfo) {
  const project = testInfo.project.name;
  const activity = `Judged the trust debating final (${project})`;
  const milestone = `Debate judge (${project})`;
  const title = `Judged the debating final at Kingsmead (${project})`;
  const nav = page.getByRole('navigation', { name: 'Main' });

  // An administrator adds a kind of activity, and a milestone for doing it once.
  await signIn(page, DEMO.admin.email, testInfo);
  await visit(page, '/manage/evidence/types/new', testInfo);
  await page.getByLabel('Name').fill(activity);
  await page.getByLabel('Description').fill('Judged a round of the trust debating competition.');
  await page.getByRole('button', { name: 'Save activity type' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toContainText('Activity type saved');

  await nav.getByRole('link', { name: 'Recognition' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Recognition');
  await expectAccessible(page, testInfo);
  await page.getByRole('link', { name: 'Add a milestone' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Add a milestone');
  await expectAccessible(page, testInfo);
  // Nothing filled in for its kind: told what is missing.
  await page.getByLabel('Verified entries of one activity type').check();
  await page.getByRole('button', { name: 'Save the milestone' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('alert')).toContainText('Enter a name for the milestone');
  await expect(page.getByRole('alert')).toContainText('Choose an activity type');
  await expectAccessible(page, testInfo);

  await page.getByLabel('Name', { exact: true }).fill(milestone);
  await page.getByLabel('Description', { exact: true }).fill('Judged a **trust debating final**.');
  await page.getByLabel('Gold').check();
  await page.getByLabel('Verified entries of one activity type').check();
  await page.getByLabel('Activity type', { exact: true }).selectOption({ label: activity });
  await page.getByLabel('How many verified entries').fill('1');
  await page.getByRole('button', { name: 'Save the milestone' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toContainText('Milestone saved');
  const preview = page.getByRole('region', { name: 'Who meets it' });
  await expect(preview).toContainText(`1 verified entry of ${activity}`);
  await expect(preview).toContainText('Nobody meets it today.');
  await expectAccessible(page, testInfo);

  // The teacher records one and submits it.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, DEMO.staff.email, testInfo);
  await visit(page, '/evidence/new', testInfo);
  await page.getByLabel('Type of activity').selectOption({ label: activity });
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Date', { exact: true }).fill('2026-11-12');
  await page.getByLabel('Kingsmead Academy').check();
  await page.getByLabel('Hours').fill('2');
  await page.getByLabel('People reached').fill('40');
  await page.getByLabel('What you did').fill('Judged the final with two colleagues.');
  await page.getByLabel('Reflection and impact').fill('Pupils argued with real care.');
  await page.getByLabel('B2 Communicating with clarity').selectOption({ label: 'Trust' });
  await page.getByRole('button', { name: 'Save and check' }).click();
  await settle(page, testInfo);
  await page.getByRole('button', { name: 'Submit for verification' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toContainText('Submitted');
  const entryUrl = page.url().split('?')[0].split('#')[0];

  // The manager verifies it: that completes the milestone.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, DEMO.manager.email, testInfo);
  await visit(page, entryUrl, testInfo);
  await page.getByRole('button', { name: 'Verify' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toContainText('Verified');

  // The teacher is told, and sees the award on their portfolio.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, DEMO.staff.email, testInfo);
  await page.getByRole('link', { name: /^Notifications/ }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('main')).toContainText(`You have a new award: ${milestone}`);
  await nav.getByRole('link', { name: 'My portfolio' }).click();
  await settle(page, testInfo);
  const awards = page.getByRole('region', { name: 'Awards' });
  await expect(awards.getByRole('heading', { name: milestone })).toBeVisible();
  await expect(awards).toContainText('trust debating final');
  await expectAccessible(page, testInfo);

  // Its certificate prints on one landscape page, with a link anyone can check.
  await awards.getByRole('link', { name: `Certificate for ${milestone}` }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Certificate of recognition');
  await expectAccessible(page, testInfo);
  const printed = await printedText(page);
  for (const words of ['Certificate of recognition', DEMO.staff.name, milestone, 'Check this certificate at']) {
    expect(printed).toContain(words);
  }
  const check = await page.getByRole('link', { name: /\/awards\/verify\// }).getAttribute('href');
  expect(await verdict(page, check!)).toContain('This award is genuine.');

  // It downloads as an Open Badge, which a verifier that is not Waymark's own accepts, and
  // refuses once changed; anyone can check it on the trust's site too.
  await page.goBack();
  await settle(page, testInfo);
  const download = page.waitForEvent('download');
  await awards.getByRole('link', { name: `Open Badge for ${milestone}` }).click();
  const badge = await download;
  expect(badge.suggestedFilename()).toMatch(/^award-debate-judge-.*\.json$/);
  const credential = await fs.readFile((await badge.path())!, 'utf8');
  expect(JSON.parse(credential).credentialSubject.achievement.name).toBe(milestone);
  const issuer = await (await page.request.get('/credentials/issuer')).text();
  expect(await independentlyVerified(credential, issuer)).toEqual({ verified: true, errors: [] });
  const tampered = credential.replace(milestone, `${milestone} with distinction`);
  expect((await independentlyVerified(tampered, issuer)).verified).toBe(false);
  expect(await checked(page, credential, testInfo)).toContain('This credential is genuine.');
  expect(await checked(page, tampered, testInfo)).toContain('This credential is not genuine.');

  // Not on the wall until they choose to be.
  await nav.getByRole('link', { name: 'Celebrate' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Celebrate');
  await expectAccessible(page, testInfo);
  await page.getByLabel('Award').selectOption({ label: milestone });
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { name: 'No awards' })).toBeVisible();
  await page.getByRole('button', { name: 'Show my awards on the wall' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toContainText('You now appear on the wall');
  await visit(page, `/celebrate?award=${encodeURIComponent(milestone)}`, testInfo);
  const card = page.locator('.award').filter({ hasText: milestone });
  await expect(card).toContainText(DEMO.staff.name);
  await expectAccessible(page, testInfo);

  // The wall as a page for the staff bulletin, printed.
  await page.getByRole('link', { name: 'Print these for the staff bulletin' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Celebrating our colleagues');
  await expect(page.getByRole('region', { name: milestone })).toContainText(DEMO.staff.name);
  await expectAccessible(page, testInfo);
  const bulletin = await printedText(page);
  for (const words of ['Celebrating our colleagues', milestone, DEMO.staff.name]) {
    expect(bulletin).toContain(words);
  }
  expect(bulletin).not.toContain('Back to the wall');
  await visit(page, `/celebrate?award=${encodeURIComponent(milestone)}`, testInfo);

  // Off again at once.
  await page.getByRole('button', { name: 'Take me off the wall' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toContainText('You no longer appear on the wall');
  await visit(page, `/celebrate?award=${encodeURIComponent(milestone)}`, testInfo);
  await expect(page.locator('.award').filter({ hasText: milestone })).toHaveCount(0);
}

test('HR applies a new milestone to evidence already verified, and gives and withdraws a group award', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const project = testInfo.project.name;
  const milestone = `Four schools (${project})`;
  const award = `Assessment working group (${project})`;
  await signIn(page, DEMO.hr.email, testInfo);
  await visit(page, '/manage/recognition/rules/new', testInfo);
  await page.getByLabel('Name', { exact: true }).fill(milestone);
  await page.getByLabel('Verified activities across other academies').check();
  await page.getByLabel('How many verified activities').fill('4');
  await page.getByLabel('At how many academies other than their own').fill('4');
  await page.getByRole('button', { name: 'Save the milestone' }).click();
  await settle(page, testInfo);
  const preview = page.getByRole('region', { name: 'Who meets it' });
  await expect(preview).toContainText('4 verified activities between them at 4 academies other than their own');
  await expect(preview).toContainText(/\d+ (people meet|person meets) it today/);
  const apply = page.getByRole('button', { name: /^Award it to the/ });
  await apply.click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toContainText(/Awarded to \d+ (people|person)/);
  await expect(page.getByRole('button', { name: /^Award it to the/ })).toHaveCount(0);
  await expectAccessible(page, testInfo);

  // A group award by hand: every mistake is named, then it goes to everyone listed.
  await visit(page, '/manage/recognition', testInfo);
  await page.locator('summary', { hasText: 'Give an award by hand' }).click();
  await page.getByRole('button', { name: 'Give the award' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('alert')).toContainText('Enter the e-mail address of each person receiving it');
  await expect(page.getByRole('alert')).toContainText("Enter the award's name");
  await expectAccessible(page, testInfo);
  await page.getByLabel('Who receives it').fill(`${DEMO.manager.email}\n${DEMO.admin.email}`);
  await page.getByLabel('Award', { exact: true }).fill(award);
  await page.getByLabel('Group (optional)').fill('the assessment working group');
  await page.getByLabel('Citation').fill('For the new **trust-wide assessment** calendar.');
  await page.getByRole('button', { name: 'Give the award' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toContainText('Award given');
  const given = page.getByRole('region', { name: 'Awards given' }).getByRole('row').filter({ hasText: award });
  await expect(given).toHaveCount(2);
  await expect(given.first()).toContainText('With the assessment working group');

  // Counted in the numbers, and in the CSV of every award.
  const numbers = page.getByRole('region', { name: 'Awards in numbers' });
  await expect(numbers.getByRole('img', { name: /^Awards given per month/ })).toBeVisible();
  await expect(numbers.locator('figcaption')).toContainText('given in the last twelve months');
  await expect(numbers.getByRole('row').filter({ hasText: award })).toContainText('2');
  const download = page.waitForEvent('download');
  await numbers.getByRole('link', { name: 'Download every award (CSV)' }).click();
  expect((await download).suggestedFilename()).toMatch(/^waymark-awards-[0-9-]+\.csv$/);

  // Withdrawn with a reason, it stays on the record, and its certificate's link says so.
  const first = given.filter({ hasText: DEMO.manager.name });
  const certificate = await first.getByRole('link', { name: /^Certificate/ }).getAttribute('href');
  await visit(page, certificate!, testInfo);
  const check = await page.getByRole('link', { name: /\/awards\/verify\// }).getAttribute('href');
  expect(await verdict(page, check!)).toContain('This award is genuine.');
  await visit(page, '/manage/recognition', testInfo);
  await first.locator('summary', { hasText: 'Withdraw' }).click();
  await first.getByLabel('Why is it withdrawn?').fill('Hannah was not in the group.');
  await first.getByRole('button', { name: 'Withdraw the award' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toContainText('Award withdrawn');
  await expect(
    page.getByRole('region', { name: 'Awards given' }).getByRole('row').filter({ hasText: award }).filter({ hasText: DEMO.manager.name }),
  ).toContainText('Hannah was not in the group.');
  await expectAccessible(page, testInfo);
  expect(await verdict(page, check!)).toContain('it no longer stands');
});

test('only HR and administrators reach recognition', async ({ page }, testInfo) => {
  for (const person of [DEMO.staff, DEMO.manager]) {
    await signIn(page, person.email, testInfo);
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Recognition' })).toHaveCount(0);
    const response = await page.goto('/manage/recognition');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Recognition');
    await page.context().clearCookies();
  }
});
