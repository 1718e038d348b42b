/* cgi-bin/register.c: account registration (账号注册): send an SMS code, then create the account and sign in. */
#include <string.h>
#include "app.h"
#include "account.h"
#include "smscode.h"

enum key { KEY_MOBILE, KEY_PASSWORD, KEY_PASSWORD2, KEY_CODE, KEY_NEXT, KEY__MAX };

static const struct field fields[KEY__MAX] = {
	[KEY_MOBILE]    = { "mobile",    valid_mobile,   11,  0 },
	[KEY_PASSWORD]  = { "password",  valid_password, 128, FIELD_SECRET },
	[KEY_PASSWORD2] = { "password2", valid_text,     128, FIELD_SECRET },
	[KEY_CODE]      = { "code",      valid_code6,    6,   FIELD_SECRET },
	[KEY_NEXT]      = { "next",      valid_next,     512, 0 },
};

/* Fills the page and renders the form with status. */
static void form(struct req *r, int status)
{
	const char *sent = hdf_get_value(req_hdf(r), "Flash.sent", NULL);

	req_set(r, "Page.Title", "账号注册");
	if (sent && !valid_mobile(sent) && status == 200) {
		req_set(r, "Form.mobile", sent);
		req_set(r, "Page.Notice", "验证码已发送，5分钟内有效，请注意查收短信");
	}
	req_render(r, status, "register/form.cs");
}

/* GET: the registration form. 200. */
static void show_form(struct req *r)
{
	form(r, 200);
}

/* Shows the form again after bad input. 422. */
static void show_invalid(struct req *r)
{
	form(r, 422);
}

/* The page to go to after success: next when given, else the home page. */
static const char *next_or_home(struct req *r)
{
	const char *next = req_value(r, KEY_NEXT);

	return next ? next : "/";
}

/* POST send_code: sends the code. 303 back to the form; 422 for a registered mobile;
 * 429 when a sending limit is reached. */
static void send_code(struct req *r)
{
	const char *mobile = req_value(r, KEY_MOBILE);
	enum code_result res;

	if (acct_find(mobile)) {
		req_field_error(r, KEY_MOBILE, "同一个手机号不可重复注册");
		req_set(r, "Page.Registered", "1");
		form(r, 422);
		return;
	}
	res = code_send(mobile, CODE_REGISTER, req_addr(r));
	if (res != CODE_SENT) {
		req_field_error(r, KEY_MOBILE, code_message(res));
		form(r, res == CODE_ERROR ? 503 : 429);
		return;
	}
	req_flash(r, "sent", mobile);
	req_redirect_with(r, "/cgi-bin/register.fcgi", "next", req_value(r, KEY_NEXT));
}

/* POST register: checks the code and creates the account, signed in. 303 to next or /;
 * 422 with the form on a mismatch, a registered mobile or a wrong code. */
static void do_register(struct req *r)
{
	const char *mobile = req_value(r, KEY_MOBILE);
	const char *pw = req_value(r, KEY_PASSWORD);
	int64_t id;

	if (strcmp(pw, req_value(r, KEY_PASSWORD2)) != 0)
		req_field_error(r, KEY_PASSWORD2, "两次输入的密码不一致");
	else if (strcmp(pw, mobile) == 0)
		req_field_error(r, KEY_PASSWORD, "密码不能与手机号相同");
	else if (acct_find(mobile)) {
		req_field_error(r, KEY_MOBILE, "同一个手机号不可重复注册");
		req_set(r, "Page.Registered", "1");
	}
	else if (!code_use(mobile, CODE_REGISTER, req_value(r, KEY_CODE)))
		req_field_error(r, KEY_CODE, "验证码错误或已失效，请重新获取");
	else if ((id = acct_create(mobile, pw)) == 0)
		req_field_error(r, KEY_MOBILE, "同一个手机号不可重复注册");
	else if (id < 0 || req_login_user(r, id) != 0)
		req_form_error(r, "注册失败，请稍后再试");
	else {
		req_audit(r, "register", 0, "ok", NULL);
		req_redirect(r, next_or_home(r));
		return;
	}
	form(r, 422);
}

static const struct route routes[] = {
	{ "GET",  NULL, NULL,        AUTH_VISITOR, 0, 0, 0, 0, show_form, show_invalid },
	{ "POST", NULL, "send_code", AUTH_VISITOR, 0, 0, 0, NEED(KEY_MOBILE), send_code, show_invalid },
	{ "POST", NULL, "register",  AUTH_VISITOR, 0, 0, 0,
	  NEED(KEY_MOBILE) | NEED(KEY_PASSWORD) | NEED(KEY_PASSWORD2) | NEED(KEY_CODE),
	  do_register, show_invalid },
};

int main(void)
{
	return app_run("register", routes, nitems(routes), fields, KEY__MAX);
}
