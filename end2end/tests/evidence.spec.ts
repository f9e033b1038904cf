import type { Page, TestInfo } from '@playwright/test';
import { test, expect, DEMO, signIn, visit, settle, expectAccessible, exclusively } from './support';

test('staff record evidence, the manager returns it, the owner resubmits and it is verified', async ({ page }, testInfo) => {
  // The two projects share the demo teacher's notifications, so they take turns.
  test.setTimeout(150_000);
  await exclusively('demo-teacher', () => journey(page, testInfo));
});

async function journey(page: Page, testInfo: TestInfo) {
  const title = `Led Kingsmead's staff meeting on feedback (${testInfo.project.name})`;
  const main = page.getByRole('main');

  await signIn(page, DEMO.staff.email, testInfo);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My evidence' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My evidence');
  await expectAccessible(page, testInfo);
  await page.getByRole('link', { name: 'Record an activity' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Record an activity');
  await expectAccessible(page, testInfo);

  // A negative number of hours is refused, next to the field.
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Hours').fill('-2');
  await page.getByRole('button', { name: 'Save and check' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('alert')).toContainText('Hours must be more than 0');
  await expectAccessible(page, testInfo);

  await page.getByLabel('Type of activity').selectOption({ label: 'Led a staff meeting at another academy' });
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Date', { exact: true }).fill('2026-03-12');
  await page.getByLabel('Kingsmead Academy').check();
  await page.getByLabel('Hours').fill('1.5');
  await page.getByLabel('People reached').fill('24');
  await page.getByLabel('What you did').fill('Led the meeting on **whole-class feedback**.');
  await page.getByLabel('Reflection and impact').fill('Colleagues asked for the slides first next time.');
  await page.getByLabel('Links to supporting material (optional)').fill('https://trust.example/slides/feedback');
  await page.getByLabel('B2 Communicating with clarity').selectOption({ label: 'Academy' });
  await page.getByRole('button', { name: 'Save and check' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('heading', { name: 'Check your answers' })).toBeVisible();
  await expect(main).toContainText('Kingsmead Academy');
  await expect(main.locator('.claim')).toContainText('claimed at Academy');
  await expect(page.getByRole('link', { name: 'https://trust.example/slides/feedback' })).toBeVisible();
  await expectAccessible(page, testInfo);

  // A supporting file: a program renamed to .pdf is refused, the real PDF is kept.
  await page.getByLabel('Add a file').setInputFiles({
    name: 'slides.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('MZ\x90\x00 this is not a PDF'),
  });
  await page.getByRole('button', { name: 'Upload the file' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('alert')).toContainText('does not contain a PDF');
  await expectAccessible(page, testInfo);
  await page.getByLabel('Add a file').setInputFiles({
    name: 'Feedback slides.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n'),
  });
  await page.getByRole('button', { name: 'Upload the file' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toContainText('File added');
  await expect(page.getByRole('link', { name: 'Feedback slides.pdf' })).toBeVisible();
  await expectAccessible(page, testInfo);

  await page.getByRole('button', { name: 'Submit for verification' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toContainText('Submitted');
  const entryUrl = page.url().split('?')[0].split('#')[0];

  // The line manager asks for a change, and has to say what.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, DEMO.manager.email, testInfo);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'To verify' }).click();
  await settle(page, testInfo);
  await expectAccessible(page, testInfo);
  await page.getByRole('link', { name: title }).click();
  await settle(page, testInfo);
  await expect(main.locator('.claim__descriptor')).toContainText('The framework at Academy');
  await expectAccessible(page, testInfo);
  // The manager can open the supporting file, as a download.
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Feedback slides.pdf' }).click();
  expect((await download).suggestedFilename()).toBe('Feedback slides.pdf');
  await page.getByRole('button', { name: 'Ask for changes' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('alert')).toContainText('Say what needs to change');
  await page.getByLabel('Comment').fill('Please say which year groups the staff teach.');
  await page.getByRole('button', { name: 'Ask for changes' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toContainText('Returned');

  // The owner changes it and submits again.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, DEMO.staff.email, testInfo);
  await visit(page, entryUrl, testInfo);
  await expect(main).toContainText('Please say which year groups the staff teach.');
  await page.getByRole('link', { name: 'Change the entry' }).first().click();
  await settle(page, testInfo);
  await page.getByLabel('What you did').fill('Led the meeting on **whole-class feedback** with staff of years 3 to 6.');
  await page.getByRole('button', { name: 'Save and check' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toContainText('Check your answers below');
  await expect(main).toContainText('years 3 to 6');
  await page.getByRole('button', { name: 'Submit for verification' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toContainText('Submitted');

  // The manager verifies it, confirming a different level.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, DEMO.manager.email, testInfo);
  await visit(page, entryUrl, testInfo);
  await page.getByLabel('B2 Communicating with clarity').selectOption({ label: 'Team' });
  await page.getByRole('button', { name: 'Verify' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toContainText('Verified');

  // The owner sees it verified, with its whole timeline.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, DEMO.staff.email, testInfo);
  await visit(page, entryUrl, testInfo);
  await expect(main.locator('.entry-meta')).toContainText('Verified');
  await expect(main.locator('.claim')).toContainText('verified at Team');
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline.locator('.timeline__what')).toHaveText([
    /Started the entry by Sam Taylor/,
    /Submitted for verification by Sam Taylor/,
    /Asked for changes by Hannah Okafor/,
    /Submitted for verification by Sam Taylor/,
    /Verified by Hannah Okafor/,
  ]);
  await expect(page.getByRole('link', { name: 'Change the entry' })).toHaveCount(0);
  await expectAccessible(page, testInfo);

  // And was told: the decision is in their notifications.
  await page.getByRole('link', { name: /^Notifications/ }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Notifications');
  await expect(page.getByRole('link', { name: `Hannah Okafor verified “${title}”.` })).toBeVisible();
  await expectAccessible(page, testInfo);
  await page.getByRole('button', { name: 'Mark all as read' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('button', { name: 'Mark all as read' })).toHaveCount(0);
}
