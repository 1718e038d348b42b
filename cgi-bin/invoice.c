/* cgi-bin/invoice.c: 发票管理: the applicant's invoice titles (发票抬头管理: add, edit, delete, set as default), the invoice request of a paid order (开票申请), and the download of an issued invoice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "clock.h"
#include "invoice.h"
#include "order.h"
#include "payment.h"

enum key {
	KEY_ID, KEY_KIND, KEY_NAME, KEY_TAX_ID, KEY_ADDRESS, KEY_PHONE, KEY_BANK, KEY_ACCOUNT,
	KEY_EMAIL, KEY_DEFAULT, KEY_ORDER, KEY_TYPE, KEY_TITLE, KEY_INVOICE, KEY_DOWNLOAD,
	KEY_NEXT, KEY_DONE, KEY__MAX
};

/* The title's values pass only the single-line text check here, without a length limit
 * (the body limit bounds them): their own rules (each field's validator and length, the
 * kind's requirements) are invoice_title_check's, which names each bad field with its
 * message. */
static const struct field fields[KEY__MAX] = {
	[KEY_ID]       = { "id",       valid_id,       19,  0 },
	[KEY_KIND]     = { "kind",     valid_text,     0,   0 },
	[KEY_NAME]     = { "name",     valid_text,     0,   0 },
	[KEY_TAX_ID]   = { "tax_id",   valid_text,     0,   0 },
	[KEY_ADDRESS]  = { "address",  valid_text,     0,   0 },
	[KEY_PHONE]    = { "phone",    valid_text,     0,   0 },
	[KEY_BANK]     = { "bank",     valid_text,     0,   0 },
	[KEY_ACCOUNT]  = { "account",  valid_text,     0,   0 },
	[KEY_EMAIL]    = { "email",    valid_text,     0,   0 },
	[KEY_DEFAULT]  = { "default",  valid_checkbox, 1,   0 },
	[KEY_ORDER]    = { "order",    valid_id,       19,  0 },
	[KEY_TYPE]     = { "type",     valid_invoice_type, 8, 0 },
	[KEY_TITLE]    = { "title",    valid_id,       19,  0 },
	[KEY_INVOICE]  = { "invoice",  valid_id,       19,  0 },
	[KEY_DOWNLOAD] = { "download", valid_checkbox, 1,   0 },
	[KEY_NEXT]     = { "next",     valid_next,     200, 0 },
	[KEY_DONE]     = { "done",     valid_token,    32,  0 },
};

/* The form keys of a title's fields (invoice_title_fields names them in this order). */
static const int title_keys[] = { KEY_KIND, KEY_NAME, KEY_TAX_ID, KEY_ADDRESS, KEY_PHONE, KEY_BANK,
	KEY_ACCOUNT, KEY_EMAIL };

/* The value of a positive id field, or 0. */
static int64_t id_value(struct req *r, int key)
{
	const char *v = req_value(r, key);

	return v ? strtoll(v, NULL, 10) : 0;
}

/* The key of a title field by its form name, or -1. */
static int title_key(const char *name)
{
	size_t i;

	for (i = 0; i < nitems(title_keys); i++)
		if (strcmp(fields[title_keys[i]].name, name) == 0)
			return title_keys[i];
	return -1;
}

/* invoice_get_fn over the request's validated values. */
static const char *form_get(void *ctx, const char *name)
{
	int key = title_key(name);

	return key < 0 ? NULL : req_value(ctx, key);
}

/* invoice_get_fn over a stored title (for 设为默认, which changes nothing else). */
static const char *title_get(void *ctx, const char *name)
{
	const struct invoice_title *t = ctx;
	const char *v = strcmp(name, "kind") == 0 ? t->kind : strcmp(name, "name") == 0 ? t->name
	    : strcmp(name, "tax_id") == 0 ? t->tax_id : strcmp(name, "address") == 0 ? t->address
	    : strcmp(name, "phone") == 0 ? t->phone : strcmp(name, "bank") == 0 ? t->bank
	    : strcmp(name, "account") == 0 ? t->account : strcmp(name, "email") == 0 ? t->email : NULL;

	return v && *v ? v : NULL;
}

