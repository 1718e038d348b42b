/* cgi-bin/admin_pay.c: the finance side of the staff page: transfer claims to confirm or decline, money to refund (待退款) with its cause, every payment, bank statement import with its preview, refunds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "admin.h"
#include "clock.h"
#include "doc.h"
#include "filestore.h"
#include "invoice.h"
#include "order.h"
#include "payment.h"
#include "review.h"
#include "staff.h"
#include "util.h"

#define STATEMENT_MAX (2 * 1024 * 1024)
#define CLAIMS_MAX 200

/* Sets list.N.name to value. */
static void set_nth(struct req *r, const char *list, int n, const char *name, const char *value)
{
	char key[64];

	snprintf(key, sizeof(key), "%s.%d.%s", list, n, name);
	req_set(r, key, value ? value : "");
}

/* Adds a payment row to the list named by ctx's req and the list name (list.N.*). */
struct list_ctx {
	struct req *r;
	const char *list;
};

static void add_payment(void *ctx, const struct payment_row *p)
{
	struct list_ctx *l = ctx;
	int n = hdf_get_int_value(req_hdf(l->r), l->list, 0);
	char text[32], count[48];

	snprintf(text, sizeof(text), "%lld", (long long)p->id);
	set_nth(l->r, l->list, n, "Id", text);
	snprintf(text, sizeof(text), "%lld", (long long)p->order_id);
	set_nth(l->r, l->list, n, "Order", text);
	set_nth(l->r, l->list, n, "Name", p->name);
	set_nth(l->r, l->list, n, "Method", payment_method_label(p->method));
	set_nth(l->r, l->list, n, "MethodCode", p->method);
	set_nth(l->r, l->list, n, "Status", payment_status_label(p->status));
	set_nth(l->r, l->list, n, "StatusCode", p->status);
	util_fen_to_yuan(p->amount_fen, text, sizeof(text));
	set_nth(l->r, l->list, n, "Amount", text);
	clock_format(p->created_ms, text, sizeof(text));
	set_nth(l->r, l->list, n, "At", text);
	set_nth(l->r, l->list, n, "TradeNo", p->trade_no);
	set_nth(l->r, l->list, n, "OutTradeNo", p->out_trade_no);
	set_nth(l->r, l->list, n, "Payer", p->payer);
	set_nth(l->r, l->list, n, "PaidOn", p->paid_on);
	set_nth(l->r, l->list, n, "Reason", p->reason);
	set_nth(l->r, l->list, n, "Code", p->transfer_code);
	set_nth(l->r, l->list, n, "Source", p->source);
	set_nth(l->r, l->list, n, "DecidedBy", p->decided_by);
	set_nth(l->r, l->list, n, "Cause", p->cause);
	if (p->decided_ms) {
		clock_format(p->decided_ms, text, sizeof(text));
		set_nth(l->r, l->list, n, "Decided", text);
	}
	snprintf(text, sizeof(text), "%lld", (long long)p->slip_doc);
	set_nth(l->r, l->list, n, "Slip", p->slip_doc ? text : "");
	snprintf(count, sizeof(count), "%s", l->list);
	req_set_int(l->r, count, n + 1);
}

void admin_order_payments(struct req *r, int64_t id)
{
	struct list_ctx l = { r, "Payments" };
	struct invoice_row inv;
	struct order_row row;
	int64_t invoice;
	char code[9];

	if (!order_get(id, 0, &row))
		return;
	payment_each_of_order(id, add_payment, &l);
	if (payment_transfer_code(id, code) == 0)
		req_set(r, "Order.TransferCode", code);
	if (payment_claim_waiting(id)) {
		req_set(r, "Pay.CanConfirm", "1");
		/* A claim that cannot pay the order is said before finance confirms it. */
		req_set(r, "Pay.ClaimCause", payment_claim_cause(id));
	}
	if (payment_refundable(id)) {
		req_set(r, "Pay.CanRefund", "1");
		if (invoice_state_of_order(id, &invoice, NULL, 0) && invoice_get(invoice, 0, &inv)
		    && strcmp(inv.status, "issued") == 0)
			req_set(r, "Pay.InvoiceIssued", "1");
	}
}

