// tests/e2e/payments.mjs: tier 5, the payment journey of SPEC §4–§6 in headless Chromium: an applicant pays one enterprise order by the Alipay QR code (decoded with zbarimg, paid through the gateway fake, the page's own refresh shows 已支付) and claims 对公转账 for another, which a finance member confirms in 支付管理; printing TAP.
//
// Run by tests/e2e/t_e2e_payments.py, which starts the site (with the Alipay gateway fake and
// the corporate account), creates the finance member and passes:
//   BASE_URL          the site, e.g. http://127.0.0.1:8123 (required)
//   SMS_URL           the SMS gateway fake: its GET /messages is where the journey reads the
//                     registration code (required)
//   ALIPAY_URL        the Alipay gateway fake (tests/fakes/alipay_gateway.py): GET /trades gives
//                     each trade's qr_code, POST /_control/pay?out_trade_no=X&notify=1 pays the
//                     trade and sends Alipay's signed notification to the site (required)
//   FIXTURE_DIR       the documents: manifest.json maps {enterprise: {slot: file name},
//                     slip: file name} (the PDF remittance slip); the files are in
//                     FIXTURE_DIR/enterprise/ (required)
//   STAFF_LOGIN       the finance member's login and
//   STAFF_PASSWORD    password (required)
//   SCREENSHOT_DIR    where the screenshots go, as pay-NN-*.png, and the QR code's element
//                     screenshot pay-qr.png (created; default ./screenshots)
//   E2E_STEP_TIMEOUT_MS  every action and wait (default 15000)
//   E2E_TIMEOUT_MS       the whole journey (default 300000)
// The QR code is decoded with `zbarimg --raw -q` (zbar-tools). Waiting for 已支付 touches
// nothing: the page refreshes itself (<meta http-equiv="refresh">) and the journey only reads it,
// for at most PAID_WAIT_MS. Each step is one TAP line; the first failure ends the journey. The
// plan "1..N" comes last. Exit status 0 only when every step passed.
// The shared parts (launch, steps, screenshots, complaints, the SMS fake, registering, the
// enterprise application, tables and terms, the Alipay fake, the staff sign-in with TOTP) are
// tests/e2e/journey.mjs.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  ADMIN, ALIPAY_URL, BASE_URL, ENTERPRISE_FORM, ENTERPRISE_ORG, ENTERPRISE_USCC, SHOTS, STAFF_LOGIN, STEP_MS, alipay,
  alipayPay, applicantRow, check, fixture, heading, launch, main, manifest, noComplaints, payStatusWithin, registerApplicant,
  requireFixtures, requireSite, requireStaff, rowCells, run, saveEnterpriseForm, screenshot, sleep, staffSignIn, step,
  submitApplication, termValue, terms, textbox, uploadEnterpriseDocuments, visible, watchedPage,
} from './journey.mjs';

const PAID_WAIT_MS = 20000;

const MOBILE = '13912345681';
const PASSWORD = 'Payment2024go';
const FEE = '650.00';
// The two companies: the first pays by Alipay, the second by 对公转账. The second code is
// another valid USCC (GB 32100-2015 check character F, GB 11714 organisation code check 9).
const ALIPAY_CO = { org: ENTERPRISE_ORG, uscc: ENTERPRISE_USCC, agent: ENTERPRISE_FORM.texts['经办人手机'] };
const TRANSFER_CO = { org: '厦门市某某网络科技有限公司', uscc: '91350200MA31AB2C9F', agent: '13800138001' };
// What the bank details read (tests/lib/servers.py: Bank.*).
const BANK = { '开户银行': '中国工商银行 福州五一支行', '账户名称': '福建省数字证书服务中心（测试）',
  '银行账号': '1402 0212 0910 0123 456' };
const CODE_RE = /^[2-9A-HJ-NP-Z]{8}$/; // lib/statement.c: statement_code_alphabet

// ---- what a user sees ---------------------------------------------------

// Today in Asia/Shanghai as YYYY-MM-DD.
function today() {
  // Built from the parts: how a locale lays out a date differs between ICU versions
  // (Debian 12's Node 18 formats en-CA as 12/08/2026, newer ones as 2026-12-08).
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date());
  const part = (type) => parts.find((p) => p.type === type).value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

// ---- the journey's own helpers ----------------------------------------

