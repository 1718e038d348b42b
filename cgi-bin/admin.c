/* cgi-bin/admin.c: the staff page (管理后台): its fields, the page frame and notices, sign-in with a TOTP second factor, the GET dispatcher and the routes of every action. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "cfg.h"
#include "audit.h"
#include "refusal.h"
#include "formpdf.h"
#include "ratelimit.h"
#include "staff.h"
#include "totp.h"
#include "delivery.h"
#include "export.h"
#include "price.h"
#include "admin.h"


static const struct field fields[KEY__MAX] = {
	[KEY_LOGIN]       = { "login",       valid_token,     32,   0 },
	[KEY_PASSWORD]    = { "password",    valid_text,      128,  FIELD_SECRET },
	[KEY_TOTP]        = { "totp",        valid_code6,     6,    FIELD_SECRET },
	[KEY_ORDER]       = { "order",       valid_id,        19,   0 },
	[KEY_VIEW]        = { "view",        valid_token,     16,   0 },
	[KEY_Q]           = { "q",           valid_text,      64,   0 },
	[KEY_STATUS]      = { "status",      valid_token,     16,   0 },
	[KEY_P]           = { "p",           valid_id,        6,    0 },
	[KEY_REASON]      = { "reason",      valid_multiline, 500,  FIELD_MULTILINE },
	[KEY_REASON_PICK] = { "reason_pick", valid_text,      60,   0 },
	[KEY_ITEMS]       = { "items",       valid_token,     32,   FIELD_MULTI },
	[KEY_NOTE]        = { "note",        valid_multiline, 1000, FIELD_MULTILINE },
	[KEY_SLOT]        = { "slot",        valid_token,     32,   0 },
	[KEY_DONE]        = { "done",        valid_token,     16,   0 },
	[KEY_OLD_PASSWORD]  = { "old_password",  valid_text,     128, FIELD_SECRET },
	[KEY_NEW_PASSWORD]  = { "new_password",  valid_password, 128, FIELD_SECRET },
	[KEY_NEW_PASSWORD2] = { "new_password2", valid_text,     128, FIELD_SECRET },
	[KEY_STAFF]         = { "staff",         valid_id,       19,  0 },
	[KEY_ROLE]          = { "role",          valid_token,    16,  0 },
	[KEY_ENABLE]        = { "enable",        valid_checkbox, 1,   0 },
	[KEY_KIND]          = { "kind",          valid_kind,     16,  0 },
	[KEY_SUBJECT]       = { "subject",       valid_subject,  16,  0 },
	[KEY_FROM]          = { "from",          valid_date,     10,  0 },
	[KEY_TO]            = { "to",            valid_date,     10,  0 },
	[KEY_STATEMENT]     = { "statement",     valid_id,       19,  0 },
	[KEY_FILE]          = { "file",          NULL,           0,   FIELD_FILE },
	[KEY_SLIP]          = { "slip",          valid_id,       19,  0 },
	[KEY_INVOICE]       = { "invoice",       valid_id,       19,  0 },
	[KEY_NUMBER]        = { "number",        valid_token,    20,  0 },
	[KEY_DOWNLOAD]      = { "download",      valid_checkbox, 1,   0 },
	[KEY_CERT_SERIAL]   = { "cert_serial",   delivery_valid_serial,   40, 0 },
	[KEY_CERT_EXPIRES]  = { "cert_expires",  valid_date,              10, 0 },
	[KEY_CARRIER]       = { "carrier",       delivery_valid_carrier,  8,  0 },
	[KEY_TRACKING_NO]   = { "tracking_no",   delivery_valid_tracking, 30, 0 },
	[KEY_REV]           = { "rev",           valid_id,       19,  0 },
	[KEY_EMAIL]         = { "email",         valid_email,    254, 0 },
	[KEY_PROJECT]       = { "project",       valid_project,        16, 0 },
	[KEY_YUAN]          = { "yuan",          price_valid_yuan,     10, 0 },
	[KEY_PER_YEAR]      = { "per_year",      price_valid_per_year, 1,  0 },
	[KEY_WHAT]          = { "what",          export_valid_what,    16, 0 },
};


/* Sets Page.Notice for the done value a successful action redirected with. */
static void notice(struct req *r)
{
	static const char *const done[] = { "approve", "已审核通过，已短信通知经办人",
		"reject", "已审核不通过，已短信通知经办人", "claim", "已认领该业务单",
		"release", "已释放认领", "passwd", "密码已修改，其他设备上的登录已退出",
		"confirm_payment", "已确认到账", "decline_payment", "已退回该转账信息，申请人可重新提交",
		"refund", "已登记退款", "statement_apply", "银行流水已入账", "cancel", "业务单已取消",
		"invoice_issue", "发票已开具，正在以电子邮件发送至开票申请的接收邮箱", "invoice_reject", "已驳回该开票申请",
		"produce", "证书信息已录入", "ship", "已登记寄出，已短信通知快递公司和运单号",
		"ready", "已通知申请人到服务大厅领取", "complete", "业务单已办结",
		"staff_email", "工作人员的电子邮箱已保存",
		"price_set", "价格已修改，此后提交的业务单按新价格计费", NULL };
	const char *v = req_value(r, KEY_DONE);
	size_t i;

	for (i = 0; v && done[i]; i += 2)
		if (strcmp(v, done[i]) == 0)
			req_set(r, "Page.Notice", done[i + 1]);
}

