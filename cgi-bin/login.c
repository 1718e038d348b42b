/* cgi-bin/login.c: sign-in (登录), sign-out, password reset by SMS code (找回密码) and password change (修改密码). */
#include <stdio.h>
#include <string.h>
#include "app.h"
#include "account.h"
#include "audit.h"
#include "refusal.h"
#include "ratelimit.h"
#include "smscode.h"

enum key {
	KEY_MOBILE, KEY_PASSWORD, KEY_PASSWORD2, KEY_OLD_PASSWORD, KEY_CODE, KEY_NEXT, KEY_DONE,
	KEY__MAX
};

/* `password` is any text at sign-in (accounts keep the rules of their day); reset and
 * change hold it to valid_password in their handlers. */
static const struct field fields[KEY__MAX] = {
	[KEY_MOBILE]       = { "mobile",       valid_mobile, 11,  0 },
	[KEY_PASSWORD]     = { "password",     valid_text,   128, FIELD_SECRET },
	[KEY_PASSWORD2]    = { "password2",    valid_text,   128, FIELD_SECRET },
	[KEY_OLD_PASSWORD] = { "old_password", valid_text,   128, FIELD_SECRET },
	[KEY_CODE]         = { "code",         valid_code6,  6,   FIELD_SECRET },
	[KEY_NEXT]         = { "next",         valid_next,   512, 0 },
	[KEY_DONE]         = { "done",         valid_token,  32,  0 },
};

/* Failed sign-ins allowed from one client address per hour (an office shares one). */
#define FAILS_PER_ADDR_HOUR 50

/* GET: the sign-in form, with a notice after a reset. 200. */
static void show_login(struct req *r)
{
	const char *done = req_value(r, KEY_DONE);

	req_set(r, "Page.Title", "登录");
	if (done && strcmp(done, "reset") == 0)
		req_set(r, "Page.Notice", "密码已重置，请使用新密码登录");
	req_render(r, 200, "login/form.cs");
}

/* Shows the sign-in form after bad input. 422. */
static void login_invalid(struct req *r)
{
	req_set(r, "Page.Title", "登录");
	req_render(r, 422, "login/form.cs");
}

/* The one answer to an unknown mobile, a wrong password and a locked account. 422. */
static void login_refused(struct req *r)
{
	req_form_error(r, "手机号或密码错误；连续5次错误将锁定账号15分钟");
	login_invalid(r);
}

/* POST login: signs in. 303 to next or /; 422 with the same page for every refusal. */
static void do_login(struct req *r)
{
	const char *next = req_value(r, KEY_NEXT);
	int64_t id;
	int locked;

	if (!rate_allow("login_fail", req_addr(r), 3600 * 1000LL, FAILS_PER_ADDR_HOUR)) {
		refusal_audit("user", "", req_addr(r), "login", "refused", "address limit");
		login_refused(r);
		return;
	}
	if (!acct_login(req_value(r, KEY_MOBILE), req_value(r, KEY_PASSWORD), &id, &locked)) {
		rate_note("login_fail", req_addr(r));
		req_audit(r, "login", 0, locked ? "locked" : "refused", NULL);
		login_refused(r);
		return;
	}
	if (req_login_user(r, id) != 0) {
		req_error(r, 503, NULL);
		return;
	}
	req_audit(r, "login", 0, "ok", NULL);
	req_redirect(r, next ? next : "/");
}

/* POST logout: ends the session. 303 to /. */
static void do_logout(struct req *r)
{
	if (req_user(r))
		req_audit(r, "logout", 0, "ok", NULL);
	req_logout(r);
	req_redirect(r, "/");
}

/* Renders the reset form with status. */
static void reset_form(struct req *r, int status)
{
	const char *sent = hdf_get_value(req_hdf(r), "Flash.reset", NULL);

	req_set(r, "Page.Title", "找回密码");
	if (sent && !valid_mobile(sent) && status == 200) {
		req_set(r, "Form.mobile", sent);
		req_set(r, "Page.Notice", "验证码已发送，5分钟内有效，请注意查收短信");
	}
	req_render(r, status, "login/reset.cs");
}

/* GET page=reset: the password reset form. 200. */
static void show_reset(struct req *r)
{
	reset_form(r, 200);
}

/* Shows the reset form after bad input. 422. */
static void reset_invalid(struct req *r)
{
	reset_form(r, 422);
}

/* POST send_code: sends a reset code. 303 back to the reset form; 422 for an unknown
 * mobile; 429 at a sending limit. */
static void send_code(struct req *r)
{
	const char *mobile = req_value(r, KEY_MOBILE);
	enum code_result res;

	if (!acct_find(mobile)) {
		req_field_error(r, KEY_MOBILE, "该手机号尚未注册");
		reset_form(r, 422);
		return;
	}
	res = code_send(mobile, CODE_RESET, req_addr(r));
	if (res != CODE_SENT) {
		req_field_error(r, KEY_MOBILE, code_message(res));
		reset_form(r, res == CODE_ERROR ? 503 : 429);
		return;
	}
	req_flash(r, "reset", mobile);
	req_redirect(r, "/cgi-bin/login.fcgi?page=reset");
}