void admin_send_slip(struct req *r, int64_t order, int64_t doc)
{
	struct doc_meta meta;
	unsigned char *buf = NULL;
	size_t len = 0;

	if (!(req_staff_roles(r) & (ROLE_FINANCE | ROLE_REVIEWER)) || doc_load_id(order, doc, &meta, &buf, &len) != 0) {
		req_error(r, 404, NULL);
		return;
	}
	req_audit(r, "view_document", order, "ok", "transfer_slip");
	req_send_inline(r, 200, meta.ctype, buf, len, NULL);
	free(buf);
}

void admin_payments_page(struct req *r, int status)
{
	struct list_ctx claims = { r, "Claims" }, all = { r, "All" }, refunds = { r, "ToRefund" };
	const char *p = req_value(r, KEY_P);
	int page = p ? atoi(p) : 1, total;

	if (page < 1)
		page = 1;
	admin_frame(r, "支付管理");
	req_set(r, "Page.Nav", "payments");
	payment_list("claimed", 0, CLAIMS_MAX, add_payment, &claims);
	req_set_int(r, "ToRefundTotal", payment_list_to_refund(0, CLAIMS_MAX, add_payment, &refunds));
	total = payment_list(NULL, (page - 1) * PAGE_SIZE, PAGE_SIZE, add_payment, &all);
	admin_pager(r, total, page);
	req_render(r, status, "admin/payments.cs");
}

/* Adds a statement row and its match (Rows.N.*), counting the matches. */
static void add_match(void *ctx, const struct payment_match *m)
{
	struct req *r = ctx;
	int n = hdf_get_int_value(req_hdf(r), "Rows", 0);
	char text[32];

	snprintf(text, sizeof(text), "%d", m->row.line);
	set_nth(r, "Rows", n, "Line", text);
	set_nth(r, "Rows", n, "Date", m->row.date);
	util_fen_to_yuan(m->row.amount_fen, text, sizeof(text));
	set_nth(r, "Rows", n, "Amount", text);
	set_nth(r, "Rows", n, "Payer", m->row.payer);
	set_nth(r, "Rows", n, "Remark", m->row.remark);
	set_nth(r, "Rows", n, "Serial", m->row.serial);
	set_nth(r, "Rows", n, "Code", m->code);
	if (m->order) {
		snprintf(text, sizeof(text), "%lld", (long long)m->order);
		set_nth(r, "Rows", n, "Order", text);
	}
	if (m->order_fen >= 0) {
		util_fen_to_yuan(m->order_fen, text, sizeof(text));
		set_nth(r, "Rows", n, "OrderAmount", text);
	}
	set_nth(r, "Rows", n, "Verdict", m->verdict);
	set_nth(r, "Rows", n, "VerdictLabel", payment_match_label(m->verdict));
	if (strcmp(m->verdict, "match") == 0)
		req_set_int(r, "Statement.Matches", hdf_get_int_value(req_hdf(r), "Statement.Matches", 0) + 1);
	req_set_int(r, "Rows", n + 1);
}

void admin_statement_page(struct req *r, int64_t id, int status)
{
	int64_t applied_ms;
	char when[32];

	admin_frame(r, "银行流水导入");
	req_set(r, "Page.Nav", "payments");
	req_set_int(r, "Statement.Id", id);
	req_set_int(r, "Statement.Matches", 0);
	if (payment_statement_preview(id, &applied_ms, add_match, r) < 0) {
		req_error(r, 404, NULL);
		return;
	}
	if (applied_ms) {
		clock_format(applied_ms, when, sizeof(when));
		req_set(r, "Statement.Applied", when);
	}
	req_render(r, status, "admin/statement.cs");
}

/* Answers a finance action through admin_order_answer. */
static void pay_answer(struct req *r, int64_t id, enum payment_result rc, const char *action)
{
	admin_order_answer(r, id, action, rc != PAYMENT_NOT_FOUND, rc == PAYMENT_OK ? NULL
	    : rc == PAYMENT_STATE ? "该业务单当前没有可执行此操作的款项（可能已被处理），操作未执行" : "操作失败，请稍后再试",
	    rc == PAYMENT_STATE ? "state" : NULL);
}