// 证书新办 → 企业证书 → the form for company co → 上传材料 → every document → 提交申请:
// three steps, the last landing on 订单支付. Returns a getter of the order number.
async function enterpriseOrder(page, co, tag) {
  let order = null;

  await step(`${tag}: 证书新办 · 企业证书 for ${co.org} (${co.uscc}) saved opens 上传材料 of a new order`, async () => {
    const texts = { ...ENTERPRISE_FORM.texts, '单位名称（全称）': co.org, '统一社会信用代码': co.uscc, '经办人手机': co.agent };
    order = await saveEnterpriseForm(page, texts);
    process.stdout.write(`# ${tag}: 业务单号 ${order}\n`);
  });

  await step(`${tag}: the ${ENTERPRISE_FORM.slots.length} documents are uploaded`, async () => {
    await uploadEnterpriseDocuments(page);
  }, { cap: ENTERPRISE_FORM.slots.length * STEP_MS });

  await step(`${tag}: 提交申请 lands on 订单支付 asking ${FEE} 元, 未支付, the tab 支付宝扫码支付 open`, async () => {
    await submitApplication(page, order);
    await terms(main(page).getByRole('region', { name: '应付金额' }), { '业务单号': order, '应付金额': `${FEE} 元`, '支付状态': '未支付' },
      '应付金额');
    const tabs = main(page).getByRole('navigation', { name: '支付方式' });
    check(await tabs.getByRole('link', { name: '支付宝扫码支付', exact: true }).getAttribute('aria-current') === 'page',
      '支付宝扫码支付 is not the current tab');
    await visible(tabs.getByRole('link', { name: '对公转账', exact: true }), 'the tab 对公转账');
  });

  return () => order;
}

// ---- the journey --------------------------------------------------------

