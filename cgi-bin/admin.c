/* cgi-bin/admin.c: the staff page (管理后台): sign-in with a TOTP second factor, the review queue and search, the order with its documents, approve/reject, notes, the audit log. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "cfg.h"
#include "account.h"
#include "audit.h"
#include "clock.h"
#include "doc.h"
#include "formpdf.h"
#include "order.h"
#include "ratelimit.h"
#include "review.h"
#include "staff.h"
#include "totp.h"
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
};


/* Sets Page.Notice for the done value a successful action redirected with. */
static void notice(struct req *r)
{
	static const char *const done[] = { "approve", "已审核通过，已短信通知经办人",
		"reject", "已审核不通过，已短信通知经办人", "claim", "已认领该业务单",
		"release", "已释放认领", "passwd", "密码已修改，其他设备上的登录已退出",
		"confirm_payment", "已确认到账", "decline_payment", "已退回该转账信息，申请人可重新提交",
		"refund", "已登记退款", "statement_apply", "银行流水已入账", "cancel", "业务单已取消",
		"invoice_issue", "发票已开具，正在以电子邮件发送至开票申请的接收邮箱", "invoice_reject", "已驳回该开票申请", NULL };
	const char *v = req_value(r, KEY_DONE);
	size_t i;

	for (i = 0; v && done[i]; i += 2)
		if (strcmp(v, done[i]) == 0)
			req_set(r, "Page.Notice", done[i + 1]);
}

/* Sets the staff member's login and role flags for the staff layout. */
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

/* Adds a list row (Rows.N.*). */
static void add_row(void *ctx, const struct review_row *row)
{
	struct req *r = ctx;
	HDF *hdf = req_hdf(r);
	int n = hdf_get_int_value(hdf, "Rows.Count", 0);
	char key[64], when[32], wait[32];
	int64_t since = row->order.submitted_ms ? row->order.submitted_ms : row->order.created_ms;
	int64_t hours = (clock_now_ms() - since) / 3600000;

#define ROW(name, value) do { snprintf(key, sizeof(key), "Rows.%d." name, n); req_set(r, key, value); } while (0)
	snprintf(key, sizeof(key), "Rows.%d.Id", n);
	req_set_int(r, key, row->order.id);
	ROW("Name", row->name);
	ROW("Subject", order_subject_label(row->order.subject));
	ROW("Kind", order_kind_label(row->order.kind));
	ROW("Status", order_status_label(row->order.status));
	ROW("StatusCode", row->order.status);
	ROW("PayStatus", order_pay_label(row->order.pay_status));
	ROW("ClaimedBy", row->claimed_by);
	clock_format(since, when, sizeof(when));
	ROW("Submitted", when);
	if (hours >= 24)
		snprintf(wait, sizeof(wait), "%lld 天 %lld 小时", (long long)(hours / 24), (long long)(hours % 24));
	else
		snprintf(wait, sizeof(wait), "%lld 小时", (long long)hours);
	ROW("Waiting", wait);
#undef ROW
	req_set_int(r, "Rows.Count", n + 1);
}

