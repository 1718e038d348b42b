/* cgi-bin/admin_invoice.c: the invoice side of the staff page for finance: the request queue, one request with its title as it will be printed, issuing with the file (e-mailed) and rejecting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "admin.h"
#include "clock.h"
#include "invoice.h"
#include "util.h"

/* Sets prefix.name to value (empty for NULL). */
static void set_at(struct req *r, const char *prefix, const char *name, const char *value)
{
	char key[80];

	snprintf(key, sizeof(key), "%s.%s", prefix, name);
	req_set(r, key, value ? value : "");
}

/* Writes an invoice request under prefix (e.g. "Invoice" or "Invoices.3"). */
static void invoice_to_hdf(struct req *r, const char *prefix, const struct invoice_row *inv)
{
	char text[32];

	snprintf(text, sizeof(text), "%lld", (long long)inv->id);
	set_at(r, prefix, "Id", text);
	snprintf(text, sizeof(text), "%lld", (long long)inv->order_id);
	set_at(r, prefix, "Order", text);
	set_at(r, prefix, "Type", invoice_type_label(inv->type));
	set_at(r, prefix, "TypeCode", inv->type);
	set_at(r, prefix, "Status", invoice_status_label(inv->status));
	set_at(r, prefix, "StatusCode", inv->status);
	util_fen_to_yuan(inv->amount_fen, text, sizeof(text));
	set_at(r, prefix, "Amount", text);
	clock_format(inv->requested_ms, text, sizeof(text));
	set_at(r, prefix, "Requested", text);
	if (inv->decided_ms) {
		clock_format(inv->decided_ms, text, sizeof(text));
		set_at(r, prefix, "Decided", text);
	}
	set_at(r, prefix, "Kind", invoice_kind_label(inv->title.kind));
	set_at(r, prefix, "Name", inv->title.name);
	set_at(r, prefix, "TaxId", inv->title.tax_id);
	set_at(r, prefix, "Address", inv->title.address);
	set_at(r, prefix, "Phone", inv->title.phone);
	set_at(r, prefix, "Bank", inv->title.bank);
	set_at(r, prefix, "Account", inv->title.account);
	set_at(r, prefix, "Email", inv->title.email);
	set_at(r, prefix, "Number", inv->number);
	set_at(r, prefix, "Reason", inv->reject_reason);
	set_at(r, prefix, "FileType", strcmp(inv->file_ctype, "application/ofd") == 0 ? "OFD" : inv->file_ctype[0] ? "PDF" : "");
}

/* Appends a request to the list named by the list_ctx. */
struct list_ctx {
	struct req *r;
	const char *list;
};

static void add_invoice(void *ctx, const struct invoice_row *inv)
{
	struct list_ctx *l = ctx;
	int n = hdf_get_int_value(req_hdf(l->r), l->list, 0);
	char prefix[48];

	snprintf(prefix, sizeof(prefix), "%s.%d", l->list, n);
	invoice_to_hdf(l->r, prefix, inv);
	req_set_int(l->r, l->list, n + 1);
}

void admin_order_invoices(struct req *r, int64_t id)
{
	struct list_ctx l = { r, "Invoices" };

	invoice_each_of_order(id, add_invoice, &l);
}

void admin_invoices_page(struct req *r, int status)
{
	struct list_ctx pending = { r, "Pending" }, done = { r, "Done" };
	const char *p = req_value(r, KEY_P), *filter = req_value(r, KEY_STATUS);
	int page = p ? atoi(p) : 1, total;

	if (page < 1)
		page = 1;
	if (filter && (!invoice_status_label(filter) || strcmp(filter, "pending") == 0))
		filter = NULL;
	admin_frame(r, "开票管理");
	req_set(r, "Page.Nav", "invoices");
	req_set(r, "Filter.Status", filter ? filter : "");
	invoice_list("pending", 0, 200, add_invoice, &pending);
	total = invoice_list(filter, (page - 1) * PAGE_SIZE, PAGE_SIZE, add_invoice, &done);
	admin_pager(r, total, page);
	req_render(r, status, "admin/invoices.cs");
}

/* The page of one request (status 200, or 422 with the form's errors). */
static void invoice_page(struct req *r, int64_t id, int status)
{
	struct invoice_row inv;

	if (!invoice_get(id, 0, &inv)) {
		req_error(r, 404, NULL);
		return;
	}
	admin_frame(r, "开票申请");
	req_set(r, "Page.Nav", "invoices");
	invoice_to_hdf(r, "Invoice", &inv);
	req_render(r, status, "admin/invoice.cs");
}

