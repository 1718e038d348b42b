// tests/e2e/lifecycle.mjs: tier 5, the order's whole life of SPEC §2 in headless Chromium: two enterprise orders paid by Alipay and approved, a producer records their certificates, ships the mail order (the applicant confirms receipt) and hands the pickup order over, both end 已完成, and 证书续费 opens a renewal prefilled from one; pages also shot at phone width; printing TAP.
//
// Run by tests/e2e/t_e2e_lifecycle.py, which starts the site with the Alipay fake, creates the
// reviewer and the producer and passes:
//   BASE_URL, SMS_URL, ALIPAY_URL, FIXTURE_DIR, TEST_CLOCK_FILE, SCREENSHOT_DIR (as the other
//   journeys: see staff.mjs and payments.mjs)
//   STAFF_LOGIN, STAFF_PASSWORD     the reviewer
//   STAFF2_LOGIN, STAFF2_PASSWORD   the producer
//   STAFF3_LOGIN, STAFF3_PASSWORD   an admin (the overview of every queue)
// Each step is one TAP line; the first failure ends the journey. The shared parts are
// tests/e2e/journey.mjs.
import {
  ADMIN, ALIPAY_URL, BASE_URL, ENTERPRISE_FORM, alipayPay, check, heading, launch, main, nav,
  nextMessage, messagesTo, noComplaints, payStatusWithin, registerApplicant, requireFixtures, requireSite, requireStaff,
  run, saveEnterpriseForm, screenshot, select, staffSignIn, step, STEP_MS, submitApplication, termValue, textbox,
  uploadEnterpriseDocuments, visible, watchedPage,
} from './journey.mjs';

const MOBILE = '13912345690';
const PASSWORD = 'Life2024cycle';
const MAILED = { org: '泉州市某某建设工程有限公司', uscc: '91350100M000100Y43', agent: '13800138010' };
const PICKED = { org: '漳州市某某招标代理有限公司', uscc: '91350200MA31AB2C9F', agent: '13800138011' };
const RECIPIENT = { '收件人': '李四', '收件人手机': '13800138010', '收件地址': '福建省泉州市丰泽区东海大街1号' };
const REVIEWER = { login: process.env.STAFF_LOGIN || '', password: process.env.STAFF_PASSWORD || '' };
const PRODUCER = { login: process.env.STAFF2_LOGIN || '', password: process.env.STAFF2_PASSWORD || '' };
const ADMINISTRATOR = { login: process.env.STAFF3_LOGIN || '', password: process.env.STAFF3_PASSWORD || '' };
const SERIAL = '4A2F19C03B7D5E61';
const TRACKING = 'SF1357924680';

// ---- the journey's own helpers ----------------------------------------

// A date years from today (UTC), YYYY-MM-DD.
function yearsOn(years) {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

// Takes a screenshot of page as label at phone width (390 px), then restores its size; with
// fits, checks the page is no wider than the screen (the applicant's pages; the staff pages'
// phone layout is a later issue's).
async function phoneShot(page, label, fits = true) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  await screenshot(page, `${label}-phone`);
  await page.setViewportSize(size);
  if (fits)
    check(wide <= 390, `at 390 px the page is ${wide} px wide`);
  else if (wide > 390)
    process.stdout.write(`# ${label} at 390 px: ${wide} px wide\n`);
}

// The applicant's order for co (mail: RECIPIENT, else pickup), submitted and paid by Alipay
// through the fake; returns its number.
async function paidOrder(page, co, mail, tag) {
  let order = null;
  await step(`${tag}: ${co.org} applies (${mail ? '邮寄' : '到服务大厅自取'}), uploads and submits`, async () => {
    const texts = { ...ENTERPRISE_FORM.texts, '单位名称（全称）': co.org, '统一社会信用代码': co.uscc, '经办人手机': co.agent };
    order = await saveEnterpriseForm(page, texts, mail ? RECIPIENT : null);
    process.stdout.write(`# ${tag}: 业务单号 ${order}\n`);
    await uploadEnterpriseDocuments(page);
    await submitApplication(page, order);
  }, { cap: (ENTERPRISE_FORM.slots.length + 4) * STEP_MS });

  await step(`${tag}: the Alipay QR code is paid, the page says 已支付`, async () => {
    const img = page.locator('#alipay-qr');
    await visible(img, 'the QR code');
    const trade = new URL(await img.getAttribute('src'), BASE_URL).searchParams.get('t');
    check(trade && trade.startsWith(order), `the QR code's trade is ${trade}`);
    await alipayPay(trade);
    const status = await payStatusWithin(page, 2 * STEP_MS);
    check(status === '已支付', `支付状态 reads ${status}`);
  }, { cap: 4 * STEP_MS });
  return order;
}

// On a staff page: opens order by its URL; checks the heading and returns nothing.
async function openStaffOrder(desk, order) {
  await desk.goto(`${ADMIN}?order=${order}`, { waitUntil: 'load' });
  check(await termValue(main(desk), '业务单号') === order, `业务单号 reads ${await termValue(main(desk), '业务单号')}`);
}

