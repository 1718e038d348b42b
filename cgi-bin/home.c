/* cgi-bin/home.c: the home page (首页), 个人中心 with its session list, the privacy policy and account cancellation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "account.h"
#include "clock.h"
#include "session.h"

enum key { KEY_SESSION, KEY_PASSWORD, KEY_DONE, KEY__MAX };

static const struct field fields[KEY__MAX] = {
	[KEY_SESSION]  = { "session",  valid_id,    19,  0 },
	[KEY_PASSWORD] = { "password", valid_text,  128, FIELD_SECRET },
	[KEY_DONE]     = { "done",     valid_token, 32,  0 },
};

/* GET: the home page with its three entries. 200. */
static void show_home(struct req *r)
{
	req_set(r, "Page.Title", "首页");
	req_set(r, "Page.Nav", "home");
	req_render(r, 200, "home/index.cs");
}

/* The session list being built into Sessions.N.*. */
struct session_list {
	struct req *r;
	int n;
};

/* Adds one session row to the page data. */
static void add_session(void *ctx, int64_t row, int64_t created_ms, int64_t seen_ms,
    const char *addr, const char *agent)
{
	struct session_list *l = ctx;
	HDF *hdf = req_hdf(l->r);
	char key[64], when[32], label[96];

	snprintf(key, sizeof(key), "Sessions.%d.Id", l->n);
	req_set_int(l->r, key, row);
	clock_format(created_ms, when, sizeof(when));
	snprintf(key, sizeof(key), "Sessions.%d.Created", l->n);
	hdf_set_value(hdf, key, when);
	clock_format(seen_ms, when, sizeof(when));
	snprintf(key, sizeof(key), "Sessions.%d.Seen", l->n);
	hdf_set_value(hdf, key, when);
	snprintf(key, sizeof(key), "Sessions.%d.Addr", l->n);
	hdf_set_value(hdf, key, addr ? addr : "");
	snprintf(key, sizeof(key), "Sessions.%d.Agent", l->n);
	hdf_set_value(hdf, key, agent ? agent : "");
	util_agent_label(agent, label, sizeof(label));
	snprintf(key, sizeof(key), "Sessions.%d.Device", l->n);
	hdf_set_value(hdf, key, label);
	if (row == req_session_row(l->r)) {
		snprintf(key, sizeof(key), "Sessions.%d.Current", l->n);
		hdf_set_value(hdf, key, "1");
	}
	l->n++;
}

/* GET page=center: 个人中心 with the account and its active sessions. 200. */
static void show_center(struct req *r)
{
	struct session_list list = { r, 0 };
	const char *done = req_value(r, KEY_DONE);
	char mobile[16] = "", masked[16], when[32];

	acct_mobile(req_user(r), mobile, sizeof(mobile));
	util_mask_mobile(mobile, masked, sizeof(masked));
	clock_format(acct_created_ms(req_user(r)), when, sizeof(when));
	req_set(r, "Page.Title", "个人中心");
	req_set(r, "Page.Nav", "center");
	req_set(r, "Account.Mobile", masked);
	req_set(r, "Account.Created", when);
	if (done && strcmp(done, "passwd") == 0)
		req_set(r, "Page.Notice", "密码已修改，其他设备上的登录已退出");
	else if (done && strcmp(done, "ended") == 0)
		req_set(r, "Page.Notice", "该设备已下线");
	sess_each(REALM_USER, req_user(r), add_session, &list);
	req_render(r, 200, "home/center.cs");
}

/* GET page=privacy: the privacy policy (readable signed out). 200. */
static void show_privacy(struct req *r)
{
	req_set(r, "Page.Title", "隐私政策");
	req_set(r, "Page.Nav", "center");
	req_render(r, 200, "home/privacy.cs");
}

/* Renders the cancellation page with status. */
static void cancel_form(struct req *r, int status)
{
	req_set(r, "Page.Title", "注销账号");
	req_set(r, "Page.Nav", "center");
	req_render(r, status, "home/cancel.cs");
}

/* GET page=cancel: what cancelling means, and the confirmation form. 200. */
static void show_cancel(struct req *r)
{
	cancel_form(r, 200);
}

/* Shows the cancellation form after bad input. 422. */
static void cancel_invalid(struct req *r)
{
	cancel_form(r, 422);
}

/* POST end_session: ends one of the account's other sessions. 303 to 个人中心; 404 when
 * the session is not the account's. */
static void end_session(struct req *r)
{
	int64_t row = strtoll(req_value(r, KEY_SESSION), NULL, 10);

	if (row == req_session_row(r) || !sess_delete_owned(REALM_USER, req_user(r), row)) {
		req_error(r, 404, NULL);
		return;
	}
	req_audit(r, "session_end", 0, "ok", NULL);
	req_redirect(r, "/cgi-bin/home.fcgi?page=center&done=ended");
}

/* POST cancel_account: cancels the account after the password is confirmed. 303 to /;
 * 422 with the form when the password is wrong or an order is still open. */
static void cancel_account(struct req *r)
{
	int64_t id = req_user(r);

	if (!acct_check_password(id, req_value(r, KEY_PASSWORD))) {
		req_field_error(r, KEY_PASSWORD, "密码不正确");
		cancel_form(r, 422);
		return;
	}
	switch (acct_cancel(id)) {
	case 0:
		break;
	case 1:
		req_form_error(r, "您还有未办结的业务单，办结或取消后才能注销账号");
		cancel_form(r, 422);
		return;
	default:
		req_error(r, 503, NULL);
		return;
	}
	req_audit(r, "account_cancel", 0, "ok", NULL);
	req_logout(r);
	req_redirect(r, "/");
}

static const struct route routes[] = {
	{ "GET",  NULL, NULL,             AUTH_NONE, 0, 0, 0, 0, show_home, NULL },
	{ "GET",  NULL, "center",         AUTH_USER, 0, 0, 0, 0, show_center, NULL },
	{ "GET",  NULL, "privacy",        AUTH_NONE, 0, 0, 0, 0, show_privacy, NULL },
	{ "GET",  NULL, "cancel",         AUTH_USER, 0, 0, 0, 0, show_cancel, NULL },
	{ "POST", NULL, "end_session",    AUTH_USER, 0, 0, 0, NEED(KEY_SESSION), end_session, NULL },
	{ "POST", NULL, "cancel_account", AUTH_USER, 0, 0, 0, NEED(KEY_PASSWORD), cancel_account,
	  cancel_invalid },
};

int main(void)
{
	return app_run("home", routes, nitems(routes), fields, KEY__MAX);
}