/* Sends the issued file of a request to staff. 200; 404 when none was issued. */
static void invoice_download(struct req *r, int64_t id)
{
	unsigned char *buf = NULL;
	size_t len = 0;
	char ctype[24], name[96];

	if (invoice_file(id, 0, &buf, &len, ctype, name) != 0) {
		req_error(r, 404, NULL);
		return;
	}
	req_audit(r, "invoice_download", 0, "ok", name);
	req_send(r, 200, ctype, buf, len, name);
	free(buf);
}

void admin_invoice(struct req *r, int64_t id)
{
	if (req_value(r, KEY_DOWNLOAD))
		invoice_download(r, id);
	else
		invoice_page(r, id, 200);
}

/* Answers an invoice action: 303 back to the request, or its page with a message. */
static void invoice_answer(struct req *r, int64_t id, enum invoice_result rc, const char *action)
{
	static const char *const why[] = {
		[INVOICE_STATE] = "该开票申请已处理，操作未执行",
		[INVOICE_BAD_FILE] = "发票文件须为 PDF 或 OFD 格式，且不超过 10MB",
		[INVOICE_INVALID] = "发票号码应为8至20位数字或字母",
	};
	struct invoice_row inv;
	char path[96], detail[48];

	snprintf(detail, sizeof(detail), "invoice %lld", (long long)id);
	req_audit(r, action, invoice_get(id, 0, &inv) ? inv.order_id : 0, rc == INVOICE_OK ? "ok" : "refused", detail);
	if (rc == INVOICE_OK) {
		snprintf(path, sizeof(path), "/cgi-bin/admin.fcgi?invoice=%lld&done=%s", (long long)id, action);
		req_redirect(r, path);
		return;
	}
	if (rc == INVOICE_NOT_FOUND) {
		req_error(r, 404, NULL);
		return;
	}
	if (rc == INVOICE_BAD_FILE)
		req_field_error(r, KEY_FILE, why[rc]);
	else if (rc == INVOICE_INVALID && strcmp(action, "invoice_issue") == 0)
		req_field_error(r, KEY_NUMBER, why[rc]);
	req_form_error(r, rc == INVOICE_INVALID && strcmp(action, "invoice_reject") == 0 ? "驳回原因不符合要求（不超过500个字）"
	    : rc < (int)(sizeof(why) / sizeof(why[0])) && why[rc] ? why[rc] : "操作失败，请稍后再试");
	invoice_page(r, id, rc == INVOICE_ERROR ? 503 : 422);
}

/* POST invoice_issue with invoice, number and the file (PDF or OFD): stores it, queues the
 * e-mail to the title's address. 303; 422 without a number or file, with a bad file, or
 * when the request is no longer pending; 404. */
void admin_do_invoice_issue(struct req *r)
{
	int64_t id = strtoll(req_value(r, KEY_INVOICE), NULL, 10);
	const char *number = req_value(r, KEY_NUMBER);
	FILE *fp = req_file(r, KEY_FILE);

	if (!number || !fp) {
		if (!number)
			req_field_error(r, KEY_NUMBER, "请填写发票号码");
		if (!fp)
			req_field_error(r, KEY_FILE, "请选择发票文件（PDF 或 OFD）");
		req_form_error(r, "开具未成功，请按提示补充");
		invoice_page(r, id, 422);
		return;
	}
	invoice_answer(r, id, invoice_issue(id, req_staff(r), number, fp, req_file_name(r, KEY_FILE)),
	    "invoice_issue");
}

/* POST invoice_reject with invoice and reason: 303; 422 without a reason or when the
 * request is no longer pending; 404. */
void admin_do_invoice_reject(struct req *r)
{
	int64_t id = strtoll(req_value(r, KEY_INVOICE), NULL, 10);
	char reason[REASON_BYTES];

	if (admin_reason(r, reason, sizeof(reason), "请选择或填写驳回的原因") != 0) {
		invoice_page(r, id, 422);
		return;
	}
	invoice_answer(r, id, invoice_reject(id, req_staff(r), reason), "invoice_reject");
}

/* An invoice action with a missing or invalid field: the request's page again (422), or
 * the queue when no request is named. */
void admin_invoice_invalid(struct req *r)
{
	const char *id = req_value(r, KEY_INVOICE);

	req_form_error(r, "提交未成功，请按提示修改");
	if (id)
		invoice_page(r, strtoll(id, NULL, 10), 422);
	else
		admin_invoices_page(r, 422);
}
