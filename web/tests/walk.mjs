// The browser test: a new user walks the reference case through the workbench in Debian's Chromium.
//
//   TRADETRACE_URL=http://127.0.0.1:PORT SHOTS=/tmp/shots node tests/walk.mjs
//
// search "norinco" → the NORINCO party (variants, list matches) → the June 2022 rifle shipment and its raw row
// → its finding → its case and report when the store has them; then the DJI → UAE → Russia route on the flows
// page. Each page is screenshotted into SHOTS. Exit status 0 when every step passed.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const base = process.env.TRADETRACE_URL;
if (!base) {
  console.error('walk: set TRADETRACE_URL to the running server, e.g. http://127.0.0.1:8080');
  process.exit(2);
}
const shots = process.env.SHOTS || '/tmp/tradetrace-shots';
mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
const problems = [];
page.on('console', (m) => { if (m.type() === 'error') problems.push('console: ' + m.text()); });
page.on('pageerror', (e) => problems.push('page error: ' + e.message));

let passed = 0;
let failed = 0;
async function step(name, fn) {
  try {
    await fn();
    passed++;
    console.log('ok   ' + name);
  } catch (e) {
    failed++;
    console.log('FAIL ' + name + ': ' + (e && e.message ? e.message.split('\n')[0] : e));
    await page.screenshot({ path: join(shots, 'fail-' + name.replace(/\W+/g, '-') + '.png'), fullPage: true }).catch(() => {});
  }
}
function check(cond, msg) { if (!cond) throw new Error(msg); }
const shot = (name) => page.screenshot({ path: join(shots, name + '.png'), fullPage: true });
const settle = () => page.waitForLoadState('networkidle').catch(() => {});

let rifleURL = '';
let findingURL = '';

await step('overview', async () => {
  const res = await page.goto(base + '/');
  check(res.ok(), 'overview status ' + res.status());
  await settle();
  check(await page.locator('h1', { hasText: 'Overview' }).count() === 1, 'no overview heading');
  check(await page.locator('table.data').count() >= 3, 'overview tables missing');
  await shot('01-overview');
});

await step('search norinco', async () => {
  await page.fill('header form.quick input[name=q]', 'norinco');
  await Promise.all([page.waitForURL(/\/search\?/), page.click('header form.quick button')]);
  await settle();
  const links = page.locator('a.party-link');
  check(await links.count() > 0, 'no party found for "norinco"');
  await shot('02-search-norinco');
});

await step('NORINCO party', async () => {
  const party = page.locator('a.party-link', { hasText: /NORINCO|CHINA NORTH INDUSTRIES/i }).first();
  check(await party.count() === 1, 'no NORINCO party in the results');
  await Promise.all([page.waitForURL(/\/parties\//), party.click()]);
  await settle();
  check(/CHINA NORTH INDUSTRIES|NORINCO/i.test(await page.locator('h1.party-name').innerText()), 'party heading');
  check(await page.locator('table.variants tbody tr').count() >= 1, 'no name variants');
  check(await page.locator('h2', { hasText: 'List matches' }).count() === 1, 'no list matches section');
  check(await page.locator('div.match').count() >= 1, 'NORINCO has no list match');
  await page.waitForTimeout(1500); // let the chart and the graph draw
  await shot('03-party-norinco');
});

await step('June 2022 rifle shipment', async () => {
  let link = page.locator('a', { hasText: 'CNEX0000011731' });
  if (await link.count() === 0) {
    // page through the party's lines as shipper
    const all = page.locator('a', { hasText: /All .* lines/ });
    if (await all.count()) await Promise.all([page.waitForURL(/shipments/), all.click()]);
    for (let i = 0; i < 40 && await page.locator('a', { hasText: 'CNEX0000011731' }).count() === 0; i++) {
      const next = page.locator('nav.pager a[rel=next]');
      if (await next.count() === 0) break;
      await Promise.all([page.waitForLoadState('load'), next.first().click()]);
    }
    link = page.locator('a', { hasText: 'CNEX0000011731' });
  }
  check(await link.count() > 0, 'the June 2022 rifle line CNEX0000011731 is not among the party lines');
  await Promise.all([page.waitForURL(/\/shipments\//), link.first().click()]);
  await settle();
  rifleURL = page.url();
  const raw = page.locator('table.raw');
  check(await raw.count() === 1, 'no raw row table');
  const rawText = await raw.innerText();
  check(rawText.includes('CNEX0000011731') && rawText.includes('CQ-A'), 'raw row lacks the record id or the model');
  check((await page.locator('p.prov').innerText()).includes('cn_export_2022.csv'), 'provenance lacks the file');
  check((await page.locator('.goods-class').innerText()).startsWith('arms'), 'goods class is not arms');
  await shot('04-shipment-rifles');
});

await step('its finding', async () => {
  const f = page.locator('a.finding-link').first();
  check(await f.count() === 1, 'no finding cites the rifle line');
  await Promise.all([page.waitForURL(/\/findings\//), f.click()]);
  await settle();
  findingURL = page.url();
  check(await page.locator('form.triage').count() >= 1, 'no triage form');
  await shot('05-finding');
});

await step('triage the finding', async () => {
  await page.selectOption('form.triage select[name=status]', 'confirmed');
  await page.fill('form.triage input[name=note]', 'browser test <b>note</b>');
  await Promise.all([page.waitForURL(findingURL), page.click('form.triage button')]);
  const hist = await page.locator('table.history').innerText();
  check(hist.includes('confirmed') && hist.includes('browser test <b>note</b>'), 'the decision is not in the history');
});

await step('case and report', async () => {
  const c = page.locator('a.case-link').first();
  check(await c.count() === 1, 'no case holds this finding (scripts/web-test.sh builds the cases)');
  await Promise.all([page.waitForURL(/\/cases\//), c.click()]);
  await settle();
  await shot('06-case');
  const rep = page.locator('a.report-link');
  check(await rep.count() === 1, 'no report link');
  const href = await rep.getAttribute('href');
  const res = await page.goto(base + href);
  check(res.ok(), 'report status ' + res.status());
  await shot('07-report');
  const pdf = await page.request.get(base + href + (href.includes('?') ? '&' : '?') + 'format=pdf');
  check(pdf.ok(), 'PDF report status ' + pdf.status());
  check((await pdf.body()).subarray(0, 4).toString() === '%PDF', 'the PDF is not a PDF');
});

await step('DJI through the UAE on the flows page', async () => {
  await page.goto(base + '/flows');
  await page.fill('form.filters input[name=q]', 'DJI');
  await Promise.all([page.waitForURL(/\/flows\?/), page.click('form.filters button')]);
  await settle();
  const rows = page.locator('table.routes tbody tr.via-hub');
  let found = false;
  for (let i = 0; i < await rows.count(); i++) {
    const cells = await rows.nth(i).locator('td').allInnerTexts();
    if (cells[0].startsWith('CN') && cells[1].startsWith('AE') && cells[2].startsWith('RU')) found = true;
  }
  check(found, 'no CN → AE → RU route for DJI');
  await page.waitForTimeout(1000);
  await shot('08-flows-dji');
});

await step('no script errors or CSP violations', async () => {
  check(problems.length === 0, problems.join(' | '));
});

await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