/* invoice_title_check's report: the message beside the field, unless the lifecycle has
 * already put one there (an over-long or malformed value reads as absent here). */
static void title_bad(void *ctx, const char *field, const char *msg)
{
	struct req *r = ctx;
	int key = title_key(field);
	char name[48];

	if (key < 0) {
		req_form_error(r, msg);
		return;
	}
	snprintf(name, sizeof(name), "Errors.%s", field);
	if (!hdf_get_value(req_hdf(r), name, NULL))
		req_field_error(r, key, msg);
}

/* Sets prefix.<n>.name = value (value NULL or empty: nothing). */
static void set_nth(struct req *r, const char *prefix, int n, const char *name, const char *value)
{
	char key[96];

	if (!value || !*value)
		return;
	snprintf(key, sizeof(key), "%s.%d.%s", prefix, n, name);
	req_set(r, key, value);
}

/* The list being built into Titles.N.*. */
struct titles {
	struct req *r;
	int n;
	int64_t selected;	/* the title to preselect in the request form (0: the default) */
	int has_selected;
};

/* Adds one title to Titles.N.*. */
static void add_title(void *ctx, const struct invoice_title *t)
{
	struct titles *l = ctx;
	char buf[32], both[sizeof(t->address) + 1 + sizeof(t->phone)];

	snprintf(buf, sizeof(buf), "%d", l->n + 1);
	set_nth(l->r, "Titles", l->n, "No", buf);
	snprintf(buf, sizeof(buf), "%lld", (long long)t->id);
	set_nth(l->r, "Titles", l->n, "Id", buf);
	set_nth(l->r, "Titles", l->n, "Kind", t->kind);
	set_nth(l->r, "Titles", l->n, "KindLabel", invoice_kind_label(t->kind));
	set_nth(l->r, "Titles", l->n, "Name", t->name);
	set_nth(l->r, "Titles", l->n, "TaxId", t->tax_id);
	set_nth(l->r, "Titles", l->n, "Address", t->address);
	set_nth(l->r, "Titles", l->n, "Phone", t->phone);
	set_nth(l->r, "Titles", l->n, "Bank", t->bank);
	set_nth(l->r, "Titles", l->n, "Account", t->account);
	set_nth(l->r, "Titles", l->n, "Email", t->email);
	/* As printed on the invoice: 地址、电话 and 开户行及账号 each on one line. */
	snprintf(both, sizeof(both), "%s%s%s", t->address, *t->address && *t->phone ? " " : "", t->phone);
	set_nth(l->r, "Titles", l->n, "AddressPhone", both);
	snprintf(both, sizeof(both), "%s%s%s", t->bank, *t->bank && *t->account ? " " : "", t->account);
	set_nth(l->r, "Titles", l->n, "BankAccount", both);
	if (t->is_default)
		set_nth(l->r, "Titles", l->n, "Default", "1");
	if (invoice_title_special_ready(t))
		set_nth(l->r, "Titles", l->n, "SpecialReady", "1");
	if (l->selected == t->id)
		l->has_selected = 1;
	l->n++;
}

/* Sets Page.Notice for the done value a successful POST redirected with. */
static void notice(struct req *r)
{
	static const char *const done[] = {
		"title_added", "发票抬头已添加",
		"title_saved", "发票抬头已保存",
		"title_deleted", "发票抬头已删除",
		"title_default", "已设为默认发票抬头",
		NULL };
	const char *v = req_value(r, KEY_DONE);
	size_t i;

	for (i = 0; v && done[i]; i += 2)
		if (strcmp(v, done[i]) == 0)
			req_set(r, "Page.Notice", done[i + 1]);
}

/* The titles page (发票抬头管理) with its add form, or the edit form of title edit (0:
 * none), answered with status. */
static void titles_page(struct req *r, int status, int64_t edit)
{
	struct titles l = { r, 0, 0, 0 };

	req_set(r, "Page.Title", "发票抬头管理");
	req_set(r, "Page.Nav", "invoice");
	notice(r);
	invoice_title_each(req_user(r), add_title, &l);
	req_set_int(r, "TitleCount", l.n);
	if (edit > 0)
		req_set_int(r, "Edit.Id", edit);
	if (req_value(r, KEY_NEXT))
		req_set(r, "Page.Next", req_value(r, KEY_NEXT));
	req_render(r, status, "invoice/titles.cs");
}

