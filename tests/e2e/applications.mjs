// tests/e2e/applications.mjs: tier 5, the application journey of SPEC §2–§4 as a user does it in headless Chromium (证书新办 企业 and 个人: fill, upload every document, download and print the form, submit, pay page, 业务单管理), printing TAP.
//
// Run by tests/e2e/t_e2e_applications.py, which starts the site and passes:
//   BASE_URL          the site, e.g. http://127.0.0.1:8123 (required)
//   SMS_URL           the SMS gateway fake (tests/fakes/sms_gateway.py): its GET /messages
//                     is where the journey reads the registration code (required)
//   FIXTURE_DIR       the documents to upload (tests/lib/fixtures.py): manifest.json maps
//                     {enterprise|personal: {slot: file name}}, the files are in
//                     FIXTURE_DIR/enterprise/ and FIXTURE_DIR/personal/ (required)
//   DOWNLOAD_DIR      where the downloaded forms are saved (default: FIXTURE_DIR/downloads)
//   SCREENSHOT_DIR    where the screenshots go, as apply-NN-*.png (created; default ./screenshots)
//   E2E_STEP_TIMEOUT_MS  every action and wait (default 15000)
//   E2E_TIMEOUT_MS       the whole journey (default 300000)
// Selectors are the user's: roles, accessible names (the Chinese labels) and visible text.
// Each step is one TAP line; the first failure ends the journey (the later steps depend on
// it), except for the few checks marked soft (phone layout) that later steps do not need.
// The plan "1..N" comes last. Exit status 0 only when every step passed.
// The browser is Debian's /usr/bin/chromium, driven by playwright-core (no browser download).
// The shared parts (launch, steps, screenshots, complaints, the SMS fake, registering, the
// documents) are tests/e2e/journey.mjs.
import fs from 'node:fs';
import path from 'node:path';
import {
  BASE_URL, ENTERPRISE_FORM, ENTERPRISE_USCC, FIXTURES, ID_NO, STEP_MS, banner, check, completeRegistration, heading, launch,
  main, masked, nav, newContext as contextWith, noComplaints, requestCode, requireFixtures, requireSite, run, screenshot, select,
  slotFixture, step, textbox, visible, watch as watchFor,
} from './journey.mjs';

const DOWNLOADS = process.env.DOWNLOAD_DIR || (FIXTURES && path.join(FIXTURES, 'downloads'));

const MOBILE = '13912345679';
const MASKED = masked(MOBILE);
const PASSWORD = 'Apply2024form';
const USCC = ENTERPRISE_USCC;
// The same code with a wrong check character (GB 32100-2015: the right one is 3); every
// character is of the code's alphabet, so only the check character is wrong.
const BAD_USCC = '91350100M000100Y44';

// What the applicant types: label → value (textboxes), label → option (selects).
const ENTERPRISE = {
  subject: '企业证书',
  title: '证书新办 · 企业证书',
  selects: ENTERPRISE_FORM.selects,
  texts: ENTERPRISE_FORM.texts,
  delivery: '到服务大厅自取',
  fee: '650.00',
  formTitle: '数字证书及电子印章申请表',
  // The slots the page must show (lib/doc.c), in its order, with the fixture of each.
  slots: ENTERPRISE_FORM.slots,
  row: ['企业', '证书新办', '企业高级证书', '1', '650.00', '待审核', '未支付'],
};
const PERSONAL = {
  subject: '个人证书',
  title: '证书新办 · 个人证书',
  selects: { '项目应用': '工程招投标', '申请年限': '2年' },
  texts: { '姓名': '王五', '身份证号码': ID_NO, '手机号码': '13900139000', '电子邮箱': 'wangwu@example.com',
    '联系地址': '厦门市思明区湖滨南路2号', '收件人': '王五', '收件人手机': '13900139000',
    '收件地址': '厦门市思明区湖滨南路2号' },
  delivery: '邮寄（到付）',
  fee: '500.00',
  formTitle: '数字证书申请表（个人）',
  slots: [
    ['id_front', '身份证 人像面'],
    ['id_back', '身份证 国徽面'],
    ['agreement', '盖章的《CFCA网上平台办理协议书》扫描件'],
    ['form', '盖章的申请表扫描件'],
  ],
  row: ['个人', '证书新办', '个人高级证书', '2', '500.00', '待审核', '未支付'],
};
const COLUMNS = ['序号', '业务单号', '业务类型', '申请类型', '证书类型', '申请年限(年)', '金额(元)', '业务单状态',
  '支付状态', '操作'];

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

