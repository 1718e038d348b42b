/* cgi-bin/pay.c: 订单支付: the Alipay QR code (refreshing until the payment is known), the corporate account with the transfer reference code, 我已支付, and Alipay's asynchronous notification. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "cfg.h"
#include "clock.h"
#include "doc.h"
#include "formpdf.h"
#include "log.h"
#include "order.h"
#include "payment.h"

#define CLAIM_LIMIT (11 * 1024 * 1024)	/* a 10 MiB PDF slip plus the multipart overhead */
#define NOTIFY_LIMIT (16 * 1024)
#define REFRESH_SECONDS 5
#define QR_SCALE 6

enum key { KEY_ORDER, KEY_METHOD, KEY_PAYER, KEY_PAID_ON, KEY_SLIP, KEY_PAGE, KEY_DONE, KEY__MAX };

static const struct field fields[KEY__MAX] = {
	[KEY_ORDER]   = { "order",   valid_id,         19,  0 },
	[KEY_METHOD]  = { "method",  valid_pay_method, 8,   0 },
	[KEY_PAYER]   = { "payer",   valid_text,       100, 0 },
	[KEY_PAID_ON] = { "paid_on", valid_date,       10,  0 },
	[KEY_SLIP]    = { "slip",    NULL,             0,   FIELD_FILE },
	[KEY_PAGE]    = { "page",    valid_token,      16,  0 },
	[KEY_DONE]    = { "done",    valid_token,      16,  0 },
};

/* The order of the order field when it is the signed-in applicant's and submitted. */
static int load_order(struct req *r, struct order_row *row, int64_t *id)
{
	const char *v = req_value(r, KEY_ORDER);

	*id = v ? strtoll(v, NULL, 10) : 0;
	return *id > 0 && order_get(*id, req_user(r), row) && strcmp(row->status, "draft") != 0;
}

/* Adds a payment of the order (Payments.N.*) for the applicant's record. */
static void add_payment(void *ctx, const struct payment_row *p)
{
	struct req *r = ctx;
	int n = hdf_get_int_value(req_hdf(r), "Payments.Count", 0);
	char key[48], text[32];

#define SET(name, value) do { snprintf(key, sizeof(key), "Payments.%d." name, n); req_set(r, key, value); } while (0)
	SET("Method", payment_method_label(p->method));
	SET("Status", payment_status_label(p->status));
	SET("StatusCode", p->status);
	util_fen_to_yuan(p->amount_fen, text, sizeof(text));
	SET("Amount", text);
	clock_format(p->created_ms, text, sizeof(text));
	SET("At", text);
	SET("Payer", p->payer);
	SET("PaidOn", p->paid_on);
	SET("Reason", p->reason);
	SET("Cause", p->cause);
	SET("TradeNo", p->trade_no);
#undef SET
	req_set_int(r, "Payments.Count", n + 1);
}

/* Sets Pay.Notice for the done value a claim redirected with. */
static void notice(struct req *r)
{
	static const char *const done[] = { "paid", "支付成功，感谢您的付款",
		"checking", "已收到您的支付确认，正在向支付宝查询支付结果，本页将自动刷新", NULL };
	const char *v = req_value(r, KEY_DONE);
	size_t i;

	for (i = 0; v && done[i]; i += 2)
		if (strcmp(v, done[i]) == 0)
			req_set(r, "Page.Notice", done[i + 1]);
}

/* Fills the Alipay part: the QR code of the open trade, refreshing while it waits. */
static void alipay_part(struct req *r, int64_t id)
{
	struct payment_trade t;
	char when[32];

	switch (payment_trade(id, req_user(r), &t)) {
	case PAYMENT_OK:
		req_set(r, "Alipay.Trade", t.out_trade_no);
		if (t.app_link)
			req_set(r, "Alipay.Link", t.qr_code);
		clock_format(t.expires_ms, when, sizeof(when));
		req_set(r, "Alipay.Expires", when);
		if (t.claimed_ms)
			req_set(r, "Alipay.Claimed", "1");
		req_set_int(r, "Page.Refresh", REFRESH_SECONDS);
		break;
	case PAYMENT_UNAVAILABLE:
		req_set(r, "Alipay.Unavailable", cfg_str("Alipay.AppId", "")[0] ? "down" : "off");
		break;
	default:
		break;
	}
}