/* Sets the staff member's login and role flags for the staff layout. */
void admin_pager(struct req *r, int total, int page)
{
	int pages = total ? (total + PAGE_SIZE - 1) / PAGE_SIZE : 1;

	if (total > 1000 && pages <= page)
		pages = page + 1;
	req_set_int(r, "Pager.Total", total);
	req_set_int(r, "Pager.Page", page);
	req_set_int(r, "Pager.Pages", pages);
}

void admin_frame(struct req *r, const char *title)
{
	char login[40];

	staff_login_name(req_staff(r), login, sizeof(login));
	req_set(r, "Staff.Login", login);
	req_set(r, "Staff.Member", "1");
	notice(r);
	if (req_staff_roles(r) & ROLE_REVIEWER)
		req_set(r, "Staff.Reviewer", "1");
	if (req_staff_roles(r) & ROLE_FINANCE)
		req_set(r, "Staff.Finance", "1");
	if (req_staff_roles(r) & ROLE_PRODUCER)
		req_set(r, "Staff.Producer", "1");
	if ((req_staff_roles(r) & ROLE_ADMIN) == ROLE_ADMIN)
		req_set(r, "Staff.Admin", "1");
	req_set(r, "Page.Title", title);
}

/* The second-factor page: enrolment (QR code and secret) until a first code is accepted,
 * then the code alone. */
static void totp_page(struct req *r, int status)
{
	char secret[33], uri[2048], login[40];

	staff_login_name(req_staff(r), login, sizeof(login));
	req_set(r, "Page.Title", "动态口令验证");
	req_set(r, "Staff.Login", login);
	if (totp_enrol_begin(req_staff(r), secret) == 0
	    && totp_uri(cfg_str("Site.Name", "certdesk"), login, secret, uri, sizeof(uri)) == 0) {
		req_set(r, "Totp.Enrol", "1");
		req_set(r, "Totp.Secret", secret);
		req_set(r, "Totp.Uri", uri);
	}
	req_render(r, status, "admin/totp.cs");
}

/* GET page=totp_qr: the enrolment QR code (otpauth:// URI) as PNG, while the staff member
 * has passed the password and not yet enrolled. 200; 404 once enrolled. */
static void totp_qr(struct req *r)
{
	char secret[33], uri[2048], login[40];
	unsigned char *png = NULL;
	size_t len = 0;

	staff_login_name(req_staff(r), login, sizeof(login));
	if (totp_enrol_begin(req_staff(r), secret) != 0
	    || totp_uri(cfg_str("Site.Name", "certdesk"), login, secret, uri, sizeof(uri)) != 0
	    || qr_png(uri, 6, &png, &len) != 0) {
		req_error(r, 404, NULL);
		return;
	}
	req_send_inline(r, 200, "image/png", png, len, NULL);
	free(png);
}

