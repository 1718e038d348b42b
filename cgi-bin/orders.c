/* cgi-bin/orders.c: 业务单管理 / 业务单查询: the applicant's order list (paged, filtered, searchable), one order's page with its timeline and delivery, cancellation and 确认收货. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "cfg.h"
#include "clock.h"
#include "delivery.h"
#include "doc.h"
#include "purge.h"
#include "invoice.h"
#include "lifecycle.h"
#include "order.h"
#include "workday.h"

#define PER_PAGE 10

enum key { KEY_ORDER, KEY_P, KEY_STATUS, KEY_Q, KEY_DONE, KEY__MAX };

static const struct field fields[KEY__MAX] = {
	[KEY_ORDER]  = { "order",  valid_id,    19, 0 },
	[KEY_P]      = { "p",      valid_id,    6,  0 },
	[KEY_STATUS] = { "status", valid_token, 16, 0 },
	[KEY_Q]      = { "q",      valid_id,    19, 0 },
	[KEY_DONE]   = { "done",   valid_token, 32, 0 },
};

/* The statuses in the order of the filter's options (labels from order_status_label). */
static const char *const statuses[] = { "draft", "pending", "rejected", "approved", "producing",
	"shipped", "ready", "completed", "cancelled" };

/* Sets prefix.<n>.name = value (value NULL: nothing). */
static void set_nth(struct req *r, const char *prefix, int n, const char *name, const char *value)
{
	char key[96];

	if (!value)
		return;
	snprintf(key, sizeof(key), "%s.%d.%s", prefix, n, name);
	req_set(r, key, value);
}

/* Sets prefix.<n>.name = "1" when flag is set. */
static void flag_nth(struct req *r, const char *prefix, int n, const char *name, int flag)
{
	if (flag)
		set_nth(r, prefix, n, name, "1");
}

/* Sets Invoice* under node from the order's latest invoice request (id 0: none asked
 * for): InvoiceLabel (待开票 / 已开票 / 已驳回), InvoiceState (its status: pending, issued
 * or rejected) and InvoiceId (for the download of an issued one). */
static void set_invoice(HDF *node, int64_t id, const char *status)
{
	if (!id)
		return;
	row_set(node, "InvoiceLabel", invoice_status_label(status));
	row_set(node, "InvoiceState", status);
	row_int(node, "InvoiceId", id);
}

/* Sets under node what the life table lets the applicant do with an order row
 * (Can<Action>: CanPay, CanInvoice, CanCancel, CanReceive, ...; CanEdit for its save)
 * and Rejected. */
static void set_actions(HDF *node, const struct order_row *row)
{
	struct life_state state = life_state_of(row);

	if (!node)
		return;
	life_flags(node, NULL, LIFE_USER, 0, &state);
	if (hdf_get_value(node, "CanSave", NULL))
		row_set(node, "CanEdit", "1");
	if (strcmp(row->status, "rejected") == 0)
		row_set(node, "Rejected", "1");
}

/* The amount to show for an order: the fixed one, else what it would cost now; "—" when
 * neither is known. */
static void amount_text(const struct order_row *row, char *out, size_t size)
{
	int64_t fen = row->amount_fen >= 0 ? row->amount_fen
	    : order_quote(row->subject, row->kind, row->project, row->years, row->cert_count);

	if (fen < 0)
		util_copy(out, size, "—");
	else
		util_fen_to_yuan(fen, out, size);
}

/* The list being built into Orders.N.*. */
struct list {
	struct req *r;
	int n, offset;
};

