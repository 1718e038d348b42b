/* cgi-bin/admin_production.c: the producer's side of the staff page: the production queue, the admin's overview of every queue, the delivery panel of the order page, and produce / ship / ready / complete. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "admin.h"
#include "clock.h"
#include "delivery.h"
#include "lifecycle.h"
#include "invoice.h"
#include "order.h"
#include "payment.h"
#include "review.h"

/* The tabs of the production queue: status, its label, its next step. */
static const char *const tabs[] = {
	"producing", "待制证 / 待投递", "shipped", "已寄出（待签收）", "ready", "待领取", NULL
};

/* The producer's next step on a queue row: the first of the life table's delivery actions a
 * producer may take on it now. */
static const char *next_step(const struct delivery_row *row)
{
	static const char *const steps[] = { "ship", "填写快递公司和运单号寄出", "ready", "通知申请人领取",
		"produce", "录入证书序列号和有效期", NULL };
	struct life_state s = { row->status, "paid", row->delivery, row->has_cert };
	size_t i;

	for (i = 0; steps[i]; i += 2)
		if ((strcmp(steps[i], "produce") != 0 || !row->has_cert)
		    && life_find(steps[i], LIFE_STAFF, ROLE_PRODUCER, &s))
			return steps[i + 1];
	return strcmp(row->delivery, "mail") == 0 ? "申请人确认收货或办结" : "申请人领取后办结";
}

/* Adds a queue row (Rows.N.*). */
static void add_row(void *ctx, const struct delivery_row *row)
{
	struct req *r = ctx;
	int n = hdf_get_int_value(req_hdf(r), "Rows.Count", 0);
	char key[64], when[32];

#define ROW(name, value) do { snprintf(key, sizeof(key), "Rows.%d." name, n); req_set(r, key, value); } while (0)
	snprintf(key, sizeof(key), "Rows.%d.Id", n);
	req_set_int(r, key, row->id);
	ROW("Name", row->name);
	ROW("Subject", order_subject_label(row->subject));
	ROW("Kind", order_kind_label(row->kind));
	ROW("Delivery", order_delivery_label(row->delivery));
	ROW("DeliveryCode", row->delivery);
	clock_format(row->submitted_ms, when, sizeof(when));
	ROW("Submitted", when);
	if (row->has_cert)
		ROW("HasCert", "1");
	if (row->carrier[0]) {
		ROW("Carrier", delivery_carrier_label(row->carrier));
		ROW("TrackingNo", row->tracking_no);
	}
	ROW("Next", next_step(row));
#undef ROW
	req_set_int(r, "Rows.Count", n + 1);
}

/* GET view=production (producers and admins): the paid orders to produce and ship or make
 * ready (tab status=producing, the default), or those shipped / ready to complete, oldest
 * submission first, PAGE_SIZE a page. 200. */
void admin_production_page(struct req *r)
{
	const char *status = req_value(r, KEY_STATUS), *p = req_value(r, KEY_P);
	int page = p ? atoi(p) : 1, total, i;
	char key[48];

	if (!status || (strcmp(status, "shipped") != 0 && strcmp(status, "ready") != 0))
		status = "producing";
	if (page < 1)
		page = 1;
	admin_frame(r, "制证队列");
	req_set(r, "Page.Nav", "production");
	for (i = 0; tabs[i]; i += 2) {
		snprintf(key, sizeof(key), "Tabs.%d.Code", i / 2);
		req_set(r, key, tabs[i]);
		snprintf(key, sizeof(key), "Tabs.%d.Label", i / 2);
		req_set(r, key, tabs[i + 1]);
		if (strcmp(tabs[i], status) == 0)
			req_set(r, "Filter.StatusLabel", tabs[i + 1]);
	}
	req_set(r, "Filter.Status", status);
	total = delivery_list(status, (page - 1) * PAGE_SIZE, PAGE_SIZE, add_row, r);
	req_set_int(r, "Pager.Total", total);
	req_set_int(r, "Pager.Page", page);
	req_set_int(r, "Pager.Pages", total > 0 ? (total + PAGE_SIZE - 1) / PAGE_SIZE : 1);
	req_render(r, 200, "admin/production.cs");
}

/* Counts nothing: the list functions' callbacks when only their totals are wanted. */
static void no_review(void *ctx, const struct review_row *row) { (void)ctx; (void)row; }
static void no_payment(void *ctx, const struct payment_row *p) { (void)ctx; (void)p; }
static void no_invoice(void *ctx, const struct invoice_row *inv) { (void)ctx; (void)inv; }
static void no_delivery(void *ctx, const struct delivery_row *row) { (void)ctx; (void)row; }

/* GET with no view for an admin: every queue with its count and link. 200. */
void admin_overview_page(struct req *r)
{
	struct review_filter f;

	admin_frame(r, "工作总览");
	req_set(r, "Page.Nav", "overview");
	memset(&f, 0, sizeof(f));
	f.status = "pending";
	req_set_int(r, "Overview.Pending", review_list(&f, 0, 0, no_review, NULL));
	req_set_int(r, "Overview.Claims", payment_list("claimed", 0, 0, no_payment, NULL));
	req_set_int(r, "Overview.Invoices", invoice_list("pending", 0, 0, no_invoice, NULL));
	req_set_int(r, "Overview.Producing", delivery_list("producing", 0, 0, no_delivery, NULL));
	req_set_int(r, "Overview.Shipped", delivery_list("shipped", 0, 0, no_delivery, NULL));
	req_set_int(r, "Overview.Ready", delivery_list("ready", 0, 0, no_delivery, NULL));
	req_render(r, 200, "admin/overview.cs");
}

