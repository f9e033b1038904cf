import { test, expect, DEMO, signIn, visit, expectAccessible } from './support';

for (const [role, person] of Object.entries(DEMO)) {
  test(`the ${role} signs in, sees their navigation and signs out`, async ({ page }, testInfo) => {
    await signIn(page, person.email, testInfo);

    await expect(page).toHaveURL(/\/$/);
    const firstName = person.name.split(' ')[0];
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welcome, ${firstName}`);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link')).toHaveText([...person.nav]);
    await expect(nav.getByRole('link', { name: 'Home' })).toHaveAttribute('aria-current', 'page');
    await expectAccessible(page, testInfo);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByText('You have signed out.')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');

    // The session is gone: the home page sends us back to sign in.
    await visit(page, '/', testInfo);
    await expect(page).toHaveURL(/\/sign-in$/);
  });
}

test('a wrong password gets one plain message and no way in', async ({ page }, testInfo) => {
  // A demo account nobody else's test signs in as, so throttling cannot interfere.
  await signIn(page, 'sophie.evans@meridian.test', testInfo, 'not-the-password');

  await expect(page).toHaveURL(/\/sign-in/);
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('There is a problem');
  await expect(summary).toContainText(
    'The e-mail address or password is not right. Check them and try again.',
  );
  await expect(page).toHaveTitle('Sign in – Waymark');
  await expectAccessible(page, testInfo);
});

test('an empty form says what is missing, next to each field', async ({ page }, testInfo) => {
  await visit(page, '/sign-in', testInfo);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('load');

  const summary = page.getByRole('alert');
  await expect(summary.getByRole('link', { name: 'Enter your e-mail address' })).toHaveAttribute('href', '#email');
  await expect(summary.getByRole('link', { name: 'Enter your password' })).toHaveAttribute('href', '#password');
  await expect(page.getByLabel('E-mail address')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, testInfo);
});

test('a visitor who asked for a page is taken there after signing in', async ({ page }, testInfo) => {
  await visit(page, '/people?q=principal', testInfo);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await expectAccessible(page, testInfo);

  await page.getByLabel('E-mail address').fill(DEMO.hr.email);
  await page.getByLabel('Password').fill('waymark-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page).toHaveURL(/\/people\?q=principal$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('People');
});
