// tests/e2e/staff.mjs: tier 5, the staff review journey of SPEC §5 in headless Chromium: an applicant submits an enterprise order, a reviewer signs in to admin.fcgi with TOTP (enrolment), finds the order, views its documents, rejects it with items, the applicant corrects and resubmits, the reviewer approves; printing TAP.
//
// Run by tests/e2e/t_e2e_staff.py, which starts the site, creates the reviewer and passes:
//   BASE_URL          the site, e.g. http://127.0.0.1:8123 (required)
//   SMS_URL           the SMS gateway fake: its GET /messages is where the journey reads the
//                     registration code and the review notices (required)
//   FIXTURE_DIR       the documents: manifest.json maps {enterprise: {slot: file name},
//                     again: {license: file name}} (the second scan of the licence); the files
//                     are in FIXTURE_DIR/enterprise/ (required)
//   STAFF_LOGIN       the reviewer's login and
//   STAFF_PASSWORD    password (required)
//   TEST_CLOCK_FILE   Data.Dir/test-clock of a --enable-test-clock build: before the second
//                     sign-in the journey moves the site's clock 31 s on, to a TOTP step not
//                     used yet; without it the journey waits for the next step
//   SCREENSHOT_DIR    where the screenshots go, as staff-NN-*.png (created; default ./screenshots)
//   E2E_STEP_TIMEOUT_MS  every action and wait (default 15000)
//   E2E_TIMEOUT_MS       the whole journey (default 300000)
// The TOTP codes are computed by journey.mjs (RFC 6238: HMAC-SHA-1, 30 s, 6 digits) from the
// secret the enrolment page shows, at the site's clock (real time plus the test-clock offset).
// Each step is one TAP line; the first failure ends the journey. The plan "1..N" comes last.
// Exit status 0 only when every step passed. The browser is Debian's /usr/bin/chromium.
// The shared parts (launch, steps, screenshots, complaints, the SMS fake, registering, the
// enterprise application, <dl> terms, the staff sign-in, the clock, TOTP) are tests/e2e/journey.mjs.
import {
  ADMIN, ENTERPRISE_AGENT, ENTERPRISE_FORM, ENTERPRISE_ORG, ID_NO, STAFF_LOGIN, STEP_MS, applicantRow, banner, check,
  completeEnrolment, enrolmentSecret, heading, launch, main, messagesTo, nextMessage, nextTotpStep, noComplaints,
  registerApplicant, requireFixtures, requireSite, requireStaff, run, saveEnterpriseForm, screenshot, select, slotFixture,
  staffPassword, step, submitApplication, termValue as termIn, textbox, totp, uploadEnterpriseDocuments, uploadSlot, visible,
  watchedPage,
} from './journey.mjs';

const MOBILE = '13912345680';
const PASSWORD = 'Staff2024flow';
const AGENT = ENTERPRISE_AGENT;
const ORG = ENTERPRISE_ORG;
const ENTERPRISE = ENTERPRISE_FORM;
const REASON_PICK = '扫描件不清晰';
const REASON_TEXT = '营业执照扫描件模糊，请重新扫描上传；单位名称请与营业执照核对一致。';

// ---- what a user sees ---------------------------------------------------

// The text of the <dd> after the <dt> labelled term in the page's main part (first match).
const termValue = (page, term) => termIn(main(page), term);

// Waits (bounded) until every image of the locator has loaded; returns the broken ones.
async function brokenIn(locator) {
  try {
    await locator.evaluate((el) => Promise.all(Array.from(el.querySelectorAll('img')).map((img) =>
      img.complete ? null : new Promise((resolve) => { img.onload = img.onerror = resolve; }))),
    null, { timeout: STEP_MS });
  } catch (e) {
    // Reported below as not complete.
  }
  return await locator.evaluate((el) => Array.from(el.querySelectorAll('img'))
    .filter((img) => !img.complete || img.naturalWidth === 0).map((img) => `${img.alt || '(no alt)'} ${img.src}`));
}

// ---- the journey's own helpers ----------------------------------------

