// tests/e2e/journey.mjs: tier 5, what the browser journeys (accounts.mjs, applications.mjs, staff.mjs, payments.mjs, invoices.mjs) share: the environment, launching Chromium, TAP steps and checks, screenshots, reading tables and <dl> terms, what the browser complains about, the SMS gateway fake, the documents to upload, an applicant registering and submitting the enterprise application, the Alipay gateway fake, the test clock, TOTP and a staff member's sign-in, and running a journey to its plan.
//
// Read from the environment (tests/e2e/journey.py passes them):
//   BASE_URL          the site, e.g. http://127.0.0.1:8123 (required: requireSite())
//   SMS_URL           the SMS gateway fake (tests/fakes/sms_gateway.py): its GET /messages is
//                     where a journey reads what the user's phone receives (required)
//   SCREENSHOT_DIR    where the screenshots go (created; default ./screenshots), named
//                     PREFIX + NN-label.png (the prefix given to run())
//   TEST_CLOCK_FILE   Data.Dir/test-clock of a --enable-test-clock build (advanceClock())
//   FIXTURE_DIR       the documents to upload: manifest.json and the files (requireFixtures())
//   ALIPAY_URL        the Alipay gateway fake (tests/fakes/alipay_gateway.py; alipay())
//   STAFF_LOGIN       the staff member a journey signs in as (staffPassword()), and
//   STAFF_PASSWORD    its password
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
export const FIXTURES = process.env.FIXTURE_DIR || '';
export const ALIPAY_URL = (process.env.ALIPAY_URL || '').replace(/\/+$/, '');
export const STAFF_LOGIN = process.env.STAFF_LOGIN || '';
export const STAFF_PASSWORD = process.env.STAFF_PASSWORD || '';
export const ADMIN = `${BASE_URL}/cgi-bin/admin.fcgi`;
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

// A new page in a new context (newContext(extra)) whose complaints are watched as who's
// (watch(page, who, expected)): { context, page }.
export async function watchedPage(who, extra = {}, expected = null) {
  const context = await newContext(extra);
  const page = await context.newPage();
  watch(page, who, expected);
  return { context, page };
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

// The text of the <dd> after the <dt> labelled term inside scope (first match; white space
// folded), or null.
export async function termValue(scope, term) {
  return await scope.evaluate((el, t) => {
    const dt = Array.from(el.querySelectorAll('dt')).find((d) => d.textContent.trim() === t);
    const dd = dt && dt.nextElementSibling;
    return dd ? dd.textContent.replace(/\s+/g, ' ').trim() : null;
  }, term);
}

// Checks that every term of want (term → value) reads its value inside scope; where names
// scope in the message.
export async function terms(scope, want, where) {
  for (const [term, value] of Object.entries(want)) {
    const got = await termValue(scope, term);
    check(got === value, `${where}: ${term} reads ${JSON.stringify(got)}, not ${JSON.stringify(value)}`);
  }
}

// The cells of the rows inside scope (a table or its region) that name text: one array of
// cell texts (white space folded) a row.
export async function rowCells(scope, text) {
  const rows = scope.getByRole('row').filter({ hasText: text });
  const out = [];
  for (let i = 0; i < await rows.count(); i++)
    out.push((await rows.nth(i).getByRole('cell').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim()));
  return out;
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

// ---- the enterprise application the journeys type ----------------------

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

// ---- the documents to upload ---------------------------------------------

// Checks that FIXTURE_DIR holds manifest.json.
export function requireFixtures() {
  check(FIXTURES && fs.existsSync(path.join(FIXTURES, 'manifest.json')), 'FIXTURE_DIR must hold manifest.json');
}

// FIXTURE_DIR/manifest.json: {enterprise|personal: {slot: file name}, ...} and whatever the
// journey's wrapper adds.
export function manifest() {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, 'manifest.json'), 'utf8'));
}

// The path of FIXTURE_DIR/dir/name, checked to exist.
export function fixture(name, dir = 'enterprise') {
  const file = path.join(FIXTURES, dir, name);
  check(fs.existsSync(file), `the fixture ${file} is missing`);
  return file;
}

// The file the manifest names for group's slot (manifest[group][slot]), in FIXTURE_DIR/dir.
export function slotFixture(group, slot, dir = 'enterprise') {
  const names = manifest()[group];
  const name = names && names[slot];
  check(name, `no fixture for the ${group} slot ${slot} in ${FIXTURES}/manifest.json`);
  return fixture(name, dir);
}

// ---- the applicant ----------------------------------------------------------

// 139****5678 for 13912345678, as the header shows an account.
export function masked(mobile) {
  return mobile.slice(0, 3) + '****' + mobile.slice(-4);
}

// On 账号注册: types mobile, presses 获取验证码, waits for the notice and the SMS; returns
// nextCode()'s { code, text }.
export async function requestCode(page, mobile) {
  await textbox(page, '手机号').fill(mobile);
  const seen = (await messagesTo(mobile)).length;
  await page.getByRole('button', { name: '获取验证码' }).click();
  await visible(page.getByRole('status').filter({ hasText: '验证码已发送' }), 'the notice 验证码已发送');
  return await nextCode(mobile, seen);
}