/* Checks a new password and its repetition against the rules; 0 when acceptable. */
static int new_password_ok(struct req *r, const char *mobile)
{
	const char *pw = req_value(r, KEY_PASSWORD);
	const char *msg = valid_password(pw);

	if (msg)
		req_field_error(r, KEY_PASSWORD, msg);
	else if (mobile && strcmp(pw, mobile) == 0)
		req_field_error(r, KEY_PASSWORD, "密码不能与手机号相同");
	else if (strcmp(pw, req_value(r, KEY_PASSWORD2)) != 0)
		req_field_error(r, KEY_PASSWORD2, "两次输入的密码不一致");
	else
		return 0;
	return -1;
}

/* POST reset: sets a new password with an SMS code and ends every session of the account.
 * 303 to the sign-in form; 422 with the form on bad input or a wrong code. */
static void do_reset(struct req *r)
{
	const char *mobile = req_value(r, KEY_MOBILE);
	int64_t id = acct_find(mobile);
	char actor[24];

	if (new_password_ok(r, mobile) != 0) {
		reset_form(r, 422);
		return;
	}
	if (!id || !code_use(mobile, CODE_RESET, req_value(r, KEY_CODE))) {
		req_field_error(r, KEY_CODE, "验证码错误或已失效，请重新获取");
		reset_form(r, 422);
		return;
	}
	if (acct_set_password(id, req_value(r, KEY_PASSWORD)) != 0) {
		req_error(r, 503, NULL);
		return;
	}
	req_logout(r);
	acct_end_sessions(id);
	snprintf(actor, sizeof(actor), "%lld", (long long)id);
	audit_log("user", actor, req_addr(r), "password_reset", 0, "ok", NULL);
	req_redirect(r, "/cgi-bin/login.fcgi?done=reset");
}

/* Renders the password change form with status. */
static void passwd_form(struct req *r, int status)
{
	req_set(r, "Page.Title", "修改密码");
	req_set(r, "Page.Nav", "center");
	req_render(r, status, "login/passwd.cs");
}

/* GET page=passwd: the password change form. 200. */
static void show_passwd(struct req *r)
{
	passwd_form(r, 200);
}

/* Shows the change form after bad input. 422. */
static void passwd_invalid(struct req *r)
{
	passwd_form(r, 422);
}

/* POST passwd: changes the password, rotates this session and ends the others.
 * 303 to 个人中心; 422 with the form when the old password is wrong or the new one bad. */
static void do_passwd(struct req *r)
{
	int64_t id = req_user(r);
	char mobile[16] = "";

	acct_mobile(id, mobile, sizeof(mobile));
	if (!acct_check_password(id, req_value(r, KEY_OLD_PASSWORD))) {
		req_field_error(r, KEY_OLD_PASSWORD, "原密码不正确");
		req_audit(r, "password_change", 0, "refused", NULL);
		passwd_form(r, 422);
		return;
	}
	if (new_password_ok(r, mobile) != 0) {
		passwd_form(r, 422);
		return;
	}
	if (acct_set_password(id, req_value(r, KEY_PASSWORD)) != 0 || req_login_user(r, id) != 0) {
		req_error(r, 503, NULL);
		return;
	}
	req_end_other_sessions(r);
	req_audit(r, "password_change", 0, "ok", NULL);
	req_redirect(r, "/cgi-bin/home.fcgi?page=center&done=passwd");
}

static const struct route routes[] = {
	{ "GET",  NULL, NULL,        AUTH_VISITOR, 0, 0, 0, 0, show_login, login_invalid },
	{ "GET",  NULL, "reset",     AUTH_NONE,    0, 0, 0, 0, show_reset, reset_invalid },
	{ "GET",  NULL, "passwd",    AUTH_USER,    0, 0, 0, 0, show_passwd, passwd_invalid },
	{ "POST", NULL, NULL,        AUTH_NONE,    0, 0, 0, NEED(KEY_MOBILE) | NEED(KEY_PASSWORD),
	  do_login, login_invalid },
	{ "POST", NULL, "login",     AUTH_NONE,    0, 0, 0, NEED(KEY_MOBILE) | NEED(KEY_PASSWORD),
	  do_login, login_invalid },
	{ "POST", NULL, "logout",    AUTH_NONE,    0, 0, 0, 0, do_logout, NULL },
	{ "POST", NULL, "send_code", AUTH_NONE,    0, 0, 0, NEED(KEY_MOBILE), send_code, reset_invalid },
	{ "POST", NULL, "reset",     AUTH_NONE,    0, 0, 0,
	  NEED(KEY_MOBILE) | NEED(KEY_CODE) | NEED(KEY_PASSWORD) | NEED(KEY_PASSWORD2),
	  do_reset, reset_invalid },
	{ "POST", NULL, "passwd",    AUTH_USER,    0, 0, 0,
	  NEED(KEY_OLD_PASSWORD) | NEED(KEY_PASSWORD) | NEED(KEY_PASSWORD2), do_passwd, passwd_invalid },
};

int main(void)
{
	return app_run("login", routes, nitems(routes), fields, KEY__MAX);
}