/* The staff error page (staff header and navigation) with status and message. */
static void staff_error(struct req *r, int status, const char *msg)
{
	char code[8];

	admin_frame(r, status == 403 ? "无权访问" : "页面不存在");
	snprintf(code, sizeof(code), "%d", status);
	req_set(r, "Page.Status", code);
	req_set(r, "Page.Message", msg);
	req_render(r, status, "admin/error.cs");
}

/* Wrappers of the pages that take more than the request. */
static void payments_view(struct req *r)
{
	if (strcmp(req_value(r, KEY_VIEW), "statement") == 0 && req_value(r, KEY_STATEMENT))
		admin_statement_page(r, strtoll(req_value(r, KEY_STATEMENT), NULL, 10), 200);
	else
		admin_payments_page(r, 200);
}
static void invoices_view(struct req *r) { admin_invoices_page(r, 200); }
static void staff_view(struct req *r) { admin_staff_page(r, 200); }
static void passwd_view(struct req *r) { admin_passwd_page(r, 200); }
static void prices_view(struct req *r) { admin_prices_page(r, 200); }

/* The views of SPEC §5 this program serves, with the roles that may open each (a refusal
 * is audited as action and answered 403 with the message). statement (a payments page)
 * and passwd are ours besides. */
static const struct view {
	const char *name;
	int roles;
	const char *action, *refusal;
	void (*page)(struct req *r);
} views[] = {
	{ "queue",      REVIEWERS, "view_queue",      "您的角色无权查看审核队列", admin_queue_page },
	{ "payments",   FINANCE,   "view_payments",   "您的角色无权查看支付记录", payments_view },
	{ "statement",  FINANCE,   "view_payments",   "您的角色无权查看支付记录", payments_view },
	{ "invoices",   FINANCE,   "view_invoices",   "您的角色无权处理开票申请", invoices_view },
	{ "production", PRODUCERS, "view_production", "您的角色无权查看制证队列", admin_production_page },
	{ "staff",      ROLE_ADMIN, "view_staff",     "您的角色无权管理工作人员", staff_view },
	{ "audit",      ROLE_ADMIN, "view_audit",     "您的角色无权查看审计日志", admin_audit_page },
	{ "prices",     ROLE_ADMIN, "view_prices",    "您的角色无权管理价格", prices_view },
	{ "dashboard",  ROLE_ADMIN, "view_dashboard", "您的角色无权查看运营统计", admin_dashboard_page },
	{ "export",     FINANCE,   "view_export",     "您的角色无权导出数据", admin_export_view },
	{ "passwd",     ROLE_ANY,  NULL, NULL, passwd_view },
	{ NULL, 0, NULL, NULL, NULL }
};

/* Opens view name for the member: 403 (audited) outside their role; 404 (staff error page)
 * for a name that is not one of ours. */
static void open_view(struct req *r, const char *name)
{
	const struct view *v;

	for (v = views; v->name; v++)
		if (strcmp(v->name, name) == 0)
			break;
	if (!v->name) {
		staff_error(r, 404, "没有这个页面");
		return;
	}
	if (!(req_staff_roles(r) & v->roles)) {
		req_audit(r, v->action, 0, "refused", "role");
		staff_error(r, 403, v->refusal);
		return;
	}
	v->page(r);
}

/* Where a member lands (GET with no view and no search): an admin on the overview of every
 * queue, a reviewer on the review queue, finance on the payments, a producer on the
 * production queue (SPEC §5). */
static void landing(struct req *r)
{
	int roles = req_staff_roles(r);

	if ((roles & ROLE_ADMIN) == ROLE_ADMIN)
		admin_overview_page(r);
	else if (roles & ROLE_REVIEWER)
		admin_queue_page(r);
	else if (roles & ROLE_FINANCE)
		admin_payments_page(r, 200);
	else
		admin_production_page(r);
}