// The staff order page of order from the queue's 审核 link.
async function openFromQueue(page, order) {
  const row = main(page).getByRole('row').filter({ hasText: order });
  check(await row.count() === 1, `${await row.count()} queue rows name ${order}`);
  await row.getByRole('link', { name: '审核', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/cgi-bin/admin.fcgi' && u.searchParams.get('order') === order);
  await heading(page, '业务单审核');
}

// ---- the journey --------------------------------------------------------

async function journey() {
  requireSite();
  requireStaff();
  requireFixtures();
  await launch();
  const { context: applicant, page } = await watchedPage('applicant');
  let order = null;
  let secret = null;

  // ---- the applicant submits an enterprise order ----

  await registerApplicant(page, MOBILE, PASSWORD);

  await step('证书新办 · 企业证书: the form filled and saved opens 上传材料 of a new order', async () => {
    order = await saveEnterpriseForm(page);
    process.stdout.write(`# 业务单号 ${order}\n`);
  });

  await step(`every document of the ${ENTERPRISE.slots.length} slots is uploaded`, async () => {
    await uploadEnterpriseDocuments(page);
  }, { cap: ENTERPRISE.slots.length * STEP_MS });

  await step('提交申请 lands on 订单支付, the order 待审核', async () => {
    await submitApplication(page, order);
    check(/待审核/.test(await main(page).innerText()), 'the page does not say 待审核');
  });

  // ---- the reviewer's first sign-in: enrolment ----

  const { context: staff, page: desk } = await watchedPage('reviewer');

  await step('admin.fcgi shows 工作人员登录 with 用户名 and 密码', async () => {
    await desk.goto(ADMIN, { waitUntil: 'load' });
    await heading(desk, '工作人员登录');
    await visible(textbox(desk, '用户名'), 'the field 用户名');
    await visible(desk.getByLabel(/^\*?密码$/), 'the field 密码');
    check(!(await main(desk).innerText()).includes(order), 'the sign-in page shows the order');
    await screenshot(desk, 'login');
  });

  await step('用户名 and 密码 → 绑定身份验证器: the QR code and the 密钥 show', async () => {
    await staffPassword(desk, true);
    const qr = desk.getByRole('img', { name: '身份验证器绑定二维码', exact: true });
    await visible(qr, 'the QR code');
    const broken = await brokenIn(main(desk));
    check(broken.length === 0, `broken images: ${broken.join('; ')}`);
    const size = await qr.evaluate((img) => [img.naturalWidth, img.naturalHeight]);
    process.stdout.write(`# the QR image is ${size[0]}×${size[1]} px\n`);
    check(await termValue(desk, '账号') === STAFF_LOGIN, `账号 reads ${await termValue(desk, '账号')}`);
    secret = await enrolmentSecret(desk);
    process.stdout.write(`# 密钥 ${secret.length} characters\n`);
    check(!(await main(desk).innerText()).includes(order), 'the enrolment page shows the order already');
    await screenshot(desk, 'enrol');
  });

  await step('无法扫码？ shows the otpauth://totp/ URI with the same secret', async () => {
    await desk.getByText('无法扫码？查看二维码内容', { exact: true }).click();
    const uri = desk.getByText(/^otpauth:\/\/totp\//);
    await visible(uri, 'the otpauth URI');
    const text = (await uri.innerText()).trim();
    const parsed = new URL(text);
    check(parsed.searchParams.get('secret') === secret, `the URI's secret is not the 密钥: ${text}`);
    check(decodeURIComponent(parsed.pathname).includes(STAFF_LOGIN), `the URI does not name ${STAFF_LOGIN}: ${text}`);
    for (const [k, v] of [['digits', '6'], ['period', '30']])
      check(!parsed.searchParams.has(k) || parsed.searchParams.get(k) === v, `the URI says ${k}=${parsed.searchParams.get(k)}`);
    check(!parsed.searchParams.has('algorithm') || /^SHA1$/i.test(parsed.searchParams.get('algorithm')),
      `the URI says algorithm=${parsed.searchParams.get('algorithm')}`);
    await screenshot(desk, 'enrol-uri');
  });

  await step('the TOTP code → 完成绑定并登录 opens 审核队列 listing the order, with the login name and 退出', async () => {
    await completeEnrolment(desk, secret);
    await visible(desk.getByRole('navigation', { name: '管理导航' }).getByRole('link', { name: '审核队列', exact: true }),
      'the staff navigation 审核队列');
    await visible(banner(desk).getByRole('button', { name: '退出', exact: true }), 'the button 退出');
    const row = main(desk).getByRole('row').filter({ hasText: order });
    check(await row.count() === 1, `${await row.count()} queue rows name ${order}`);
    const cells = (await row.getByRole('cell').allInnerTexts()).map((s) => s.trim());
    check(cells.includes(ORG) && cells.includes('待审核'), `the row reads ${JSON.stringify(cells)}`);
    await screenshot(desk, 'queue');
  });

  await step('searching the 业务单号 in 搜索 finds exactly that order', async () => {
    await main(desk).getByRole('searchbox', { name: '搜索' }).fill(order);
    await main(desk).getByRole('button', { name: '搜索', exact: true }).click();
    await desk.waitForURL((u) => u.pathname === '/cgi-bin/admin.fcgi' && u.searchParams.get('q') === order);
    const rows = main(desk).getByRole('row').filter({ has: desk.getByRole('cell') });
    const texts = await rows.allInnerTexts();
    check(texts.length === 1 && texts[0].includes(order), `the results: ${JSON.stringify(texts)}`);
    check(await main(desk).getByRole('searchbox', { name: '搜索' }).inputValue() === order, 'the search box lost the 业务单号');
    await screenshot(desk, 'search');
  });

  await step('审核 opens 业务单审核 showing the full ID numbers', async () => {
    await openFromQueue(desk, order);
    check(await termValue(desk, '业务单号') === order, `业务单号 reads ${await termValue(desk, '业务单号')}`);
    check(await termValue(desk, '业务单状态') === '待审核', `业务单状态 reads ${await termValue(desk, '业务单状态')}`);
    check(await termValue(desk, '法定代表人身份证号') === ID_NO, `法定代表人身份证号 reads ${await termValue(desk, '法定代表人身份证号')}`);
    check(await termValue(desk, '证件号码') === ID_NO, `证件号码 reads ${await termValue(desk, '证件号码')}`);
    check(await termValue(desk, '单位名称') === ORG, `单位名称 reads ${await termValue(desk, '单位名称')}`);
  });

  await step('申请材料: the 6 image documents load, the 3 PDFs are linked', async () => {
    const docs = main(desk).getByRole('region', { name: '申请材料' });
    const imgs = docs.getByRole('img');
    check(await imgs.count() === 6, `${await imgs.count()} images`);
    const broken = await brokenIn(docs);
    check(broken.length === 0, `broken images: ${broken.join('; ')}`);
    const sizes = await imgs.evaluateAll((els) => els.map((i) => `${i.alt}: ${i.naturalWidth}×${i.naturalHeight}`));
    process.stdout.write(`# ${sizes.join('; ')}\n`);
    const pdfs = docs.getByRole('link', { name: '打开 PDF', exact: true });
    check(await pdfs.count() === 3, `${await pdfs.count()} PDF links`);
    for (const href of await pdfs.evaluateAll((els) => els.map((a) => a.href))) {
      const r = await desk.request.get(href, { timeout: STEP_MS });
      const head = (await r.body()).subarray(0, 5).toString('latin1');
      check(r.status() === 200 && head === '%PDF-', `${href} answered ${r.status()} ${JSON.stringify(head)}`);
    }
    await screenshot(desk, 'order');
  });

  let seenSms = 0;
  await step('审核不通过: 营业执照 and 单位名称 ticked, 常见原因 扫描件不清晰, 说明 written', async () => {
    const form = main(desk).getByRole('region', { name: '审核不通过' });
    await form.getByRole('checkbox', { name: /^营业执照/ }).check();
    await form.getByRole('checkbox', { name: '单位名称', exact: true }).check();
    await select(form, '常见原因').selectOption({ label: REASON_PICK });
    await textbox(form, '说明').fill(REASON_TEXT);
    const ticked = await form.getByRole('checkbox', { checked: true }).evaluateAll((els) => els.map((e) => e.value));
    check(JSON.stringify(ticked.sort()) === JSON.stringify(['license', 'org_name']), `ticked: ${JSON.stringify(ticked)}`);
    await form.scrollIntoViewIfNeeded();
    await screenshot(desk, 'reject-form');
  });

  await step('审核不通过并通知 → the order page shows 审核不通过', async () => {
    seenSms = (await messagesTo(AGENT)).length;
    await main(desk).getByRole('button', { name: '审核不通过并通知', exact: true }).click();
    await desk.waitForURL((u) => u.pathname === '/cgi-bin/admin.fcgi' && u.searchParams.get('order') === order &&
      u.searchParams.get('done') === 'reject');
    await heading(desk, '业务单审核');
    check(await termValue(desk, '业务单状态') === '审核不通过', `业务单状态 reads ${await termValue(desk, '业务单状态')}`);
    const said = await termValue(desk, '审核意见');
    check(said && said.includes(REASON_PICK) && said.includes(REASON_TEXT), `审核意见 reads ${said}`);
    check(await main(desk).getByRole('button', { name: '审核不通过并通知' }).count() === 0, 'the reject form is still offered');
    await screenshot(desk, 'rejected');
  });

  await step(`the agent ${AGENT} gets an SMS naming the order and 营业执照`, async () => {
    const text = await nextMessage(AGENT, seenSms);
    process.stdout.write(`# SMS to ${AGENT}: ${text.replace(/\n/g, ' / ')}\n`);
    check(text.includes(order) && text.includes('营业执照'), `the SMS: ${text}`);
  });
  await staff.close();

  // ---- the applicant corrects and resubmits ----

  await step('业务单管理 shows the order 审核不通过 with 查看审核结果', async () => {
    const { row, cells } = await applicantRow(page, order);
    check(cells.includes('审核不通过'), `the row reads ${JSON.stringify(cells)}`);
    await visible(row.getByRole('link', { name: '查看审核结果', exact: true }), 'the link 查看审核结果');
    await screenshot(page, 'applicant-list-rejected');
  });

  await step('查看审核结果 shows the reason and the items marked 需补正', async () => {
    const { row } = await applicantRow(page, order);
    await row.getByRole('link', { name: '查看审核结果', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/cgi-bin/orders.fcgi' && u.searchParams.get('order') === order);
    const review = main(page).getByRole('region', { name: '审核结果：审核不通过' });
    await visible(review, 'the section 审核结果：审核不通过');
    const text = await review.innerText();
    check(text.includes(REASON_PICK) && text.includes(REASON_TEXT), `the section reads ${text}`);
    const items = (await review.getByRole('listitem').allInnerTexts()).map((s) => s.replace(/\s+/g, ''));
    check(items.length === 2 && items.some((s) => s.includes('营业执照')) && items.some((s) => s.includes('单位名称')),
      `需补正的项目: ${JSON.stringify(items)}`);
    const flagged = main(page).getByText('需补正', { exact: true });
    check(await flagged.count() >= 2, `${await flagged.count()} marks 需补正`);
    const orgItem = await main(page).evaluate(() => {
      const dt = Array.from(document.querySelectorAll('dt')).find((d) => d.textContent.trim() === '单位名称');
      return dt ? dt.parentElement.textContent.replace(/\s+/g, ' ') : '';
    });
    check(orgItem.includes('需补正'), `单位名称 is not marked: ${orgItem}`);
    const docRow = main(page).getByRole('row').filter({ hasText: '营业执照' });
    check(/需补正/.test(await docRow.first().innerText()), 'the 营业执照 document is not marked 需补正');
    await screenshot(page, 'applicant-review');
  });

  await step('上传材料 → the licence uploaded again', async () => {
    await main(page).getByRole('link', { name: '上传材料', exact: true }).first().click();
    await page.waitForURL((u) => u.pathname === '/cgi-bin/upload.fcgi' && u.searchParams.get('order') === order);
    await heading(page, '上传材料');
    const facts = await main(page).getByRole('region', { name: '业务单信息' }).innerText();
    check(/审核不通过/.test(facts), `the page does not say 审核不通过: ${facts}`);
    const [slot, label] = ENTERPRISE.slots[0];
    await uploadSlot(page, slot, label, slotFixture('again', slot));
    const img = page.getByRole('img', { name: `已上传的${label}`, exact: true });
    const broken = await brokenIn(page.getByRole('listitem').filter({ has: img }));
    check(broken.length === 0, `the new thumbnail is broken: ${broken.join('; ')}`);
    await screenshot(page, 'applicant-reupload');
  });

  await step('重新提交申请 lands on 订单支付, the order 待审核 again', async () => {
    await submitApplication(page, order);
    check(/待审核/.test(await main(page).innerText()), 'the page does not say 待审核');
    const { cells } = await applicantRow(page, order);
    check(cells.includes('待审核'), `the row reads ${JSON.stringify(cells)}`);
  });

  // ---- the reviewer's second sign-in: the next TOTP step ----

  const { context: staff2, page: desk2 } = await watchedPage('reviewer again');

  await step('a second sign-in asks 动态口令验证 only (no enrolment), and the next code signs in', async () => {
    await nextTotpStep();
    await staffPassword(desk2, false);
    check(await desk2.getByRole('img', { name: '身份验证器绑定二维码' }).count() === 0, 'the QR code shows again');
    check(!(await main(desk2).innerText()).includes(secret), 'the secret shows again');
    await screenshot(desk2, 'totp');
    await textbox(desk2, '动态口令').fill(totp(secret));
    await desk2.getByRole('button', { name: '验证并登录', exact: true }).click();
    await desk2.waitForURL((u) => u.pathname === '/cgi-bin/admin.fcgi' && !u.search);
    await visible(banner(desk2).getByText(STAFF_LOGIN, { exact: true }), `the header names ${STAFF_LOGIN}`);
    const row = main(desk2).getByRole('row').filter({ hasText: order });
    check(await row.count() === 1, `${await row.count()} queue rows name ${order}`);
  }, { cap: 2 * STEP_MS + 32000 });

  await step('审核通过 → the order page shows 审核通过, and the agent is told', async () => {
    await openFromQueue(desk2, order);
    check(await termValue(desk2, '业务单状态') === '待审核', `业务单状态 reads ${await termValue(desk2, '业务单状态')}`);
    seenSms = (await messagesTo(AGENT)).length;
    await main(desk2).getByRole('button', { name: '审核通过', exact: true }).click();
    await desk2.waitForURL((u) => u.pathname === '/cgi-bin/admin.fcgi' && u.searchParams.get('order') === order &&
      u.searchParams.get('done') === 'approve');
    check(await termValue(desk2, '业务单状态') === '审核通过', `业务单状态 reads ${await termValue(desk2, '业务单状态')}`);
    await screenshot(desk2, 'approved');
    const text = await nextMessage(AGENT, seenSms);
    process.stdout.write(`# SMS to ${AGENT}: ${text.replace(/\n/g, ' / ')}\n`);
    check(text.includes(order) && text.includes('通过'), `the SMS: ${text}`);
  });

  await step('the staff list 审核通过 holds the order', async () => {
    await desk2.getByRole('navigation', { name: '管理导航' }).getByRole('link', { name: '审核通过', exact: true }).click();
    await desk2.waitForURL((u) => u.pathname === '/cgi-bin/admin.fcgi' && u.searchParams.get('status') === 'approved');
    const row = main(desk2).getByRole('row').filter({ hasText: order });
    check(await row.count() === 1, `${await row.count()} rows name ${order}`);
    await screenshot(desk2, 'approved-list');
  });
  await staff2.close();

  await step('the applicant\'s 业务单管理 shows 审核通过, the order page 审核结果：审核通过', async () => {
    const { row, cells } = await applicantRow(page, order);
    check(cells.includes('审核通过'), `the row reads ${JSON.stringify(cells)}`);
    await screenshot(page, 'applicant-list-approved');
    await row.getByRole('link', { name: '查看', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/cgi-bin/orders.fcgi' && u.searchParams.get('order') === order);
    await visible(main(page).getByRole('region', { name: '审核结果：审核通过' }), 'the section 审核结果：审核通过');
    check(await main(page).getByText('需补正', { exact: true }).count() === 0, 'items are still marked 需补正');
    await screenshot(page, 'applicant-approved');
  });

  await noComplaints();

  await applicant.close();
}

await run(journey, { prefix: 'staff-', totalMs: 300000 });