/* Adds one order row to the page data. */
static void add_row(void *ctx, const struct order_list_row *item)
{
	const struct order_row *row = &item->order;
	struct list *l = ctx;
	HDF *node = req_row(l->r, "Orders", l->n);
	char buf[64];

	row_int(node, "No", l->offset + l->n + 1);
	row_int(node, "Id", row->id);
	row_set(node, "SubjectLabel", order_subject_label(row->subject));
	row_set(node, "KindLabel", order_kind_label(row->kind));
	row_set(node, "CertType", order_cert_type(row->subject));
	row_int(node, "Years", row->years);
	amount_text(row, buf, sizeof(buf));
	row_set(node, "AmountYuan", buf);
	row_set(node, "Status", row->status);
	row_set(node, "StatusLabel", order_status_label(row->status));
	row_set(node, "PayStatus", row->pay_status);
	row_set(node, "PayStatusLabel", order_pay_label(row->pay_status));
	set_actions(node, row);
	set_invoice(node, item->invoice_id, item->invoice_status);
	l->n++;
}

/* Fills Statuses.N.* (the filter's options) and the pager, queries the page of orders and
 * renders the list with status. status_filter and number are already validated (NULL / 0:
 * none). */
static void list_page(struct req *r, int status, const char *status_filter, int64_t number)
{
	struct list l = { r, 0, 0 };
	const char *p = req_value(r, KEY_P);
	long page = p ? strtol(p, NULL, 10) : 1, pages;
	char query[96] = "";
	size_t i;
	int total;

	for (i = 0; i < nitems(statuses); i++) {
		set_nth(r, "Statuses", (int)i, "Value", statuses[i]);
		set_nth(r, "Statuses", (int)i, "Label", order_status_label(statuses[i]));
	}
	if (status_filter)
		snprintf(query, sizeof(query), "&status=%s", status_filter);
	if (number)
		snprintf(query + strlen(query), sizeof(query) - strlen(query), "&q=%lld", (long long)number);
	if (page < 1)
		page = 1;
	l.offset = (int)((page - 1) * PER_PAGE);
	total = order_list(req_user(r), status_filter, number, l.offset, PER_PAGE, add_row, &l);
	pages = total > 0 ? (total + PER_PAGE - 1) / PER_PAGE : 1;
	if (page > pages) {
		/* Past the end (an old link after a cancellation): show the last page. */
		page = pages;
		l.offset = (int)((page - 1) * PER_PAGE);
		l.n = 0;
		hdf_remove_tree(req_hdf(r), "Orders");
		total = order_list(req_user(r), status_filter, number, l.offset, PER_PAGE, add_row, &l);
	}
	req_set(r, "Page.Title", "业务单管理");
	req_set(r, "Page.Nav", "orders");
	req_set_int(r, "Pager.Total", total);
	req_set_int(r, "Pager.Page", page);
	req_set_int(r, "Pager.Pages", pages);
	if (page > 1)
		req_set_int(r, "Pager.Prev", page - 1);
	if (page < pages)
		req_set_int(r, "Pager.Next", page + 1);
	req_set(r, "Pager.Query", query);
	if (status_filter) {
		req_set(r, "Filter.Status", status_filter);
		req_set(r, "Filter.StatusLabel", order_status_label(status_filter));
	}
	if (number) {
		char buf[24];
		snprintf(buf, sizeof(buf), "%lld", (long long)number);
		req_set(r, "Filter.Number", buf);
	}
	req_render(r, status, "orders/list.cs");
}

/* Stores in *out the status filter of the request (NULL: none). Returns 0, or -1 after
 * marking the field when it names no known status. */
static int status_filter(struct req *r, const char **out)
{
	const char *v = req_value(r, KEY_STATUS);

	*out = NULL;
	if (v && !order_status_label(v)) {
		req_field_error(r, KEY_STATUS, "请选择有效的业务单状态");
		return -1;
	}
	*out = v;
	return 0;
}

/* Shows the list: 200, or 422 (unfiltered, with the message) for an unknown status. */
static void show_list(struct req *r)
{
	const char *filter, *q = req_value(r, KEY_Q), *done = req_value(r, KEY_DONE);
	int bad = status_filter(r, &filter) != 0;

	if (done && strcmp(done, "cancelled") == 0)
		req_set(r, "Page.Notice", "业务单已取消");
	else if (done && strcmp(done, "invoice_requested") == 0)
		req_set(r, "Page.Notice", "开票申请已提交，财务人员开具发票后将发送至抬头中的接收邮箱");
	list_page(r, bad ? 422 : 200, filter, q ? strtoll(q, NULL, 10) : 0);
}