/* GET: signed out the sign-in form, between password and code the second factor, signed in
 * the member's landing queue, a search (q, status, kind, subject, from, to), an order
 * (order), one of its documents (order + slot) or transfer slips (order + slip), an invoice
 * request (invoice=ID[&download=1]), or a view (open_view). 200; 403 for a view or invoice
 * outside the role; 404 for an unknown view or object. */
static void home(struct req *r)
{
	const char *order = req_value(r, KEY_ORDER), *view = req_value(r, KEY_VIEW);

	if (!req_staff(r)) {
		req_set(r, "Page.Title", "工作人员登录");
		req_render(r, 200, "admin/login.cs");
		return;
	}
	if (!req_staff_roles(r)) {
		totp_page(r, 200);
		return;
	}
	if (order && req_value(r, KEY_SLOT)) {
		admin_send_doc(r, strtoll(order, NULL, 10), req_value(r, KEY_SLOT));
		return;
	}
	if (req_value(r, KEY_INVOICE)) {
		if (!(req_staff_roles(r) & FINANCE)) {
			req_audit(r, "view_invoice", 0, "refused", "role");
			staff_error(r, 403, "您的角色无权处理开票申请");
			return;
		}
		admin_invoice(r, strtoll(req_value(r, KEY_INVOICE), NULL, 10));
		return;
	}
	if (order && req_value(r, KEY_SLIP)) {
		admin_send_slip(r, strtoll(order, NULL, 10), strtoll(req_value(r, KEY_SLIP), NULL, 10));
		return;
	}
	if (order) {
		admin_order_page(r, strtoll(order, NULL, 10), 200);
		return;
	}
	if (view) {
		open_view(r, view);
		return;
	}
	if (req_value(r, KEY_Q) || req_value(r, KEY_STATUS) || req_value(r, KEY_KIND) || req_value(r, KEY_SUBJECT)
	    || req_value(r, KEY_FROM) || req_value(r, KEY_TO)) {
		admin_queue_page(r);
		return;
	}
	landing(r);
}

/* Shows the sign-in form again with the one refusal. 422. */
static void login_refused(struct req *r)
{
	req_set(r, "Page.Title", "工作人员登录");
	req_form_error(r, "用户名或密码错误；连续5次错误将锁定15分钟");
	req_render(r, 422, "admin/login.cs");
}

/* POST login: the password step. 303 to the second factor; 422 with the same page for
 * every refusal (unknown login, wrong password, locked). */
static void do_login(struct req *r)
{
	int64_t id;
	int locked;

	if (!staff_login(req_value(r, KEY_LOGIN), req_value(r, KEY_PASSWORD), &id, &locked)) {
		refusal_audit("staff", req_value(r, KEY_LOGIN), req_addr(r), "staff_login",
		    locked ? "locked" : "refused", "password");
		login_refused(r);
		return;
	}
	if (req_login_staff(r, id, 1) != 0) {
		req_error(r, 503, NULL);
		return;
	}
	req_redirect(r, "/cgi-bin/admin.fcgi");
}

/* Shows the second-factor page again after a bad code. 422. */
static void totp_invalid(struct req *r)
{
	totp_page(r, 422);
}

/* Wrong TOTP codes allowed per staff member before the sign-in starts over (a guess has a
 * 3 in a million chance with the one-step skew allowed). */
#define TOTP_FAILS 5
#define TOTP_FAIL_WINDOW_MS (15 * 60 * 1000LL)

/* POST totp: the second factor; the first accepted code completes the enrolment.
 * 303 to the queue with a new session token; 422 with the page on a wrong code; after
 * TOTP_FAILS wrong codes within 15 minutes, 422 with the sign-in form (session ended). */
