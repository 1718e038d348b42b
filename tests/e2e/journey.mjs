// tests/e2e/journey.mjs: tier 5, what the browser journeys (accounts.mjs, applications.mjs, staff.mjs) share: the environment, launching Chromium, TAP steps and checks, screenshots, what the browser complains about, the SMS gateway fake, the test clock, TOTP, and running a journey to its plan.
//
// Read from the environment (tests/e2e/journey.py passes them):
//   BASE_URL          the site, e.g. http://127.0.0.1:8123 (required: requireSite())
//   SMS_URL           the SMS gateway fake (tests/fakes/sms_gateway.py): its GET /messages is
//                     where a journey reads what the user's phone receives (required)
//   SCREENSHOT_DIR    where the screenshots go (created; default ./screenshots), named
//                     PREFIX + NN-label.png (the prefix given to run())
//   TEST_CLOCK_FILE   Data.Dir/test-clock of a --enable-test-clock build (advanceClock())
//   E2E_STEP_TIMEOUT_MS  every action and wait (default 15000)
//   E2E_TIMEOUT_MS       the whole journey (default: run()'s totalMs)
// Each step is one TAP line; a failed step ends the journey (the later steps depend on it)
// unless soft, and the plan "1..N" comes last. Exit status 0 only when every step passed.
// The browser is Debian's /usr/bin/chromium, driven by playwright-core (no browser download).
import { chromium } from 'playwright-core';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const BASE_URL = (process.env.BASE_URL || '').replace(/\/+$/, '');
export const SMS_URL = (process.env.SMS_URL || '').replace(/\/+$/, '');
export const SHOTS = process.env.SCREENSHOT_DIR || path.join(process.cwd(), 'screenshots');
export const CLOCK_FILE = process.env.TEST_CLOCK_FILE || '';
export const STEP_MS = Number(process.env.E2E_STEP_TIMEOUT_MS || 15000);
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

let n = 0;
let failed = 0;
let browser = null;
let shot = 0;
let shotPrefix = '';
let finished = false;
let stopping = false; // after the time limit or a signal: no more points

// ---- TAP ----------------------------------------------------------------

export function diag(text) {
  for (const line of String(text).split('\n').slice(0, 40))
    process.stdout.write('#   ' + line.replace(/\x1b\[[0-9;]*m/g, '') + '\n');
}

function point(ok, name, detail) {
  if (stopping)
    return;
  n += 1;
  if (!ok)
    failed += 1;
  process.stdout.write(`${ok ? 'ok' : 'not ok'} ${n} - ${name.replace(/#/g, '\\#').replace(/\n/g, ' ')}\n`);
  if (!ok && detail)
    diag(detail);
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

class StepFailed extends Error {}

// Runs one step under a hard cap (its actions have STEP_MS each). A failed step throws so
// the journey stops there, unless soft (nothing later depends on it).
export async function step(name, fn, { cap = 2 * STEP_MS, soft = false } = {}) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`step took longer than ${cap} ms`)), cap);
  });
  try {
    await Promise.race([fn(), limit]);
    point(true, name);
  } catch (e) {
    point(false, name, (e && e.stack) || String(e));
    if (!soft)
      throw new StepFailed(name);
  } finally {
    clearTimeout(timer);
  }
}

export function check(cond, message) {
  if (!cond)
    throw new Error(message);
}

export function requireSite() {
  check(BASE_URL && SMS_URL, 'BASE_URL and SMS_URL must be set');
}

// SCREENSHOT_DIR/PREFIX + NN-label.png, NN counting the journey's screenshots.
export async function screenshot(page, label) {
  shot += 1;
  const file = path.join(SHOTS, `${shotPrefix}${String(shot).padStart(2, '0')}-${label}.png`);
  await page.screenshot({ path: file, fullPage: true, timeout: STEP_MS });
  return file;
}

// ---- the browser --------------------------------------------------------

// Creates SCREENSHOT_DIR and starts Chromium; returns the browser (closed by run()).
export async function launch() {
  fs.mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 30000 });
  return browser;
}

// A desktop context (1280×900, zh-CN, Asia/Shanghai) with every wait STEP_MS; extra overrides.
export async function newContext(extra = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai', ...extra });
  context.setDefaultTimeout(STEP_MS);
  context.setDefaultNavigationTimeout(STEP_MS);
  return context;
}

// ---- what a user sees ---------------------------------------------------

