// tests/e2e/invoices.mjs: tier 5, the invoice journey of SPEC §4–§5 (manual 五 开票申请) in headless Chromium: an applicant pays an enterprise order by Alipay, adds a company title in 发票抬头管理, asks for a 增值税专用发票 from the order's row; finance issues it in 开票管理 with a PDF, which is e-mailed to the title's address unchanged and downloaded by the applicant from 已开票; printing TAP.
//
// Run by tests/e2e/t_e2e_invoices.py, which starts the site (with the Alipay gateway and SMTP
// server fakes), creates the finance member and passes:
//   BASE_URL          the site, e.g. http://127.0.0.1:8123 (required)
//   SMS_URL           the SMS gateway fake: its GET /messages is where the journey reads the
//                     registration code (required)
//   ALIPAY_URL        the Alipay gateway fake: POST /_control/pay?out_trade_no=X&notify=1 pays
//                     the trade and sends Alipay's signed notification to the site (required)
//   MAIL_URL          the SMTP server fake's HTTP control: GET /messages lists what it
//                     accepted (required)
//   MAIL_DIR          where the fake keeps each message (the file named by /messages) (required)
//   FIXTURE_DIR       manifest.json maps {enterprise: {slot: file name}, invoice: file name};
//                     the files are in FIXTURE_DIR/enterprise/ (required)
//   STAFF_LOGIN       the finance member's login and
//   STAFF_PASSWORD    password (required)
//   SCREENSHOT_DIR    where the screenshots go, as inv-NN-*.png, and the element screenshots
//                     inv-titles-table.png and inv-invoice-section.png (created; default ./screenshots)
//   E2E_STEP_TIMEOUT_MS  every action and wait (default 15000)
//   E2E_TIMEOUT_MS       the whole journey (default 300000)
// The e-mail is parsed by `python3 -c` with Python's email package (the attachment's name,
// type and SHA-256). Every wait is bounded. Each step is one TAP line; the first failure ends
// the journey. The plan "1..N" comes last. Exit status 0 only when every step passed.
// The shared parts (launch, steps, screenshots, complaints, the SMS fake, registering, the
// enterprise application, tables and terms, the Alipay fake, the staff sign-in with TOTP) are
// tests/e2e/journey.mjs.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  ADMIN, ALIPAY_URL, BASE_URL, ENTERPRISE_FORM, ENTERPRISE_ORG, ENTERPRISE_USCC, SHOTS, STAFF_LOGIN, STEP_MS, alipayPay,
  applicantRow, banner, check, fetchJson, fixture, heading, launch, main, manifest, nav, noComplaints, payStatusWithin,
  registerApplicant, requireFixtures, requireSite, requireStaff, rowCells, run, saveEnterpriseForm, screenshot, select, sleep,
  staffSignIn, step, submitApplication, terms, textbox, uploadEnterpriseDocuments, visible, watchedPage,
} from './journey.mjs';

const MAIL_URL = (process.env.MAIL_URL || '').replace(/\/+$/, '');
const MAIL_DIR = process.env.MAIL_DIR || '';
const PAID_WAIT_MS = 20000;
const MAIL_WAIT_MS = 20000;

const MOBILE = '13912345682';
const PASSWORD = 'Invoice2024go';
const FEE = '650.00';
// The company title, every field filled (t_e2e_invoices.py checks the mail to TITLE.email).
const TITLE = {
  name: ENTERPRISE_ORG, taxId: ENTERPRISE_USCC, address: '福州市鼓楼区五四路158号环球广场12层',
  phone: '0591-87654321', bank: '中国工商银行福州五一支行', account: '1402021209100012345',
  email: 'fapiao@fzmm-tech.example.com',
};
// A second company whose 18-character tax id has a wrong check character (…Y44, not …Y43).
const BAD = { name: '福州市某某贸易有限公司', taxId: '91350100M000100Y44',
  message: '18位纳税人识别号即统一社会信用代码，请检查是否填写正确' };
const NUMBER = '25352000000012345678'; // a 20-digit 数电发票 number

function sha256(buf) {
  return crypto.createHash('sha256').update(buf).digest('hex');
}

// ---- the fakes ------------------------------------------------------------