/* The work queue (pending, oldest first) or a search. */
static void queue_page(struct req *r)
{
	const char *q = req_value(r, KEY_Q), *status = req_value(r, KEY_STATUS);
	const char *p = req_value(r, KEY_P), *from = req_value(r, KEY_FROM), *to = req_value(r, KEY_TO);
	struct review_filter filter;
	int page = p ? atoi(p) : 1, total;

	static const char *const statuses[] = { "pending", "rejected", "approved", "producing",
		"shipped", "ready", "completed", "cancelled" };
	char key[48];
	size_t i;

	if (status && (!order_status_label(status) || strcmp(status, "draft") == 0))
		status = NULL;
	if (!q && !status && !req_value(r, KEY_KIND) && !req_value(r, KEY_SUBJECT) && !from && !to)
		status = "pending";
	if (page < 1)
		page = 1;
	admin_frame(r, q ? "搜索业务单" : !status ? "业务单筛选" : strcmp(status, "pending") == 0 ? "审核队列"
	    : order_status_label(status));
	req_set(r, "Page.Nav", !status || q ? "" : strcmp(status, "pending") == 0 ? "queue" : status);
	for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++) {
		snprintf(key, sizeof(key), "Statuses.%zu.Code", i);
		req_set(r, key, statuses[i]);
		snprintf(key, sizeof(key), "Statuses.%zu.Label", i);
		req_set(r, key, order_status_label(statuses[i]));
	}
	req_set(r, "Filter.Status", status ? status : "");
	memset(&filter, 0, sizeof(filter));
	filter.status = status;
	filter.q = q;
	filter.kind = req_value(r, KEY_KIND);
	filter.subject = req_value(r, KEY_SUBJECT);
	filter.from_ms = from && clock_day_start(from) > 0 ? clock_day_start(from) : 0;
	filter.to_ms = to && clock_day_start(to) > 0 ? clock_day_start(to) + 86400000LL : 0;
	total = review_list(&filter, (page - 1) * PAGE_SIZE, PAGE_SIZE, add_row, r);
	req_set_int(r, "Pager.Total", total);
	req_set_int(r, "Pager.Page", page);
	req_set_int(r, "Pager.Pages", total ? (total + PAGE_SIZE - 1) / PAGE_SIZE : 1);
	req_render(r, 200, "admin/queue.cs");
}

/* Adds a history row (History.N.*). */
static void add_history(void *ctx, const struct order_event *e)
{
	struct req *r = ctx;
	int n = hdf_get_int_value(req_hdf(r), "History.Count", 0);
	char key[64], when[32];
	const char *who = strcmp(e->realm, "user") == 0 ? "申请人" : e->actor && *e->actor ? e->actor : "系统";

	clock_format(e->at_ms, when, sizeof(when));
	snprintf(key, sizeof(key), "History.%d.At", n);
	req_set(r, key, when);
	snprintf(key, sizeof(key), "History.%d.Who", n);
	req_set(r, key, who);
	snprintf(key, sizeof(key), "History.%d.From", n);
	req_set(r, key, e->from ? order_status_label(e->from) : "");
	snprintf(key, sizeof(key), "History.%d.To", n);
	req_set(r, key, order_status_label(e->to));
	snprintf(key, sizeof(key), "History.%d.Reason", n);
	req_set(r, key, e->reason ? e->reason : "");
	req_set_int(r, "History.Count", n + 1);
}

/* Adds an internal note (Notes.N.*). */
static void add_note(void *ctx, int64_t at_ms, const char *login, const char *body)
{
	struct req *r = ctx;
	int n = hdf_get_int_value(req_hdf(r), "Notes.Count", 0);
	char key[64], when[32];

	clock_format(at_ms, when, sizeof(when));
	snprintf(key, sizeof(key), "Notes.%d.At", n);
	req_set(r, key, when);
	snprintf(key, sizeof(key), "Notes.%d.Login", n);
	req_set(r, key, login);
	snprintf(key, sizeof(key), "Notes.%d.Body", n);
	req_set(r, key, body);
	req_set_int(r, "Notes.Count", n + 1);
}

/* Lists the items a rejection named (Items.N.Label) by their Chinese labels. */
static void set_items(struct req *r, const char *items)
{
	char name[40], key[48];
	int n = 0;

	while (items && *items) {
		size_t len = strcspn(items, ", ");
		if (len > 0 && len < sizeof(name)) {
			memcpy(name, items, len);
			name[len] = '\0';
			snprintf(key, sizeof(key), "Items.%d.Label", n++);
			req_set(r, key, order_item_label(name) ? order_item_label(name) : name);
		}
		items += len;
		items += strspn(items, ", ");
	}
}

/* The order page for staff: every field in full (the view is audited), the documents
 * inline, history, notes, and the actions the role allows. */