/* Fills Order.* (number, labels, amount) for the request page of row. */
static int order_summary(struct req *r, const struct order_row *row)
{
	char buf[32];
	int64_t fen;

	if (order_to_hdf(row->id, req_hdf(r), "Order", 0) != 0)
		return -1;
	/* What is invoiced is the money received; before it arrives, the amount due. */
	fen = invoice_received_fen(row->id);
	if (fen <= 0)
		fen = row->amount_fen;
	if (fen >= 0) {
		util_fen_to_yuan(fen, buf, sizeof(buf));
		req_set(r, "Order.AmountText", buf);
	}
	req_set(r, "Order.PayStatus", row->pay_status);
	if (payment_payable(row->status, row->pay_status))
		req_set(r, "Order.CanPay", "1");
	return 0;
}

/* Fills Invoice.* with the latest request of the order (when there is one): Id, State
 * (pending, issued, rejected), Label, type, title, number, reason, times. */
static void latest_invoice(struct req *r, int64_t order)
{
	struct invoice_row inv;
	int64_t id = 0;
	const char *label = invoice_state_of_order(order, &id, NULL, 0);
	char buf[32];

	if (!label || id <= 0 || !invoice_get(id, req_user(r), &inv))
		return;
	req_set_int(r, "Invoice.Id", id);
	req_set(r, "Invoice.State", inv.status);
	req_set(r, "Invoice.Label", label);
	req_set(r, "Invoice.TypeLabel", invoice_type_label(inv.type));
	req_set(r, "Invoice.TitleName", inv.title.name);
	req_set(r, "Invoice.Number", inv.number);
	req_set(r, "Invoice.Reason", inv.reject_reason);
	clock_format(inv.requested_ms, buf, sizeof(buf));
	req_set(r, "Invoice.Requested", buf);
	if (inv.decided_ms > 0) {
		clock_format(inv.decided_ms, buf, sizeof(buf));
		req_set(r, "Invoice.Decided", buf);
	}
}

/* Why no invoice may be asked for on row (invoice_allowed said no): "cancelled",
 * "refunded" or "unpaid". */
static const char *closed_why(const struct order_row *row)
{
	if (strcmp(row->status, "cancelled") == 0)
		return "cancelled";
	return strcmp(row->pay_status, "refunded") == 0 ? "refunded" : "unpaid";
}

/* The request page (开票申请) of the applicant's order row, answered with status: the form
 * for a paid order without an open request; else why there is none. */
static void request_page(struct req *r, int status, const struct order_row *row)
{
	struct titles l = { r, 0, id_value(r, KEY_TITLE), 0 };
	const char *state;
	char next[64];

	if (order_summary(r, row) != 0) {
		req_error(r, 503, NULL);
		return;
	}
	req_set(r, "Page.Title", "开票申请");
	req_set(r, "Page.Nav", "orders");
	notice(r);
	latest_invoice(r, row->id);
	state = hdf_get_value(req_hdf(r), "Invoice.State", NULL);
	if (!invoice_allowed(row))
		req_set(r, "Request.Closed", closed_why(row));
	else if (state && strcmp(state, "rejected") != 0)
		req_set(r, "Request.Closed", "open");
	invoice_title_each(req_user(r), add_title, &l);
	req_set_int(r, "TitleCount", l.n);
	if (l.has_selected)
		req_set_int(r, "Form.title", l.selected);
	if (!hdf_get_value(req_hdf(r), "Form.type", NULL))
		req_set(r, "Form.type", "normal");
	snprintf(next, sizeof(next), "/cgi-bin/invoice.fcgi?order=%lld", (long long)row->id);
	req_set(r, "Request.Next", next);
	req_render(r, status, "invoice/request.cs");
}