export const banner = (page) => page.getByRole('banner');
export const nav = (page) => page.getByRole('navigation', { name: '主导航' });
export const main = (page) => page.getByRole('main');
// The input or select labelled exactly name (the label's red * is aria-hidden: not part of the name).
export const textbox = (page, name) => page.getByRole('textbox', { name, exact: true });
export const select = (page, name) => page.getByRole('combobox', { name, exact: true });

export async function visible(locator, what) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout: STEP_MS });
  } catch (e) {
    throw new Error(`not visible: ${what}\n${e.message}`);
  }
}

export async function heading(page, name, level = 1) {
  await visible(page.getByRole('heading', { name, level, exact: true }), `the heading ${name}`);
}

// ---- what the browser complains about ----------------------------------

// Script errors, CSP violations, missing styles or images. Pages answer 422 on purpose, so
// only subresources count; the browser's own /favicon.ico request is only noted, and so is a
// failed request that expected(req, error) explains (it returns the note).
const problems = [];
const notes = new Set();

export function notice(note) {
  notes.add(note);
}

// who, when given, starts each problem of the page.
export function watch(page, who = '', expected = null) {
  const from = who ? `${who}: ` : '';
  const refusedPages = new Set();
  page.on('response', (res) => {
    if (res.status() < 400)
      return;
    if (res.request().resourceType() === 'document')
      refusedPages.add(res.url());
    else
      problems.push(`${from}${res.status()} for ${res.url()}`);
  });
  page.on('console', (msg) => {
    if (msg.type() !== 'error')
      return;
    const where = msg.location().url || '';
    if (/^Failed to load resource/.test(msg.text()) && refusedPages.has(where))
      return;
    if (/^Failed to load resource/.test(msg.text()) && where && new URL(where, BASE_URL).pathname === '/favicon.ico')
      notes.add(`the browser's request for /favicon.ico: ${msg.text()}`);
    else
      problems.push(`${from}console: ${msg.text()} (${where})`);
  });
  page.on('pageerror', (err) => problems.push(`${from}page error: ${err.message}`));
  page.on('requestfailed', (req) => {
    const error = req.failure()?.errorText || '';
    const note = expected && expected(req, error);
    if (note) {
      notes.add(note);
      return;
    }
    problems.push(`${from}request failed: ${req.url()} ${error}`);
  });
}

// The last step of every journey.
export async function noComplaints() {
  await step('no script errors, CSP violations or failed styles and images on the way', async () => {
    check(problems.length === 0, problems.join('\n'));
    for (const note of notes)
      process.stdout.write(`# note: ${note}\n`);
  });
}

// ---- the SMS gateway fake ---------------------------------------------

export async function messagesTo(mobile) {
  const r = await fetch(`${SMS_URL}/messages?mobile=${encodeURIComponent(mobile)}`,
    { signal: AbortSignal.timeout(5000) });
  check(r.ok, `GET ${SMS_URL}/messages answered ${r.status}`);
  return (await r.json()).filter((m) => m.mobile === mobile);
}

// The messages to mobile after the first `seen` ones (bounded wait): their texts, one a line.
export async function nextMessage(mobile, seen) {
  const deadline = Date.now() + STEP_MS;
  for (;;) {
    const found = await messagesTo(mobile);
    if (found.length > seen)
      return found.slice(seen).map((m) => m.text).join('\n');
    check(Date.now() < deadline, `no SMS to ${mobile} within ${STEP_MS} ms (${found.length} before)`);
    await sleep(200);
  }
}

// The six-digit code of the last message after the first `seen` ones (bounded wait).
export async function nextCode(mobile, seen) {
  const deadline = Date.now() + STEP_MS;
  for (;;) {
    const found = await messagesTo(mobile);
    if (found.length > seen) {
      const text = found[found.length - 1].text;
      const m = /(?<!\d)(\d{6})(?!\d)/.exec(text);
      check(m, `no six-digit code in the SMS: ${text}`);
      return { code: m[1], text };
    }
    check(Date.now() < deadline, `no SMS to ${mobile} within ${STEP_MS} ms (${found.length} before)`);
    await sleep(200);
  }
}

// ---- the site's clock and TOTP ------------------------------------------