void admin_order_page(struct req *r, int64_t id, int status)
{
	const struct doc_slot *slot;
	struct order_row row;
	struct doc_meta meta;
	char key[64], claimant[40];
	int n = 0;

	if (!order_get(id, 0, &row) || strcmp(row.status, "draft") == 0) {
		req_error(r, 404, NULL);
		return;
	}
	admin_frame(r, req_staff_roles(r) & ROLE_REVIEWER ? "业务单审核" : "业务单详情");
	order_to_hdf(id, req_hdf(r), "Order", 1);
	req_set(r, "Order.NatureLabel", order_nature_label(hdf_get_value(req_hdf(r), "Order.org_nature", NULL)));
	req_set(r, "Order.IdTypeLabel", order_id_type_label(hdf_get_value(req_hdf(r), "Order.agent_id_type", NULL)));
	req_set(r, "Order.DeliveryLabel", order_delivery_label(row.delivery));
	for (slot = doc_slots; slot->name; slot++) {
		if (!(slot->subjects & (strcmp(row.subject, "enterprise") == 0 ? DOC_ENTERPRISE : DOC_PERSONAL)))
			continue;
		snprintf(key, sizeof(key), "Docs.%d.Slot", n);
		req_set(r, key, slot->name);
		snprintf(key, sizeof(key), "Docs.%d.Label", n);
		req_set(r, key, slot->label);
		if (doc_current(id, slot->name, &meta)) {
			snprintf(key, sizeof(key), "Docs.%d.Type", n);
			req_set(r, key, strcmp(meta.ctype, "application/pdf") == 0 ? "pdf" : "image");
		}
		n++;
	}
	review_claimant(id, claimant, sizeof(claimant));
	set_items(r, hdf_get_value(req_hdf(r), "Order.review_items", NULL));
	req_set(r, "Order.ClaimedBy", claimant);
	order_history_each(id, add_history, r);
	review_notes(id, add_note, r);
	admin_order_payments(r, id);
	admin_order_invoices(r, id);
	req_audit(r, "view_order", id, "ok", "full ID numbers shown");
	req_render(r, status, "admin/order.cs");
}