/* GET ?invoice=ID[&download=1]: the issued file of the applicant's invoice as an
 * attachment (200); without download, 303 to its order's page; 404 when it is not the
 * applicant's or has no file. */
static void send_invoice(struct req *r)
{
	int64_t id = id_value(r, KEY_INVOICE);
	struct invoice_row inv;
	unsigned char *buf = NULL;
	size_t len = 0;
	char ctype[24], name[96], path[96];

	if (!req_value(r, KEY_DOWNLOAD)) {
		if (!invoice_get(id, req_user(r), &inv)) {
			req_error(r, 404, "未找到该发票");
			return;
		}
		snprintf(path, sizeof(path), "/cgi-bin/orders.fcgi?order=%lld#invoice", (long long)inv.order_id);
		req_redirect(r, path);
		return;
	}
	if (invoice_file(id, req_user(r), &buf, &len, ctype, name) != 0) {
		req_error(r, 404, "未找到该发票文件");
		return;
	}
	req_send(r, 200, ctype, buf, len, name);
	free(buf);
}

/* The applicant's order named by the order field into row; 0 (after answering 404) when
 * it is missing, malformed or another applicant's — all answered alike. */
static int own_order(struct req *r, struct order_row *row)
{
	int64_t id = id_value(r, KEY_ORDER);

	if (id <= 0 || !order_get(id, req_user(r), row)) {
		req_error(r, 404, "未找到该业务单");
		return 0;
	}
	return 1;
}

/* Fills Form.* from the stored title t (the edit form). */
static void title_to_form(struct req *r, const struct invoice_title *t)
{
	size_t i;
	char key[48];

	for (i = 0; i < nitems(title_keys); i++) {
		const char *name = fields[title_keys[i]].name, *v = title_get((void *)t, name);
		snprintf(key, sizeof(key), "Form.%s", name);
		if (v)
			req_set(r, key, v);
	}
	if (t->is_default)
		req_set(r, "Form.default", "1");
}

/* GET: the titles page (200); ?title=ID its edit form (200, 404 when not the applicant's);
 * ?order=ID the request page (200, 404 when not the applicant's); ?invoice=ID&download=1
 * the issued file (see send_invoice). */
static void show(struct req *r)
{
	struct order_row row;
	struct invoice_title t;
	int64_t id;

	if (req_value(r, KEY_INVOICE)) {
		send_invoice(r);
		return;
	}
	if (req_value(r, KEY_ORDER)) {
		if (own_order(r, &row))
			request_page(r, 200, &row);
		return;
	}
	id = id_value(r, KEY_TITLE);
	if (id > 0) {
		if (!invoice_title_get(req_user(r), id, &t)) {
			req_error(r, 404, "未找到该发票抬头");
			return;
		}
		title_to_form(r, &t);
		titles_page(r, 200, id);
		return;
	}
	titles_page(r, 200, 0);
}

/* GET with a bad field: 404 when it names an order, title or invoice badly (as for one
 * not found); else the page without the bad value. */
static void show_invalid(struct req *r)
{
	HDF *hdf = req_hdf(r);

	if (hdf_get_value(hdf, "Errors.order", NULL) || hdf_get_value(hdf, "Errors.title", NULL)
	    || hdf_get_value(hdf, "Errors.invoice", NULL) || hdf_get_value(hdf, "Errors.download", NULL)) {
		req_error(r, 404, NULL);
		return;
	}
	hdf_remove_tree(hdf, "Errors");
	hdf_remove_tree(hdf, "Form");
	show(r);
}

/* The title form shown again with the messages (422); edit is the title being edited. */
static void title_refused(struct req *r, int64_t edit)
{
	req_form_error(r, "发票抬头未保存，请按提示修改");
	titles_page(r, 422, edit);
}

/* Where a saved title goes: next (the request page it was added from, with the new title
 * chosen), else the titles page with done. 303. */
static void title_done(struct req *r, int64_t id, const char *done)
{
	const char *next = req_value(r, KEY_NEXT);
	char path[320];

	if (next && strncmp(next, "/cgi-bin/invoice.fcgi?order=", 28) == 0
	    && strspn(next + 28, "0123456789") == strlen(next + 28))
		snprintf(path, sizeof(path), "%s&title=%lld&done=%s", next, (long long)id, done);
	else if (next)
		snprintf(path, sizeof(path), "%s", next);
	else
		snprintf(path, sizeof(path), "/cgi-bin/invoice.fcgi?done=%s", done);
	req_redirect(r, path);
}

