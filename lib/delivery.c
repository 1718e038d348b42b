/* lib/delivery.c: production and delivery (SPEC §2): the certificate recorded, shipped or made ready, completed or received, each through life_apply in one transaction with its own columns; the producer's queue from the index orders_production. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "delivery.h"
#include "cfg.h"
#include "clock.h"
#include "db.h"
#include "log.h"
#include "util.h"
#include "valid.h"

const struct delivery_carrier delivery_carriers[] = {
	{ "sf",    "顺丰速运" },
	{ "ems",   "中国邮政EMS" },
	{ "jd",    "京东物流" },
	{ "zto",   "中通快递" },
	{ "yto",   "圆通速递" },
	{ "sto",   "申通快递" },
	{ "yunda", "韵达快递" },
	{ NULL, NULL }
};

#define HEX "0123456789ABCDEFabcdef"
#define ALNUM "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

const char *delivery_carrier_label(const char *code)
{
	const struct delivery_carrier *c;

	for (c = delivery_carriers; code && c->code; c++)
		if (strcmp(c->code, code) == 0)
			return c->label;
	return NULL;
}

const char *delivery_valid_serial(const char *v)
{
	size_t n = strlen(v);

	return n >= 8 && n <= 40 && strspn(v, HEX) == n ? NULL : "证书序列号为8至40位十六进制字符（0-9、A-F）";
}

const char *delivery_valid_carrier(const char *v)
{
	return delivery_carrier_label(v) ? NULL : "请选择快递公司";
}

const char *delivery_valid_tracking(const char *v)
{
	size_t n = strlen(v);

	return n >= 6 && n <= 30 && strspn(v, ALNUM) == n ? NULL : "运单号为6至30位字母或数字";
}

const char *delivery_pickup_address(void)
{
	return cfg_str("Site.PickupAddress", "本受理点服务大厅数字证书窗口");
}

const char *delivery_pickup_hours(void)
{
	return cfg_str("Site.PickupHours", "工作日 9:00-12:00、14:00-17:00");
}

/* The result of life_apply as ours. */
static enum delivery_result from_life(enum life_result rc)
{
	return rc == LIFE_OK ? DELIVERY_OK : rc == LIFE_NOT_FOUND ? DELIVERY_NOT_FOUND
	    : rc == LIFE_REFUSED ? DELIVERY_REFUSED : DELIVERY_ERROR;
}

/* Begins a transaction and applies action on order by who (reason, vars as life_apply
 * takes them). On DELIVERY_OK the transaction stays open for the action's own columns
 * (finish ends it); otherwise it is rolled back. */
static enum delivery_result begin(int64_t order, const char *action, const struct life_actor *who,
    const char *reason, const char *const *vars)
{
	enum delivery_result rc;

	if (db_begin() != 0)
		return DELIVERY_ERROR;
	rc = from_life(life_apply(order, action, who, reason, vars, NULL));
	if (rc != DELIVERY_OK)
		db_rollback();
	return rc;
}

/* Ends the transaction begin opened: commits when the columns' UPDATE changed the one row
 * (changed == 1), else rolls back. */
static enum delivery_result finish(int changed)
{
	if (changed != 1) {
		db_rollback();
		return DELIVERY_ERROR;
	}
	return db_commit() == 0 ? DELIVERY_OK : DELIVERY_ERROR;
}

enum delivery_result delivery_produce(int64_t order, int64_t staff, const char *serial, const char *expires)
{
	struct life_actor who = { LIFE_STAFF, staff, NULL };
	char upper[48], today[32], reason[128];
	enum delivery_result rc;
	size_t i;

	if (!serial || !expires || delivery_valid_serial(serial) || valid_date(expires) || clock_day_start(expires) < 0)
		return DELIVERY_INVALID;
	clock_format(clock_now_ms(), today, sizeof(today));
	today[10] = '\0';
	if (strcmp(expires, today) <= 0)
		return DELIVERY_INVALID;
	util_copy(upper, sizeof(upper), serial);
	for (i = 0; upper[i]; i++)
		if (upper[i] >= 'a' && upper[i] <= 'f')
			upper[i] = (char)(upper[i] - 'a' + 'A');
	snprintf(reason, sizeof(reason), "证书序列号 %s，有效期至 %s", upper, expires);
	rc = begin(order, "produce", &who, reason, NULL);
	if (rc != DELIVERY_OK)
		return rc;
	return finish(db_exec("UPDATE orders SET issued_serial = ?, issued_expires = ?, produced_ms = ?,"
	    " produced_by = ? WHERE id = ?", "ttiii", upper, expires, clock_now_ms(), staff, order));
}

enum delivery_result delivery_ship(int64_t order, int64_t staff, const char *carrier, const char *tracking_no)
{
	struct life_actor who = { LIFE_STAFF, staff, NULL };
	const char *label = carrier ? delivery_carrier_label(carrier) : NULL;
	const char *vars[5];
	char reason[96];
	enum delivery_result rc;