/* The timeline being built into History.N.*. */
struct timeline {
	struct req *r;
	int n;
	int64_t pending_ms;	/* when the order last entered pending */
};

/* Adds one status change to the timeline; a row that keeps the status (from == to: a
 * note such as 证书已制作 or 已修改) is marked Note, shown by its reason. */
static void add_history(void *ctx, const struct order_event *e)
{
	struct timeline *t = ctx;
	int note = e->from && e->to && strcmp(e->from, e->to) == 0;
	char when[32];

	clock_format(e->at_ms, when, sizeof(when));
	set_nth(t->r, "History", t->n, "Time", when);
	set_nth(t->r, "History", t->n, "From", e->from ? order_status_label(e->from) : NULL);
	set_nth(t->r, "History", t->n, "To", e->to ? order_status_label(e->to) : NULL);
	set_nth(t->r, "History", t->n, "Status", e->to);
	set_nth(t->r, "History", t->n, "Reason", e->reason && *e->reason ? e->reason : NULL);
	flag_nth(t->r, "History", t->n, "Note", note);
	if (!note && e->to && strcmp(e->to, "pending") == 0)
		t->pending_ms = e->at_ms;
	if (!note && e->to && (strcmp(e->to, "rejected") == 0 || strcmp(e->to, "approved") == 0))
		req_set(t->r, "Review.Time", when);
	t->n++;
}

/* Marks Fixed.<name> for an item the applicant changed since the rejection (known field
 * and slot names only). */
static void mark_fixed(void *ctx, const char *item)
{
	char key[96];

	if (!item || !order_item_label(item))
		return;
	snprintf(key, sizeof(key), "Fixed.%s", item);
	req_set(ctx, key, "1");
}

/* Fills Review.Items.N.* (Label, Doc, Fixed) and Fix.<name> from the comma-separated item
 * names of the rejection (Fixed: the item changed since it, 已补正, from mark_fixed);
 * unknown names are shown as they are, never used as HDF names. */
static void set_review_items(struct req *r, const char *items)
{
	char fixed[96];

	char name[48], key[96];
	const char *s = items;
	int n = 0;

	while (s && *s) {
		size_t len = strcspn(s, ", ");
		const struct doc_slot *slot;
		const char *label;
		if (len > 0 && len < sizeof(name)) {
			memcpy(name, s, len);
			name[len] = '\0';
			slot = doc_slot(name);
			label = order_item_label(name);
			set_nth(r, "Review.Items", n, "Label", label ? label : name);
			flag_nth(r, "Review.Items", n, "Doc", slot != NULL);
			if (label) {
				snprintf(fixed, sizeof(fixed), "Fixed.%s", name);
				flag_nth(r, "Review.Items", n, "Fixed",
				    hdf_get_value(req_hdf(r), fixed, NULL) != NULL);
			}
			if (label) {
				/* name is one of the known slot or field names here. */
				snprintf(key, sizeof(key), "Fix.%s", name);
				req_set(r, key, "1");
			}
			n++;
		}
		s += len;
		s += strspn(s, ", ");
	}
}

/* Fills Docs.N.* with the document slots the order's subject needs. */
static void set_documents(struct req *r, int64_t id, const char *subject)
{
	int need = strcmp(subject, "enterprise") == 0 ? DOC_ENTERPRISE : DOC_PERSONAL;
	const struct doc_slot *s;
	struct doc_meta meta;
	char when[32];
	int n = 0;

	for (s = doc_slots; s->name; s++) {
		if (!(s->subjects & need))
			continue;
		snprintf(when, sizeof(when), "%d", n + 1);
		set_nth(r, "Docs", n, "No", when);
		set_nth(r, "Docs", n, "Slot", s->name);
		set_nth(r, "Docs", n, "Label", s->label);
		if (doc_current(id, s->name, &meta)) {
			clock_format(meta.created_ms, when, sizeof(when));
			set_nth(r, "Docs", n, "Uploaded", "1");
			set_nth(r, "Docs", n, "Time", when);
		}
		n++;
	}
}