/* Saves the form's title as *id (0: a new one). 303 (see title_done); 422 with the
 * messages beside the fields and nothing stored (or when the titles are at their limit); 404 when *id is not the applicant's;
 * 503 on a storage error. */
static void save_title(struct req *r, int64_t id)
{
	enum invoice_result rc;
	int64_t edit = id;

	if (invoice_title_check(form_get, r, title_bad, r) > 0) {
		title_refused(r, edit);
		return;
	}
	rc = invoice_title_save(req_user(r), &id, form_get, r, req_value(r, KEY_DEFAULT) != NULL);
	switch (rc) {
	case INVOICE_OK:
		req_audit(r, edit ? "invoice_title_edit" : "invoice_title_add", 0, "ok", NULL);
		title_done(r, id, edit ? "title_saved" : "title_added");
		return;
	case INVOICE_NOT_FOUND:
		req_error(r, 404, "未找到该发票抬头");
		return;
	case INVOICE_INVALID:
		invoice_title_check(form_get, r, title_bad, r);
		title_refused(r, edit);
		return;
	case INVOICE_STATE:
		req_form_error(r, "发票抬头最多可保存20个，请删除不再使用的抬头后再添加");
		titles_page(r, 422, edit);
		return;
	default:
		req_error(r, 503, NULL);
		return;
	}
}

/* POST title_add: a new title. See save_title. */
static void do_title_add(struct req *r)
{
	save_title(r, 0);
}

/* POST title_edit, id: changes the applicant's title id. See save_title (404 for a title
 * that is not the applicant's). */
static void do_title_edit(struct req *r)
{
	struct invoice_title t;
	int64_t id = id_value(r, KEY_ID);

	if (!invoice_title_get(req_user(r), id, &t)) {
		req_error(r, 404, "未找到该发票抬头");
		return;
	}
	save_title(r, id);
}

/* A title add or edit with a malformed or over-long field: the form again with every
 * message (422); 404 for an edit of a title that is not the applicant's. */
static void title_invalid(struct req *r)
{
	struct invoice_title t;
	int64_t id = id_value(r, KEY_ID);
	const char *action = hdf_get_value(req_hdf(r), "Query.action", "");

	if (strcmp(action, "title_edit") == 0 && !invoice_title_get(req_user(r), id, &t)) {
		req_error(r, 404, "未找到该发票抬头");
		return;
	}
	invoice_title_check(form_get, r, title_bad, r);
	title_refused(r, strcmp(action, "title_edit") == 0 ? id : 0);
}

/* Answers a title delete or 设为默认: 303 to the titles page with done, 404 when the title is
 * not the applicant's, 503 on a storage error. */
static void title_answer(struct req *r, enum invoice_result rc, const char *done)
{
	char path[64], action[48];

	if (rc == INVOICE_OK) {
		snprintf(action, sizeof(action), "invoice_%s", done);
		req_audit(r, action, 0, "ok", NULL);
		snprintf(path, sizeof(path), "/cgi-bin/invoice.fcgi?done=%s", done);
		req_redirect(r, path);
	} else if (rc == INVOICE_NOT_FOUND) {
		req_error(r, 404, "未找到该发票抬头");
	} else {
		req_error(r, 503, NULL);
	}
}

/* POST title_delete, id: deletes the applicant's title (requests keep their copy); see
 * title_answer for the statuses. */
static void do_title_delete(struct req *r)
{
	title_answer(r, invoice_title_delete(req_user(r), id_value(r, KEY_ID)), "title_deleted");
}

/* POST title_default, id: makes the applicant's title the default (设为默认); see
 * title_answer for the statuses. */
static void do_title_default(struct req *r)
{
	title_answer(r, invoice_title_make_default(req_user(r), id_value(r, KEY_ID)), "title_default");
}