/* Adds an audit row (Audit.N.*). */
static void add_audit(void *ctx, const struct audit_row *a)
{
	struct req *r = ctx;
	int n = hdf_get_int_value(req_hdf(r), "Audit.Count", 0);
	char key[64], when[32];

	clock_format(a->at_ms, when, sizeof(when));
#define AUD(name, value) do { snprintf(key, sizeof(key), "Audit.%d." name, n); req_set(r, key, value); } while (0)
	AUD("At", when);
	AUD("Realm", a->realm);
	AUD("Actor", a->actor);
	AUD("Addr", a->addr);
	AUD("Action", a->action);
	AUD("Order", a->order);
	AUD("Outcome", a->outcome);
	AUD("Detail", a->detail);
#undef AUD
	req_set_int(r, "Audit.Count", n + 1);
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

/* Sends a document of an order to staff (images inline, PDFs opened in the browser); each
 * view is audited. 200; 404 when there is none. */
static void doc_send_staff(struct req *r, int64_t order, const char *slot)
{
	struct doc_meta meta;
	unsigned char *buf = NULL;
	size_t len = 0;

	if (doc_load(order, slot, &meta, &buf, &len) != 0) {
		req_error(r, 404, NULL);
		return;
	}
	req_audit(r, "view_document", order, "ok", slot);
	req_send_inline(r, 200, meta.ctype, buf, len, NULL);
	free(buf);
}

/* Adds a staff account row (Members.N.*). */
static void add_member(void *ctx, const struct staff_row *m)
{
	struct req *r = ctx;
	int n = hdf_get_int_value(req_hdf(r), "Members.Count", 0);
	char key[64], when[32];

	clock_format(m->created_ms, when, sizeof(when));
	snprintf(key, sizeof(key), "Members.%d.Id", n);
	req_set_int(r, key, m->id);
	snprintf(key, sizeof(key), "Members.%d.Login", n);
	req_set(r, key, m->login);
	snprintf(key, sizeof(key), "Members.%d.Role", n);
	req_set(r, key, staff_role_label(m->role));
	snprintf(key, sizeof(key), "Members.%d.Created", n);
	req_set(r, key, when);
	snprintf(key, sizeof(key), "Members.%d.Enrolled", n);
	req_set(r, key, m->enrolled ? "1" : "0");
	snprintf(key, sizeof(key), "Members.%d.Disabled", n);
	req_set(r, key, m->disabled ? "1" : "0");
	snprintf(key, sizeof(key), "Members.%d.Locked", n);
	req_set(r, key, m->locked_until_ms > clock_now_ms() ? "1" : "0");
	req_set_int(r, "Members.Count", n + 1);
}

/* The staff management page (admins). */
static void staff_list_page(struct req *r, int status)
{
	admin_frame(r, "工作人员管理");
	req_set(r, "Page.Nav", "staff");
	staff_each(add_member, r);
	req_render(r, status, "admin/staff.cs");
}

/* The password change page (any staff). */
static void passwd_page(struct req *r, int status)
{
	admin_frame(r, "修改密码");
	req_render(r, status, "admin/passwd.cs");
}

/* GET: signed out the sign-in form, between password and code the second factor, signed in
 * the queue, a search (q), an order (order), one of its documents (order + slot) or
 * transfer slips (order + slip), finance's payments (view=payments, view=statement) and
 * invoice requests (view=invoices, invoice=ID[&download=1]), the
 * password change (view=passwd) or, for admins, the staff accounts (view=staff) and the
 * audit log (view=audit). 200; 403 for a view outside the role; 404. */
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
		doc_send_staff(r, strtoll(order, NULL, 10), req_value(r, KEY_SLOT));
		return;
	}
	if (req_value(r, KEY_INVOICE)) {
		if (!(req_staff_roles(r) & FINANCE)) {
			req_audit(r, "view_invoice", 0, "refused", "role");
			req_error(r, 403, "您的角色无权处理开票申请");
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
	if (view && strcmp(view, "passwd") == 0) {
		passwd_page(r, 200);
		return;
	}
	if (view && strcmp(view, "invoices") == 0) {
		if (!(req_staff_roles(r) & FINANCE)) {
			req_audit(r, "view_invoices", 0, "refused", "role");
			req_error(r, 403, "您的角色无权处理开票申请");
			return;
		}
		admin_invoices_page(r, 200);
		return;
	}
	if (view && (strcmp(view, "payments") == 0 || strcmp(view, "statement") == 0)) {
		if (!(req_staff_roles(r) & FINANCE)) {
			req_audit(r, "view_payments", 0, "refused", "role");
			req_error(r, 403, "您的角色无权查看支付记录");
			return;
		}
		if (strcmp(view, "statement") == 0 && req_value(r, KEY_STATEMENT))
			admin_statement_page(r, strtoll(req_value(r, KEY_STATEMENT), NULL, 10), 200);
		else
			admin_payments_page(r, 200);
		return;
	}
	if (view && strcmp(view, "staff") == 0) {
		if ((req_staff_roles(r) & ROLE_ADMIN) != ROLE_ADMIN) {
			req_audit(r, "view_staff", 0, "refused", "role");
			req_error(r, 403, "您的角色无权管理工作人员");
			return;
		}
		staff_list_page(r, 200);
		return;
	}
	if (view && strcmp(view, "audit") == 0) {
		if ((req_staff_roles(r) & ROLE_ADMIN) != ROLE_ADMIN) {
			req_audit(r, "view_audit", 0, "refused", "role");
			req_error(r, 403, "您的角色无权查看审计日志");
			return;
		}
		admin_frame(r, "审计日志");
		req_set(r, "Page.Nav", "audit");
		audit_each(req_value(r, KEY_Q), 200, add_audit, r);
		req_render(r, 200, "admin/audit.cs");
		return;
	}
	if (!view && !req_value(r, KEY_Q) && !req_value(r, KEY_STATUS)
	    && (req_staff_roles(r) & (ROLE_FINANCE | ROLE_REVIEWER)) == ROLE_FINANCE) {
		admin_payments_page(r, 200);
		return;
	}
	queue_page(r);
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
		audit_log("staff", req_value(r, KEY_LOGIN), req_addr(r), "staff_login", 0,
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
	snprintf(out, size, "%s%s%s", pick ? pick : "", pick && text ? "；" : "", text ? text : "");
	if (valid_utf8_len(out, 1) > REASON_CHARS) {
		req_field_error(r, KEY_REASON, "原因不能超过500个字");
		return -1;
	}
	return 0;
}

/* Answers a review result: 303 back to the order, or the order page with a message. */
static void review_answer(struct req *r, int64_t id, enum review_result rc, const char *action)
{
	char path[96];

	req_audit(r, action, id, rc == REVIEW_OK ? "ok" : "refused",
	    rc == REVIEW_STATE ? "state" : rc == REVIEW_CLAIMED ? "claimed" : NULL);
	switch (rc) {
	case REVIEW_OK:
		snprintf(path, sizeof(path), "/cgi-bin/admin.fcgi?order=%lld&done=%s", (long long)id, action);
		req_redirect(r, path);
		return;
	case REVIEW_NOT_FOUND:
		req_error(r, 404, NULL);
		return;
	case REVIEW_STATE:
		req_form_error(r, strcmp(action, "cancel") == 0 ? "该业务单已完成或已取消，操作未执行"
		    : "该业务单已不是待审核状态（可能已被处理），操作未执行");
		break;
	case REVIEW_CLAIMED:
		req_form_error(r, "该业务单已由其他审核员认领，操作未执行");
		break;
	default:
		req_form_error(r, "操作失败，请稍后再试");
		break;
	}
	admin_order_page(r, id, 422);
}

/* POST approve: 303 back to the order; 422 when it is no longer pending or another
 * reviewer has it; 404. */
static void do_approve(struct req *r)
{
	int64_t id = strtoll(req_value(r, KEY_ORDER), NULL, 10);
	char login[40];

	staff_login_name(req_staff(r), login, sizeof(login));
	review_answer(r, id, review_approve(id, req_staff(r), login), "approve");
}

/* POST reject with reason (picked and/or written) and items: 303 back to the order; 422
 * without a reason, or as approve. */
static void do_reject(struct req *r)
{
	int64_t id = strtoll(req_value(r, KEY_ORDER), NULL, 10);
	const char *items[40];
	char reason[REASON_BYTES], list[700], login[40];
	size_t i, n = req_values(r, KEY_ITEMS, items, 40), len = 0;

	if (admin_reason(r, reason, sizeof(reason), "请选择或填写不通过的原因") != 0) {
		admin_order_page(r, id, 422);
		return;
	}
	list[0] = '\0';
	for (i = 0; i < n; i++) {
		if (!order_item_label(items[i])) {
			req_field_error(r, KEY_ITEMS, "需补正的项目不正确");
			admin_order_page(r, id, 422);
			return;
		}
		len += (size_t)snprintf(list + len, len < sizeof(list) ? sizeof(list) - len : 0, "%s%s",
		    len ? "," : "", items[i]);
	}
	staff_login_name(req_staff(r), login, sizeof(login));
	review_answer(r, id, review_reject(id, req_staff(r), login, reason, list), "reject");
}

/* POST claim / release: 303 back to the order; 422 when another reviewer has it. */
static void do_claim(struct req *r)
{
	int64_t id = strtoll(req_value(r, KEY_ORDER), NULL, 10);
	const char *view = req_value(r, KEY_VIEW);
	int release = view && strcmp(view, "release") == 0;
	enum review_result rc = review_claim(id, req_staff(r), release,
	    (req_staff_roles(r) & ROLE_ADMIN) == ROLE_ADMIN);

	review_answer(r, id, rc, release ? "release" : "claim");
}

/* POST note: adds an internal note. 303 back to the order; 404. */
static void do_note(struct req *r)
{
	int64_t id = strtoll(req_value(r, KEY_ORDER), NULL, 10);
	struct order_row row;
	char path[96];

	if (!order_get(id, 0, &row) || review_note(id, req_staff(r), req_value(r, KEY_NOTE)) != 0) {
		req_error(r, 404, NULL);
		return;
	}
	req_audit(r, "note", id, "ok", NULL);
	snprintf(path, sizeof(path), "/cgi-bin/admin.fcgi?order=%lld#notes", (long long)id);
	req_redirect(r, path);
}

/* POST cancel with reason (picked and/or written): 303 back to the order; 422 without a
 * reason or when the order is finished already; 404. */
void admin_do_cancel(struct req *r)
{
	int64_t id = strtoll(req_value(r, KEY_ORDER), NULL, 10);
	char reason[REASON_BYTES], login[40];

	if (admin_reason(r, reason, sizeof(reason), "请选择或填写取消的原因") != 0) {
		admin_order_page(r, id, 422);
		return;
	}
	staff_login_name(req_staff(r), login, sizeof(login));
	review_answer(r, id, review_cancel(id, req_staff(r), login, reason), "cancel");
}

/* Shows the order page again after bad input. 422. */
static void order_invalid(struct req *r)
{
	const char *order = req_value(r, KEY_ORDER);

	if (!order) {
		req_error(r, 422, NULL);
		return;
	}
	admin_order_page(r, strtoll(order, NULL, 10), 422);
}

/* POST passwd: a staff member changes their password; the session is renewed and the
 * other sessions end. 303 to the queue; 422 with the form on a wrong old password or a
 * weak or unrepeated new one. */
static void do_passwd(struct req *r)
{
	int64_t id = req_staff(r);
	const char *pw = req_value(r, KEY_NEW_PASSWORD);

	if (!staff_check_password(id, req_value(r, KEY_OLD_PASSWORD))) {
		req_field_error(r, KEY_OLD_PASSWORD, "原密码不正确");
		req_audit(r, "staff_password", 0, "refused", NULL);
		passwd_page(r, 422);
		return;
	}
	if (strcmp(pw, req_value(r, KEY_NEW_PASSWORD2)) != 0) {
		req_field_error(r, KEY_NEW_PASSWORD2, "两次输入的密码不一致");
		passwd_page(r, 422);
		return;
	}
	if (staff_set_password(id, pw) != 0 || req_login_staff(r, id, 0) != 0) {
		req_error(r, 503, NULL);
		return;
	}
	req_end_other_sessions(r);
	req_audit(r, "staff_password", 0, "ok", NULL);
	req_redirect(r, "/cgi-bin/admin.fcgi?done=passwd");
}

/* Shows the password page again after bad input. 422. */
static void passwd_invalid(struct req *r)
{
	passwd_page(r, 422);
}

/* POST staff_add (admins): a new staff account with login, role and an initial password.
 * 303 to the staff page; 422 with it when the login exists or a value is bad. */
static void do_staff_add(struct req *r)
{
	const char *login = req_value(r, KEY_LOGIN), *role = req_value(r, KEY_ROLE);
	int rc;

	if (!staff_login_valid(login)) {
		req_field_error(r, KEY_LOGIN, "用户名为3至32位小写字母、数字或 . _ -，以字母开头");
		staff_list_page(r, 422);
		return;
	}
	if (!staff_role_mask(role)) {
		req_field_error(r, KEY_ROLE, "请选择角色");
		staff_list_page(r, 422);
		return;
	}
	rc = staff_add(login, role, req_value(r, KEY_NEW_PASSWORD));
	req_audit(r, "staff_add", 0, rc == 0 ? "ok" : "refused", login);
	if (rc != 0) {
		req_field_error(r, KEY_LOGIN, rc == 1 ? "该用户名已存在" : "添加失败");
		staff_list_page(r, 422);
		return;
	}
	req_redirect(r, "/cgi-bin/admin.fcgi?view=staff");
}

/* POST staff_disable (admins, enable=1 to enable again) and staff_totp (admins: a new
 * enrolment at the next sign-in). 303 to the staff page; 422 for one's own account; 404. */
static void do_staff_change(struct req *r)
{
	int64_t id = strtoll(req_value(r, KEY_STAFF), NULL, 10);
	const char *action = hdf_get_value(req_hdf(r), "Query.action", "");
	char login[40];
	int rc;

	if (staff_login_name(id, login, sizeof(login)) != 0) {
		req_error(r, 404, NULL);
		return;
	}
	if (id == req_staff(r)) {
		req_form_error(r, "不能更改自己的账号状态");
		staff_list_page(r, 422);
		return;
	}
	if (strcmp(action, "staff_totp") == 0)
		rc = staff_totp_reset(login);
	else
		rc = staff_set_disabled(id, !req_value(r, KEY_ENABLE));
	req_audit(r, action, 0, rc == 0 ? "ok" : "refused", login);
	if (rc != 0) {
		req_error(r, 503, NULL);
		return;
	}
	req_redirect(r, "/cgi-bin/admin.fcgi?view=staff");
}

/* Shows the staff page again after bad input. 422. */
static void staff_invalid(struct req *r)
{
	staff_list_page(r, 422);
}

static const struct route routes[] = {
	{ "GET",  NULL, NULL,      AUTH_STAFF_ANY,     0, 0, 0, 0, home, NULL },
	{ "GET",  NULL, "totp_qr", AUTH_STAFF_PENDING, 0, 0, 0, 0, totp_qr, NULL },
	{ "POST", NULL, NULL,      AUTH_STAFF_ANY,     0, 0, 0, NEED(KEY_LOGIN) | NEED(KEY_PASSWORD), do_login, login_refused },
	{ "POST", NULL, "login",   AUTH_STAFF_ANY,     0, 0, 0, NEED(KEY_LOGIN) | NEED(KEY_PASSWORD), do_login, login_refused },
	{ "POST", NULL, "totp",    AUTH_STAFF_PENDING, 0, 0, 0, NEED(KEY_TOTP), do_totp, totp_invalid },
	{ "POST", NULL, "logout",  AUTH_STAFF_ANY,     0, 0, 0, 0, do_logout, NULL },
	{ "POST", NULL, "approve", AUTH_STAFF, REVIEWERS, 0, 0, NEED(KEY_ORDER), do_approve, order_invalid },
	{ "POST", NULL, "reject",  AUTH_STAFF, REVIEWERS, 0, 0, NEED(KEY_ORDER), do_reject, order_invalid },
	{ "POST", NULL, "claim",   AUTH_STAFF, REVIEWERS, 0, 0, NEED(KEY_ORDER), do_claim, order_invalid },
	{ "POST", NULL, "note",    AUTH_STAFF, ROLE_ANY,  0, 0, NEED(KEY_ORDER) | NEED(KEY_NOTE), do_note, order_invalid },
	{ "POST", NULL, "cancel",  AUTH_STAFF, REVIEWERS, 0, 0, NEED(KEY_ORDER), admin_do_cancel, order_invalid },
	{ "POST", NULL, "confirm_payment", AUTH_STAFF, FINANCE, 0, 0, NEED(KEY_ORDER), admin_do_confirm, order_invalid },
	{ "POST", NULL, "decline_payment", AUTH_STAFF, FINANCE, 0, 0, NEED(KEY_ORDER), admin_do_decline, order_invalid },
	{ "POST", NULL, "refund",  AUTH_STAFF, FINANCE, 0, 0, NEED(KEY_ORDER), admin_do_refund, order_invalid },
	{ "POST", NULL, "statement_upload", AUTH_STAFF, FINANCE, 0, STATEMENT_LIMIT, 0, admin_do_statement_upload,
	  admin_statement_invalid },
	{ "POST", NULL, "invoice_issue", AUTH_STAFF, FINANCE, 0, INVOICE_LIMIT, NEED(KEY_INVOICE),
	  admin_do_invoice_issue, admin_invoice_invalid },
	{ "POST", NULL, "invoice_reject", AUTH_STAFF, FINANCE, 0, 0, NEED(KEY_INVOICE), admin_do_invoice_reject,
	  admin_invoice_invalid },
	{ "POST", NULL, "statement_apply", AUTH_STAFF, FINANCE, 0, 0, NEED(KEY_STATEMENT), admin_do_statement_apply,
	  admin_statement_invalid },
	{ "POST", NULL, "passwd",  AUTH_STAFF, ROLE_ANY,  0, 0,
	  NEED(KEY_OLD_PASSWORD) | NEED(KEY_NEW_PASSWORD) | NEED(KEY_NEW_PASSWORD2), do_passwd, passwd_invalid },
	{ "POST", NULL, "staff_add", AUTH_STAFF, ROLE_ADMIN, 0, 0,
	  NEED(KEY_LOGIN) | NEED(KEY_ROLE) | NEED(KEY_NEW_PASSWORD), do_staff_add, staff_invalid },
	{ "POST", NULL, "staff_disable", AUTH_STAFF, ROLE_ADMIN, 0, 0, NEED(KEY_STAFF), do_staff_change, staff_invalid },
	{ "POST", NULL, "staff_totp", AUTH_STAFF, ROLE_ADMIN, 0, 0, NEED(KEY_STAFF), do_staff_change, staff_invalid },
};

int main(void)
{
	return app_run("admin", routes, nitems(routes), fields, KEY__MAX);
}
