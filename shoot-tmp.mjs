import { chromium } from 'playwright-core';
const base = 'http://localhost:3457';
const [,, which] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
async function page(viewport, locale = 'en-GB') {
  const ctx = await browser.newContext({ viewport, locale });
  return ctx.newPage();
}
async function signIn(p, email, password = 'member-demo-2026') {
  await p.goto(base + '/sign-in');
  await p.getByLabel('Email address').fill(email);
  await p.getByLabel('Password').fill(password);
  await p.getByRole('button', { name: 'Sign in', exact: true }).click();
  await p.waitForURL(base + '/');
}
const desktop = { width: 1280, height: 900 };
const phone = { width: 390, height: 844 };
if (which === 'anon') {
  const p = await page(desktop);
  await p.goto(base + '/practices');
  await p.getByTestId('practice-result').first().waitFor();
  await p.screenshot({ path: '/tmp/shots/library-anon.png', fullPage: true });
  await p.getByTestId('practice-result').first().getByRole('link').click();
  await p.getByTestId('practice').waitFor();
  await p.screenshot({ path: '/tmp/shots/entry-anon.png', fullPage: true });
}
if (which === 'member') {
  const p = await page(desktop);
  await signIn(p, 'mayor.rotterdam@crossings.example');
  await p.goto(base + '/practices?q=radicalisering');
  await p.getByTestId('practice-result').first().waitFor();
  await p.screenshot({ path: '/tmp/shots/library-member.png', fullPage: true });
  await p.goto(base + '/');
  await p.getByTestId('home-newPractices').waitFor();
  await p.screenshot({ path: '/tmp/shots/home.png', fullPage: true });
}
if (which === 'phone') {
  const p = await page(phone, 'fr-FR');
  await p.goto(base + '/practices');
  await p.getByTestId('practice-result').first().waitFor();
  await p.screenshot({ path: '/tmp/shots/library-phone.png', fullPage: false });
}
if (which === 'review') {
  const p = await page(desktop);
  await signIn(p, 'research.munich@crossings.example');
  await p.goto(base + '/practices/mine');
  await p.getByRole('heading', { name: 'Waiting for my review' }).waitFor();
  await p.getByTestId('practice-item').last().getByRole('link').click();
  await p.getByRole('heading', { level: 1, name: 'Review' }).waitFor();
  await p.waitForTimeout(500);
  await p.screenshot({ path: '/tmp/shots/review.png', fullPage: true });
}
if (which === 'editor') {
  const p = await page(desktop);
  await signIn(p, 'teacher.manchester@crossings.example');
  await p.goto(base + '/practices/new');
  await p.getByLabel('Title').fill('Peer mentors in Manchester schools');
  await p.getByRole('button', { name: 'Start the draft' }).click();
  await p.getByTestId('save-status').waitFor();
  await p.getByLabel('Summary').fill('Older students mentor younger ones.');
  await p.waitForTimeout(2000);
  await p.screenshot({ path: '/tmp/shots/editor.png', fullPage: true });
}
await browser.close();