/* Fills Invoice.* with the order's latest invoice request for the order page: its type,
 * title, times, number (issued) or the reason (rejected). */
static void set_invoice_detail(struct req *r)
{
	const char *id = hdf_get_value(req_hdf(r), "Order.InvoiceId", NULL);
	struct invoice_row inv;
	char when[32];

	if (!id || !invoice_get(strtoll(id, NULL, 10), req_user(r), &inv))
		return;
	req_set(r, "Invoice.TypeLabel", invoice_type_label(inv.type));
	req_set(r, "Invoice.TitleName", inv.title.name);
	req_set(r, "Invoice.KindLabel", invoice_kind_label(inv.title.kind));
	req_set(r, "Invoice.Email", inv.title.email);
	clock_format(inv.requested_ms, when, sizeof(when));
	req_set(r, "Invoice.Requested", when);
	if (inv.decided_ms > 0) {
		clock_format(inv.decided_ms, when, sizeof(when));
		req_set(r, "Invoice.Decided", when);
	}
	if (inv.number[0])
		req_set(r, "Invoice.Number", inv.number);
	if (inv.reject_reason[0])
		req_set(r, "Invoice.Reason", inv.reject_reason);
}

/* Fills Delivery.* for the order page: the certificate's serial and expiry once produced,
 * the carrier and tracking number once shipped, the pickup address and hours when ready. */
static void set_delivery(struct req *r, const struct order_row *row)
{
	struct delivery_info d;
	char when[32];

	if (!delivery_get(row->id, &d))
		return;
	if (d.serial[0]) {
		req_set(r, "Delivery.Serial", d.serial);
		req_set(r, "Delivery.Expires", d.expires);
	}
	if (d.carrier[0]) {
		req_set(r, "Delivery.Carrier", delivery_carrier_label(d.carrier));
		req_set(r, "Delivery.TrackingNo", d.tracking_no);
		clock_format(d.shipped_ms, when, sizeof(when));
		req_set(r, "Delivery.Shipped", when);
	}
	if (strcmp(row->status, "ready") == 0) {
		req_set(r, "Delivery.PickupAddress", delivery_pickup_address());
		req_set(r, "Delivery.PickupHours", delivery_pickup_hours());
	}
	if (d.completed_ms) {
		clock_format(d.completed_ms, when, sizeof(when));
		req_set(r, "Delivery.Completed", when);
	}
}

/* Fills and renders the order page of row with status; message (may be NULL) is a form
 * error shown at the top. */
static void order_page(struct req *r, int status, const struct order_row *row, const char *message)
{
	HDF *hdf = req_hdf(r);
	struct timeline t = { r, 0, 0 };
	char buf[64], invoice_status[10] = "";
	int64_t invoice = 0;
	HDF *node;

	if (order_to_hdf(row->id, hdf, "Order", 0) != 0) {
		req_error(r, 503, NULL);
		return;
	}
	req_set(r, "Page.Title", "业务单详情");
	req_set(r, "Page.Nav", "orders");
	if (message)
		req_form_error(r, message);
	req_set(r, "Order.NatureLabel", order_nature_label(hdf_get_value(hdf, "Order.org_nature", NULL)));
	req_set(r, "Order.IdTypeLabel", order_id_type_label(hdf_get_value(hdf, "Order.agent_id_type", NULL)));
	req_set(r, "Order.DeliveryLabel", order_delivery_label(row->delivery));
	amount_text(row, buf, sizeof(buf));
	req_set(r, "Order.AmountText", buf);
	if (row->amount_fen < 0)
		req_set(r, "Order.AmountQuoted", "1");
	clock_format(row->created_ms, buf, sizeof(buf));
	req_set(r, "Order.Created", buf);
	if (row->submitted_ms > 0) {
		clock_format(row->submitted_ms, buf, sizeof(buf));
		req_set(r, "Order.Submitted", buf);
	}
	req_set(r, "Order.Status", row->status);
	req_set(r, "Order.PayStatus", row->pay_status);
	purge_to_hdf(row->id, hdf, "Order.Purged");
	node = req_node(r, "Order");
	set_actions(node, row);
	invoice_state_of_order(row->id, &invoice, invoice_status, sizeof(invoice_status));
	set_invoice(node, invoice, invoice_status);
	set_delivery(r, row);
	set_invoice_detail(r);
	set_documents(r, row->id, row->subject);
	if (strcmp(row->status, "rejected") == 0) {
		order_changes_since_reject(row->id, mark_fixed, r);
		set_review_items(r, hdf_get_value(hdf, "Order.review_items", NULL));
	}
	order_history_each(row->id, add_history, &t);
	if (strcmp(row->status, "pending") == 0) {
		int days = (int)cfg_int("Review.WorkingDays", 3, 1, 30);
		int64_t since = t.pending_ms ? t.pending_ms : row->submitted_ms ? row->submitted_ms
		    : row->created_ms;
		workday_add(since, days, buf, sizeof(buf), NULL);
		req_set_int(r, "Timeline.Days", days);
		req_set(r, "Timeline.Expected", buf);
	}
	req_render(r, status, "orders/view.cs");
}

