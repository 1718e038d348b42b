/* tests/unit/t_delivery.c: production and delivery through the life table: produce (serial and expiry checks), ship (mail only, SMS with carrier and tracking number), ready (pickup only, SMS with the address), complete, receive (own orders only), and the producer's queue from its index. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tap.h"
#include "tsite.h"
#include "clock.h"
#include "db.h"
#include "delivery.h"

static char dir[] = "/tmp/t_delivery.XXXXXX";

/* The order's column (text) or "" (NULL). */
static const char *col(int64_t order, const char *which)
{
	static char out[128];
	sqlite3_stmt *st;

	out[0] = '\0';
	if (strcmp(which, "status") == 0)
		st = db_prepare("SELECT status FROM orders WHERE id = ?");
	else if (strcmp(which, "serial") == 0)
		st = db_prepare("SELECT issued_serial || '|' || issued_expires || '|' || (produced_by IS NOT NULL) FROM orders WHERE id = ?");
	else
		st = db_prepare("SELECT carrier || '|' || tracking_no || '|' || (shipped_ms IS NOT NULL) FROM orders WHERE id = ?");
	if (st && db_bindv(st, "i", order) == 0 && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, sizeof(out), "%s", (const char *)sqlite3_column_text(st, 0));
	if (st)
		sqlite3_reset(st);
	return out;
}

/* The newest SMS queued, or "". */
static const char *last_sms(void)
{
	static char out[512];
	sqlite3_stmt *st = db_prepare("SELECT body FROM outbox WHERE kind = 'sms' ORDER BY id DESC LIMIT 1");

	out[0] = '\0';
	if (st && sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, sizeof(out), "%s", (const char *)sqlite3_column_text(st, 0));
	if (st)
		sqlite3_reset(st);
	return out;
}

/* A date days from today in the site's time zone. */
static void day(int days, char *out, size_t size)
{
	char buf[32];

	clock_format(clock_now_ms() + days * 86400000LL, buf, sizeof(buf));
	buf[10] = '\0';
	memcpy(out, buf, size < 11 ? size : 11);
	out[size < 11 ? size - 1 : 10] = '\0';
}

static int rows;
static void count_row(void *ctx, const struct delivery_row *row)
{
	int64_t *first = ctx;

	if (!rows++)
		*first = row->id;
}

