// The notes application in Debian's Chromium, driven by playwright-core: two users log in on the
// page in two browser contexts (two cookie jars), one creates a note, the other sees it arrive
// through EventSource and deletes it, and they chat over the WebSocket. One JSON line per step.
// Usage: node browser-notes.mjs <base-url> <password>
import { chromium } from 'playwright-core';

const [base, password] = process.argv.slice(2);
const print = (event) => console.log(JSON.stringify(event));
const watchdog = setTimeout(() => {
  print({ event: 'timeout' });
  process.exit(2);
}, 150000);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});

async function logIn(user) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => print({ event: 'pageerror', user, message: error.message }));
  await page.goto(base, { waitUntil: 'load' });
  await page.fill('#login [name=username]', user);
  await page.fill('#login [name=password]', password);
  await Promise.all([page.waitForURL(base + 'app'), page.click('#login button')]);
  // Ready: the notes are listed, the event stream and the chat socket are open.
  await page.waitForSelector('body[data-ready="true"][data-events="open"][data-chat="open"]', { timeout: 30000 });
  print({ event: 'logged in', user: await page.textContent('#user') });
  return page;
}

try {
  const ada = await logIn('ada');
  const grace = await logIn('grace');

  const title = 'Groceries ' + Date.now();
  await ada.fill('#title', title);
  await ada.fill('#body', 'milk, eggs');
  await ada.click('#new-note button');
  const seen = await grace.waitForSelector(`#notes li:has-text("${title}")`, { timeout: 20000 });
  print({ scenario: 'note through EventSource', result: (await seen.textContent()).replace(title, 'TITLE') });

  await seen.$('button').then((button) => button.click());
  await ada.waitForSelector(`#notes li:has-text("${title}")`, { state: 'detached', timeout: 20000 });
  print({ scenario: 'deletion through EventSource', result: 'gone' });

  await ada.fill('#chat-text', 'hello from ada');
  await ada.click('#chat-form button');
  const toGrace = await grace.waitForSelector('#chat li:has-text("hello from ada")', { timeout: 20000 });
  print({ scenario: 'chat ada to grace', result: await toGrace.textContent() });
  await grace.fill('#chat-text', 'hi ada');
  await grace.click('#chat-form button');
  const toAda = await ada.waitForSelector('#chat li:has-text("hi ada")', { timeout: 20000 });
  print({ scenario: 'chat grace to ada', result: await toAda.textContent() });
  print({ event: 'done' });
} catch (error) {
  print({ event: 'failed', message: String(error && error.stack || error) });
} finally {
  await browser.close();
  clearTimeout(watchdog);
}
