// tests/e2e/accounts.mjs: tier 5, the account journey of SPEC §4 as a user does it in headless Chromium (register by SMS code, sign out and in, reset the password, 个人中心), printing TAP.
//
// Run by tests/e2e/t_e2e_accounts.py, which starts the site and passes:
//   BASE_URL          the site, e.g. http://127.0.0.1:8123 (required)
//   SMS_URL           the SMS gateway fake (tests/fakes/sms_gateway.py): its GET /messages
//                     is where the journey reads the codes, as the user reads the phone (required)
//   SCREENSHOT_DIR    where the screenshots go (created; default ./screenshots)
//   TEST_CLOCK_FILE   Data.Dir/test-clock of a --enable-test-clock build: the journey moves the
//                     site's clock past the 60 s between two codes to one mobile; without it
//                     (or in a build without the test clock) it waits the minute out
//   E2E_STEP_TIMEOUT_MS  every action and wait (default 15000)
//   E2E_TIMEOUT_MS       the whole journey (default 240000)
// Selectors are the user's: roles, accessible names and visible text.
// Each step is one TAP line; the first failure ends the journey (the later steps depend on
// it) and the plan "1..N" comes last. Exit status 0 only when every step passed.
// The browser is Debian's /usr/bin/chromium, driven by playwright-core (no browser download).
// The shared parts (launch, steps, screenshots, complaints, the SMS fake, the clock) are tests/e2e/journey.mjs.
import {
  BASE_URL, STEP_MS, advanceClock, banner, check, diag, launch, messagesTo, newContext, nextCode, noComplaints,
  requireSite, run, screenshot, sleep, step, textbox as field, visible, watch,
} from './journey.mjs';

const MOBILE = '13912345678';
const MASKED = MOBILE.slice(0, 3) + '****' + MOBILE.slice(-4);
const PASSWORD = 'Certdesk2024a';
const NEW_PASSWORD = 'Renewed2025bc';
const DUPLICATE = '同一个手机号不可重复注册';
const RESET_NOTICE = '密码已重置';
const CODE_GAP_MS = 60 * 1000;

// ---- what a user sees ---------------------------------------------------

async function signedInAs(page) {
  await visible(banner(page).getByText(MASKED, { exact: true }), `the header names the account ${MASKED}`);
  await visible(banner(page).getByRole('button', { name: '退出' }), 'the header offers 退出');
  const header = await banner(page).innerText({ timeout: STEP_MS });
  check(!header.includes(MOBILE), `the header shows the mobile in full: ${header}`);
}

async function signedOut(page) {
  await visible(banner(page).getByRole('link', { name: '登录', exact: true }), 'the header offers 登录');
  await visible(banner(page).getByRole('link', { name: '注册', exact: true }), 'the header offers 注册');
  const header = await banner(page).innerText({ timeout: STEP_MS });
  check(!header.includes(MASKED) && !header.includes('退出'), `the header still shows an account: ${header}`);
}

async function waitHome(page) {
  await page.waitForURL((u) => u.pathname === '/' || (u.pathname === '/cgi-bin/home.fcgi' && !u.search),
    { timeout: STEP_MS });
  await visible(page.getByRole('heading', { name: 'CFCA数字证书在线受理', level: 1 }), 'the home page heading');
}

// ---- the journey --------------------------------------------------------