/* The payment page of an order (status 200 or 422 after a refused claim). */
static void page(struct req *r, int64_t id, struct order_row *row, int status)
{
	const char *method = req_value(r, KEY_METHOD);
	char code[9];

	if (!payment_alipay_offered())
		req_set(r, "Pay.AlipayOff", "1");
	/* A trade an edit retired is closed at Alipay before a new one is shown, whichever tab
	 * opens (cheap when there is none). */
	payment_trade_close_retired(id);
	if (payment_payable(row->status, row->pay_status) && (!method || strcmp(method, "alipay") == 0)) {
		payment_alipay_poll(id);
		order_get(id, req_user(r), row);
	}
	order_to_hdf(id, req_hdf(r), "Order", 0);
	req_set(r, "Page.Title", "订单支付");
	req_set(r, "Page.Nav", "orders");
	notice(r);
	payment_each_of_order(id, add_payment, r);
	if (payment_transfer_code(id, code) == 0)
		req_set(r, "Transfer.Code", code);
	req_set(r, "Bank.Name", cfg_str("Bank.Name", ""));
	req_set(r, "Bank.Branch", cfg_str("Bank.Branch", ""));
	req_set(r, "Bank.Account", cfg_str("Bank.Account", ""));
	req_set(r, "Bank.Holder", cfg_str("Bank.Holder", ""));
	if (!payment_payable(row->status, row->pay_status)) {
		req_set(r, "Pay.State", strcmp(row->pay_status, "paid") == 0 ? "paid"
		    : strcmp(row->pay_status, "refunded") == 0 ? "refunded" : "closed");
	} else if ((method && strcmp(method, "transfer") == 0) || (!method && !payment_alipay_offered())) {
		/* Without Alipay the page opens on 对公转账. */
		req_set(r, "Pay.State", "transfer");
	} else {
		req_set(r, "Pay.State", "alipay");
		if (payment_claim_waiting(id))
			req_set(r, "Pay.TransferWaiting", "1");
		alipay_part(r, id);
	}
	req_render(r, status, "pay/show.cs");
}

/* GET ?order=ID[&method=alipay|transfer]: the payment page (opening on Alipay, or on 对公转账
 * when Alipay is not configured). 200; 404 when the order is not the applicant's; 303 to
 * the upload page while it is a draft. */
static void show(struct req *r)
{
	struct order_row row;
	int64_t id;
	char path[96];

	if (!load_order(r, &row, &id)) {
		if (id > 0 && order_get(id, req_user(r), &row)) {
			snprintf(path, sizeof(path), "/cgi-bin/upload.fcgi?order=%lld", (long long)id);
			req_redirect(r, path);
			return;
		}
		req_error(r, 404, NULL);
		return;
	}
	page(r, id, &row, 200);
}

/* GET page=qr&order=ID: the open trade's QR code as PNG. 200; 404 when there is none. */
static void qr(struct req *r)
{
	struct order_row row;
	unsigned char *png = NULL;
	size_t len = 0;
	char text[512];
	int64_t id;

	if (!load_order(r, &row, &id) || !payment_trade_qr(id, req_user(r), text, sizeof(text))
	    || qr_png(text, QR_SCALE, &png, &len) != 0) {
		req_error(r, 404, NULL);
		return;
	}
	req_send_inline(r, 200, "image/png", png, len, NULL);
	free(png);
}

/* 我已支付 by Alipay: asks Alipay at once. 303 to the page (paid, or checking until
 * Alipay knows); 503 when Alipay cannot be asked now. */
static void claim_alipay(struct req *r, int64_t id, struct order_row *row)
{
	enum payment_result rc;
	char path[96];
	int paid = 0;

	rc = payment_alipay_check(id, req_user(r), 1, &paid);
	req_audit(r, "pay_claim_alipay", id, rc == PAYMENT_OK ? "ok" : "refused", paid ? "paid" : NULL);
	if (rc == PAYMENT_OK) {
		snprintf(path, sizeof(path), "/cgi-bin/pay.fcgi?order=%lld&done=%s", (long long)id,
		    paid ? "paid" : "checking");
		req_redirect(r, path);
		return;
	}
	req_form_error(r, rc == PAYMENT_UNAVAILABLE ? "暂时无法向支付宝查询支付结果，请稍后再试"
	    : "请先扫描二维码完成支付");
	page(r, id, row, rc == PAYMENT_UNAVAILABLE ? 503 : 422);
}

/* Stores the remittance slip when one was sent: 0 with *doc set (0 for none), or -1 with
 * the field error set. */
static int store_slip(struct req *r, int64_t id, int64_t *doc)
{
	FILE *fp = req_file(r, KEY_SLIP);
	struct doc_info info;
	struct doc_meta meta;
	const char *msg, *err = NULL;

	*doc = 0;
	if (!fp)
		return 0;
	if (doc_sniff(fp, &info) != 0 && info.size == 0)
		return 0;	/* an empty file part: no slip chosen */
	msg = doc_check(&doc_transfer_slip, fp, &info);
	if (!msg && doc_store(id, &doc_transfer_slip, fp, &info, req_file_name(r, KEY_SLIP), &err) != 0)
		msg = err ? err : "文件保存失败，请稍后重试";
	if (!msg && doc_current(id, doc_transfer_slip.name, &meta))
		*doc = meta.id;
	if (msg) {
		req_field_error(r, KEY_SLIP, msg);
		return -1;
	}
	return 0;
}