// On 账号注册 after requestCode(): the code and password twice → 注册; checks the page lands
// on the home page with the header naming the account.
export async function completeRegistration(page, mobile, code, password) {
  await textbox(page, '短信验证码').fill(code);
  await textbox(page, '设置密码').fill(password);
  await textbox(page, '确认密码').fill(password);
  await page.getByRole('button', { name: '注册', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/' || u.pathname === '/cgi-bin/home.fcgi');
  await visible(banner(page).getByText(masked(mobile), { exact: true }).or(banner(page).getByText(mobile, { exact: true })),
    `the header names the account ${masked(mobile)}`);
}

// The step "an applicant registers with 139****5678": 账号注册, the SMS code, the password;
// page is then signed in.
export async function registerApplicant(page, mobile, password) {
  await step(`an applicant registers with ${masked(mobile)}`, async () => {
    await page.goto(`${BASE_URL}/cgi-bin/register.fcgi`, { waitUntil: 'load' });
    await heading(page, '账号注册');
    const { code } = await requestCode(page, mobile);
    await completeRegistration(page, mobile, code, password);
  });
}

// 证书新办 in the navigation → 企业证书 → 下一步 → the form filled (ENTERPRISE_FORM's selects
// and texts, texts overriding the textboxes; 到服务大厅自取, or with mail ({ 收件人, 收件人手机,
// 收件地址 }) 邮寄; both boxes ticked) → 保存并下一步; checks the page is 上传材料 of a new order
// and returns its number.
export async function saveEnterpriseForm(page, texts = ENTERPRISE_FORM.texts, mail = null) {
  await nav(page).getByRole('link', { name: '证书新办', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/cgi-bin/apply.fcgi' && !u.search);
  await page.getByRole('radio', { name: '企业证书' }).check();
  await page.getByRole('button', { name: '下一步', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/cgi-bin/apply.fcgi' && u.searchParams.get('subject') === 'enterprise');
  await heading(page, '证书新办 · 企业证书');
  for (const [label, option] of Object.entries(ENTERPRISE_FORM.selects))
    await select(page, label).selectOption({ label: option });
  for (const [label, value] of Object.entries(texts))
    await textbox(page, label).fill(value);
  if (mail) {
    await page.getByRole('radio', { name: /^邮寄/ }).check();
    for (const [label, value] of Object.entries(mail))
      await textbox(page, label).fill(value);
  } else {
    await page.getByRole('radio', { name: '到服务大厅自取' }).check();
  }
  await page.getByRole('checkbox', { name: /^我同意\s*《CFCA网上平台办理协议书》$/ }).check();
  await page.getByRole('checkbox', { name: '敏感个人信息' }).check();
  await page.getByRole('button', { name: '保存并下一步' }).click();
  await page.waitForURL((u) => u.pathname === '/cgi-bin/upload.fcgi' && /^\d{19}$/.test(u.searchParams.get('order') || ''));
  const order = new URL(page.url()).searchParams.get('order');
  await heading(page, '上传材料');
  return order;
}

// One slot of 上传材料: chooses file, presses the slot's button, waits for the notice 已上传
// and checks the slot names the file.
export async function uploadSlot(page, slot, label, file) {
  const item = () => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: label, exact: true, level: 3 }) });
  check(await item().count() === 1, `${await item().count()} slots are named ${label}`);
  await item().getByLabel(`选择文件：${label}`, { exact: true }).setInputFiles(file);
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/cgi-bin/upload.fcgi' && u.searchParams.get('done') === slot),
    item().getByRole('button', { name: /^(上传文件|重新上传)$/ }).click(),
  ]);
  await page.waitForLoadState('load');
  await visible(page.getByRole('status').filter({ hasText: `已上传：${label}` }), `the notice 已上传：${label}`);
  await visible(item().getByText(path.basename(file)), `${label}: the file's name ${path.basename(file)}`);
}

// On 上传材料: uploads the manifest's enterprise document of every slot of ENTERPRISE_FORM and
// checks the page says 申请信息和材料已齐全 (about a STEP_MS a slot).
export async function uploadEnterpriseDocuments(page) {
  for (const [slot, label] of ENTERPRISE_FORM.slots)
    await uploadSlot(page, slot, label, slotFixture('enterprise', slot));
  await visible(main(page).getByText(/申请信息和材料已齐全/), 'the note 申请信息和材料已齐全');
}

// On 上传材料 of order: 提交申请 (or 重新提交申请); checks it lands on 订单支付 of the order.
export async function submitApplication(page, order) {
  await page.getByRole('button', { name: /^(重新)?提交申请$/ }).click();
  await page.waitForURL((u) => u.pathname === '/cgi-bin/pay.fcgi' && u.searchParams.get('order') === order);
  await heading(page, '订单支付');
}

// The applicant's 业务单管理 row of order, checked to be the only one naming it: { row (its
// locator), cells (rowCells()) }.
export async function applicantRow(page, order) {
  await page.goto(`${BASE_URL}/cgi-bin/orders.fcgi`, { waitUntil: 'load' });
  await heading(page, '业务单管理');
  const rows = await rowCells(main(page), order);
  check(rows.length === 1, `${rows.length} rows name ${order}`);
  return { row: main(page).getByRole('row').filter({ hasText: order }), cells: rows[0] };
}