async function journey() {
  requireSite();
  const browser = await launch();
  const context = await newContext();
  const page = await context.newPage();

  // What the browser itself complains about: script errors, CSP violations, missing
  // styles or images (journey.mjs: watch()).
  watch(page);

  let codeSentAt = 0;
  let registerCode = null;
  let resetCode = null;

  await step('the site root redirects to the home page, signed out', async () => {
    await page.goto(BASE_URL + '/', { waitUntil: 'load' });
    await waitHome(page);
    check(new URL(page.url()).pathname === '/cgi-bin/home.fcgi', `/ led to ${page.url()}`);
    for (const entry of ['证书新办', '证书续费', '业务单查询'])
      await visible(page.getByRole('main').getByRole('link', { name: entry }), `the entry ${entry}`);
    await signedOut(page);
    await screenshot(page, 'home');
  });

  await step('注册 in the header opens 账号注册', async () => {
    await banner(page).getByRole('link', { name: '注册', exact: true }).click();
    await page.waitForURL('**/cgi-bin/register.fcgi');
    await visible(page.getByRole('heading', { name: '账号注册' }), 'the heading 账号注册');
    await screenshot(page, 'register');
  });

  await step('the registration page on a phone (390×844) reaches the same form', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2,
      isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    try {
      phone.setDefaultTimeout(STEP_MS);
      const p = await phone.newPage();
      await p.goto(BASE_URL + '/', { waitUntil: 'load' });
      await banner(p).getByRole('link', { name: '注册', exact: true }).click();
      await p.waitForURL('**/cgi-bin/register.fcgi');
      await visible(p.getByRole('heading', { name: '账号注册' }), 'the heading 账号注册');
      await visible(p.getByRole('button', { name: '获取验证码' }), 'the button 获取验证码');
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      await screenshot(p, 'register-phone');
      check(overflow <= 0, `the page is ${overflow} px wider than the phone's screen`);
    } finally {
      await phone.close();
    }
  });

  await step('获取验证码 sends a code to the mobile', async () => {
    await field(page, '手机号').fill(MOBILE);
    const seen = (await messagesTo(MOBILE)).length;
    await page.getByRole('button', { name: '获取验证码' }).click();
    await visible(page.getByRole('status').filter({ hasText: '验证码已发送' }), 'the notice 验证码已发送');
    codeSentAt = Date.now();
    check(await field(page, '手机号').inputValue() === MOBILE, 'the mobile is kept in the form');
    registerCode = await nextCode(MOBILE, seen);
    process.stdout.write(`# SMS to ${MASKED}: ${registerCode.text}\n`);
    check(registerCode.text.includes('注册'), `the SMS does not say what it is for: ${registerCode.text}`);
  });

  await step('the code, 设置密码 and 确认密码 are entered and 注册 is clicked', async () => {
    await field(page, '短信验证码').fill(registerCode.code);
    await field(page, '设置密码').fill(PASSWORD);
    await field(page, '确认密码').fill(PASSWORD);
    await screenshot(page, 'register-filled');
    await page.getByRole('button', { name: '注册', exact: true }).click();
    await waitHome(page);
  });

  await step(`registered and signed in: the header shows ${MASKED}`, async () => {
    await signedInAs(page);
    await screenshot(page, 'signed-in');
  });

  await step('个人中心 opens with the account', async () => {
    await banner(page).getByRole('link', { name: '个人中心' }).click();
    await visible(page.getByRole('heading', { name: '个人中心', level: 1 }), 'the heading 个人中心');
    await visible(page.getByRole('main').getByText(MASKED, { exact: true }).or(
      page.getByRole('main').getByText(MOBILE, { exact: true })), 'the account\'s mobile');
    await screenshot(page, 'center');
  });

  await step('退出 signs out and returns to the home page', async () => {
    await banner(page).getByRole('button', { name: '退出' }).click();
    await waitHome(page);
    await signedOut(page);
  });

  await step(`registering the same mobile again is refused: ${DUPLICATE}`, async () => {
    await banner(page).getByRole('link', { name: '注册', exact: true }).click();
    await page.waitForURL('**/cgi-bin/register.fcgi');
    const seen = (await messagesTo(MOBILE)).length;
    await field(page, '手机号').fill(MOBILE);
    await page.getByRole('button', { name: '获取验证码' }).click();
    // The form always carries the note "注意：同一个手机号不可重复注册。"; the refusal is the
    // message beside the field.
    await visible(page.getByText(DUPLICATE, { exact: true }), `the message ${DUPLICATE} beside 手机号`);
    const input = field(page, '手机号');
    check(await input.getAttribute('aria-invalid') === 'true', '手机号 is not marked invalid');
    check(await input.inputValue() === MOBILE, 'the entered mobile is not kept');
    await screenshot(page, 'register-duplicate');
    await sleep(500);
    check((await messagesTo(MOBILE)).length === seen, 'an SMS was sent to a registered mobile');
    await signedOut(page);
  });

  await step('登录 with the mobile and the password signs in', async () => {
    await banner(page).getByRole('link', { name: '登录', exact: true }).click();
    await visible(page.getByRole('heading', { name: '账号登录' }), 'the heading 账号登录');
    await field(page, '手机号').fill(MOBILE);
    await field(page, '密码').fill(PASSWORD);
    await screenshot(page, 'login');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await waitHome(page);
    await signedInAs(page);
  });

  await step('退出 signs out again', async () => {
    await banner(page).getByRole('button', { name: '退出' }).click();
    await waitHome(page);
    await signedOut(page);
  });

  await step('忘记密码？ on the sign-in page opens 找回密码', async () => {
    await banner(page).getByRole('link', { name: '登录', exact: true }).click();
    await page.getByRole('link', { name: '忘记密码？' }).click();
    await visible(page.getByRole('heading', { name: '找回密码' }), 'the heading 找回密码');
    await screenshot(page, 'reset');
  });

  // SPEC §4: one code per mobile per 60 s, whatever it is for. The user comes back a
  // minute later: the test clock moves instead, or the journey waits when it cannot.
  await step('获取验证码 sends a reset code (a minute after the first one)', async () => {
    advanceClock(CODE_GAP_MS + 1000);
    await field(page, '手机号').fill(MOBILE);
    let seen = (await messagesTo(MOBILE)).length;
    await page.getByRole('button', { name: '获取验证码' }).click();
    const sent = page.getByRole('status').filter({ hasText: '验证码已发送' });
    const tooSoon = page.getByText(/过于频繁/);
    await visible(sent.or(tooSoon), 'the notice 验证码已发送 (or 过于频繁)');
    if (await tooSoon.count() > 0) {
      // A build without the test clock: wait the minute out as a user would.
      const wait = codeSentAt + CODE_GAP_MS + 2000 - Date.now();
      diag(`the clock did not move (no test-clock build?): waiting ${Math.max(0, wait)} ms`);
      if (wait > 0)
        await sleep(wait);
      seen = (await messagesTo(MOBILE)).length;
      await page.getByRole('button', { name: '获取验证码' }).click();
      await visible(sent, 'the notice 验证码已发送');
    }
    check(await field(page, '手机号').inputValue() === MOBILE, 'the mobile is kept in the form');
    resetCode = await nextCode(MOBILE, seen);
    process.stdout.write(`# SMS to ${MASKED}: ${resetCode.text}\n`);
  }, { cap: 2 * STEP_MS + CODE_GAP_MS + 5000 });

  await step('the code and the new password twice, then 重置密码: notice 密码已重置', async () => {
    await field(page, '短信验证码').fill(resetCode.code);
    await field(page, '新密码').fill(NEW_PASSWORD);
    await field(page, '确认新密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '重置密码' }).click();
    await page.waitForURL((u) => u.pathname === '/cgi-bin/login.fcgi' && u.searchParams.get('page') !== 'reset');
    await visible(page.getByRole('status').filter({ hasText: RESET_NOTICE }), `the notice ${RESET_NOTICE}`);
    await visible(page.getByRole('heading', { name: '账号登录' }), 'the sign-in form');
    await screenshot(page, 'reset-done');
  });

  await step('the old password no longer signs in', async () => {
    await field(page, '手机号').fill(MOBILE);
    await field(page, '密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await visible(page.getByRole('alert').filter({ hasText: '手机号或密码错误' }), 'the message 手机号或密码错误');
    await screenshot(page, 'login-refused');
    await signedOut(page);
  });

  await step('登录 with the new password signs in', async () => {
    await field(page, '手机号').fill(MOBILE);
    await field(page, '密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await waitHome(page);
    await signedInAs(page);
  });

  await step('个人中心 lists the signed-in sessions, this one marked 当前设备', async () => {
    await banner(page).getByRole('link', { name: '个人中心' }).click();
    await visible(page.getByRole('heading', { name: '个人中心', level: 1 }), 'the heading 个人中心');
    await visible(page.getByRole('heading', { name: '登录设备' }), 'the section 登录设备');
    const rows = page.getByRole('row').filter({ hasText: '当前设备' });
    await visible(rows, 'a session row marked 当前设备');
    check(await rows.count() === 1, `${await rows.count()} rows are marked 当前设备`);
    const row = await rows.first().innerText();
    check(/127\.0\.0\.1/.test(row), `the current session does not show the address: ${row}`);
    await screenshot(page, 'center-sessions');
  });

  await noComplaints();

  await context.close();
}

await run(journey, { totalMs: 240000 });
