import { test, expect, DEMO, signIn, settle, visit, expectAccessible } from './support';

test('staff open their portfolio and see the matrix and pathway progress', async ({ page }, testInfo) => {
  await signIn(page, DEMO.staff.email, testInfo);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My portfolio' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your portfolio');
  const matrix = page.getByRole('table', { name: 'Verified activities by element and level' });
  await expect(matrix).toBeVisible();
  await expect(page.getByRole('progressbar').first()).toBeVisible();
  await expect(page.getByRole('img', { name: 'Verified activities per term' })).toBeVisible();
  await expectAccessible(page, testInfo);

  // The timeline lists one academic year; every year is a click away.
  const years = page.getByRole('navigation', { name: 'Years in the timeline' });
  await expect(years.locator('[aria-current="true"]')).toHaveCount(1);
  await years.getByRole('link', { name: 'Every year' }).click();
  await settle(page, testInfo);
  await expect(page).toHaveURL(/timeline=all/);
  await expect(years.getByRole('link', { name: 'Every year' })).toHaveAttribute('aria-current', 'true');
  await expect(page.getByText('Listing every year.')).toBeVisible();

  // The entries behind a cell.
  await matrix.getByRole('link').first().click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { name: /^Evidence of / })).toBeVisible();

  // Narrowed to one strand.
  const rows = await matrix.locator('tbody tr').count();
  await page.getByLabel('Strand').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Show' }).click();
  await settle(page, testInfo);
  await expect(page).toHaveURL(/strand=1/);
  expect(await matrix.locator('tbody tr').count()).toBeLessThan(rows);
  await expectAccessible(page, testInfo);
});

test('staff share their portfolio with a panel, who open it without signing in, until it is withdrawn', async ({ page, browser }, testInfo) => {
  const label = `Interview panel (${testInfo.project.name})`;
  await signIn(page, DEMO.staff.email, testInfo);
  await visit(page, '/portfolio', testInfo);
  await page.getByRole('link', { name: 'Share it' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Share your portfolio');
  await expectAccessible(page, testInfo);

  await page.getByLabel('Who is it for? (optional)').fill(label);
  await page.getByLabel('Works for (days)').fill('0');
  await page.getByRole('button', { name: 'Make the link' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('alert')).toContainText('A link can last from 1 to 365 days');
  await page.getByLabel('Who is it for? (optional)').fill(label);
  await page.getByLabel('Works for (days)').fill('14');
  await page.getByRole('button', { name: 'Make the link' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toContainText('Your new link');
  const link = await page.locator('a.share-link').getAttribute('href');
  expect(link).toMatch(/^\/shared\/[0-9a-f]{64}$/);
  await expectAccessible(page, testInfo);

  // The panel: a fresh browser, nobody signed in.
  const panel = await browser.newContext({ javaScriptEnabled: testInfo.project.name === 'hydrated' });
  const panelPage = await panel.newPage();
  await panelPage.goto(link!);
  await settle(panelPage, testInfo);
  await expect(panelPage.getByRole('heading', { level: 1 })).toHaveText(`${DEMO.staff.name}'s portfolio`);
  await expect(panelPage.getByText('A read-only copy shared by')).toBeVisible();
  await expect(panelPage.getByRole('table', { name: 'Verified activities by element and level' })).toBeVisible();
  await expect(panelPage.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await expectAccessible(panelPage, testInfo);

  // The owner sees it was opened, and withdraws it.
  await page.reload();
  await settle(page, testInfo);
  const row = page.getByRole('row').filter({ hasText: label });
  await expect(row).toContainText('1 time');
  await row.locator('summary').click();
  await row.getByRole('button', { name: 'Yes, withdraw it' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toContainText('Link withdrawn');
  await expect(page.getByRole('row').filter({ hasText: label })).toContainText('Withdrawn');

  const response = await panelPage.goto(link!);
  expect(response?.status()).toBe(410);
  await expect(panelPage.getByRole('heading', { level: 1 })).toHaveText('This link no longer works');
  await expect(panelPage.getByText(`${DEMO.staff.name} withdrew this link`)).toBeVisible();
  await expectAccessible(panelPage, testInfo);
  await panel.close();
});

test('the portfolio prints to a clean PDF with its content', async ({ page }, testInfo) => {
  await signIn(page, DEMO.staff.email, testInfo);
  // Every year, as the page suggests for printing the whole record.
  await visit(page, '/portfolio?timeline=all', testInfo);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Years in the timeline' })).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Show' })).toBeHidden();
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: true }).promise;
  expect(doc.numPages).toBeGreaterThan(2);
  let text = '';
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str : '')).join(' ') + '\n';
  }
  const flat = text.replace(/\s+/g, ' ');
  for (const words of ['Your portfolio', 'At a glance', 'Coverage of the framework', 'Pathways', 'activity over time', 'elements at target']) {
    expect(flat).toContain(words);
  }
  expect(flat).not.toContain('Sign out');
  expect(flat).not.toContain('My evidence');
});