async function journey() {
  requireSite();
  check(ALIPAY_URL, 'ALIPAY_URL must be set');
  requireStaff();
  requireFixtures();
  await launch();
  const { context: applicant, page } = await watchedPage('applicant');

  await registerApplicant(page, MOBILE, PASSWORD);

  // ---- the first order: 支付宝扫码支付 ----

  const first = await enterpriseOrder(page, ALIPAY_CO, '支付宝');
  const order1 = first();
  let trade = null; // the fake's out_trade_no of order1's QR code

  await step('支付宝: the QR code shows, refreshing every 5 s, and decodes to the fake\'s qr_code of the order', async () => {
    await page.waitForLoadState('load');
    const refresh = await page.locator('meta[http-equiv="refresh" i]').getAttribute('content');
    check(refresh && /^\s*5\s*$/.test(refresh), `the page's refresh is ${JSON.stringify(refresh)}, not every 5 s`);
    await visible(main(page).getByText(/本页每\s*5\s*秒自动刷新/), 'the note 本页每 5 秒自动刷新');
    await screenshot(page, 'alipay');
    const file = path.join(SHOTS, 'pay-qr.png');
    let decoded = null;
    let src = null;
    let last = null;
    // The page may refresh itself between two reads: try again on the next load.
    for (let attempt = 0; attempt < 3 && decoded === null; attempt++) {
      try {
        await page.waitForLoadState('load');
        const img = page.locator('#alipay-qr');
        await visible(img, 'the QR code #alipay-qr');
        check(await img.getAttribute('alt') === '支付宝付款二维码', `the QR code's alt is ${await img.getAttribute('alt')}`);
        await img.evaluate((el) => (el.complete ? null : new Promise((resolve) => { el.onload = el.onerror = resolve; })));
        const size = await img.evaluate((el) => [el.naturalWidth, el.naturalHeight]);
        check(size[0] > 0, 'the QR code is a broken image');
        src = new URL(await img.getAttribute('src'), BASE_URL);
        process.stdout.write(`# the QR image is ${size[0]}×${size[1]} px, shown at 222×222\n`);
        await img.screenshot({ path: file, timeout: STEP_MS });
        decoded = execFileSync('zbarimg', ['--raw', '-q', file], { timeout: 10000, encoding: 'utf8' }).trim();
      } catch (e) {
        last = e;
        await sleep(500);
      }
    }
    check(decoded !== null, `the QR code was not read: ${last && (last.stderr || last.message)}`);
    trade = src.searchParams.get('t');
    check(trade && trade.startsWith(order1), `the QR code's trade ${trade} is not of the order ${order1}`);
    const trades = await alipay('GET', '/trades');
    const mine = Object.keys(trades).filter((k) => k.startsWith(order1));
    check(mine.includes(trade), `the fake has no trade ${trade} (the order's: ${JSON.stringify(mine)})`);
    const t = trades[trade];
    process.stdout.write(`# out_trade_no ${trade}: ${t.state}, ${t.amount} 元, ${t.subject}; decoded ${decoded}\n`);
    check(decoded === t.qr_code, `the QR code reads ${JSON.stringify(decoded)}, the fake's qr_code is ${JSON.stringify(t.qr_code)}`);
    check(t.amount === FEE, `the trade asks ${t.amount}, not ${FEE}`);
    check(t.state === 'CREATED', `the trade is ${t.state} before anyone paid`);
  });

  await step(`支付宝: the buyer pays (the fake notifies the site), and the page's own refresh shows 已支付 within ${PAID_WAIT_MS / 1000} s`, async () => {
    let loads = 0;
    const counted = (frame) => {
      if (frame === page.mainFrame())
        loads += 1;
    };
    page.on('framenavigated', counted);
    try {
      const paid = await alipayPay(trade);
      process.stdout.write(`# the fake paid ${trade}: trade_no ${paid.trade_no}, the site answered ${JSON.stringify(paid.answers)}\n`);
      const started = Date.now();
      const status = await payStatusWithin(page, PAID_WAIT_MS);
      process.stdout.write(`# 支付状态 ${status} after ${Date.now() - started} ms and ${loads} reloads of the page\n`);
      check(status === '已支付', `支付状态 still reads ${JSON.stringify(status)} after ${PAID_WAIT_MS} ms (${loads} reloads)`);
      check(loads >= 1, 'the page shows 已支付 without having reloaded');
      check(new URL(page.url()).searchParams.get('order') === order1, `the page is now ${page.url()}`);
    } finally {
      page.off('framenavigated', counted);
    }
    await page.waitForLoadState('load');
    await heading(page, '已支付', 2);
    check(await page.locator('meta[http-equiv="refresh" i]').count() === 0, 'the paid page still refreshes itself');
    check(await page.locator('#alipay-qr').count() === 0, 'the paid page still shows the QR code');
    const rows = await rowCells(main(page).getByRole('region', { name: '支付记录' }), '支付宝');
    check(rows.length === 1 && rows[0].includes(FEE) && rows[0].includes('已到账'), `支付记录 reads ${JSON.stringify(rows)}`);
    await screenshot(page, 'alipay-paid');
  }, { cap: PAID_WAIT_MS + 2 * STEP_MS });

  await step('支付宝: the fake\'s trade is TRADE_SUCCESS, and 业务单管理 shows the order 已支付', async () => {
    const t = (await alipay('GET', '/trades'))[trade];
    check(t && t.state === 'TRADE_SUCCESS', `the trade is ${t && t.state}`);
    const { cells } = await applicantRow(page, order1);
    check(cells.includes('已支付'), `the row reads ${JSON.stringify(cells)}`);
  });

  // ---- the second order: 对公转账 ----

  const second = await enterpriseOrder(page, TRANSFER_CO, '对公转账');
  const order2 = second();
  let code = null;
  const payDay = today();

  await step('对公转账: the tab shows the corporate account, the amount and the 8-character 附言码; no refresh', async () => {
    const tabs = main(page).getByRole('navigation', { name: '支付方式' });
    await tabs.getByRole('link', { name: '对公转账', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/cgi-bin/pay.fcgi' && u.searchParams.get('order') === order2 &&
      u.searchParams.get('method') === 'transfer');
    await page.waitForLoadState('load');
    await heading(page, '对公转账', 2);
    check(await tabs.getByRole('link', { name: '对公转账', exact: true }).getAttribute('aria-current') === 'page',
      '对公转账 is not the current tab');
    check(await page.locator('meta[http-equiv="refresh" i]').count() === 0, 'the transfer form refreshes itself (what is typed would be lost)');
    const box = main(page).getByRole('region', { name: '对公转账' });
    await terms(box, { ...BANK, '转账金额': `${FEE} 元` }, '对公转账');
    code = (await page.locator('#transfer-code').textContent()).trim();
    process.stdout.write(`# 附言码 ${code}\n`);
    check(CODE_RE.test(code), `the 附言码 is ${JSON.stringify(code)}`);
    check(await termValue(box, '附言码') === code, `附言码 reads ${await termValue(box, '附言码')}`);
    await screenshot(page, 'transfer');
  });

  await step(`对公转账: 付款账户名称, 转账日期 ${payDay} and the PDF 转账回单 → 我已支付 shows the claim 待确认`, async () => {
    const box = main(page).getByRole('region', { name: '对公转账' });
    await textbox(box, '付款账户名称').fill(TRANSFER_CO.org);
    const date = box.getByLabel(/^\*?\s*转账日期$/);
    check(await date.getAttribute('type') === 'date', '转账日期 is not a date input');
    await date.fill(payDay);
    const slip = fixture(manifest().slip);
    await box.getByLabel(/^\*?\s*转账回单$/).setInputFiles(slip);
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/cgi-bin/pay.fcgi' && u.searchParams.get('order') === order2 &&
        u.searchParams.get('done') === 'claimed'),
      box.getByRole('button', { name: '我已支付', exact: true }).click(),
    ]);
    await page.waitForLoadState('load');
    await visible(main(page).getByText('您已提交转账信息，财务人员核实到账后将为您确认，请耐心等待。'), 'the note 您已提交转账信息');
    check(await page.getByRole('button', { name: '我已支付', exact: true }).count() === 0, 'the claim form is still offered');
    const due = main(page).getByRole('region', { name: '应付金额' });
    check(await termValue(due, '支付状态') === '待确认', `支付状态 reads ${await termValue(due, '支付状态')}`);
    const rows = await rowCells(main(page).getByRole('region', { name: '支付记录' }), '对公转账');
    check(rows.length === 1 && rows[0].includes('待确认') && rows[0].includes(FEE) &&
      rows[0].some((c) => c.includes(TRANSFER_CO.org) && c.includes(payDay)), `支付记录 reads ${JSON.stringify(rows)}`);
    await screenshot(page, 'transfer-claimed');
  });

  await step('对公转账: 业务单管理 shows the order 待确认', async () => {
    const { cells } = await applicantRow(page, order2);
    check(cells.includes('待确认'), `the row reads ${JSON.stringify(cells)}`);
  });

  // ---- finance ----

  const { context: staff, page: desk } = await watchedPage('finance');

  await step(`finance: ${STAFF_LOGIN} signs in with TOTP (enrolment) and lands on 支付管理`, async () => {
    await staffSignIn(desk);
    await heading(desk, '支付管理');
  });

  await step('支付管理: 待确认的对公转账 lists the claim; 支付记录 holds the Alipay payment with its trade number', async () => {
    const link = desk.getByRole('navigation', { name: '管理导航' }).getByRole('link', { name: '支付管理', exact: true });
    await link.click();
    await desk.waitForURL((u) => u.pathname === '/cgi-bin/admin.fcgi' && u.searchParams.get('view') === 'payments');
    await heading(desk, '支付管理');
    check(await link.getAttribute('aria-current') === 'page', '支付管理 is not marked as the current page');
    const claims = main(desk).getByRole('region', { name: '待确认的对公转账' });
    const rows = await rowCells(claims, order2);
    check(rows.length === 1, `${rows.length} claim rows name ${order2}: ${JSON.stringify(rows)}`);
    for (const want of [order2, TRANSFER_CO.org, code, FEE, payDay])
      check(rows[0].includes(want), `the claim row lacks ${want}: ${JSON.stringify(rows[0])}`);
    check((await rowCells(claims, order1)).length === 0, `the Alipay order ${order1} is listed as a claim`);
    const t = (await alipay('GET', '/trades'))[trade];
    const all = await rowCells(main(desk).getByRole('region', { name: '支付记录' }), order1);
    check(all.length === 1 && all[0].includes('支付宝') && all[0].includes('已到账') && all[0].includes(t.trade_no),
      `支付记录 of ${order1} reads ${JSON.stringify(all)} (trade_no ${t.trade_no})`);
    await screenshot(desk, 'finance-payments');
  });

  await step('核对 opens the order; its 支付记录 shows the claim 待确认 with the slip, and 确认到账', async () => {
    const row = main(desk).getByRole('region', { name: '待确认的对公转账' }).getByRole('row').filter({ hasText: order2 });
    await row.getByRole('link', { name: '核对', exact: true }).click();
    await desk.waitForURL((u) => u.pathname === '/cgi-bin/admin.fcgi' && u.searchParams.get('order') === order2);
    await heading(desk, '业务单详情');
    const pays = main(desk).getByRole('region', { name: '支付记录' });
    await visible(pays, 'the section 支付记录');
    const rows = await rowCells(pays, '对公转账');
    check(rows.length === 1 && rows[0].includes('待确认') && rows[0].includes(FEE) &&
      rows[0].some((c) => c.includes(TRANSFER_CO.org) && c.includes(payDay)), `支付记录 reads ${JSON.stringify(rows)}`);
    const slip = pays.getByRole('link', { name: '转账回单', exact: true });
    await visible(slip, 'the link 转账回单');
    const r = await desk.request.get(new URL(await slip.getAttribute('href'), desk.url()).href, { timeout: STEP_MS });
    const body = await r.body();
    const head = body.subarray(0, 5).toString('latin1');
    check(r.status() === 200 && head === '%PDF-', `the slip answered ${r.status()} ${r.headers()['content-type']} ${
      JSON.stringify(head)}: ${(/<title>([^<]*)<\/title>/.exec(body.toString('utf8')) || [])[1] || ''}`);
    await visible(pays.getByRole('button', { name: '确认到账', exact: true }), 'the button 确认到账');
    await pays.scrollIntoViewIfNeeded();
    await screenshot(desk, 'finance-order');
  });

  await step('确认到账 → the payment 已到账, the order 已支付', async () => {
    await main(desk).getByRole('region', { name: '支付记录' }).getByRole('button', { name: '确认到账', exact: true }).click();
    await desk.waitForURL((u) => u.pathname === '/cgi-bin/admin.fcgi' && u.searchParams.get('order') === order2 &&
      u.searchParams.get('done') === 'confirm_payment');
    await desk.waitForLoadState('load');
    await visible(desk.getByRole('status').filter({ hasText: '已确认到账' }), 'the notice 已确认到账');
    const pays = main(desk).getByRole('region', { name: '支付记录' });
    const rows = await rowCells(pays, '对公转账');
    check(rows.length === 1 && rows[0].some((cell) => cell.startsWith('已到账') && cell.includes(STAFF_LOGIN)),
      `支付记录 reads ${JSON.stringify(rows)}`);
    check(await pays.getByRole('button', { name: '确认到账' }).count() === 0, '确认到账 is still offered');
    const status = await termValue(main(desk), '支付状态');
    check(status === null || status === '已支付', `支付状态 reads ${status}`);
    await pays.scrollIntoViewIfNeeded();
    await screenshot(desk, 'finance-confirmed');
  });

  await step('支付管理 no longer lists the claim', async () => {
    await desk.goto(`${ADMIN}?view=payments`, { waitUntil: 'load' });
    await heading(desk, '支付管理');
    const claims = main(desk).getByRole('region', { name: '待确认的对公转账' });
    check((await rowCells(claims, order2)).length === 0, `the claim of ${order2} is still listed`);
    await visible(claims.getByText('没有待确认的转账。', { exact: true }), 'the note 没有待确认的转账。');
  });
  await staff.close();

  // ---- the applicant again ----

  await step('the applicant\'s 业务单管理 shows both orders 已支付, the transfer\'s 订单支付 page 已支付', async () => {
    const { cells: cells2 } = await applicantRow(page, order2);
    check(cells2.includes('已支付'), `the row of ${order2} reads ${JSON.stringify(cells2)}`);
    const { cells: cells1 } = await applicantRow(page, order1);
    check(cells1.includes('已支付'), `the row of ${order1} reads ${JSON.stringify(cells1)}`);
    check(await main(page).getByRole('row').filter({ hasText: order2 }).getByRole('link', { name: '支付', exact: true }).count() === 0,
      `the row of ${order2} still offers 支付`);
    await screenshot(page, 'orders');
    await page.goto(`${BASE_URL}/cgi-bin/pay.fcgi?order=${order2}`, { waitUntil: 'load' });
    await heading(page, '已支付', 2);
    const rows = await rowCells(main(page).getByRole('region', { name: '支付记录' }), '对公转账');
    check(rows.length === 1 && rows[0].includes('已到账'), `支付记录 reads ${JSON.stringify(rows)}`);
    await screenshot(page, 'transfer-paid');
  });

  await noComplaints();

  await applicant.close();
}

await run(journey, { prefix: 'pay-', totalMs: 300000 });