	if (!label || !tracking_no || delivery_valid_tracking(tracking_no))
		return DELIVERY_INVALID;
	vars[0] = "carrier";
	vars[1] = label;
	vars[2] = "tracking_no";
	vars[3] = tracking_no;
	vars[4] = NULL;
	snprintf(reason, sizeof(reason), "%s，运单号 %s", label, tracking_no);
	rc = begin(order, "ship", &who, reason, vars);
	if (rc != DELIVERY_OK)
		return rc;
	return finish(db_exec("UPDATE orders SET carrier = ?, tracking_no = ?, shipped_ms = ? WHERE id = ?",
	    "ttii", carrier, tracking_no, clock_now_ms(), order));
}

enum delivery_result delivery_ready(int64_t order, int64_t staff)
{
	struct life_actor who = { LIFE_STAFF, staff, NULL };
	const char *vars[] = { "address", delivery_pickup_address(), "hours", delivery_pickup_hours(), NULL };
	enum delivery_result rc = begin(order, "ready", &who, NULL, vars);

	return rc != DELIVERY_OK ? rc : finish(1);
}

/* Completes order for who (staff: complete; an applicant: receive), with reason. */
static enum delivery_result complete(int64_t order, const char *action, const struct life_actor *who,
    const char *reason)
{
	enum delivery_result rc = begin(order, action, who, reason, NULL);

	if (rc != DELIVERY_OK)
		return rc;
	return finish(db_exec("UPDATE orders SET completed_ms = ? WHERE id = ?", "ii", clock_now_ms(), order));
}

enum delivery_result delivery_complete(int64_t order, int64_t staff)
{
	struct life_actor who = { LIFE_STAFF, staff, NULL };

	return complete(order, "complete", &who, NULL);
}

enum delivery_result delivery_receive(int64_t order, int64_t user)
{
	struct life_actor who = { LIFE_USER, user, NULL };

	return complete(order, "receive", &who, "申请人确认收货");
}

int delivery_get(int64_t order, struct delivery_info *out)
{
	sqlite3_stmt *st = db_prepare("SELECT issued_serial, issued_expires, carrier, tracking_no,"
	    " ifnull(produced_ms, 0), ifnull(shipped_ms, 0), ifnull(completed_ms, 0) FROM orders WHERE id = ?");
	int found;

	memset(out, 0, sizeof(*out));
	if (!st || db_bindv(st, "i", order) != 0)
		return 0;
	found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		db_col_text(st, 0, out->serial, sizeof(out->serial));
		db_col_text(st, 1, out->expires, sizeof(out->expires));
		db_col_text(st, 2, out->carrier, sizeof(out->carrier));
		db_col_text(st, 3, out->tracking_no, sizeof(out->tracking_no));
		out->produced_ms = sqlite3_column_int64(st, 4);
		out->shipped_ms = sqlite3_column_int64(st, 5);
		out->completed_ms = sqlite3_column_int64(st, 6);
	}
	sqlite3_reset(st);
	return found;
}

/* The queue's condition: the index's own WHERE term (so that the partial index
 * orders_production serves it), the status asked for, paid. */
#define QUEUE_WHERE " WHERE status IN ('approved', 'producing', 'shipped', 'ready') AND status = ?1" \
	" AND pay_status = 'paid'"

int delivery_list(const char *status, int offset, int limit,
    void (*fn)(void *ctx, const struct delivery_row *row), void *ctx)
{
	struct delivery_row row;
	sqlite3_stmt *st;
	int total;

	if (!status || (strcmp(status, "producing") != 0 && strcmp(status, "shipped") != 0
	    && strcmp(status, "ready") != 0))
		return -1;
	total = (int)db_int("SELECT count(*) FROM orders" QUEUE_WHERE, 0, "t", status);
	st = db_prepare("SELECT id, ifnull(submitted_ms, 0), subject, kind, status, delivery,"
	    " ifnull(CASE subject WHEN 'enterprise' THEN org_name ELSE name END, ''),"
	    " issued_serial IS NOT NULL, carrier, tracking_no FROM orders" QUEUE_WHERE
	    " ORDER BY submitted_ms, id LIMIT ?2 OFFSET ?3");
	if (!st || db_bindv(st, "tii", status, (int64_t)limit, (int64_t)offset) != 0)
		return total;
	while (sqlite3_step(st) == SQLITE_ROW) {
		memset(&row, 0, sizeof(row));
		row.id = sqlite3_column_int64(st, 0);
		row.submitted_ms = sqlite3_column_int64(st, 1);
		db_col_text(st, 2, row.subject, sizeof(row.subject));
		db_col_text(st, 3, row.kind, sizeof(row.kind));
		db_col_text(st, 4, row.status, sizeof(row.status));
		db_col_text(st, 5, row.delivery, sizeof(row.delivery));
		db_col_text(st, 6, row.name, sizeof(row.name));
		row.has_cert = sqlite3_column_int(st, 7);
		db_col_text(st, 8, row.carrier, sizeof(row.carrier));
		db_col_text(st, 9, row.tracking_no, sizeof(row.tracking_no));
		fn(ctx, &row);
	}
	sqlite3_reset(st);
	return total;
}