/* 我已支付 by transfer: records the claim for finance. 303 to the page; 422 with the
 * field messages, or when a claim already waits or the order cannot be paid. */
static void claim_transfer(struct req *r, int64_t id, struct order_row *row)
{
	const char *payer = req_value(r, KEY_PAYER), *paid_on = req_value(r, KEY_PAID_ON);
	enum payment_result rc;
	int64_t slip;
	char path[96];

	if (payment_claim_waiting(id)) {
		req_form_error(r, "该业务单已有待确认的转账，请等待财务确认");
		page(r, id, row, 422);
		return;
	}
	if (!payer)
		req_field_error(r, KEY_PAYER, "请填写付款账户名称");
	if (!paid_on)
		req_field_error(r, KEY_PAID_ON, "请填写转账日期");
	else if (clock_day_start(paid_on) > clock_now_ms())
		req_field_error(r, KEY_PAID_ON, "转账日期不能晚于今天");
	if (!payer || !paid_on || clock_day_start(paid_on) > clock_now_ms() || store_slip(r, id, &slip) != 0) {
		req_form_error(r, "转账信息未提交，请按提示修改");
		page(r, id, row, 422);
		return;
	}
	rc = payment_transfer_claim(id, req_user(r), payer, paid_on, slip);
	req_audit(r, "pay_claim_transfer", id, rc == PAYMENT_OK ? "ok" : "refused", NULL);
	if (rc == PAYMENT_OK) {
		snprintf(path, sizeof(path), "/cgi-bin/pay.fcgi?order=%lld&method=transfer&done=claimed", (long long)id);
		req_redirect(r, path);
		return;
	}
	req_form_error(r, rc == PAYMENT_STATE ? "该业务单已有待确认的转账或不在待支付状态" : "提交失败，请稍后再试");
	page(r, id, row, rc == PAYMENT_STATE ? 422 : 503);
}

/* POST action=claim (我已支付) with method: see claim_alipay and claim_transfer. 404 when
 * the order is not the applicant's; 422 when it cannot be paid. */
static void do_claim(struct req *r)
{
	struct order_row row;
	int64_t id;

	if (!load_order(r, &row, &id)) {
		req_error(r, 404, NULL);
		return;
	}
	if (!payment_payable(row.status, row.pay_status)) {
		req_form_error(r, "该业务单当前不在待支付状态");
		page(r, id, &row, 422);
		return;
	}
	if (strcmp(req_value(r, KEY_METHOD), "transfer") == 0)
		claim_transfer(r, id, &row);
	else
		claim_alipay(r, id, &row);
}

/* A claim with a missing or invalid field: the page again (422), or 404. */
static void claim_invalid(struct req *r)
{
	struct order_row row;
	int64_t id;

	if (!load_order(r, &row, &id)) {
		req_error(r, 404, NULL);
		return;
	}
	req_form_error(r, "提交未成功，请按提示修改");
	page(r, id, &row, 422);
}

/* POST /alipay/notify: Alipay's asynchronous notification (no session, no csrf; the RSA2
 * signature is the authentication). 200 "success" once it is applied (or was, or needs
 * nothing); 200 "fail" when it is refused, so that Alipay does not count it delivered. */
static void notify(struct req *r)
{
	const char *verdict;
	size_t len;
	const char *body = req_body(r, &len);
	int ok = payment_notify(body, len, req_addr(r), &verdict);

	log_info("alipay notification from %s: %s", req_addr(r), verdict);
	req_send(r, 200, "text/plain; charset=utf-8", ok ? "success" : "fail", ok ? 7 : 4, NULL);
}

static const struct route routes[] = {
	{ "GET",  NULL, NULL,    AUTH_USER, 0, 0, 0, NEED(KEY_ORDER), show, NULL },
	{ "GET",  NULL, "qr",    AUTH_USER, 0, 0, 0, NEED(KEY_ORDER), qr, NULL },
	{ "POST", NULL, "claim", AUTH_USER, 0, ROUTE_FILES, CLAIM_LIMIT, NEED(KEY_ORDER) | NEED(KEY_METHOD), do_claim,
	  claim_invalid },
	{ "POST", "/alipay/notify", NULL, AUTH_NONE, 0, ROUTE_NO_CSRF | ROUTE_RAW_BODY, NOTIFY_LIMIT, 0, notify,
	  NULL },
};

int main(void)
{
	return app_run("pay", routes, nitems(routes), fields, KEY__MAX);
}