static void do_totp(struct req *r)
{
	int64_t id = req_staff(r);
	char key[24];

	snprintf(key, sizeof(key), "%lld", (long long)id);
	if (!rate_allow("totp_fail", key, TOTP_FAIL_WINDOW_MS, TOTP_FAILS)) {
		req_audit(r, "staff_login", 0, "locked", "totp attempts");
		req_logout(r);
		login_refused(r);
		return;
	}
	if (totp_verify(id, req_value(r, KEY_TOTP)) != 1) {
		rate_note("totp_fail", key);
		req_audit(r, "staff_login", 0, "refused", "totp");
		req_field_error(r, KEY_TOTP, "动态口令不正确或已使用，请输入验证器中最新的6位数字");
		totp_page(r, 422);
		return;
	}
	if (req_login_staff(r, id, 0) != 0) {
		req_error(r, 503, NULL);
		return;
	}
	req_audit(r, "staff_login", 0, "ok", NULL);
	req_redirect(r, "/cgi-bin/admin.fcgi");
}

/* POST logout: ends the staff session. 303 to the sign-in page. */
static void do_logout(struct req *r)
{
	if (req_staff(r))
		req_audit(r, "staff_logout", 0, "ok", NULL);
	req_logout(r);
	req_redirect(r, "/cgi-bin/admin.fcgi");
}

int admin_reason(struct req *r, char *out, size_t size, const char *missing)
{
	const char *pick = req_value(r, KEY_REASON_PICK), *text = req_value(r, KEY_REASON);

	if (!pick && !text) {
		req_field_error(r, KEY_REASON, missing);
		return -1;
	}
	/* Counted in characters before joining: the join then never cuts (out holds
	 * REASON_CHARS characters of any width). */
	if ((pick ? valid_utf8_len(pick, 0) + (text ? 1 : 0) : 0) + (text ? valid_utf8_len(text, 1) : 0)
	    > REASON_CHARS) {
		req_field_error(r, KEY_REASON, "原因不能超过500个字");
		return -1;
	}
	util_copy(out, size, pick ? pick : "");
	if (pick && text)
		util_append(out, size, "；");
	util_append(out, size, text ? text : "");
	return 0;
}