/* POST confirm_payment: the waiting transfer claim is received. 303; 422 when none waits; 404. */
void admin_do_confirm(struct req *r)
{
	int64_t id = strtoll(req_value(r, KEY_ORDER), NULL, 10);
	char login[40];

	staff_login_name(req_staff(r), login, sizeof(login));
	pay_answer(r, id, payment_confirm(id, req_staff(r), login), "confirm_payment");
}

/* POST decline_payment with reason: 303; 422 without a reason or when no claim waits; 404. */
void admin_do_decline(struct req *r)
{
	int64_t id = strtoll(req_value(r, KEY_ORDER), NULL, 10);
	char reason[REASON_BYTES], login[40];

	if (admin_reason(r, reason, sizeof(reason), "请选择或填写未能确认的原因") != 0) {
		admin_order_page(r, id, 422);
		return;
	}
	staff_login_name(req_staff(r), login, sizeof(login));
	pay_answer(r, id, payment_decline(id, req_staff(r), login, reason), "decline_payment");
}

/* POST refund with reason: 303; 422 without a reason or with nothing to refund; 404. */
void admin_do_refund(struct req *r)
{
	int64_t id = strtoll(req_value(r, KEY_ORDER), NULL, 10);
	char reason[REASON_BYTES], login[40];

	if (admin_reason(r, reason, sizeof(reason), "请填写退款说明（如退款方式、退款流水号）") != 0) {
		admin_order_page(r, id, 422);
		return;
	}
	staff_login_name(req_staff(r), login, sizeof(login));
	pay_answer(r, id, payment_refund(id, req_staff(r), login, reason), "refund");
}

/* POST statement_upload with the CSV in file: stores it and shows its preview (303 to
 * view=statement); 422 with the reason when it is missing, too large or unreadable. */
void admin_do_statement_upload(struct req *r)
{
	FILE *fp = req_file(r, KEY_FILE);
	const char *err = "请选择银行流水文件（CSV）";
	unsigned char *data = NULL;
	char path[96];
	size_t len = 0;
	int64_t id = -1;

	if (fp && filestore_slurp(fp, STATEMENT_MAX, &data, &len) != 0)
		err = "流水文件不能超过 2MB";
	else if (fp && len > 0)
		id = payment_statement_store(req_staff(r), req_file_name(r, KEY_FILE), (const char *)data, len, &err);
	free(data);
	req_audit(r, "statement_upload", 0, id > 0 ? "ok" : "refused", NULL);
	if (id > 0) {
		snprintf(path, sizeof(path), "/cgi-bin/admin.fcgi?view=statement&statement=%lld", (long long)id);
		req_redirect(r, path);
		return;
	}
	req_field_error(r, KEY_FILE, err ? err : "流水文件无法读取");
	admin_payments_page(r, 422);
}

/* POST statement_apply: every matching row becomes a received transfer. 303 to the
 * statement; 422 when it was applied already; 404. */
void admin_do_statement_apply(struct req *r)
{
	int64_t id = strtoll(req_value(r, KEY_STATEMENT), NULL, 10);
	enum payment_result rc;
	char login[40], path[112], detail[32];
	int applied = 0;

	staff_login_name(req_staff(r), login, sizeof(login));
	rc = payment_statement_apply(id, req_staff(r), login, &applied);
	snprintf(detail, sizeof(detail), "statement %lld: %d", (long long)id, applied);
	req_audit(r, "statement_apply", 0, rc == PAYMENT_OK ? "ok" : "refused", detail);
	if (rc == PAYMENT_OK) {
		snprintf(path, sizeof(path), "/cgi-bin/admin.fcgi?view=statement&statement=%lld&done=statement_apply",
		    (long long)id);
		req_redirect(r, path);
		return;
	}
	if (rc == PAYMENT_NOT_FOUND) {
		req_error(r, 404, NULL);
		return;
	}
	req_form_error(r, rc == PAYMENT_STATE ? "该流水已入账，不能重复入账" : "入账失败，请稍后再试");
	admin_statement_page(r, id, 422);
}

/* A statement action with a missing or invalid field: the payments page again. 422. */
void admin_statement_invalid(struct req *r)
{
	req_form_error(r, "提交未成功，请按提示修改");
	admin_payments_page(r, 422);
}
