// tests/e2e/ops.mjs: tier 5, an admin runs the platform in headless Chromium: 价格管理 (a price changed through the form, a malformed one refused beside its field), 运营统计 (three SVG charts, each with its table), 工作人员管理 (a member's digest e-mail), 审计日志 (the counts of anonymous refusals), 数据导出 (a CSV downloaded); every page shot at desktop (1280) and phone (390) width; printing TAP.
//
// Run by tests/e2e/t_e2e_ops.py, which starts the site, seeds demo orders and creates the admin
// and passes BASE_URL, SMS_URL, TEST_CLOCK_FILE, SCREENSHOT_DIR (as the other journeys) and
// STAFF_LOGIN, STAFF_PASSWORD (the admin). Each step is one TAP line; the first failure ends the
// journey. The shared parts are tests/e2e/journey.mjs.
import {
  ADMIN, check, heading, launch, main, requireSite, requireStaff, run, screenshot, select, STAFF_LOGIN, staffSignIn,
  step, STEP_MS, textbox, visible, watchedPage,
} from './journey.mjs';

const staffNav = (page) => page.getByRole('navigation', { name: '管理导航' });

// Screenshots page as label at 1280 px, then at phone width (390 px), then restores its size;
// returns how wide the page is at 390 px.
async function bothShots(page, label) {
  const size = page.viewportSize();
  await screenshot(page, label);
  await page.setViewportSize({ width: 390, height: 844 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  await screenshot(page, `${label}-phone`);
  await page.setViewportSize(size);
  return wide;
}

// Opens the staff section name from the staff navigation and checks its heading.
async function openSection(page, name) {
  await staffNav(page).getByRole('link', { name, exact: true }).click();
  await page.waitForLoadState('load');
  await heading(page, name);
}

async function journey() {
  requireSite();
  requireStaff();
  await launch();
  const { context, page } = await watchedPage('admin');

  await step('the admin signs in with the second factor', async () => {
    await staffSignIn(page);
  }, { cap: 4 * STEP_MS });

  await step('价格管理: the price table, a malformed price refused beside its field', async () => {
    await openSection(page, '价格管理');
    const rows = main(page).locator('#price-table tbody tr');
    check(await rows.count() === 24, `the table has ${await rows.count()} rows, not 24`);
    await main(page).locator('#price-enterprise-new-both').getByRole('link', { name: '修改' }).click();
    await page.waitForLoadState('load');
    check(await textbox(page, '单价（元）').inputValue() === '650.00', 'the form is not pre-filled with 650.00');
    await textbox(page, '单价（元）').fill('六百');
    await main(page).getByRole('button', { name: '保存', exact: true }).click();
    await page.waitForLoadState('load');
    await visible(main(page).locator('#e-yuan'), 'the message beside 单价');
    check(await page.locator('#f-yuan').getAttribute('aria-invalid') === 'true', 'the field is not marked invalid');
    await bothShots(page, 'prices-invalid');
  });

  await step('价格管理: 企业 新办 两者都有 set to 680.00 a year; the table and the notice say so', async () => {
    await select(page, '申请主体').selectOption('enterprise');
    await select(page, '业务类型').selectOption('new');
    await select(page, '项目').selectOption('both');
    await textbox(page, '单价（元）').fill('680');
    await select(page, '计价方式').selectOption('1');
    await main(page).getByRole('button', { name: '保存', exact: true }).click();
    await page.waitForLoadState('load');
    check((await page.getByRole('status').innerText()).includes('价格已修改'), 'no notice of the change');
    check((await main(page).locator('#price-enterprise-new-both').innerText()).includes('680.00'), 'the row does not say 680.00');
    const wide = await bothShots(page, 'prices');
    check(wide <= 390, `at 390 px the price page is ${wide} px wide`);
  });

  await step('the staff navigation shows all twelve sections of an admin at 1280 px', async () => {
    const list = staffNav(page).getByRole('list');
    const [scroll, client] = await list.evaluate((e) => [e.scrollWidth, e.clientWidth]);
    check(scroll <= client, `the navigation is ${scroll} px wide in ${client} px`);
  });

  await step('运营统计: three SVG charts (role=img, titled) each beside its table, and the review times', async () => {
    await openSection(page, '运营统计');
    const charts = main(page).getByRole('img');
    check(await charts.count() === 3, `${await charts.count()} charts`);
    for (const t of ['days-table', 'status-table', 'money-table', 'review-table'])
      await visible(main(page).locator(`#${t}`), `the table ${t}`);
    const bars = await main(page).locator('svg rect').count();
    check(bars === 30 + 8 + 12, `${bars} bars, not 30 days + 8 statuses + 12 months`);
    const days = await main(page).locator('#days-table tbody tr').count();
    check(days === 30, `${days} days in the table`);
    const box = await charts.first().boundingBox();
    const table = await main(page).locator('#days-table').boundingBox();
    check(box && table && table.x > box.x + box.width - 1, 'at 1280 px the table is not beside its chart');
    const wide = await bothShots(page, 'dashboard');
    check(wide <= 390, `at 390 px the dashboard is ${wide} px wide`);
  });

  await step('工作人员管理: the admin sets the digest e-mail in its row; the notice and the field say so', async () => {
    await openSection(page, '工作人员管理');
    const field = main(page).getByRole('textbox', { name: `${STAFF_LOGIN}的电子邮箱`, exact: true });
    await field.fill('ops-admin@example.cn');
    await field.locator('xpath=..').getByRole('button', { name: '保存', exact: true }).click();
    await page.waitForLoadState('load');
    await visible(main(page).getByText('工作人员的电子邮箱已保存'), 'the notice 工作人员的电子邮箱已保存');
    const kept = await main(page).getByRole('textbox', { name: `${STAFF_LOGIN}的电子邮箱`, exact: true }).inputValue();
    check(kept === 'ops-admin@example.cn', `the field holds ${JSON.stringify(kept)}`);
    await bothShots(page, 'staff');
  });

  await step('审计日志: a stranger\'s failed staff sign-in is counted under 未登录请求的拒绝统计', async () => {
    const stranger = await watchedPage('stranger');
    await stranger.page.goto(ADMIN, { waitUntil: 'load' });
    await textbox(stranger.page, '用户名').fill('nobody');
    await stranger.page.getByLabel(/^\*?密码$/).fill('wrong-password-1');
    await stranger.page.getByRole('button', { name: '登录', exact: true }).click();
    await stranger.page.waitForLoadState('load');
    await stranger.context.close();
    await openSection(page, '审计日志');
    const counts = main(page).locator('#refusals');
    await visible(counts.getByRole('heading', { name: '未登录请求的拒绝统计' }), 'the heading 未登录请求的拒绝统计');
    check(await counts.locator('tbody tr').count() >= 1, 'no row of counts under 未登录请求的拒绝统计');
    await bothShots(page, 'audit');
  });

  await step('数据导出: the form, and a year of orders downloaded as CSV', async () => {
    await openSection(page, '数据导出');
    const to = await page.evaluate(() => new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 10));
    const from = `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`;
    await select(page, '导出内容').selectOption('orders');
    await page.locator('#f-from').fill(from);
    await page.locator('#f-to').fill(to);
    const wide = await bothShots(page, 'export');
    check(wide <= 390, `at 390 px the export form is ${wide} px wide`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      main(page).getByRole('button', { name: '下载 CSV', exact: true }).click(),
    ]);
    const name = download.suggestedFilename();
    check(name === `业务单_${from}_${to}.csv`, `the file is named ${name}`);
    const file = await download.path();
    const { readFileSync } = await import('node:fs');
    const body = readFileSync(file);
    check(body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf, 'the file has no byte-order mark');
    const lines = body.toString('utf8').split('\r\n').length;
    check(lines > 100, `the file has ${lines} lines`);
    process.stdout.write(`# downloaded ${name}: ${body.length} bytes\n`);
  }, { cap: 4 * STEP_MS });

  await context.close();
}

await run(journey, { prefix: 'ops-', totalMs: 240000 });