// ---- the Alipay gateway fake --------------------------------------------

// fetch(url) with method, under STEP_MS; checks it answered 2xx with JSON and returns that.
export async function fetchJson(url, method = 'GET') {
  const r = await fetch(url, { method, signal: AbortSignal.timeout(STEP_MS) });
  const text = await r.text();
  let body = null;
  try {
    body = JSON.parse(text);
  } catch (e) {
    // Reported below.
  }
  check(r.ok && body, `${method} ${url} answered ${r.status}: ${text.slice(0, 300)}`);
  return body;
}

// The Alipay fake's answer to method ALIPAY_URL + pathAndQuery (fetchJson()).
export async function alipay(method, pathAndQuery) {
  check(ALIPAY_URL, 'ALIPAY_URL must be set');
  return await fetchJson(`${ALIPAY_URL}${pathAndQuery}`, method);
}

// The buyer pays trade (an out_trade_no) at the fake, which sends the site Alipay's signed
// notification; checks the site answered it once, 200 success. Returns the fake's answer
// ({ trade_no, answers, ... }).
export async function alipayPay(trade) {
  const paid = await alipay('POST', `/_control/pay?out_trade_no=${encodeURIComponent(trade)}&notify=1`);
  check(paid.answers && paid.answers.length === 1 && paid.answers[0].status === 200 && paid.answers[0].body === 'success',
    `the site answered the notification ${JSON.stringify(paid.answers)}`);
  return paid;
}

// Reads 支付状态 (#pay-status) of the 订单支付 page, across the page's own reloads, until it
// says 已支付 or ms have passed; returns what it read last (null: between two loads).
export async function payStatusWithin(page, ms) {
  const started = Date.now();
  let status = null;
  while (Date.now() - started < ms) {
    try {
      status = (await page.locator('#pay-status').textContent({ timeout: 1000 })).trim();
    } catch (e) {
      status = null; // between two loads
    }
    if (status === '已支付')
      break;
    await sleep(250);
  }
  return status;
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

// Moves to a TOTP step no code was used in yet: the test clock 31 s on, or without
// TEST_CLOCK_FILE waits for the next 30 s step (a step of the caller needs a cap of 32 s more).
export async function nextTotpStep() {
  if (!advanceClock(31000)) {
    const wait = 30000 - (Date.now() % 30000) + 1000;
    diag(`no TEST_CLOCK_FILE: waiting ${wait} ms for the next TOTP step`);
    await sleep(wait);
  }
}

// ---- a staff member's sign-in --------------------------------------------

// Checks that STAFF_LOGIN and STAFF_PASSWORD are set.
export function requireStaff() {
  check(STAFF_LOGIN && STAFF_PASSWORD, 'STAFF_LOGIN and STAFF_PASSWORD must be set');
}

// The staff member the journey signs in as by default: STAFF_LOGIN with STAFF_PASSWORD.
export const STAFF = { login: STAFF_LOGIN, password: STAFF_PASSWORD };

// admin.fcgi's 工作人员登录 with who's login and password (default STAFF); checks the second
// factor's page follows: 绑定身份验证器 when enrol (the first sign-in), else 动态口令验证.
export async function staffPassword(page, enrol = true, who = STAFF) {
  check(who.login && who.password, 'the staff member\'s login and password must be set');
  await page.goto(ADMIN, { waitUntil: 'load' });
  await heading(page, '工作人员登录');
  await textbox(page, '用户名').fill(who.login);
  await page.getByLabel(/^\*?密码$/).fill(who.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/cgi-bin/admin.fcgi' && !u.search);
  await heading(page, enrol ? '绑定身份验证器' : '动态口令验证');
  await visible(textbox(page, '动态口令'), 'the field 动态口令');
}

// On 绑定身份验证器: the 密钥 shown, checked to be base32.
export async function enrolmentSecret(page) {
  const secret = await termValue(main(page), '密钥');
  check(secret && /^[A-Z2-7]{16,}=*$/.test(secret), `密钥 reads ${JSON.stringify(secret)}`);
  return secret;
}

// On 绑定身份验证器: secret's TOTP code at the site's clock → 完成绑定并登录; checks the
// staff pages open with the header naming login (default STAFF's).
export async function completeEnrolment(page, secret, login = STAFF.login) {
  await textbox(page, '动态口令').fill(totp(secret));
  await page.getByRole('button', { name: '完成绑定并登录', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/cgi-bin/admin.fcgi' && !u.search);
  await visible(banner(page).getByText(login, { exact: true }), `the header names ${login}`);
}

// The first sign-in of who (default STAFF): password, enrolment with the 密钥 shown, TOTP;
// returns the secret.
export async function staffSignIn(page, who = STAFF) {
  await staffPassword(page, true, who);
  const secret = await enrolmentSecret(page);
  await completeEnrolment(page, secret, who.login);
  return secret;
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