// The SMTP fake's messages to address (bounded wait until there are more than `seen`).
async function mailTo(address, seen) {
  const deadline = Date.now() + MAIL_WAIT_MS;
  for (;;) {
    const found = (await fetchJson(`${MAIL_URL}/messages`)).filter((m) => (m.rcpt_to || []).includes(address));
    if (found.length > seen || Date.now() >= deadline)
      return found;
    await sleep(250);
  }
}

// One stored .eml read with Python's email package: subject, to, and each attachment's
// file name, content type, size and SHA-256.
const PARSE_EML = `
import email, email.policy, hashlib, json, sys
with open(sys.argv[1], "rb") as f:
    m = email.message_from_bytes(f.read(), policy=email.policy.default)
out = {"subject": str(m["Subject"] or ""), "to": str(m["To"] or ""), "attachments": []}
for p in m.iter_attachments():
    data = p.get_payload(decode=True) or b""
    out["attachments"].append({"filename": p.get_filename(), "type": p.get_content_type(),
                               "size": len(data), "sha256": hashlib.sha256(data).hexdigest()})
print(json.dumps(out, ensure_ascii=False))
`;

function parseEml(file) {
  return JSON.parse(execFileSync('python3', ['-c', PARSE_EML, file], { timeout: 10000, encoding: 'utf8' }));
}

// ---- the journey's own helpers ----------------------------------------

// The 操作 cell of the order's row: its links' names.
async function operations(row) {
  return (await row.getByRole('cell').last().getByRole('link').allInnerTexts()).map((s) => s.trim());
}

// The navigation a download ends (net::ERR_ABORTED on the invoice's download URL) is only
// noted (journey.mjs: watch()).
function downloadAborted(req, error) {
  const u = new URL(req.url());
  if (/ERR_ABORTED/.test(error) && u.pathname === '/cgi-bin/invoice.fcgi' && u.searchParams.get('download') === '1')
    return `the download's navigation ended with ${error}: ${req.url()}`;
  return null;
}

// ---- the journey --------------------------------------------------------

