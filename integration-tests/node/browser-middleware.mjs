// Runs cross-origin fetches and an EventSource in Debian's Chromium, driven by playwright-core,
// against jetring's CORS, compression and Server-Sent Events middleware. A page on an allowed origin
// and one on a refused origin call the API on a third; the results print as one JSON line each.
// Usage: node browser-middleware.mjs <allowed-page-url> <refused-page-url> <api-url>
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [allowedPage, refusedPage, api] = process.argv.slice(2);
const print = (event) => console.log(JSON.stringify(event));
const profile = mkdtempSync(join(tmpdir(), 'jetring-chromium-'));
const watchdog = setTimeout(() => {
  print({ event: 'timeout' });
  process.exit(2);
}, 120000);

const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
try {
  const page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (error) => print({ event: 'pageerror', message: error.message }));
  await page.goto(allowedPage, { waitUntil: 'load' });
  print({ event: 'page', title: await page.title() });

  const allowed = await page.evaluate(async (api) => {
    const out = [];
    const outcome = async (run) => {
      try {
        return await run();
      } catch (error) {
        return 'refused: ' + error.name;
      }
    };
    out.push({ scenario: 'simple get', result: await outcome(async () => {
      const response = await fetch(api + 'hello');
      return response.status + ' ' + await response.text() + ' id=' + response.headers.get('X-Request-Id');
    }) });
    out.push({ scenario: 'preflighted put', result: await outcome(async () => {
      const response = await fetch(api + 'items/7', {
        method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-Token': 'secret' }, body: '{"n":7}',
      });
      return response.status + ' ' + await response.text();
    }) });
    out.push({ scenario: 'refused method', result: await outcome(async () => {
      const response = await fetch(api + 'items/7', { method: 'DELETE' });
      return response.status + ' ' + await response.text();
    }) });
    out.push({ scenario: 'credentials', result: await outcome(async () => {
      await fetch(api + 'login', { method: 'POST', credentials: 'include' });
      const withCookie = await (await fetch(api + 'whoami', { credentials: 'include' })).text();
      const without = await (await fetch(api + 'whoami', { credentials: 'omit' })).text();
      return withCookie + ' / ' + without;
    }) });
    out.push({ scenario: 'credentials not allowed', result: await outcome(async () => {
      const response = await fetch(api + 'public/whoami', { credentials: 'include' });
      return response.status + ' ' + await response.text();
    }) });
    out.push({ scenario: 'event source', result: await new Promise((resolve) => {
      const seen = [];
      const source = new EventSource(api + 'events');
      const timer = setTimeout(() => { source.close(); resolve('timed out after ' + JSON.stringify(seen)); }, 20000);
      source.onmessage = (event) => {
        seen.push(event.lastEventId + ':' + event.data);
        if (event.data.startsWith('resumed')) {
          clearTimeout(timer);
          source.close();
          resolve(seen.join(', '));
        }
      };
    }) });
    return out;
  }, api);
  for (const result of allowed) {
    print(result);
  }

  await page.goto(refusedPage, { waitUntil: 'load' });
  const refused = await page.evaluate(async (api) => {
    try {
      const response = await fetch(api + 'hello');
      return 'read: ' + await response.text();
    } catch (error) {
      return 'refused: ' + error.name;
    }
  }, api);
  print({ scenario: 'refused origin', result: refused });
  print({ event: 'done' });
} catch (error) {
  print({ event: 'failed', message: String(error && error.stack || error) });
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  clearTimeout(watchdog);
}