// The applicant's page of order.
async function openOrder(page, order) {
  await page.goto(`${BASE_URL}/cgi-bin/orders.fcgi?order=${order}`, { waitUntil: 'load' });
  await heading(page, '业务单详情');
}

// ---- the journey --------------------------------------------------------

async function journey() {
  requireSite();
  requireStaff();
  requireFixtures();
  check(ALIPAY_URL && PRODUCER.login && PRODUCER.password, 'ALIPAY_URL, STAFF2_LOGIN and STAFF2_PASSWORD must be set');
  await launch();
  const { context: applicant, page } = await watchedPage('applicant');

  await registerApplicant(page, MOBILE, PASSWORD);
  const mailed = await paidOrder(page, MAILED, true, '邮寄');
  const picked = await paidOrder(page, PICKED, false, '自取');

  // ---- the reviewer approves both: paid and approved is 制证中 ----

  const { context: reviewerContext, page: desk } = await watchedPage('reviewer');
  await step('the reviewer signs in (TOTP enrolment) and approves both orders: each is 制证中', async () => {
    await staffSignIn(desk, REVIEWER);
    for (const order of [mailed, picked]) {
      await openStaffOrder(desk, order);
      await main(desk).getByRole('button', { name: '审核通过', exact: true }).click();
      await desk.waitForURL((u) => u.searchParams.get('order') === order && u.searchParams.get('done') === 'approve');
      const status = await termValue(main(desk), '业务单状态');
      check(status === '制证中', `业务单状态 of ${order} reads ${status}`);
    }
    check(await main(desk).getByRole('button', { name: '保存证书信息', exact: true }).count() === 0,
      'a reviewer is offered the producer\'s 保存证书信息');
  }, { cap: 6 * STEP_MS });
  await reviewerContext.close();

  // ---- the producer ----

  const { context: producerContext, page: prod } = await watchedPage('producer');
  await step('the producer signs in and lands on the production queue listing both orders, oldest first', async () => {
    await staffSignIn(prod, PRODUCER);
    const staffNav = prod.getByRole('navigation', { name: '管理导航' });
    check(await staffNav.getByRole('link', { name: '审核队列', exact: true }).count() === 0,
      'a producer\'s navigation offers 审核队列');
    const text = await main(prod).innerText();
    check(text.includes(mailed) && text.includes(picked), 'the queue does not list both orders');
    check(text.indexOf(mailed) < text.indexOf(picked), 'the queue is not oldest first');
    await screenshot(prod, 'production-queue');
    await phoneShot(prod, 'production-queue', false);
  }, { cap: 4 * STEP_MS });

  await step('邮寄: 办理 → 证书序列号 and 证书有效期至 saved, then 顺丰速运 and the 运单号 → 已寄出', async () => {
    const row = main(prod).getByRole('row').filter({ hasText: mailed });
    await row.getByRole('link', { name: '办理', exact: true }).click();
    await prod.waitForURL((u) => u.searchParams.get('order') === mailed);
    await textbox(main(prod), '证书序列号').fill(SERIAL.toLowerCase());
    await main(prod).getByLabel('证书有效期至').fill(yearsOn(1));
    await main(prod).getByRole('button', { name: '保存证书信息', exact: true }).click();
    await prod.waitForURL((u) => u.searchParams.get('order') === mailed && u.searchParams.get('done') === 'produce');
    await select(main(prod), '快递公司').selectOption({ label: '顺丰速运' });
    await textbox(main(prod), '运单号').fill(TRACKING);
    await screenshot(prod, 'ship');
    await phoneShot(prod, 'ship', false);
    const seen = (await messagesTo(MAILED.agent)).length;
    await main(prod).getByRole('button', { name: '确认寄出并通知', exact: true }).click();
    await prod.waitForURL((u) => u.searchParams.get('order') === mailed && u.searchParams.get('done') === 'ship');
    check(await termValue(main(prod), '业务单状态') === '已寄出', `业务单状态 reads ${await termValue(main(prod), '业务单状态')}`);
    const sms = await nextMessage(MAILED.agent, seen);
    process.stdout.write(`# SMS to ${MAILED.agent}: ${sms}\n`);
    check(sms.includes(mailed) && sms.includes('顺丰速运') && sms.includes(TRACKING), `the SMS: ${sms}`);
  }, { cap: 6 * STEP_MS });

  await step('自取: the certificate saved, 通知申请人领取 → 待领取 (SMS with the address), then 已当面领取，办结 → 已完成', async () => {
    await openStaffOrder(prod, picked);
    await textbox(main(prod), '证书序列号').fill('7C01D2E3F4A5B6C7');
    await main(prod).getByLabel('证书有效期至').fill(yearsOn(2));
    await main(prod).getByRole('button', { name: '保存证书信息', exact: true }).click();
    await prod.waitForURL((u) => u.searchParams.get('order') === picked && u.searchParams.get('done') === 'produce');
    const seen = (await messagesTo(PICKED.agent)).length;
    await main(prod).getByRole('button', { name: '通知申请人领取', exact: true }).click();
    await prod.waitForURL((u) => u.searchParams.get('order') === picked && u.searchParams.get('done') === 'ready');
    check(await termValue(main(prod), '业务单状态') === '待领取', `业务单状态 reads ${await termValue(main(prod), '业务单状态')}`);
    const sms = await nextMessage(PICKED.agent, seen);
    process.stdout.write(`# SMS to ${PICKED.agent}: ${sms}\n`);
    check(sms.includes(picked) && /领取/.test(sms), `the SMS: ${sms}`);
    await main(prod).getByRole('button', { name: '已当面领取，办结', exact: true }).click();
    await prod.waitForURL((u) => u.searchParams.get('order') === picked && u.searchParams.get('done') === 'complete');
    check(await termValue(main(prod), '业务单状态') === '已完成', `业务单状态 reads ${await termValue(main(prod), '业务单状态')}`);
    await screenshot(prod, 'completed');
  }, { cap: 6 * STEP_MS });

  await step('a producer who opens 支付管理 gets the staff 403 page with the way back to the queue', async () => {
    const r = await prod.goto(`${ADMIN}?view=payments`, { waitUntil: 'load' });
    check(r.status() === 403, `?view=payments answered ${r.status()}`);
    await visible(main(prod).getByText('该页面不属于您的岗位职责范围', { exact: false }), 'the 403 explanation');
    await visible(main(prod).getByRole('link', { name: '返回我的工作台', exact: true }), 'the link 返回我的工作台');
    await screenshot(prod, 'forbidden');
  });
  await producerContext.close();

  const { context: adminContext, page: boss } = await watchedPage('admin');
  await step('an admin lands on 工作总览: every queue with its count, none left to produce (one shipped, one completed)', async () => {
    await staffSignIn(boss, ADMINISTRATOR);
    await heading(boss, '工作总览');
    check((await boss.locator('#count-producing').innerText()).trim() === '0', 'the overview counts orders to produce');
    for (const link of ['进入审核队列', '进入支付管理', '进入开票管理', '进入制证队列'])
      await visible(main(boss).getByRole('link', { name: link, exact: true }), `the link ${link}`);
    await screenshot(boss, 'overview');
  }, { cap: 4 * STEP_MS });
  await adminContext.close();

  // ---- the applicant ----

  await step('the applicant\'s shipped order shows the serial, expiry, 顺丰速运 and the 运单号; 确认收货 → 已完成', async () => {
    await openOrder(page, mailed);
    const text = await main(page).innerText();
    check(text.includes(SERIAL) && text.includes(yearsOn(1)) && text.includes('顺丰速运') && text.includes(TRACKING),
      'the order page does not show the certificate and the shipment');
    await screenshot(page, 'shipped');
    await phoneShot(page, 'shipped');
    await main(page).getByRole('button', { name: '确认收货', exact: true }).first().click();
    await page.waitForURL((u) => u.pathname === '/cgi-bin/orders.fcgi' && u.searchParams.get('order') === mailed);
    await page.waitForLoadState('load');
    check(/已完成/.test(await main(page).innerText()), 'the order does not say 已完成');
    check(await main(page).getByRole('button', { name: '确认收货', exact: true }).count() === 0, '确认收货 is still offered');
    await screenshot(page, 'received');
  });

  await step('the timeline shows every step: 待审核, 审核通过, 制证中, 证书已制作, 已寄出, 已完成', async () => {
    const text = await main(page).innerText();
    for (const word of ['待审核', '审核通过', '制证中', '证书已制作', '已寄出', '已完成'])
      check(text.includes(word), `the page does not show ${word}`);
  });

  await step('证书续费 lists both completed orders with their serial and expiry', async () => {
    await nav(page).getByRole('link', { name: '证书续费', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/cgi-bin/renew.fcgi');
    const text = await main(page).innerText();
    check(text.includes(mailed) && text.includes(picked), 'the list does not name both orders');
    check(text.includes(SERIAL) && text.includes(yearsOn(1)), 'the list does not show the serial and the expiry');
    const rows = main(page).getByRole('row').filter({ has: page.getByRole('cell') });
    check(await rows.count() === 2, `the list has ${await rows.count()} rows, not the 2 completed orders`);
    await screenshot(page, 'renew-list');
    await phoneShot(page, 'renew-list');
  });

  await step('续费 of the mailed order opens the renewal form prefilled from it', async () => {
    const row = main(page).getByRole('row').filter({ hasText: mailed });
    check(await row.count() === 1, `${await row.count()} rows name ${mailed}`);
    await row.getByRole('link', { name: '续费', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/cgi-bin/renew.fcgi' && u.searchParams.get('prev_order') === mailed);
    check(await textbox(page, '单位名称（全称）').inputValue() === MAILED.org, 'the 单位名称 is not prefilled');
    check(await textbox(page, '统一社会信用代码').inputValue() === MAILED.uscc, 'the 统一社会信用代码 is not prefilled');
    check(await textbox(page, '经办人手机').inputValue() === MAILED.agent, 'the 经办人手机 is not prefilled');
    await screenshot(page, 'renew-form');
  });

  await noComplaints();
  await applicant.close();
}

await run(journey, { prefix: 'life-', totalMs: 420000 });