int main(void)
{
	int64_t user, other, prod, rev, mail, pickup, first = 0;
	char today[12], tomorrow[12], past[12];
	int64_t hist;

	if (tsite_open(dir) != 0)
		return 1;
	user = tsite_add_user("13900000001");
	other = tsite_add_user("13900000002");
	prod = tsite_add_staff("prod1", "producer");
	rev = tsite_add_staff("rev1", "reviewer");
	mail = tsite_add_order(user, "producing", "paid", 40000);
	pickup = tsite_add_order(user, "producing", "paid", 40000);
	db_exec("UPDATE orders SET delivery = 'mail' WHERE id = ?", "i", mail);
	db_exec("UPDATE orders SET delivery = 'pickup' WHERE id = ?", "i", pickup);
	day(0, today, sizeof(today));
	day(1, tomorrow, sizeof(tomorrow));
	day(-1, past, sizeof(past));

	ok(!delivery_valid_serial("0123abcdEF") && delivery_valid_serial("0123abc") && delivery_valid_serial("0123ABCG")
	    && delivery_valid_serial("01:23:AB:CD"), "serials: 8-40 hexadecimal digits");
	ok(!delivery_valid_carrier("sf") && delivery_valid_carrier("ups") && !strcmp(delivery_carrier_label("ems"), "中国邮政EMS"),
	    "carriers come from the declared list");
	ok(!delivery_valid_tracking("SF1234567890") && delivery_valid_tracking("12345") && delivery_valid_tracking("SF-123456"),
	    "tracking numbers: 6-30 letters and digits");

	is_int(delivery_ship(mail, prod, "sf", "SF1234567890"), DELIVERY_REFUSED, "no shipping before the certificate is recorded");
	is_int(delivery_produce(mail, prod, "0123abcdef", today), DELIVERY_INVALID, "an expiry of today is refused");
	is_int(delivery_produce(mail, prod, "0123abcdef", past), DELIVERY_INVALID, "an expiry in the past is refused");
	is_int(delivery_produce(mail, prod, "0123abcdef", "2030-02-30"), DELIVERY_INVALID, "a day that does not exist is refused");
	is_int(delivery_produce(mail, rev, "0123abcdef", tomorrow), DELIVERY_REFUSED, "a reviewer may not produce");
	is_int(delivery_produce(TSITE_NO_ORDER, prod, "0123abcdef", tomorrow), DELIVERY_NOT_FOUND, "an unknown order is not found");
	is_str(col(mail, "serial"), "", "refusals record nothing");
	hist = db_int("SELECT count(*) FROM order_history WHERE order_id = ?", 0, "i", mail);
	is_int(delivery_produce(mail, prod, "0123abcdef", tomorrow), DELIVERY_OK, "a producer records the certificate");
	{
		char want[64];
		snprintf(want, sizeof(want), "0123ABCDEF|%s|1", tomorrow);
		is_str(col(mail, "serial"), want, "upper-case serial, expiry, producer stored");
	}
	is_str(col(mail, "status"), "producing", "the order stays producing");
	is_int(db_int("SELECT count(*) FROM order_history WHERE order_id = ? AND from_status = 'producing'"
	    " AND to_status = 'producing' AND reason LIKE '证书已制作%'", 0, "i", mail), 1, "the timeline notes 证书已制作");
	is_int(db_int("SELECT count(*) FROM order_history WHERE order_id = ?", 0, "i", mail), hist + 1, "one history row");

	is_int(delivery_ready(mail, prod), DELIVERY_REFUSED, "a mail order cannot be made ready for pickup");
	is_int(delivery_ship(mail, prod, "ups", "SF1234567890"), DELIVERY_INVALID, "an unknown carrier is invalid");
	is_int(delivery_ship(mail, prod, "sf", "SF1234567890"), DELIVERY_OK, "the mail order ships");
	is_str(col(mail, "ship"), "sf|SF1234567890|1", "carrier, tracking number and time stored");
	is_str(col(mail, "status"), "shipped", "shipped");
	ok(strstr(last_sms(), "顺丰速运") && strstr(last_sms(), "SF1234567890"), "the SMS names the carrier and tracking number");
	is_int(delivery_ship(mail, prod, "sf", "SF1234567890"), DELIVERY_REFUSED, "a second ship is refused");
	is_int(delivery_receive(mail, other), DELIVERY_NOT_FOUND, "another applicant cannot receive it");
	is_int(delivery_receive(mail, user), DELIVERY_OK, "the applicant confirms receipt");
	is_str(col(mail, "status"), "completed", "completed");
	is_int(delivery_receive(mail, user), DELIVERY_REFUSED, "a second receipt is refused");

	is_int(delivery_produce(pickup, prod, "ABCDEF0123456789", tomorrow), DELIVERY_OK, "the pickup order is produced");
	is_int(delivery_ship(pickup, prod, "sf", "SF1234567891"), DELIVERY_REFUSED, "a pickup order cannot ship");
	is_str(col(pickup, "ship"), "", "and nothing of a shipment is stored");
	is_int(delivery_receive(pickup, user), DELIVERY_REFUSED, "nor be received before it is shipped");
	tsite_configure(dir, "Site.PickupAddress = 测试政务服务中心一楼\n");
	is_int(delivery_ready(pickup, prod), DELIVERY_OK, "it is made ready");
	ok(strstr(last_sms(), "测试政务服务中心一楼") != NULL, "the SMS names the pickup address");
	is_int(delivery_complete(pickup, rev), DELIVERY_REFUSED, "a reviewer cannot complete it");
	is_int(delivery_complete(pickup, prod), DELIVERY_OK, "the producer completes it");
	is_str(col(pickup, "status"), "completed", "completed");

	{
		int64_t a = tsite_add_order(user, "producing", "paid", 40000);
		int64_t b = tsite_add_order(user, "producing", "paid", 40000);
		tsite_add_order(user, "approved", "unpaid", 40000);
		db_exec("UPDATE orders SET submitted_ms = submitted_ms - 1000 WHERE id = ?", "i", b);
		rows = 0;
		is_int(delivery_list("producing", 0, 10, count_row, &first), 2, "the queue counts the producing paid orders");
		is_int(rows, 2, "and lists them");
		is_int(first, b, "oldest submission first");
		(void)a;
		is_int(delivery_list("approved", 0, 10, count_row, &first), -1, "other statuses are not a queue");
	}
	{
		sqlite3_stmt *st = db_prepare("EXPLAIN QUERY PLAN SELECT id FROM orders WHERE status IN ('approved',"
		    " 'producing', 'shipped', 'ready') AND status = ?1 AND pay_status = 'paid' ORDER BY submitted_ms, id"
		    " LIMIT 10");
		char plan[512] = "";
		while (st && sqlite3_step(st) == SQLITE_ROW)
			snprintf(plan + strlen(plan), sizeof(plan) - strlen(plan), "%s;", (const char *)sqlite3_column_text(st, 3));
		if (st)
			sqlite3_reset(st);
		ok(strstr(plan, "orders_production") && !strstr(plan, "TEMP B-TREE"), "the queue is served by orders_production, in order");
		printf("# %s\n", plan);
	}
	tsite_close(dir);
	return done_testing();
}
