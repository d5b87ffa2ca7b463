// Runs jetring's browser RPC client in Debian's Chromium, driven by playwright-core (which brings no
// browser of its own). Opens the demo page, waits for the reply it shows, then exercises rpc.js in
// the page against the test endpoints. Prints one JSON line per result, for the Java test to check.
// Usage: node browser-rpc.mjs <base-url>      e.g. http://127.0.0.1:40123/
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base] = process.argv.slice(2);
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

  // The demo page calls ws://…/rpc on load and shows the reply.
  await page.goto(base, { waitUntil: 'load' });
  await page.waitForSelector('#result[data-state]', { timeout: 30000 });
  print({ event: 'page', state: await page.getAttribute('#result', 'data-state'), result: await page.textContent('#result') });
  await page.fill('#message', 'sent from the form ✓');
  await page.click('button');
  await page.waitForFunction(() => document.getElementById('result').textContent !== 'Hello, jetring!', null, { timeout: 30000 });
  print({ event: 'form', state: await page.getAttribute('#result', 'data-state'), result: await page.textContent('#result') });

  const wsBase = base.replace(/^http/, 'ws');
  const results = await page.evaluate(async (wsBase) => {
    const { connect, text, RpcError, RpcTimeoutError, RpcClosedError } = await import('/rpc.js');
    const out = [];
    const outcome = async (promise) => {
      try {
        return 'ok: ' + text(await promise);
      } catch (error) {
        const kind = error instanceof RpcError || error instanceof RpcTimeoutError || error instanceof RpcClosedError;
        return (kind ? error.name : 'unexpected ' + error.name) + ': ' + error.message;
      }
    };
    const rpc = await connect(wsBase + 'rpc-test', {
      timeout: 5000,
      onRequest: async (payload, request) => 'browser got ' + text(payload) + ' (id ' + request.id + ')',
    });
    out.push({ scenario: 'request', result: await outcome(rpc.request('héllo €')) });
    const bytes = await rpc.request(new Uint8Array([0, 255, 1]));
    out.push({ scenario: 'bytes', result: Array.from(bytes).join(',') });
    out.push({ scenario: 'timeout', result: await outcome(rpc.request('slow', { timeout: 200 })) + ', pending ' + rpc.pendingCalls });
    out.push({ scenario: 'error reply', result: await outcome(rpc.request('fail')) });
    rpc.send('note from the browser');
    out.push({ scenario: 'server calls the browser', result: await outcome(rpc.request('call-me')) });
    const many = await Promise.all(Array.from({ length: 200 }, (_, i) => rpc.request('n' + i)));
    out.push({ scenario: 'concurrent', result: many.filter((reply, i) => text(reply) === 'n' + i).length + ' of 200 matched' });
    const held = rpc.request('hold', { timeout: 30000 });
    const closed = rpc.close();
    out.push({ scenario: 'close with a call pending', result: await outcome(held) });
    out.push({ scenario: 'closed', result: JSON.stringify(await closed) + ', pending ' + rpc.pendingCalls });
    try {
      rpc.send('too late');
      out.push({ scenario: 'send after close', result: 'sent?!' });
    } catch (error) {
      out.push({ scenario: 'send after close', result: error.name });
    }
    for (const kind of ['text', 'type']) {
      const garbage = await connect(wsBase + 'rpc-garbage?' + kind);
      const pending = garbage.request('anyone?', { timeout: 30000 });
      const end = await garbage.closed;
      out.push({ scenario: 'server sends ' + kind, result: end.code + ', ' + await outcome(pending) });
    }
    return out;
  }, wsBase);
  for (const result of results) {
    print(result);
  }
  print({ event: 'done' });
} catch (error) {
  print({ event: 'failed', message: String(error && error.stack || error) });
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  clearTimeout(watchdog);
}