/* The applicant's order named by the order field into row; 0 (after answering 404) when it
 * is missing, malformed or another applicant's — all answered alike. */
static int own_order(struct req *r, struct order_row *row)
{
	const char *v = req_value(r, KEY_ORDER);

	if (!v || !order_get(strtoll(v, NULL, 10), req_user(r), row)) {
		req_error(r, 404, "未找到该业务单");
		return 0;
	}
	return 1;
}

/* GET: the list, or with order=ID that order's page. 200; 404 for an order that is not
 * the applicant's; 422 for a bad status filter. */
static void show(struct req *r)
{
	struct order_row row;

	if (!req_value(r, KEY_ORDER)) {
		show_list(r);
		return;
	}
	if (!own_order(r, &row))
		return;
	if (req_value(r, KEY_DONE) && strcmp(req_value(r, KEY_DONE), "received") == 0)
		req_set(r, "Page.Notice", "已确认收货，业务单已完成");
	order_page(r, 200, &row, NULL);
}

/* GET with a bad field: 404 when it is the order number (as for any order
 * not found); the order page when the order is valid (the other fields do not matter
 * there); else the list, with the valid filters kept and the message beside the bad field
 * or at the top. 422. */
static void show_invalid(struct req *r)
{
	HDF *hdf = req_hdf(r);
	const char *filter;
	const char *q = req_value(r, KEY_Q);

	if (hdf_get_value(hdf, "Errors.order", NULL)) {
		req_error(r, 404, "未找到该业务单");
		return;
	}
	if (req_value(r, KEY_ORDER)) {
		show(r);
		return;
	}
	if (hdf_get_value(hdf, "Errors.q", NULL))
		req_field_error(r, KEY_Q, "请输入正确的业务单号（19位数字）");
	if (hdf_get_value(hdf, "Errors.p", NULL) || hdf_get_value(hdf, "Errors.done", NULL))
		req_form_error(r, "请求参数有误，已显示全部业务单");
	if (hdf_get_value(hdf, "Errors.status", NULL))
		req_field_error(r, KEY_STATUS, "请选择有效的业务单状态");
	if (status_filter(r, &filter) != 0)
		filter = NULL;
	list_page(r, 422, filter, q ? strtoll(q, NULL, 10) : 0);
}

/* The refusal message for cancelling an order that may not be cancelled. */
static const char *cancel_refusal(const struct order_row *row)
{
	return strcmp(row->pay_status, "unpaid") != 0 ? "已支付或已进入审核流程的业务单不能取消"
	    : "该业务单当前状态不能取消";
}

/* GET page=cancel, order: the confirmation page. 200; 404 when the order is not the
 * applicant's; 422 with the order page when its state does not allow cancelling. */