async function journey() {
  requireSite();
  check(ALIPAY_URL, 'ALIPAY_URL must be set');
  check(MAIL_URL && MAIL_DIR, 'MAIL_URL and MAIL_DIR must be set');
  requireStaff();
  requireFixtures();
  const invoicePdf = fixture(manifest().invoice);
  const pdfBytes = fs.readFileSync(invoicePdf);
  check(pdfBytes.subarray(0, 5).toString('latin1') === '%PDF-', `${invoicePdf} is not a PDF`);
  await launch();
  const { context: applicant, page } = await watchedPage('applicant', { acceptDownloads: true }, downloadAborted);
  let order = null;
  let invoiceId = null;

  await registerApplicant(page, MOBILE, PASSWORD);

  await step(`证书新办 · 企业证书 for ${ENTERPRISE_ORG}: saved, the ${ENTERPRISE_FORM.slots.length} documents uploaded, 提交申请 lands on 订单支付`, async () => {
    order = await saveEnterpriseForm(page);
    process.stdout.write(`# 业务单号 ${order}\n`);
    await uploadEnterpriseDocuments(page);
    await submitApplication(page, order);
  }, { cap: (ENTERPRISE_FORM.slots.length + 4) * STEP_MS });

  await step(`支付宝: the fake pays the QR code's trade and notifies the site; the page shows 已支付 within ${PAID_WAIT_MS / 1000} s`, async () => {
    await page.waitForLoadState('load');
    const img = page.locator('#alipay-qr');
    await visible(img, 'the QR code #alipay-qr');
    const trade = new URL(await img.getAttribute('src'), BASE_URL).searchParams.get('t');
    check(trade && trade.startsWith(order), `the QR code's trade ${trade} is not of the order ${order}`);
    await alipayPay(trade);
    const status = await payStatusWithin(page, PAID_WAIT_MS);
    check(status === '已支付', `支付状态 still reads ${JSON.stringify(status)} after ${PAID_WAIT_MS} ms`);
    await page.waitForLoadState('load');
  }, { cap: PAID_WAIT_MS + 2 * STEP_MS });

  await step('业务单管理: the paid order\'s 操作 offers 开票申请', async () => {
    const { cells, row } = await applicantRow(page, order);
    check(cells.includes('已支付'), `the row reads ${JSON.stringify(cells)}`);
    const ops = await operations(row);
    check(ops.includes('开票申请'), `操作 offers ${JSON.stringify(ops)}`);
    check(!ops.some((o) => /^(待开票|已开票|已驳回)$/.test(o)), `操作 already shows an invoice state: ${JSON.stringify(ops)}`);
    await screenshot(page, 'orders-paid');
  });

  // ---- 发票抬头管理 ----

  await step('个人中心 → 发票抬头管理: no title yet; the nav\'s 发票管理 leads to the same page', async () => {
    await banner(page).getByRole('link', { name: '个人中心', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/cgi-bin/home.fcgi' && u.searchParams.get('page') === 'center');
    await main(page).getByRole('link', { name: /^发票抬头管理/ }).click();
    await page.waitForURL((u) => u.pathname === '/cgi-bin/invoice.fcgi' && !u.searchParams.get('order'));
    await heading(page, '发票抬头管理');
    const navLink = nav(page).getByRole('link', { name: '发票管理', exact: true });
    check(new URL(await navLink.getAttribute('href'), BASE_URL).pathname === '/cgi-bin/invoice.fcgi',
      `发票管理 links ${await navLink.getAttribute('href')}`);
    check(await navLink.getAttribute('aria-current') === 'page', '发票管理 is not marked as the current page');
    await visible(main(page).getByText('您还没有发票抬头', { exact: true }), 'the note 您还没有发票抬头');
  });

  await step(`增加发票抬头: 单位 ${TITLE.name}, every field → 发票抬头已添加, the list shows it`, async () => {
    const form = page.locator('#invoice-title-form');
    const company = form.getByRole('radio', { name: '单位' });
    check(await company.isChecked(), '抬头类型 单位 is not preselected');
    await company.check();
    await textbox(form, '发票抬头').fill(TITLE.name);
    await textbox(form, '纳税人识别号').fill(TITLE.taxId);
    await textbox(form, '地址').fill(TITLE.address);
    await textbox(form, '电话').fill(TITLE.phone);
    await textbox(form, '开户行').fill(TITLE.bank);
    await textbox(form, '银行账号').fill(TITLE.account);
    await textbox(form, '接收邮箱').fill(TITLE.email);
    await form.getByRole('checkbox', { name: '设为默认发票抬头' }).check();
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/cgi-bin/invoice.fcgi' && u.searchParams.get('done') === 'title_added'),
      form.getByRole('button', { name: '保存发票抬头', exact: true }).click(),
    ]);
    await page.waitForLoadState('load');
    await visible(page.getByRole('status').filter({ hasText: '发票抬头已添加' }), 'the notice 发票抬头已添加');
    const list = main(page).getByRole('region', { name: '我的发票抬头' });
    const rows = await rowCells(list, TITLE.taxId);
    check(rows.length === 1, `${rows.length} rows name ${TITLE.taxId}: ${JSON.stringify(rows)}`);
    const want = ['单位', TITLE.taxId, `${TITLE.address} ${TITLE.phone}`, `${TITLE.bank} ${TITLE.account}`, TITLE.email];
    for (const w of want)
      check(rows[0].includes(w), `the row lacks ${JSON.stringify(w)}: ${JSON.stringify(rows[0])}`);
    check(rows[0].some((c) => c.startsWith(TITLE.name) && c.includes('默认')), `the row does not name ${TITLE.name} 默认: ${JSON.stringify(rows[0])}`);
    await screenshot(page, 'titles');
    await list.screenshot({ path: path.join(SHOTS, 'inv-titles-table.png'), timeout: STEP_MS });
  });

  await step(`a second 单位 title with the tax id ${BAD.taxId} is refused: the message beside 纳税人识别号, what was typed kept, nothing saved`, async () => {
    const form = page.locator('#invoice-title-form');
    await form.getByRole('radio', { name: '单位' }).check();
    await textbox(form, '发票抬头').fill(BAD.name);
    await textbox(form, '纳税人识别号').fill(BAD.taxId);
    await textbox(form, '接收邮箱').fill(TITLE.email);
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/cgi-bin/invoice.fcgi'),
      form.getByRole('button', { name: '保存发票抬头', exact: true }).click(),
    ]);
    check(resp.status() === 422, `the refused title answered ${resp.status()}, not 422`);
    await page.waitForLoadState('load');
    const field = page.locator('#invoice-title-form #f-tax_id');
    check(await field.getAttribute('aria-invalid') === 'true', '纳税人识别号 is not aria-invalid');
    const error = page.locator('#e-tax_id');
    await visible(error, 'the message under 纳税人识别号');
    check((await error.textContent()).trim() === BAD.message, `the message reads ${JSON.stringify(await error.textContent())}`);
    check((await field.getAttribute('aria-describedby') || '').split(/\s+/).includes('e-tax_id'),
      '纳税人识别号 is not described by its message');
    // Beside the field: in the same row, under the input, not far away.
    const [box, msg] = [await field.boundingBox(), await error.boundingBox()];
    check(box && msg && msg.y >= box.y + box.height - 1 && msg.y - (box.y + box.height) < 40 && Math.abs(msg.x - box.x) < 8,
      `the message is not right under the field: input ${JSON.stringify(box)}, message ${JSON.stringify(msg)}`);
    check(await field.inputValue() === BAD.taxId, `纳税人识别号 now reads ${await field.inputValue()}`);
    check(await textbox(page.locator('#invoice-title-form'), '发票抬头').inputValue() === BAD.name, '发票抬头 was not kept');
    const rows = await rowCells(main(page).getByRole('region', { name: '我的发票抬头' }), BAD.name);
    check(rows.length === 0, `the refused title is listed: ${JSON.stringify(rows)}`);
    await field.scrollIntoViewIfNeeded();
    await screenshot(page, 'title-bad-taxid');
  });

  // ---- 开票申请 ----

  await step('业务单管理 → 开票申请: 增值税专用发票 with the title; the page shows its fields as they will be printed', async () => {
    const { row } = await applicantRow(page, order);
    await row.getByRole('link', { name: '开票申请', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/cgi-bin/invoice.fcgi' && u.searchParams.get('order') === order);
    await heading(page, '开票申请');
    await terms(main(page).getByRole('region', { name: '业务单信息' }), { '业务单号': order, '支付状态': '已支付', '开票金额': `${FEE} 元` },
      '业务单信息');
    await select(page, '发票类型').selectOption({ label: '增值税专用发票' });
    const titleSelect = select(page, '发票抬头');
    const value = await titleSelect.evaluate((el, name) => {
      const o = Array.from(el.options).find((x) => x.textContent.trim().startsWith(name));
      return o ? o.value : null;
    }, TITLE.name);
    check(value, `no option of 发票抬头 names ${TITLE.name}`);
    await titleSelect.selectOption(value);
    const cards = page.locator('#title-preview .title-card');
    const shown = page.locator('#title-preview .title-card:visible');
    check(await shown.count() === 1, `${await shown.count()} of ${await cards.count()} title cards are shown`);
    check(await shown.getAttribute('data-title') === value, `the card of ${await shown.getAttribute('data-title')} is shown, not ${value}`);
    await terms(shown, {
      '购买方名称': TITLE.name, '纳税人识别号': TITLE.taxId, '地址、电话': `${TITLE.address} ${TITLE.phone}`,
      '开户行及账号': `${TITLE.bank} ${TITLE.account}`, '接收邮箱': TITLE.email,
    }, 'the chosen title');
    await visible(shown.getByText('可开专用发票', { exact: true }), 'the badge 可开专用发票');
    await screenshot(page, 'request');
  });

  await step('确定 → 业务单管理 notes the request; the row\'s 操作 shows 待开票 instead of 开票申请', async () => {
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/cgi-bin/orders.fcgi' && u.searchParams.get('done') === 'invoice_requested'),
      main(page).getByRole('button', { name: '确定', exact: true }).click(),
    ]);
    await page.waitForLoadState('load');
    await visible(page.getByRole('status').filter({ hasText: '开票申请已提交' }), 'the notice 开票申请已提交');
    const row = main(page).getByRole('row').filter({ hasText: order });
    const cells = (await row.getByRole('cell').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
    check(cells[cells.length - 1].includes('待开票'), `操作 reads ${JSON.stringify(cells[cells.length - 1])}`);
    check(!(await operations(row)).includes('开票申请'), '开票申请 is still offered');
    await screenshot(page, 'orders-requested');
  });

  await step('the request page of the order now says it was asked for (one open request per order)', async () => {
    await page.goto(`${BASE_URL}/cgi-bin/invoice.fcgi?order=${order}`, { waitUntil: 'load' });
    await heading(page, '开票申请');
    await visible(main(page).getByRole('heading', { name: '该业务单已申请开票', level: 2 }), 'the section 该业务单已申请开票');
    check(await main(page).getByRole('button', { name: '确定', exact: true }).count() === 0, 'the request form is still offered');
    await terms(main(page).getByRole('region', { name: '开票申请状态' }),
      { '开票状态': '待开票', '发票类型': '增值税专用发票', '发票抬头': TITLE.name }, '开票申请状态');
  });

  // ---- finance ----

  const { context: staff, page: desk } = await watchedPage('finance');

  await step(`finance: ${STAFF_LOGIN} signs in with TOTP (enrolment)`, async () => {
    await staffSignIn(desk);
  });

  await step('开票管理: 待开票 lists the request with the type, the title, its tax id, the amount and the e-mail', async () => {
    const link = desk.getByRole('navigation', { name: '管理导航' }).getByRole('link', { name: '开票管理', exact: true });
    await link.click();
    await desk.waitForURL((u) => u.pathname === '/cgi-bin/admin.fcgi' && u.searchParams.get('view') === 'invoices');
    await heading(desk, '开票管理');
    check(await link.getAttribute('aria-current') === 'page', '开票管理 is not marked as the current page');
    const rows = await rowCells(main(desk).getByRole('region', { name: '待开票' }), order);
    check(rows.length === 1, `${rows.length} 待开票 rows name ${order}`);
    for (const w of [order, '增值税专用发票', TITLE.name, TITLE.taxId, FEE, TITLE.email])
      check(rows[0].includes(w), `the row lacks ${w}: ${JSON.stringify(rows[0])}`);
    await screenshot(desk, 'finance-invoices');
  });

  await step(`开具 → the request with its title as it will be printed; 发票号码 ${NUMBER} and the PDF → 开具并发送 → 已开具`, async () => {
    const row = main(desk).getByRole('region', { name: '待开票' }).getByRole('row').filter({ hasText: order });
    await row.getByRole('link', { name: '开具', exact: true }).click();
    await desk.waitForURL((u) => u.pathname === '/cgi-bin/admin.fcgi' && /^\d+$/.test(u.searchParams.get('invoice') || ''));
    invoiceId = new URL(desk.url()).searchParams.get('invoice');
    await heading(desk, '开票申请');
    await terms(main(desk).getByRole('region', { name: '发票抬头（按此开具）' }), {
      '抬头类型': '单位', '名称': TITLE.name, '纳税人识别号': TITLE.taxId, '地址、电话': `${TITLE.address} ${TITLE.phone}`,
      '开户行及账号': `${TITLE.bank} ${TITLE.account}`, '接收邮箱': TITLE.email,
    }, '发票抬头（按此开具）');
    const issue = main(desk).getByRole('region', { name: '开具发票' });
    await textbox(issue, '发票号码').fill(NUMBER);
    await issue.getByLabel(/^\*?\s*发票文件$/).setInputFiles(invoicePdf);
    await Promise.all([
      desk.waitForURL((u) => u.pathname === '/cgi-bin/admin.fcgi' && u.searchParams.get('invoice') === invoiceId &&
        u.searchParams.get('done') === 'invoice_issue'),
      issue.getByRole('button', { name: '开具并发送', exact: true }).click(),
    ]);
    await desk.waitForLoadState('load');
    await visible(desk.getByRole('status').filter({ hasText: '发票已开具' }), 'the notice 发票已开具');
    await terms(main(desk).getByRole('region', { name: '已开具' }), { '发票号码': NUMBER }, '已开具');
    check(await desk.getByRole('button', { name: '开具并发送' }).count() === 0, '开具并发送 is still offered');
    check(await desk.getByRole('button', { name: '驳回', exact: true }).count() === 0, '驳回 is still offered');
    await screenshot(desk, 'finance-issued');
  });

  await step('开票管理: the request left 待开票 and is listed 已开票 under 已处理 with its number', async () => {
    await desk.goto(`${ADMIN}?view=invoices`, { waitUntil: 'load' });
    await heading(desk, '开票管理');
    check((await rowCells(main(desk).getByRole('region', { name: '待开票' }), order)).length === 0, `${order} is still 待开票`);
    const rows = await rowCells(main(desk).getByRole('region', { name: '已处理' }), order);
    check(rows.length === 1 && rows[0].includes('已开票') && rows[0].includes(NUMBER), `已处理 reads ${JSON.stringify(rows)}`);
  });
  await staff.close();

  await step(`the SMTP fake received one message to ${TITLE.email} within ${MAIL_WAIT_MS / 1000} s, subject naming 发票 and the order, the PDF attached byte for byte`, async () => {
    const found = await mailTo(TITLE.email, 0);
    check(found.length === 1, `${found.length} messages to ${TITLE.email}: ${JSON.stringify(found)}`);
    const m = found[0];
    check(m.tls === true, `the message was not sent over TLS: ${JSON.stringify(m)}`);
    const eml = parseEml(path.join(MAIL_DIR, m.file));
    process.stdout.write(`# the e-mail: ${JSON.stringify(eml)}\n`);
    check(eml.subject.includes('发票') && eml.subject.includes(order), `the subject reads ${JSON.stringify(eml.subject)}`);
    check(eml.to.includes(TITLE.email), `To reads ${JSON.stringify(eml.to)}`);
    check(eml.attachments.length === 1, `${eml.attachments.length} attachments`);
    const a = eml.attachments[0];
    check(a.type === 'application/pdf', `the attachment is ${a.type}`);
    check(a.size === pdfBytes.length && a.sha256 === sha256(pdfBytes),
      `the attachment (${a.size} bytes, sha256 ${a.sha256}) is not the uploaded PDF (${pdfBytes.length} bytes, ${sha256(pdfBytes)})`);
    check(/\.pdf$/i.test(a.filename || ''), `the attachment is named ${JSON.stringify(a.filename)}`);
  }, { cap: MAIL_WAIT_MS + 2 * STEP_MS });

  // ---- the applicant again ----

  await step('业务单管理: 操作 shows 已开票, and clicking it downloads the PDF, byte for byte', async () => {
    const { cells, row } = await applicantRow(page, order);
    check(cells[cells.length - 1].includes('已开票'), `操作 reads ${JSON.stringify(cells[cells.length - 1])}`);
    const link = row.getByRole('link', { name: '已开票', exact: true });
    await visible(link, 'the link 已开票');
    await screenshot(page, 'orders-issued');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: STEP_MS }), link.click()]);
    const file = await download.path();
    check(file, `the download failed: ${await download.failure()}`);
    const got = fs.readFileSync(file);
    process.stdout.write(`# downloaded ${download.suggestedFilename()} (${got.length} bytes)\n`);
    check(got.length === pdfBytes.length && sha256(got) === sha256(pdfBytes),
      `the download (${got.length} bytes, ${sha256(got)}) is not the uploaded PDF (${pdfBytes.length} bytes, ${sha256(pdfBytes)})`);
    check(/\.pdf$/i.test(download.suggestedFilename()), `the download is named ${download.suggestedFilename()}`);
  });

  await step('the order page\'s 发票信息: 已开票, 增值税专用发票, the title, the number, 下载发票', async () => {
    await page.goto(`${BASE_URL}/cgi-bin/orders.fcgi?order=${order}`, { waitUntil: 'load' });
    const box = main(page).getByRole('region', { name: '发票信息' });
    await visible(box, 'the section 发票信息');
    await terms(box, { '开票状态': '已开票', '发票类型': '增值税专用发票', '发票抬头': `${TITLE.name}（单位）`,
      '接收邮箱': TITLE.email, '发票号码': NUMBER }, '发票信息');
    await visible(box.getByRole('link', { name: '下载发票', exact: true }), 'the link 下载发票');
    await box.scrollIntoViewIfNeeded();
    await screenshot(page, 'order-invoice');
    await box.screenshot({ path: path.join(SHOTS, 'inv-invoice-section.png'), timeout: STEP_MS });
  });

  await noComplaints();

  await applicant.close();
}

await run(journey, { prefix: 'inv-', totalMs: 300000 });