static const struct route routes[] = {
	{ "GET",  NULL, NULL,      AUTH_STAFF_ANY,     0, 0, 0, 0, home, NULL },
	{ "GET",  NULL, "totp_qr", AUTH_STAFF_PENDING, 0, 0, 0, 0, totp_qr, NULL },
	{ "POST", NULL, NULL,      AUTH_STAFF_ANY,     0, 0, 0, NEED(KEY_LOGIN) | NEED(KEY_PASSWORD), do_login, login_refused },
	{ "POST", NULL, "login",   AUTH_STAFF_ANY,     0, 0, 0, NEED(KEY_LOGIN) | NEED(KEY_PASSWORD), do_login, login_refused },
	{ "POST", NULL, "totp",    AUTH_STAFF_PENDING, 0, 0, 0, NEED(KEY_TOTP), do_totp, totp_invalid },
	{ "POST", NULL, "logout",  AUTH_STAFF_ANY,     0, 0, 0, 0, do_logout, NULL },
	{ "POST", NULL, "approve", AUTH_STAFF, REVIEWERS, 0, 0, NEED(KEY_ORDER), admin_do_approve, admin_order_invalid },
	{ "POST", NULL, "reject",  AUTH_STAFF, REVIEWERS, 0, 0, NEED(KEY_ORDER), admin_do_reject, admin_order_invalid },
	{ "POST", NULL, "claim",   AUTH_STAFF, REVIEWERS, 0, 0, NEED(KEY_ORDER), admin_do_claim, admin_order_invalid },
	{ "POST", NULL, "note",    AUTH_STAFF, ROLE_ANY,  0, 0, NEED(KEY_ORDER) | NEED(KEY_NOTE), admin_do_note, admin_order_invalid },
	{ "POST", NULL, "cancel",  AUTH_STAFF, REVIEWERS, 0, 0, NEED(KEY_ORDER), admin_do_cancel, admin_order_invalid },
	{ "POST", NULL, "confirm_payment", AUTH_STAFF, FINANCE, 0, 0, NEED(KEY_ORDER), admin_do_confirm, admin_order_invalid },
	{ "POST", NULL, "decline_payment", AUTH_STAFF, FINANCE, 0, 0, NEED(KEY_ORDER), admin_do_decline, admin_order_invalid },
	{ "POST", NULL, "refund",  AUTH_STAFF, FINANCE, 0, 0, NEED(KEY_ORDER), admin_do_refund, admin_order_invalid },
	{ "POST", "/statement_upload", "statement_upload", AUTH_STAFF, FINANCE, ROUTE_FILES, STATEMENT_LIMIT, 0, admin_do_statement_upload,
	  admin_statement_invalid },
	{ "POST", "/invoice_issue", "invoice_issue", AUTH_STAFF, FINANCE, ROUTE_FILES, INVOICE_LIMIT, NEED(KEY_INVOICE),
	  admin_do_invoice_issue, admin_invoice_invalid },
	{ "POST", NULL, "invoice_reject", AUTH_STAFF, FINANCE, 0, 0, NEED(KEY_INVOICE), admin_do_invoice_reject,
	  admin_invoice_invalid },
	{ "POST", NULL, "statement_apply", AUTH_STAFF, FINANCE, 0, 0, NEED(KEY_STATEMENT), admin_do_statement_apply,
	  admin_statement_invalid },
	{ "POST", NULL, "produce", AUTH_STAFF, PRODUCERS, 0, 0, NEED(KEY_ORDER) | NEED(KEY_CERT_SERIAL) | NEED(KEY_CERT_EXPIRES),
	  admin_do_produce, admin_order_invalid },
	{ "POST", NULL, "ship",    AUTH_STAFF, PRODUCERS, 0, 0, NEED(KEY_ORDER) | NEED(KEY_CARRIER) | NEED(KEY_TRACKING_NO),
	  admin_do_ship, admin_order_invalid },
	{ "POST", NULL, "ready",   AUTH_STAFF, PRODUCERS, 0, 0, NEED(KEY_ORDER), admin_do_ready, admin_order_invalid },
	{ "POST", NULL, "complete", AUTH_STAFF, PRODUCERS, 0, 0, NEED(KEY_ORDER), admin_do_complete, admin_order_invalid },
	{ "POST", NULL, "passwd",  AUTH_STAFF, ROLE_ANY,  0, 0,
	  NEED(KEY_OLD_PASSWORD) | NEED(KEY_NEW_PASSWORD) | NEED(KEY_NEW_PASSWORD2), admin_do_passwd, admin_passwd_invalid },
	{ "POST", NULL, "staff_add", AUTH_STAFF, ROLE_ADMIN, 0, 0,
	  NEED(KEY_LOGIN) | NEED(KEY_ROLE) | NEED(KEY_NEW_PASSWORD), admin_do_staff_add, admin_staff_invalid },
	{ "POST", NULL, "staff_disable", AUTH_STAFF, ROLE_ADMIN, 0, 0, NEED(KEY_STAFF), admin_do_staff_change, admin_staff_invalid },
	{ "POST", NULL, "staff_totp", AUTH_STAFF, ROLE_ADMIN, 0, 0, NEED(KEY_STAFF), admin_do_staff_change, admin_staff_invalid },
	{ "POST", NULL, "staff_email", AUTH_STAFF, ROLE_ADMIN, 0, 0, NEED(KEY_STAFF), admin_do_staff_email,
	  admin_staff_email_invalid },
	{ "POST", NULL, "price_set", AUTH_STAFF, ROLE_ADMIN, 0, 0, NEED(KEY_SUBJECT) | NEED(KEY_KIND) | NEED(KEY_PROJECT)
	  | NEED(KEY_YUAN) | NEED(KEY_PER_YEAR), admin_do_price_set, admin_prices_invalid },
};

int main(void)
{
	return app_run("admin", routes, nitems(routes), fields, KEY__MAX);
}