// Moves the site's test clock by ms (a --enable-test-clock build reads Data.Dir/test-clock);
// false without TEST_CLOCK_FILE.
let clockOffset = 0;
export function advanceClock(ms) {
  if (!CLOCK_FILE)
    return false;
  clockOffset += ms;
  const tmp = `${CLOCK_FILE}.e2e.tmp`;
  fs.writeFileSync(tmp, `${clockOffset}\n`, { mode: 0o644 });
  fs.renameSync(tmp, CLOCK_FILE);
  return true;
}

// RFC 4648 base32 (the otpauth secret: A-Z 2-7, padding optional).
export function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of text.toUpperCase().replace(/[\s=]/g, '')) {
    const i = alphabet.indexOf(ch);
    check(i >= 0, `not a base32 character: ${ch}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(out);
}

// RFC 6238 at the site's clock: HMAC-SHA-1 over the 8-byte big-endian 30 s step, 6 digits.
export function totp(secret, offsetMs = clockOffset) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(Math.floor((Date.now() + offsetMs) / 30000)));
  const mac = crypto.createHmac('sha1', base32(secret)).update(msg).digest();
  const at = mac[mac.length - 1] & 15;
  return String((mac.readUInt32BE(at) & 0x7fffffff) % 1000000).padStart(6, '0');
}

// ---- running it ----------------------------------------------------------

async function closeBrowser() {
  const b = browser;
  browser = null;
  if (b)
    await Promise.race([b.close().catch(() => {}), sleep(10000)]);
}

function finish(code) {
  if (finished)
    return;
  finished = true;
  process.stdout.write(`1..${n}\n`);
  process.exitCode = code;
}

// Runs journey() under E2E_TIMEOUT_MS (default totalMs) and SIGTERM/SIGINT/SIGHUP, closes the
// browser, prints the plan and sets the exit status. prefix starts the screenshots' names.
// ---- the enterprise application both the applications and the staff journeys type ----

export const ENTERPRISE_ORG = '福州市某某信息技术有限公司';
export const ENTERPRISE_USCC = '91350100M000100Y43';
export const ENTERPRISE_AGENT = '13800138000';
export const ID_NO = '11010519491231002X';

// What the applicant types (label → option for selects, label → value for textboxes), and
// the document slots the upload page shows (lib/doc.c), in its order.
export const ENTERPRISE_FORM = {
  selects: { '项目应用': '政府采购+工程招投标', '申请年限': '1年', '证书个数': '1个', '企业性质': '民营企业',
    '证件类型': '居民身份证' },
  texts: { '单位名称（全称）': ENTERPRISE_ORG, '统一社会信用代码': ENTERPRISE_USCC, '印章编码': '3501020012345',
    '法定代表人姓名': '张三', '法定代表人身份证号': ID_NO, '经办人姓名': '李四', '经办人手机': ENTERPRISE_AGENT,
    '经办人邮箱': 'lisi@example.com', '证件号码': ID_NO, '联系地址': '福州市鼓楼区五四路1号' },
  slots: [
    ['license', '营业执照（副本）彩色扫描件或加盖公章复印件'],
    ['legal_id_front', '法人身份证 人像面'],
    ['legal_id_back', '法人身份证 国徽面'],
    ['agent_id_front', '加盖公章的经办人身份证复印件 正面'],
    ['agent_id_back', '加盖公章的经办人身份证复印件 反面'],
    ['seal', '印章图片'],
    ['agreement', '盖章的《CFCA网上平台办理协议书》扫描件'],
    ['form', '盖章的申请表扫描件'],
    ['authorization', '盖章的授权书扫描件'],
  ],
};

export async function run(journey, { prefix = '', totalMs }) {
  const TOTAL_MS = Number(process.env.E2E_TIMEOUT_MS || totalMs);
  shotPrefix = prefix;
  const overall = setTimeout(async () => {
    point(false, `the journey finished within ${TOTAL_MS} ms`);
    stopping = true;
    await closeBrowser();
    finish(1);
    process.exit(1);
  }, TOTAL_MS);

  for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
    process.on(sig, async () => {
      point(false, `stopped by ${sig}`);
      stopping = true;
      await closeBrowser();
      finish(1);
      process.exit(1);
    });
  }

  try {
    await journey();
  } catch (e) {
    if (!(e instanceof StepFailed))
      point(false, 'the journey ran', (e && e.stack) || String(e));
  } finally {
    clearTimeout(overall);
    await closeBrowser();
  }
  finish(failed || n === 0 ? 1 : 0);
}
