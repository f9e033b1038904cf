import { test, expect, DEMO, signIn, visit, settle, expectAccessible } from './support';

test('an administrator imports a framework file; a broken one is refused with where it is wrong', async ({ page }, testInfo) => {
  await signIn(page, DEMO.admin.email, testInfo);
  await visit(page, '/manage/framework', testInfo);
  await page.getByRole('link', { name: 'Import a framework' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import a framework');
  await expectAccessible(page, testInfo);

  // Export the published framework, as an administrator moving it between systems would.
  const exported = await (await page.request.get('/framework.json')).json();

  const broken = structuredClone(exported);
  broken.strands[0].elements[1].code = 'not a code';
  await page.getByLabel('Framework file').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(broken)),
  });
  await page.getByRole('button', { name: 'Import as a new draft' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('alert')).toContainText('strands[0].elements[1].code');
  await expectAccessible(page, testInfo);

  exported.name = `Imported framework (${testInfo.project.name})`;
  await page.getByLabel('Framework file').setInputFiles({
    name: 'framework.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(exported)),
  });
  await page.getByRole('button', { name: 'Import as a new draft' }).click();
  await settle(page, testInfo);
  await expect(page.getByRole('status')).toContainText('imported as a new draft');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(exported.name);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Draft');
});