static void show_cancel(struct req *r)
{
	struct order_row row;
	char buf[32];

	if (!own_order(r, &row))
		return;
	if (!order_cancellable(row.status, row.pay_status)) {
		order_page(r, 422, &row, cancel_refusal(&row));
		return;
	}
	if (order_to_hdf(row.id, req_hdf(r), "Order", 0) != 0) {
		req_error(r, 503, NULL);
		return;
	}
	amount_text(&row, buf, sizeof(buf));
	req_set(r, "Order.AmountText", buf);
	req_set(r, "Page.Title", "取消业务单");
	req_set(r, "Page.Nav", "orders");
	req_render(r, 200, "orders/cancel.cs");
}

/* POST cancel, order: cancels an unpaid draft, pending or rejected order. 303 to the list
 * (notice 业务单已取消); 404 when the order is not the applicant's; 422 with the order page
 * when its state does not allow it; 503 on a storage error. */
static void do_cancel(struct req *r)
{
	struct order_row row;
	int64_t id;

	if (!own_order(r, &row))
		return;
	id = row.id;
	switch (order_cancel(req_user(r), id)) {
	case ORDER_OK:
		req_audit(r, "order_cancel", id, "ok", NULL);
		req_redirect(r, "/cgi-bin/orders.fcgi?done=cancelled");
		return;
	case ORDER_NOT_FOUND:
		req_error(r, 404, "未找到该业务单");
		return;
	case ORDER_LOCKED:
		req_audit(r, "order_cancel", id, "refused", row.status);
		if (order_get(id, req_user(r), &row))
			order_page(r, 422, &row, cancel_refusal(&row));
		else
			req_error(r, 404, "未找到该业务单");
		return;
	default:
		req_error(r, 503, NULL);
		return;
	}
}

/* POST receive, order: the applicant confirms receipt (确认收货) of a shipped order, which
 * completes it. 303 back to the order (notice); 404 when the order is not the applicant's;
 * 409 with the order page and the reason when it is not shipped (nothing changed); 503 on
 * a storage error. */
static void do_receive(struct req *r)
{
	struct order_row row;
	char path[96];

	if (!own_order(r, &row))
		return;
	switch (delivery_receive(row.id, req_user(r))) {
	case DELIVERY_OK:
		req_audit(r, "order_receive", row.id, "ok", NULL);
		snprintf(path, sizeof(path), "/cgi-bin/orders.fcgi?order=%lld&done=received", (long long)row.id);
		req_redirect(r, path);
		return;
	case DELIVERY_NOT_FOUND:
		req_error(r, 404, "未找到该业务单");
		return;
	case DELIVERY_REFUSED:
		req_audit(r, "order_receive", row.id, "refused", row.status);
		if (order_get(row.id, req_user(r), &row))
			order_page(r, 409, &row, strcmp(row.status, "completed") == 0 ? "该业务单已完成，无需再次确认收货"
			    : "证书尚未寄出，暂不能确认收货");
		else
			req_error(r, 404, "未找到该业务单");
		return;
	default:
		req_error(r, 503, NULL);
		return;
	}
}

/* POST cancel or receive with a bad or missing order number: as for any order not found. 404. */
static void cancel_invalid(struct req *r)
{
	req_error(r, 404, "未找到该业务单");
}

static const struct route routes[] = {
	{ "GET",  NULL, NULL,     AUTH_USER, 0, 0, 0, 0, show, show_invalid },
	{ "GET",  NULL, "cancel", AUTH_USER, 0, 0, 0, NEED(KEY_ORDER), show_cancel, cancel_invalid },
	{ "POST", NULL, "cancel", AUTH_USER, 0, 0, 0, NEED(KEY_ORDER), do_cancel, cancel_invalid },
	{ "POST", NULL, "receive", AUTH_USER, 0, 0, 0, NEED(KEY_ORDER), do_receive, cancel_invalid },
};

int main(void)
{
	return app_run("orders", routes, nitems(routes), fields, KEY__MAX);
}