/* A title delete or 设为默认 without a valid id: as for a title not found. 404. */
static void title_id_invalid(struct req *r)
{
	req_error(r, 404, "未找到该发票抬头");
}

/* The request page again with msg (422); the order is the applicant's. */
static void request_refused(struct req *r, const struct order_row *row, const char *msg)
{
	req_form_error(r, msg);
	request_page(r, 422, row);
}

/* POST request, order, type, title: asks for an invoice of the applicant's paid order
 * with a copy of the title. 303 to the order list (done=invoice_requested); 404 when the
 * order or the title is not the applicant's; 422 with the request page and the reason
 * (money not received, refunded or the order cancelled: invoice_allowed; already asked
 * for; special invoice with an incomplete title); 503 on
 * a storage error. */
static void do_request(struct req *r)
{
	struct order_row row;
	const char *type = req_value(r, KEY_TYPE);
	int64_t id = 0, order;
	enum invoice_result rc;

	if (!own_order(r, &row))
		return;
	order = row.id;
	rc = invoice_request(req_user(r), order, type, id_value(r, KEY_TITLE), &id);
	req_audit(r, "invoice_request", order, rc == INVOICE_OK ? "ok" : "refused", type);
	switch (rc) {
	case INVOICE_OK:
		req_redirect(r, "/cgi-bin/orders.fcgi?done=invoice_requested");
		return;
	case INVOICE_NOT_FOUND:
		req_error(r, 404, "未找到该业务单或发票抬头");
		return;
	case INVOICE_UNPAID:
		request_refused(r, &row, strcmp(closed_why(&row), "cancelled") == 0 ? "业务单已取消，不能申请开票"
		    : strcmp(closed_why(&row), "refunded") == 0 ? "该业务单的款项已退款，不能申请开票"
		    : "订单未支付，不能申请开票");
		return;
	case INVOICE_OPEN_EXISTS:
		request_refused(r, &row, "该业务单已申请开票");
		return;
	case INVOICE_NOT_SPECIAL:
		req_field_error(r, KEY_TITLE, "请选择信息完整的单位抬头，或改开增值税普通发票");
		request_refused(r, &row, "增值税专用发票需要填写完整的单位抬头（纳税人识别号、地址、电话、开户行及账号）");
		return;
	default:
		req_error(r, 503, NULL);
		return;
	}
}

/* A request with a missing or malformed field: the request page with the messages (422);
 * 404 when the order is not the applicant's. */
static void request_invalid(struct req *r)
{
	struct order_row row;
	HDF *hdf = req_hdf(r);

	if (hdf_get_value(hdf, "Errors.order", NULL)) {
		req_error(r, 404, "未找到该业务单");
		return;
	}
	if (!own_order(r, &row))
		return;
	if (hdf_get_value(hdf, "Errors.type", NULL))
		req_field_error(r, KEY_TYPE, "请选择发票类型");
	if (hdf_get_value(hdf, "Errors.title", NULL))
		req_field_error(r, KEY_TITLE, "请选择发票抬头");
	request_refused(r, &row, "开票申请未提交，请按提示修改");
}

static const struct route routes[] = {
	{ "GET",  NULL, NULL,            AUTH_USER, 0, 0, 0, 0, show, show_invalid },
	{ "POST", NULL, "title_add",     AUTH_USER, 0, 0, 0, 0, do_title_add, title_invalid },
	{ "POST", NULL, "title_edit",    AUTH_USER, 0, 0, 0, 0, do_title_edit, title_invalid },
	{ "POST", NULL, "title_delete",  AUTH_USER, 0, 0, 0, NEED(KEY_ID), do_title_delete, title_id_invalid },
	{ "POST", NULL, "title_default", AUTH_USER, 0, 0, 0, NEED(KEY_ID), do_title_default, title_id_invalid },
	{ "POST", NULL, "request",       AUTH_USER, 0, 0, 0, NEED(KEY_ORDER) | NEED(KEY_TYPE) | NEED(KEY_TITLE),
	  do_request, request_invalid },
};

int main(void)
{
	return app_run("invoice", routes, nitems(routes), fields, KEY__MAX);
}