void admin_order_delivery(struct req *r, int64_t id)
{
	const struct delivery_carrier *c;
	struct delivery_info d;
	char key[48], when[32];
	int n = 0;

	for (c = delivery_carriers; c->code; c++, n++) {
		snprintf(key, sizeof(key), "Carriers.%d.Code", n);
		req_set(r, key, c->code);
		snprintf(key, sizeof(key), "Carriers.%d.Label", n);
		req_set(r, key, c->label);
	}
	if (!delivery_get(id, &d))
		return;
	if (d.serial[0]) {
		req_set(r, "Delivery.Serial", d.serial);
		req_set(r, "Delivery.Expires", d.expires);
		clock_format(d.produced_ms, when, sizeof(when));
		req_set(r, "Delivery.Produced", when);
	}
	if (d.carrier[0]) {
		req_set(r, "Delivery.Carrier", delivery_carrier_label(d.carrier));
		req_set(r, "Delivery.TrackingNo", d.tracking_no);
		clock_format(d.shipped_ms, when, sizeof(when));
		req_set(r, "Delivery.Shipped", when);
	}
	if (d.completed_ms) {
		clock_format(d.completed_ms, when, sizeof(when));
		req_set(r, "Delivery.Completed", when);
	}
	req_set(r, "Delivery.PickupAddress", delivery_pickup_address());
	req_set(r, "Delivery.PickupHours", delivery_pickup_hours());
}

/* Ends a delivery action on order id, audited as action: 303 back to the order with
 * done=action; 404 for an unknown (or draft) order; 409 with the order page and refusal
 * when the life table does not allow it now (nothing changed); 422 with the order page
 * and the message on the field when a value is wrong; 503 on a storage error. */
static void answer(struct req *r, int64_t id, const char *action, enum delivery_result rc, const char *refusal,
    int field, const char *invalid)
{
	char path[96];

	req_audit(r, action, id, rc == DELIVERY_OK ? "ok" : rc == DELIVERY_ERROR ? "error" : "refused",
	    rc == DELIVERY_REFUSED ? "state" : rc == DELIVERY_INVALID ? "invalid" : NULL);
	switch (rc) {
	case DELIVERY_OK:
		snprintf(path, sizeof(path), "/cgi-bin/admin.fcgi?order=%lld&done=%s", (long long)id, action);
		req_redirect(r, path);
		return;
	case DELIVERY_NOT_FOUND:
		req_error(r, 404, NULL);
		return;
	case DELIVERY_REFUSED:
		req_form_error(r, refusal);
		admin_order_page(r, id, 409);
		return;
	case DELIVERY_INVALID:
		req_field_error(r, field, invalid);
		admin_order_page(r, id, 422);
		return;
	default:
		req_error(r, 503, NULL);
		return;
	}
}

/* POST produce with cert_serial and cert_expires (producers and admins): records the
 * certificate of a producing, paid order. 303 back to the order; 409 when the order is not
 * producing and paid; 422 for an expiry that is not after today; 404. */
void admin_do_produce(struct req *r)
{
	int64_t id = strtoll(req_value(r, KEY_ORDER), NULL, 10);

	answer(r, id, "produce", delivery_produce(id, req_staff(r), req_value(r, KEY_CERT_SERIAL),
	    req_value(r, KEY_CERT_EXPIRES)), "该业务单不在制证中（或尚未支付），未录入证书", KEY_CERT_EXPIRES,
	    "证书有效期须晚于今天，格式为 YYYY-MM-DD");
}

/* POST ship with carrier and tracking_no (producers and admins): a producing, paid mail
 * order whose certificate is recorded goes out. 303 back to the order; 409 for a pickup
 * order, one without its certificate recorded or no longer producing; 422; 404. */
void admin_do_ship(struct req *r)
{
	int64_t id = strtoll(req_value(r, KEY_ORDER), NULL, 10);

	answer(r, id, "ship", delivery_ship(id, req_staff(r), req_value(r, KEY_CARRIER),
	    req_value(r, KEY_TRACKING_NO)), "只有已录入证书、领取方式为邮寄且在制证中的业务单可以寄出，操作未执行",
	    KEY_TRACKING_NO, "请选择快递公司并填写运单号");
}

/* POST ready (producers and admins): a producing, paid pickup order whose certificate is
 * recorded waits at the service hall; the SMS names address and hours. 303; 409; 404. */
void admin_do_ready(struct req *r)
{
	int64_t id = strtoll(req_value(r, KEY_ORDER), NULL, 10);

	answer(r, id, "ready", delivery_ready(id, req_staff(r)),
	    "只有已录入证书、领取方式为自取且在制证中的业务单可以通知领取，操作未执行", KEY_ORDER, "");
}

/* POST complete (producers and admins): a shipped or ready order is handed over. 303; 409
 * when it is neither shipped nor ready; 404. */
void admin_do_complete(struct req *r)
{
	int64_t id = strtoll(req_value(r, KEY_ORDER), NULL, 10);

	answer(r, id, "complete", delivery_complete(id, req_staff(r)),
	    "只有已寄出或待领取的业务单可以办结，操作未执行", KEY_ORDER, "");
}