// ---- what a user sees ---------------------------------------------------

const agreeBox = (page) => page.getByRole('checkbox', { name: /^我同意\s*《CFCA网上平台办理协议书》$/ });
const consentBox = (page) => page.getByRole('checkbox', { name: '敏感个人信息' });
// The fee line of the form ("650.00 元").
const feeText = (page, fee) => main(page).getByText(new RegExp(`^${fee.replace('.', '\\.')}\\s*元$`));

// The selected option's text of a select.
async function selectedLabel(locator) {
  return await locator.evaluate((el) => (el.selectedOptions[0] ? el.selectedOptions[0].textContent.trim() : ''));
}

// The text of the messages an input points to with aria-describedby (its error, its hint).
async function description(locator) {
  return await locator.evaluate((el) => (el.getAttribute('aria-describedby') || '').split(/\s+/)
    .filter(Boolean).map((id) => (document.getElementById(id) || {}).textContent || '').join(' | '));
}

async function pageOverflow(page) {
  return await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

// Every image of the page that the browser could not show.
async function brokenImages(page) {
  return await page.evaluate(() => Array.from(document.images)
    .filter((img) => !img.complete || img.naturalWidth === 0)
    .map((img) => `${img.alt || '(no alt)'} ${img.src}`));
}

// ---- what the browser complains about ----------------------------------

// Forms answer 422 on purpose (journey.mjs: watch()); the navigation a download ends
// (net::ERR_ABORTED on a download URL) is only noted.
const downloadUrls = new Set();

function downloadAborted(req, error) {
  if (/ERR_ABORTED/.test(error) && (downloadUrls.has(req.url()) || /[?&]doc=(form|authorization|agreement)(&|$)/
    .test(req.url()) && !/[?&]print=1/.test(req.url())))
    return `the download's navigation ended with ${error}: ${req.url()}`;
  return null;
}

const watch = (page, who) => watchFor(page, who, downloadAborted);

// ---- the journey --------------------------------------------------------

// Contexts that accept downloads.
const newContext = (extra = {}) => contextWith({ acceptDownloads: true, ...extra });

// One application, from 证书新办 in the navigation to its row in 业务单管理.
async function application(context, page, app, kind, tag) {
  let order = null;

  await step(`${tag}: 证书新办 in the navigation opens 证书类型选择`, async () => {
    await nav(page).getByRole('link', { name: '证书新办', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/cgi-bin/apply.fcgi' && !u.search);
    await heading(page, '证书新办');
    await visible(page.getByRole('heading', { name: '证书类型选择', level: 2 }), 'the section 证书类型选择');
    await visible(page.getByRole('list', { name: '办理步骤' }), 'the step indicator');
    check(await nav(page).getByRole('link', { name: '证书新办', exact: true }).getAttribute('aria-current') === 'page',
      '证书新办 is not marked as the current page in the navigation');
    if (kind === 'enterprise')
      await screenshot(page, 'choose');
  });

  await step(`${tag}: ${app.subject} → 下一步 opens the form «${app.title}»`, async () => {
    await page.getByRole('radio', { name: app.subject }).check();
    await page.getByRole('button', { name: '下一步', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/cgi-bin/apply.fcgi' && u.searchParams.get('subject') === kind);
    await heading(page, app.title);
    await visible(main(page).getByText('选择项目应用和申请年限后显示', { exact: true }),
      'the fee line 选择项目应用和申请年限后显示 (nothing chosen yet)');
    if (kind === 'enterprise')
      await visible(page.getByRole('link', { name: /全国组织机构统一社会信用代码查询平台/ }),
        'the link to the national USCC query platform');
    await screenshot(page, `${kind}-form`);
  });

  await step(`${tag}: every field is filled and both boxes ticked`, async () => {
    for (const [label, option] of Object.entries(app.selects))
      await select(page, label).selectOption({ label: option });
    for (const [label, value] of Object.entries(app.texts))
      await textbox(page, label).fill(value);
    await page.getByRole('radio', { name: app.delivery }).check();
    await agreeBox(page).check();
    await consentBox(page).check();
    for (const [label, value] of Object.entries(app.texts))
      check(await textbox(page, label).inputValue() === value, `${label} does not hold ${value}`);
  });

  await step(`${tag}: the fee shows ${app.fee} 元 as the form changes`, async () => {
    await visible(feeText(page, app.fee), `the fee ${app.fee} 元 (updated by /js/apply.js)`);
    await screenshot(page, `${kind}-filled`);
  });

  await step(`${tag}: 计算费用 shows ${app.fee} 元 and keeps every value`, async () => {
    await page.getByRole('button', { name: '计算费用' }).click();
    await page.waitForLoadState('load');
    await heading(page, app.title);
    await visible(feeText(page, app.fee), `the fee ${app.fee} 元 after 计算费用`);
    for (const [label, value] of Object.entries(app.texts))
      check(await textbox(page, label).inputValue() === value, `${label} lost its value: ${await textbox(page, label).inputValue()}`);
    for (const [label, option] of Object.entries(app.selects))
      check(await selectedLabel(select(page, label)) === option, `${label} is no longer ${option}`);
    check(await page.getByRole('radio', { name: app.delivery }).isChecked(), `${app.delivery} is no longer chosen`);
    check(await agreeBox(page).isChecked() && await consentBox(page).isChecked(), 'a ticked box was cleared');
    await screenshot(page, `${kind}-quote`);
  });

  if (kind === 'enterprise') {
    await step(`${tag}: a wrong USCC check character is refused beside 统一社会信用代码, the other values kept`, async () => {
      await textbox(page, '统一社会信用代码').fill(BAD_USCC);
      await page.getByRole('button', { name: '保存并下一步' }).click();
      await page.waitForLoadState('load');
      await heading(page, app.title);
      check(new URL(page.url()).pathname === '/cgi-bin/apply.fcgi', `saving a bad USCC led to ${page.url()}`);
      const input = textbox(page, '统一社会信用代码');
      check(await input.getAttribute('aria-invalid') === 'true', '统一社会信用代码 is not marked invalid');
      check(await input.inputValue() === BAD_USCC, 'the entered USCC is not kept');
      const said = await description(input);
      check(/统一社会信用代码|校验/.test(said), `the message beside 统一社会信用代码 does not say what is wrong: ${said}`);
      process.stdout.write(`# the message beside 统一社会信用代码: ${said}\n`);
      for (const [label, value] of Object.entries(app.texts))
        if (label !== '统一社会信用代码')
          check(await textbox(page, label).inputValue() === value, `${label} lost its value: ${await textbox(page, label).inputValue()}`);
      for (const [label, option] of Object.entries(app.selects))
        check(await selectedLabel(select(page, label)) === option, `${label} is no longer ${option}`);
      check(await agreeBox(page).isChecked() && await consentBox(page).isChecked(), 'a ticked box was cleared');
      const invalid = await page.locator('[aria-invalid="true"]').count();
      check(invalid === 1, `${invalid} fields are marked invalid, not only 统一社会信用代码`);
      await screenshot(page, 'enterprise-bad-uscc');
      await textbox(page, '统一社会信用代码').fill(USCC);
    });
  }

  await step(`${tag}: 保存并下一步 opens 上传材料 of the new order`, async () => {
    await page.getByRole('button', { name: '保存并下一步' }).click();
    await page.waitForURL((u) => u.pathname === '/cgi-bin/upload.fcgi' && /^\d{19}$/.test(u.searchParams.get('order') || ''));
    order = new URL(page.url()).searchParams.get('order');
    process.stdout.write(`# ${tag}: 业务单号 ${order}\n`);
    await heading(page, '上传材料');
    const facts = await main(page).getByRole('region', { name: '业务单信息' }).innerText();
    check(facts.includes(order), `the page does not name the order ${order}: ${facts}`);
    check(/未提交/.test(facts), `the order is not 未提交: ${facts}`);
    check(new RegExp(`已上传\\s*0\\s*/\\s*${app.slots.length}\\s*项`).test(facts), `not 0 / ${app.slots.length} documents: ${facts}`);
    await screenshot(page, `${kind}-upload`);
  });

  await step(`${tag}: the page shows exactly the ${app.slots.length} slots of ${app.subject}`, async () => {
    const shown = (await page.getByLabel(/^选择文件：/).evaluateAll((els) =>
      els.map((el) => (el.labels && el.labels[0] ? el.labels[0].textContent : '').replace(/^选择文件：/, '').trim())));
    check(same(shown, app.slots.map(([, label]) => label)), `the slots shown: ${JSON.stringify(shown)}`);
  });

  for (const [index, [slot, label]] of app.slots.entries()) {
    await step(`${tag}: ${label} is uploaded and shown as 已上传`, async () => {
      const file = slotFixture(kind, slot, kind);
      const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: label, exact: true, level: 3 }) });
      check(await item.count() === 1, `${await item.count()} slots are named ${label}`);
      await visible(item.getByText('未上传', { exact: true }), `${label}: 未上传 before`);
      await item.getByLabel(`选择文件：${label}`, { exact: true }).setInputFiles(file);
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/cgi-bin/upload.fcgi' && u.searchParams.get('done') === slot),
        item.getByRole('button', { name: '上传文件', exact: true }).click(),
      ]);
      await page.waitForLoadState('load');
      await visible(page.getByRole('status').filter({ hasText: `已上传：${label}` }), `the notice 已上传：${label}`);
      const after = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: label, exact: true, level: 3 }) });
      await visible(after.getByText('已上传', { exact: true }), `${label}: the badge 已上传`);
      await visible(after.getByRole('button', { name: '重新上传', exact: true }), `${label}: the button 重新上传`);
      await visible(after.getByText(path.basename(file)), `${label}: the file's name ${path.basename(file)}`);
      if (/\.pdf$/i.test(file)) {
        await visible(after.getByRole('link', { name: /查看已上传的文件/ }), `${label}: the link to the uploaded PDF`);
      } else {
        const img = after.getByRole('img', { name: `已上传的${label}`, exact: true });
        await visible(img, `${label}: the thumbnail`);
        const ok = await img.evaluate((el) => el.complete && el.naturalWidth > 0);
        check(ok, `${label}: the thumbnail is a broken image`);
      }
      const facts = await main(page).getByRole('region', { name: '业务单信息' }).innerText();
      check(new RegExp(`已上传\\s*${index + 1}\\s*/\\s*${app.slots.length}\\s*项`).test(facts),
        `not ${index + 1} / ${app.slots.length} documents: ${facts}`);
      await screenshot(page, `${kind}-upload-${slot}`);
    });
  }

  await step(`${tag}: every slot done, the page says 申请信息和材料已齐全`, async () => {
    await visible(main(page).getByText(/申请信息和材料已齐全/), 'the note 申请信息和材料已齐全');
    check(await main(page).getByText('未上传', { exact: true }).count() === 0, 'a slot is still 未上传');
    check(await main(page).getByText('以下内容尚未完成：').count() === 0, 'the page still lists missing items');
    const broken = await brokenImages(page);
    check(broken.length === 0, `broken images: ${broken.join('; ')}`);
  });

  await step(`${tag}: 下载申请表（PDF） downloads the pre-filled form as a PDF`, async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: STEP_MS }),
      page.getByRole('link', { name: '下载申请表（PDF）' }).click(),
    ]);
    downloadUrls.add(download.url());
    const file = path.join(DOWNLOADS, `${kind}-${download.suggestedFilename().replace(/[\/\\]/g, '_')}`);
    await download.saveAs(file);
    const head = fs.readFileSync(file).subarray(0, 5).toString('latin1');
    process.stdout.write(`# ${tag}: downloaded ${download.suggestedFilename()} (${fs.statSync(file).size} bytes)\n`);
    check(head === '%PDF-', `the download does not start with %PDF-: ${JSON.stringify(head)}`);
    check(download.suggestedFilename().includes(order), `the file name does not name the order: ${download.suggestedFilename()}`);
    check(/\.pdf$/.test(download.suggestedFilename()), `the file name does not end .pdf: ${download.suggestedFilename()}`);
    check(new URL(page.url()).pathname === '/cgi-bin/upload.fcgi', `the download left the page: ${page.url()}`);
  });

  await step(`${tag}: 打印版 of the 申请表 opens the printable form with the order's data`, async () => {
    const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: '下载申请表（PDF）' }) });
    const href = await row.getByRole('link', { name: '打印版' }).getAttribute('href');
    check(href && /print=1/.test(href) && /doc=form/.test(href), `打印版 links ${href}`);
    const sheet = await context.newPage();
    watch(sheet, `${tag} print`);
    try {
      await sheet.goto(new URL(href, page.url()).href, { waitUntil: 'load' });
      await heading(sheet, app.formTitle);
      const text = await sheet.getByRole('main').innerText();
      check(text.includes(order), `the printable form does not carry the order number ${order}`);
      const wanted = kind === 'enterprise'
        ? [app.texts['单位名称（全称）'], app.texts['经办人姓名'], app.texts['经办人手机']]
        : [app.texts['姓名'], app.texts['手机号码']];
      for (const value of wanted)
        check(text.includes(value), `the printable form does not show ${value}`);
      await visible(sheet.getByRole('img', { name: /校验二维码/ }), 'the check QR code');
      const broken = await brokenImages(sheet);
      check(broken.length === 0, `broken images: ${broken.join('; ')}`);
      await screenshot(sheet, `${kind}-form-print`);
      await sheet.emulateMedia({ media: 'print' });
      await screenshot(sheet, `${kind}-form-print-media`);
    } finally {
      await sheet.close();
    }
  });

  if (kind === 'enterprise') {
    await step(`${tag}: the form and 上传材料 on a phone (390×844) fit the screen`, async () => {
      const phone = await newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true,
        hasTouch: true, storageState: await context.storageState() });
      const overflows = [];
      try {
        const p = await phone.newPage();
        watch(p, `${tag} phone`);
        await p.goto(`${BASE_URL}/cgi-bin/apply.fcgi?order=${order}`, { waitUntil: 'load' });
        await heading(p, app.title);
        check(await textbox(p, '单位名称（全称）').inputValue() === app.texts['单位名称（全称）'], 'the edit form lost 单位名称');
        const formOverflow = await pageOverflow(p);
        await screenshot(p, 'enterprise-form-phone');
        if (formOverflow > 0)
          overflows.push(`the form is ${formOverflow} px wider than the phone's screen`);
        await p.goto(`${BASE_URL}/cgi-bin/upload.fcgi?order=${order}`, { waitUntil: 'load' });
        await heading(p, '上传材料');
        const uploadOverflow = await pageOverflow(p);
        await screenshot(p, 'enterprise-upload-phone');
        if (uploadOverflow > 0)
          overflows.push(`上传材料 is ${uploadOverflow} px wider than the phone's screen`);
      } finally {
        await phone.close();
      }
      check(overflows.length === 0, overflows.join('\n'));
    }, { cap: 4 * STEP_MS, soft: true });
  }

  await step(`${tag}: 提交申请 lands on 订单支付 showing ${app.fee} 元`, async () => {
    await page.getByRole('button', { name: '提交申请', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/cgi-bin/pay.fcgi' && u.searchParams.get('order') === order);
    await heading(page, '订单支付');
    const text = await main(page).innerText();
    check(new RegExp(`应付金额\\s*${app.fee.replace('.', '\\.')}\\s*元`).test(text), `the page does not ask for ${app.fee} 元: ${text}`);
    check(text.includes(order), `the page does not name the order ${order}`);
    check(/待审核/.test(text) && /未支付/.test(text), `the page does not say 待审核 / 未支付: ${text}`);
    await screenshot(page, `${kind}-pay`);
  });

  await step(`${tag}: 业务单管理 shows the row ${order} ${app.row.join(' ')}`, async () => {
    await nav(page).getByRole('link', { name: '业务单管理', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/cgi-bin/orders.fcgi' && !u.search);
    await heading(page, '业务单管理');
    const headers = (await main(page).getByRole('columnheader').allInnerTexts()).map((s) => s.trim());
    check(same(headers, COLUMNS), `the columns: ${JSON.stringify(headers)}`);
    const row = main(page).getByRole('row').filter({ hasText: order });
    check(await row.count() === 1, `${await row.count()} rows name ${order}`);
    const cells = (await row.getByRole('cell').allInnerTexts()).map((s) => s.trim());
    check(same(cells.slice(1, 9), [order, ...app.row]), `the row reads ${JSON.stringify(cells)}`);
    check(cells[0] === '1', `the newest order is not 序号 1: ${JSON.stringify(cells)}`);
    for (const op of ['查看', '编辑', '支付'])
      await visible(row.getByRole('link', { name: op, exact: true }), `the row offers ${op}`);
    await screenshot(page, `${kind}-orders`);
  });

  return order;
}

async function journey() {
  requireSite();
  requireFixtures();
  fs.mkdirSync(DOWNLOADS, { recursive: true });
  await launch();
  const context = await newContext();
  const page = await context.newPage();
  watch(page, 'page');
  let registerCode = null;

  await step('注册 opens 账号注册 and 获取验证码 sends a code', async () => {
    await page.goto(BASE_URL + '/', { waitUntil: 'load' });
    await banner(page).getByRole('link', { name: '注册', exact: true }).click();
    await page.waitForURL('**/cgi-bin/register.fcgi');
    await heading(page, '账号注册');
    await screenshot(page, 'register');
    registerCode = await requestCode(page, MOBILE);
    process.stdout.write(`# SMS to ${MASKED}: ${registerCode.text}\n`);
  });

  await step(`the code and the password register the account: the header shows ${MASKED}`, async () => {
    await completeRegistration(page, MOBILE, registerCode.code, PASSWORD);
    await screenshot(page, 'signed-in');
  });

  const enterprise = await application(context, page, ENTERPRISE, 'enterprise', '企业');
  const personal = await application(context, page, PERSONAL, 'personal', '个人');

  await step('业务单管理 lists both orders, newest first', async () => {
    const rows = main(page).getByRole('row').filter({ has: page.getByRole('cell') });
    const ids = [];
    for (const text of await rows.allInnerTexts()) {
      const m = /\b(\d{19})\b/.exec(text);
      if (m)
        ids.push(m[1]);
    }
    check(same(ids, [personal, enterprise]), `the list holds ${JSON.stringify(ids)}`);
  });

  await noComplaints();

  await context.close();
}

await run(journey, { prefix: 'apply-', totalMs: 300000 });
