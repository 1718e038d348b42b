/* tests/unit/t_payment.c: TAP tests of the payment module: Alipay notifications applied once and stored raw, transfer codes, claims, confirmations, refunds, bank statements, lists and labels. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "tap.h"
#include "tsite.h"
#include "tnotify.h"
#include "alipay.h"
#include "cfg.h"
#include "clock.h"
#include "db.h"
#include "invoice.h"
#include "order.h"
#include "payment.h"
#include "refusal.h"
#include "review.h"
#include "statement.h"

#define APP_ID TNOTIFY_APP_ID
#define SELLER_ID TNOTIFY_SELLER_ID
#define FINANCE 1	/* staff ids */
#define REVIEWER 2

static char dir[] = "/tmp/t_payment.XXXXXX";
static int64_t user1, user2;

/* Rewrites the site's configuration with the Alipay settings and reloads it. */
static int configure(void)
{
	char extra[1024];

	snprintf(extra, sizeof(extra), "Alipay.AppId = %s\nAlipay.SellerId = %s\nAlipay.PublicKeyFile = %s\n",
		 APP_ID, SELLER_ID, tsite_key("alipay_public.pem"));
	return tsite_configure(dir, extra);
}

/* Inserts a submitted (or draft) enterprise order of user, unpaid; fen < 0 leaves the amount unset. */
static int64_t make_order(int64_t user, const char *status, int64_t fen)
{
	return tsite_add_order(user, status, "unpaid", fen);
}

/* Inserts an open Alipay trade <order>_<n> of fen; writes its number into out[40]. */
static void make_trade(int64_t order, int n, int64_t fen, char out[40])
{
	int64_t now = clock_now_ms();

	snprintf(out, 40, "%lld_%d", (long long)order, n);
	if (db_exec("INSERT INTO alipay_trades (out_trade_no, order_id, amount_fen, state, created_ms, expires_ms)"
	    " VALUES (?, ?, ?, 'open', ?, ?)", "tiiii", out, order, fen, now, now + 7200000) != 1)
		printf("# could not insert trade %s\n", out);
}

/* A text column of the first row of sql with one integer parameter, copied into out. */
static const char *text_of(const char *sql, int64_t id, char *out, size_t size)
{
	sqlite3_stmt *st = db_prepare(sql);

	out[0] = '\0';
	if (st && db_bindv(st, "i", id) == 0 && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
	else
		snprintf(out, size, "(none)");
	if (st)
		sqlite3_reset(st);
	return out;
}

static const char *status_of(int64_t order)
{
	static char buf[32];

	return text_of("SELECT status FROM orders WHERE id = ?", order, buf, sizeof(buf));
}

static const char *pay_status_of(int64_t order)
{
	static char buf[32];

	return text_of("SELECT pay_status FROM orders WHERE id = ?", order, buf, sizeof(buf));
}

static int64_t count_payments(int64_t order, const char *status)
{
	return db_int("SELECT count(*) FROM payments WHERE order_id = ? AND (?2 IS NULL OR status = ?2)", -1, "it",
	    order, status);
}

static int64_t count_history(int64_t order)
{
	return db_int("SELECT count(*) FROM order_history WHERE order_id = ?", -1, "i", order);
}

/* 1 when the order's history rows chain (each from is the previous to) and end at its status. */
static int history_chains(int64_t order)
{
	sqlite3_stmt *st = db_prepare("SELECT ifnull(from_status, ''), to_status FROM order_history"
	    " WHERE order_id = ? ORDER BY id");
	char prev[32] = "";
	int good = 1, rows = 0;

	if (!st || db_bindv(st, "i", order) != 0)
		return 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *from = (const char *)sqlite3_column_text(st, 0);
		const char *to = (const char *)sqlite3_column_text(st, 1);
		printf("#   history: %s -> %s\n", from, to);
		if (rows++ && strcmp(from, prev) != 0)
			good = 0;
		snprintf(prev, sizeof(prev), "%s", to);
	}
	sqlite3_reset(st);
	return good && rows > 0 && strcmp(prev, status_of(order)) == 0;
}

/* The date days from today in Beijing time, YYYY-MM-DD, into out[11]. */
static void beijing_day(int days, char out[11])
{
	time_t t = (time_t)(clock_now_ms() / 1000) + 8 * 3600 + (time_t)days * 86400;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* ---------------------------------------------------------------- notifications */

static int64_t stored_notes(void)
{
	return db_int("SELECT count(*) FROM alipay_notifications", -1, "");
}

/* Posts body to payment_notify from a client address of its own (so that sampling, which
 * keeps the first few unverifiable notifications of an address and hour, keeps this one)
 * and checks the answer, the verdict and that exactly one notification was stored with the
 * body byte for byte, that verdict and that address. Consumes body. */
static void post(char *body, int want_rc, const char *want_verdict, const char *name)
{
	static int client;
	sqlite3_stmt *st;
	const char *verdict = NULL;
	char label[300], peer[32];
	int64_t before = stored_notes();
	int rc, same = 0;

	if (!ok(body != NULL, name)) {
		printf("#   the notification could not be built\n");
		return;
	}
	snprintf(peer, sizeof(peer), "203.0.%d.%d", 113 + client / 250, 1 + client % 250);
	client++;
	rc = payment_notify(body, strlen(body), peer, &verdict);
	snprintf(label, sizeof(label), "%s: answers %s", name, want_rc ? "success" : "fail");
	is_int(rc, want_rc, label);
	snprintf(label, sizeof(label), "%s: verdict %s", name, want_verdict ? want_verdict : "(any)");
	if (want_verdict)
		is_str(verdict, want_verdict, label);
	else
		ok(verdict != NULL, label);
	snprintf(label, sizeof(label), "%s: stored once", name);
	is_int(stored_notes(), before + 1, label);
	st = db_prepare("SELECT body, verdict, peer FROM alipay_notifications ORDER BY id DESC LIMIT 1");
	if (st && sqlite3_step(st) == SQLITE_ROW) {
		const void *b = sqlite3_column_blob(st, 0);
		const char *v = (const char *)sqlite3_column_text(st, 1);
		const char *from = (const char *)sqlite3_column_text(st, 2);
		same = (size_t)sqlite3_column_bytes(st, 0) == strlen(body) && (!*body || (b && memcmp(b, body, strlen(body)) == 0))
		    && sqlite3_column_type(st, 0) != SQLITE_NULL
		    && v && verdict && strcmp(v, verdict) == 0 && from && strcmp(from, peer) == 0;
	}
	if (st)
		sqlite3_reset(st);
	snprintf(label, sizeof(label), "%s: kept raw (byte-identical) with its verdict and peer", name);
	ok(same, label);
	free(body);
}

/* Unverifiable notifications from one address: the first REFUSAL_SAMPLES of an hour are
 * stored, every one is counted; the next hour samples again; a verified one (another app's)
 * is stored whatever the count. */
static void test_notify_sampling(void)
{
	const char *peer = "198.51.100.9", *verdict;
	struct tnotify n = { "1_1", "2026010522001400001000000099", "TRADE_SUCCESS", "1.00", NULL, NULL };
	int64_t before = stored_notes();
	char *body;
	int i;

	for (i = 0; i < REFUSAL_SAMPLES + 4; i++) {
		body = tnotify_body(&n, 0, NULL, "total_amount", "9.99");
		payment_notify(body, strlen(body), peer, &verdict);
		free(body);
	}
	is_str(verdict, "bad_signature", "sampling: a forged notification is refused");
	is_int(stored_notes() - before, REFUSAL_SAMPLES, "sampling: only the first of the hour are stored");
	is_int(db_int("SELECT sum(count) FROM refusals WHERE addr = ? AND action = 'alipay_notify'"
	    " AND reason = 'bad_signature'", -1, "t", peer), REFUSAL_SAMPLES + 4, "sampling: every one is counted");
	tsite_move_clock(dir, 3600 * 1000LL);
	body = tnotify_body(&n, 0, NULL, "total_amount", "9.99");
	payment_notify(body, strlen(body), peer, &verdict);
	free(body);
	is_int(stored_notes() - before, REFUSAL_SAMPLES + 1, "sampling: the next hour samples again");
	n.app_id = "2021000000009999";
	body = tnotify_body(&n, 0, NULL, NULL, NULL);
	for (i = 0; i < REFUSAL_SAMPLES + 1; i++)
		payment_notify(body, strlen(body), peer, &verdict);
	free(body);
	is_str(verdict, "wrong_app", "sampling: another app's notification is verified");
	is_int(stored_notes() - before, 2 * REFUSAL_SAMPLES + 2, "sampling: and stored every time (money evidence)");
	tsite_move_clock(dir, 0);
}

static void test_notify(void)
{
	char trade[40], tr_b[40], tr_c[40], tr_d[40], tr_e[40], buf[64];
	int64_t a = make_order(user1, "approved", 65000), b = make_order(user1, "pending", 40000);
	int64_t c = make_order(user1, "pending", 25000), d = make_order(user1, "pending", 15000);
	int64_t e = make_order(user1, "pending", 15000), hist, notes, pid;
	struct tnotify n;

	make_trade(a, 1, 65000, trade);
	n = (struct tnotify){ trade, "2026010522001400001000000001", "TRADE_SUCCESS", "650.00", NULL, NULL };

	post(tnotify_body(&n, 0, NULL, "total_amount", "650.01"), 0, "bad_signature",
	    "notify: total_amount changed after signing");
	post(tnotify_body(&n, 0, NULL, "trade_status", "TRADE_FINISHED"), 0, "bad_signature",
	    "notify: trade_status changed after signing");
	post(tnotify_body(&n, 0, NULL, "fund_bill_list", "[]"), 0, "bad_signature",
	    "notify: fund_bill_list (an unlisted parameter) changed after signing");
	is_int(db_int("SELECT count(*) FROM alipay_notifications WHERE verdict = 'bad_signature'"
	    " AND out_trade_no IS NULL", -1, ""), 3, "notify: a bad signature stores nothing parsed of it");
	post(tnotify_body(&n, 0, "total_amount", NULL, NULL), 0, NULL, "notify: total_amount missing (signed without)");
	post(tnotify_body(&n, 0, "out_trade_no", NULL, NULL), 0, NULL, "notify: out_trade_no missing (signed without)");
	n.app_id = "2021000000009999";
	post(tnotify_body(&n, 0, NULL, NULL, NULL), 0, "wrong_app", "notify: another app's notification");
	n.app_id = NULL;
	n.seller_id = "2088000000009999";
	post(tnotify_body(&n, 0, NULL, NULL, NULL), 0, "wrong_seller", "notify: another seller's notification");
	n.seller_id = NULL;
	n.out_trade_no = "9999_1";
	post(tnotify_body(&n, 0, NULL, NULL, NULL), 0, "unknown_trade", "notify: an out_trade_no we never made");
	n.out_trade_no = trade;
	is_int(db_int("SELECT count(*) FROM payments", -1, ""), 0, "notify: no refused notification recorded money");

	/* Signed money of another amount than the trade's is real: recorded to refund, answered
	 * success (a fail would make Alipay retry forever), never the order's payment. */
	{
		char tw[40], tw2[40], got[200];
		int64_t w = make_order(user1, "approved", 65000), w2 = make_order(user1, "pending", 65000);
		struct tnotify m;
		make_trade(w, 1, 65000, tw);
		make_trade(w2, 1, 65000, tw2);
		m = (struct tnotify){ tw, "2026010522001400001000000091", "TRADE_SUCCESS", "650.01", NULL, NULL };
		post(tnotify_body(&m, 0, NULL, NULL, NULL), 1, "applied", "notify: 0.01 more than the trade");
		is_str(text_of("SELECT status || '/' || amount_fen || '/' || refund_cause FROM payments WHERE order_id = ?",
		    w, got, sizeof(got)), "duplicate/65001/金额与业务单不符", "notify: recorded to refund, with its cause");
		is_str(pay_status_of(w), "unpaid", "notify: the order is not paid by it");
		is_str(status_of(w), "approved", "notify: nor produced");
		post(tnotify_body(&m, 0, NULL, NULL, NULL), 1, "duplicate", "notify: its retry");
		is_int(count_payments(w, NULL), 1, "notify: recorded once");
		m = (struct tnotify){ tw2, "2026010522001400001000000092", "TRADE_SUCCESS", "6.50", NULL, NULL };
		post(tnotify_body(&m, 1, NULL, NULL, NULL), 1, "applied", "notify: yuan read as fen (reversed order)");
		is_str(text_of("SELECT status || '/' || amount_fen || '/' || refund_cause FROM payments WHERE order_id = ?",
		    w2, got, sizeof(got)), "duplicate/650/金额与业务单不符", "notify: 6.50 recorded to refund");
		is_str(pay_status_of(w2), "unpaid", "notify: that order is not paid either");
		is_int(payment_refundable(w2), 1, "notify: finance can refund it");
	}
	is_str(pay_status_of(a), "unpaid", "notify: the order is still unpaid");
	is_str(status_of(a), "approved", "notify: and still approved");

	hist = count_history(a);
	post(tnotify_body(&n, 0, NULL, NULL, NULL), 1, "applied", "notify: a good TRADE_SUCCESS");
	is_int(count_payments(a, NULL), 1, "notify: one payment");
	pid = db_int("SELECT id FROM payments WHERE order_id = ?", 0, "i", a);
	{
		char want[160], got[160];
		snprintf(want, sizeof(want), "alipay/received/notify/65000/%s/2026010522001400001000000001/159****5620",
		    trade);
		text_of("SELECT method || '/' || status || '/' || source || '/' || amount_fen || '/' || out_trade_no"
		    " || '/' || trade_no || '/' || ifnull(payer, '') FROM payments WHERE id = ?", pid, got, sizeof(got));
		is_str(got, want, "notify: alipay, received, from the notification, its amount, trades and buyer");
	}
	is_int(db_int("SELECT notification_id FROM payments WHERE id = ?", -1, "i", pid),
	    db_int("SELECT id FROM alipay_notifications WHERE verdict = 'applied' AND out_trade_no = ?", -2, "t", trade),
	    "notify: the payment traces to the stored notification");
	is_int(db_int("SELECT total_fen FROM alipay_notifications WHERE verdict = 'applied' AND out_trade_no = ?", -1,
	    "t", trade), 65000,
	    "notify: the stored notification keeps the amount in fen");
	is_str(pay_status_of(a), "paid", "notify: the order is paid");
	is_str(status_of(a), "producing", "notify: approved + paid is producing");
	is_int(count_history(a), hist + 1, "notify: with one history row");
	is_int(db_int("SELECT count(*) FROM order_history WHERE order_id = ? AND from_status = 'approved'"
	    " AND to_status = 'producing' AND realm = 'system'", -1, "i", a), 1, "notify: approved -> producing by the system");
	is_str(text_of("SELECT state FROM alipay_trades WHERE order_id = ?", a, buf, sizeof(buf)), "paid",
	    "notify: the trade is paid");

	hist = count_history(a);
	{
		int i;
		for (i = 0; i < 4; i++)
			post(tnotify_body(&n, 0, NULL, NULL, NULL), 1, "duplicate", "notify: the same notification again");
	}
	is_int(count_payments(a, NULL), 1, "notify: still exactly one payment");
	is_int(count_history(a), hist, "notify: no history added by the repeats");
	is_str(status_of(a), "producing", "notify: still producing");
	post(tnotify_body(&n, 1, NULL, NULL, NULL), 1, "duplicate", "notify: the same in another parameter order");
	n.status = "TRADE_FINISHED";
	post(tnotify_body(&n, 0, NULL, NULL, NULL), 1, "duplicate", "notify: TRADE_FINISHED after TRADE_SUCCESS");
	n.status = "TRADE_CLOSED";
	post(tnotify_body(&n, 0, NULL, NULL, NULL), 1, "acknowledged", "notify: TRADE_CLOSED of a paid trade");
	is_str(text_of("SELECT state FROM alipay_trades WHERE order_id = ?", a, buf, sizeof(buf)), "paid",
	    "notify: a paid trade stays paid");
	is_int(count_payments(a, NULL), 1, "notify: one payment after all that");
	is_str(pay_status_of(a), "paid", "notify: and the order still paid");

	/* TRADE_FINISHED first, parameters reversed, on a pending order. */
	make_trade(b, 1, 40000, tr_b);
	n = (struct tnotify){ tr_b, "2026010522001400001000000002", "TRADE_FINISHED", "400", NULL, NULL };
	hist = count_history(b);
	post(tnotify_body(&n, 1, NULL, NULL, NULL), 1, "applied", "notify: TRADE_FINISHED (reversed order, \"400\")");
	is_int(count_payments(b, "received"), 1, "notify: one received payment");
	is_str(pay_status_of(b), "paid", "notify: a pending order is paid");
	is_str(status_of(b), "pending", "notify: and stays pending");
	is_int(count_history(b), hist, "notify: with no status change in its history");
	is_int(review_approve(b, REVIEWER, "shen", db_int("SELECT rev FROM orders WHERE id = ?", 0, "i", b)), REVIEW_OK,
	    "approving the paid pending order");
	is_str(status_of(b), "producing", "approved + paid (approval last) is producing");
	is_int(db_int("SELECT count(*) FROM order_history WHERE order_id = ? AND to_status = 'producing'", -1, "i", b)
	    >= 1, 1, "with a history row to producing");
	ok(history_chains(b), "the history chains pending -> approved -> producing (each from is the previous to)");

	/* Different parameter order, same result. */
	make_trade(c, 1, 25000, tr_c);
	n = (struct tnotify){ tr_c, "2026010522001400001000000003", "TRADE_SUCCESS", "250.00", NULL, NULL };
	post(tnotify_body(&n, 1, NULL, NULL, NULL), 1, "applied", "notify: a good notification in reversed order");
	post(tnotify_body(&n, 0, NULL, NULL, NULL), 1, "duplicate", "notify: then in the usual order");
	is_int(count_payments(c, NULL), 1, "notify: one payment for the two");

	/* TRADE_CLOSED of an open trade. */
	make_trade(d, 1, 15000, tr_d);
	n = (struct tnotify){ tr_d, "2026010522001400001000000004", "TRADE_CLOSED", "150.00", NULL, NULL };
	post(tnotify_body(&n, 0, NULL, NULL, NULL), 1, "acknowledged", "notify: TRADE_CLOSED of an open trade");
	is_str(text_of("SELECT state FROM alipay_trades WHERE order_id = ?", d, buf, sizeof(buf)), "closed",
	    "notify: the trade is closed");
	is_int(count_payments(d, NULL), 0, "notify: nothing paid");
	is_str(pay_status_of(d), "unpaid", "notify: the order is unpaid");
	n.status = "WAIT_BUYER_PAY";
	make_trade(e, 1, 15000, tr_e);
	n.out_trade_no = tr_e;
	n.trade_no = "2026010522001400001000000005";
	post(tnotify_body(&n, 0, NULL, NULL, NULL), 1, "acknowledged", "notify: WAIT_BUYER_PAY");
	is_str(text_of("SELECT state FROM alipay_trades WHERE order_id = ?", e, buf, sizeof(buf)), "open",
	    "notify: the trade stays open");
	is_str(pay_status_of(e), "unpaid", "notify: nothing paid");

	/* A parameter twice (the second unsigned) is refused. */
	{
		char *body = tnotify_body(&n, 0, NULL, NULL, NULL), *twice = body ? malloc(strlen(body) + 40) : NULL;
		if (twice)
			sprintf(twice, "%s&trade_status=TRADE_SUCCESS", body);
		free(body);
		post(twice, 0, NULL, "notify: trade_status given twice");
		is_str(pay_status_of(e), "unpaid", "notify: nothing paid by it");
	}
	/* A replaced trade's QR code paid late is still money received. */
	{
		char tr_f[40];
		int64_t f = make_order(user1, "pending", 18000);
		make_trade(f, 1, 18000, tr_f);
		db_exec("UPDATE alipay_trades SET state = 'replaced' WHERE out_trade_no = ?", "t", tr_f);
		n = (struct tnotify){ tr_f, "2026010522001400001000000006", "TRADE_SUCCESS", "180.00", NULL, NULL };
		post(tnotify_body(&n, 0, NULL, NULL, NULL), 1, "applied", "notify: a replaced trade paid late");
		is_str(pay_status_of(f), "paid", "notify: its order is paid");
	}
	/* Garbage. */
	post(strdup("hello=world"), 0, NULL, "notify: a body that is no notification");
	post(strdup(""), 0, NULL, "notify: an empty body");

	notes = stored_notes();
	is_int(db_exec("UPDATE alipay_notifications SET verdict = 'applied'", ""), -1,
	    "notify: updating a stored notification is refused");
	is_int(db_exec("UPDATE alipay_notifications SET body = 'x' WHERE id = 1", ""), -1,
	    "notify: also its body");
	is_int(db_exec("DELETE FROM alipay_notifications", ""), -1, "notify: deleting them is refused");
	is_int(stored_notes(), notes, "notify: every notification is still there");
	is_int(db_int("SELECT count(*) FROM alipay_notifications WHERE verdict = 'applied'", -1, ""), 6,
	    "notify: six recorded money (four paid their orders, two are to refund)");
	is_int(db_int("SELECT count(*) FROM payments p JOIN alipay_notifications n ON n.id = p.notification_id"
	    " WHERE n.verdict = 'applied' AND p.status = 'received'", -1, ""), 4, "notify: four received");
}

/* ---------------------------------------------------------------- transfer codes and claims */

static void test_transfer_code(void)
{
	int64_t a = make_order(user1, "pending", 10000), b = make_order(user1, "pending", 10000);
	char c1[9] = "", c2[9] = "", c3[9] = "", stored[16];
	size_t i;
	int in = 1;

	is_int(payment_transfer_code(a, c1), 0, "code: made");
	is_int((long long)strlen(c1), 8, "code: 8 characters");
	for (i = 0; c1[i]; i++)
		in &= strchr(statement_code_alphabet, c1[i]) != NULL;
	ok(in, "code: all from statement_code_alphabet");
	is_int(payment_transfer_code(a, c2), 0, "code: asked again");
	is_str(c2, c1, "code: the same");
	is_str(text_of("SELECT transfer_code FROM orders WHERE id = ?", a, stored, sizeof(stored)), c1,
	    "code: stored on the order");
	is_int(payment_transfer_code(b, c3), 0, "code: another order's");
	ok(strlen(c3) == 8 && strcmp(c3, c1) != 0, "code: differs");
	ok(statement_find_code(c1, c2) && strcmp(c2, c1) == 0, "code: the statement matcher finds it");
	is_int(payment_transfer_code(TSITE_NO_ORDER, c2), -1, "code: no such order");
}

static void test_claims(void)
{
	int64_t t1 = make_order(user1, "pending", 40000), t2 = make_order(user1, "approved", 30000);
	int64_t t3 = make_order(user1, "pending", 20000), t4 = make_order(user1, "pending", 10000);
	int64_t draft = make_order(user1, "draft", -1), can = make_order(user1, "cancelled", 10000);
	int64_t rej = make_order(user1, "rejected", 10000), hist, pid;
	char today[11], tomorrow[11], buf[300], tr[40];
	enum payment_result rc;

	beijing_day(0, today);
	beijing_day(1, tomorrow);
	is_int(payment_transfer_claim(t1, user2, "某某公司", today, 0), PAYMENT_NOT_FOUND,
	    "claim: another applicant's order is not found");
	is_int(payment_transfer_claim(TSITE_NO_ORDER, user1, "某某公司", today, 0), PAYMENT_NOT_FOUND,
	    "claim: no such order");
	is_int(payment_transfer_claim(t1, user1, "某某公司", tomorrow, 0), PAYMENT_STATE, "claim: tomorrow is refused");
	is_int(payment_transfer_claim(t1, user1, "某某公司", "2026-02-30", 0), PAYMENT_STATE, "claim: no such date");
	is_int(count_payments(t1, NULL), 0, "claim: nothing recorded by the refused claims");
	is_str(pay_status_of(t1), "unpaid", "claim: still unpaid");
	rc = payment_transfer_claim(draft, user1, "某某公司", today, 0);
	ok(rc == PAYMENT_STATE || rc == PAYMENT_NOT_FOUND, "claim: a draft cannot be paid (STATE or NOT_FOUND)");
	is_int(payment_transfer_claim(can, user1, "某某公司", today, 0), PAYMENT_STATE, "claim: a cancelled order cannot");
	is_int(payment_transfer_claim(rej, user1, "某某公司", today, 0), PAYMENT_STATE, "claim: a rejected order cannot");
	is_int(db_int("SELECT count(*) FROM payments WHERE order_id IN (?, ?, ?)", -1, "iii", draft, can, rej), 0,
	    "claim: nothing recorded for them");

	is_int(payment_confirm(t1, FINANCE, "cai"), PAYMENT_STATE, "confirm: no claim waits");
	is_int(payment_decline(t1, FINANCE, "cai", "没有"), PAYMENT_STATE, "decline: no claim waits");
	is_int(payment_transfer_claim(t1, user1, "福州某某科技有限公司", today, 0), PAYMENT_OK, "claim: today");
	is_str(pay_status_of(t1), "claimed", "claim: the order is claimed");
	is_str(status_of(t1), "pending", "claim: still pending");
	pid = db_int("SELECT id FROM payments WHERE order_id = ?", 0, "i", t1);
	{
		char want[300];
		snprintf(want, sizeof(want), "transfer/claimed/claim/40000/福州某某科技有限公司/%s/0", today);
		is_str(text_of("SELECT method || '/' || status || '/' || source || '/' || amount_fen || '/' || payer"
		    " || '/' || paid_on || '/' || ifnull(slip_doc, 0) FROM payments WHERE id = ?", pid, buf, sizeof(buf)),
		    want, "claim: a transfer claim of the order's amount with payer and date");
	}
	is_int(payment_transfer_claim(t1, user1, "某某公司", today, 0), PAYMENT_STATE, "claim: a second claim is refused");
	is_int(count_payments(t1, NULL), 1, "claim: one claim");
	is_int(payment_confirm(t1, FINANCE, "cai"), PAYMENT_OK, "confirm: finance confirms it");
	is_str(text_of("SELECT status FROM payments WHERE id = ?", pid, buf, sizeof(buf)), "received",
	    "confirm: the payment is received");
	ok(db_int("SELECT decided_ms FROM payments WHERE id = ?", 0, "i", pid) > 0
	    && db_int("SELECT decided_by FROM payments WHERE id = ?", 0, "i", pid) == FINANCE,
	    "confirm: when and by whom");
	is_str(pay_status_of(t1), "paid", "confirm: the order is paid");
	is_str(status_of(t1), "pending", "confirm: a pending order stays pending");
	is_int(payment_confirm(t1, FINANCE, "cai"), PAYMENT_STATE, "confirm: twice is refused");
	is_int(payment_transfer_claim(t1, user1, "某某公司", today, 0), PAYMENT_STATE, "claim: a paid order cannot be claimed");

	hist = count_history(t2);
	is_int(payment_transfer_claim(t2, user1, "某某公司", "2025-12-31", 0), PAYMENT_OK, "claim: an approved order, a past date");
	is_str(status_of(t2), "approved", "claim: a claim does not start production");
	is_int(payment_confirm(t2, FINANCE, "cai"), PAYMENT_OK, "confirm: the approved order's claim");
	is_str(status_of(t2), "producing", "confirm: approved + paid is producing");
	is_int(count_history(t2), hist + 1, "confirm: one history row");
	is_int(db_int("SELECT count(*) FROM order_history WHERE order_id = ? AND from_status = 'approved'"
	    " AND to_status = 'producing' AND realm = 'staff' AND actor = 'cai'", -1, "i", t2), 1,
	    "confirm: approved -> producing by the finance member");

	is_int(payment_transfer_claim(t3, user1, "某某公司", today, 0), PAYMENT_OK, "claim: another order");
	is_int(payment_decline(t3, FINANCE, "cai", "未查到该笔转账"), PAYMENT_OK, "decline: finance declines it");
	is_str(text_of("SELECT status || '/' || decline_reason FROM payments WHERE order_id = ?", t3, buf, sizeof(buf)),
	    "declined/未查到该笔转账", "decline: declined with the reason kept");
	is_str(pay_status_of(t3), "unpaid", "decline: the order is unpaid again");
	is_int(payment_decline(t3, FINANCE, "cai", "again"), PAYMENT_STATE, "decline: twice is refused");
	is_int(payment_confirm(t3, FINANCE, "cai"), PAYMENT_STATE, "confirm: a declined claim cannot be confirmed");
	is_int(payment_transfer_claim(t3, user1, "某某公司", today, 0), PAYMENT_OK, "claim: a new claim after a decline");
	is_str(pay_status_of(t3), "claimed", "claim: claimed again");

	/* Declined while the applicant also said 我已支付 for an Alipay trade: still claimed. */
	{
		int64_t t5 = make_order(user1, "pending", 10000);
		make_trade(t5, 1, 10000, tr);
		db_exec("UPDATE alipay_trades SET claimed_ms = ? WHERE out_trade_no = ?", "it", clock_now_ms(), tr);
		is_int(payment_transfer_claim(t5, user1, "某某公司", today, 0), PAYMENT_OK, "claim: t5 by transfer too");
		is_int(payment_decline(t5, FINANCE, "cai", "未到账"), PAYMENT_OK, "decline: t5's transfer claim");
		is_str(pay_status_of(t5), "claimed", "decline: the Alipay claim keeps it claimed");
	}

	/* A claim waits, then Alipay pays: the confirmed claim is a duplicate. */
	is_int(payment_transfer_claim(t4, user1, "某某公司", today, 0), PAYMENT_OK, "claim: t4");
	make_trade(t4, 1, 10000, tr);
	{
		struct tnotify n = { tr, "2026010522001400001000000010", "TRADE_SUCCESS", "100.00", NULL, NULL };
		post(tnotify_body(&n, 0, NULL, NULL, NULL), 1, "applied", "notify: Alipay pays an order with a waiting claim");
	}
	is_str(pay_status_of(t4), "paid", "notify: paid");
	is_int(payment_confirm(t4, FINANCE, "cai"), PAYMENT_OK, "confirm: the claim of a paid order");
	is_int(count_payments(t4, "duplicate"), 1, "confirm: it is a duplicate to give back");
	is_int(count_payments(t4, "received"), 1, "confirm: the Alipay payment stays the received one");
	is_str(pay_status_of(t4), "paid", "confirm: still paid");
	is_int(payment_confirm(TSITE_NO_ORDER, FINANCE, "cai"), PAYMENT_NOT_FOUND, "confirm: no such order");
	is_int(payment_decline(TSITE_NO_ORDER, FINANCE, "cai", "x"), PAYMENT_NOT_FOUND, "decline: no such order");
}

/* ---------------------------------------------------------------- refunds */

static void test_refunds(void)
{
	int64_t r = make_order(user1, "pending", 30000), s = make_order(user1, "approved", 20000);
	char today[11], tr[40], buf[300];

	beijing_day(0, today);
	is_int(payment_refund(r, FINANCE, "cai", "x"), PAYMENT_STATE, "refund: nothing paid, nothing to refund");
	payment_transfer_claim(r, user1, "某某公司", today, 0);
	is_int(payment_confirm(r, FINANCE, "cai"), PAYMENT_OK, "refund: (a transfer confirmed)");
	is_int(payment_refund(r, FINANCE, "cai", "x"), PAYMENT_STATE, "refund: a paid live order without a duplicate");
	is_int(count_payments(r, "received"), 1, "refund: the payment stays received");
	make_trade(r, 1, 30000, tr);
	{
		struct tnotify n = { tr, "2026010522001400001000000020", "TRADE_SUCCESS", "300.00", NULL, NULL };
		post(tnotify_body(&n, 0, NULL, NULL, NULL), 1, "applied", "notify: Alipay pays an order already paid by transfer");
	}
	is_int(count_payments(r, "duplicate"), 1, "refund: the Alipay payment is a duplicate");
	is_str(text_of("SELECT method FROM payments WHERE order_id = ? AND status = 'duplicate'", r, buf, sizeof(buf)),
	    "alipay", "refund: (the Alipay one)");
	is_str(pay_status_of(r), "paid", "refund: the order is paid");
	is_int(payment_refundable(r), 1, "refund: a duplicate is refundable");
	is_int(payment_refund(r, FINANCE, "cai", "重复支付退回"), PAYMENT_OK, "refund: the duplicate of a live order");
	is_str(text_of("SELECT status || '/' || refund_reason || '/' || refunded_by FROM payments WHERE order_id = ?"
	    " AND method = 'alipay'", r, buf, sizeof(buf)), "refunded/重复支付退回/1", "refund: refunded with reason and by whom");
	ok(db_int("SELECT refunded_ms FROM payments WHERE order_id = ? AND method = 'alipay'", 0, "i", r) > 0,
	    "refund: and when");
	is_int(count_payments(r, "received"), 1, "refund: the transfer stays received");
	is_str(pay_status_of(r), "paid", "refund: the order stays paid");
	is_str(status_of(r), "pending", "refund: and pending");
	is_int(payment_refund(r, FINANCE, "cai", "x"), PAYMENT_STATE, "refund: nothing more to refund");
	is_int(payment_refundable(r), 0, "refund: a live order's received payment is not refundable");
	is_int(review_cancel(r, REVIEWER, "shen", "申请人要求取消"), REVIEW_OK, "refund: staff cancel the paid order");
	is_str(pay_status_of(r), "paid", "refund: the money stays recorded");
	is_int(payment_refundable(r), 1, "refund: once cancelled it is");
	is_int(payment_refund(r, FINANCE, "cai", "取消退款"), PAYMENT_OK, "refund: the cancelled order's payment");
	is_int(count_payments(r, "refunded"), 2, "refund: both payments are refunded");
	is_str(pay_status_of(r), "refunded", "refund: the order is refunded");
	is_str(status_of(r), "cancelled", "refund: and cancelled");
	is_int(payment_refund(r, FINANCE, "cai", "x"), PAYMENT_STATE, "refund: twice is refused");
	is_int(payment_refund(TSITE_NO_ORDER, FINANCE, "cai", "x"), PAYMENT_NOT_FOUND, "refund: no such order");

	/* Cancelled by a plain update after an Alipay payment. */
	make_trade(s, 1, 20000, tr);
	{
		struct tnotify n = { tr, "2026010522001400001000000021", "TRADE_SUCCESS", "200.00", NULL, NULL };
		post(tnotify_body(&n, 0, NULL, NULL, NULL), 1, "applied", "notify: s paid by Alipay");
	}
	is_str(status_of(s), "producing", "refund: s is producing");
	is_int(payment_refund(s, FINANCE, "cai", "x"), PAYMENT_STATE, "refund: a producing order's payment is not refunded");
	db_exec("UPDATE orders SET status = 'cancelled' WHERE id = ?", "i", s);
	is_int(payment_refund(s, FINANCE, "cai", "撤单"), PAYMENT_OK, "refund: once cancelled it is");
	is_str(text_of("SELECT status FROM payments WHERE order_id = ?", s, buf, sizeof(buf)), "refunded",
	    "refund: the Alipay payment is refunded");
	is_str(pay_status_of(s), "refunded", "refund: the order is refunded");
}

/* ---------------------------------------------------------------- statements */

struct matches {
	struct payment_match m[16];
	int n;
};

static void collect_match(void *ctx, const struct payment_match *m)
{
	struct matches *ms = ctx;

	if (ms->n < 16)
		ms->m[ms->n++] = *m;
}

static void test_statements(void)
{
	int64_t s1 = make_order(user1, "pending", 65000), s2 = make_order(user1, "pending", 40000);
	int64_t s3 = make_order(user1, "approved", 25000), s4 = make_order(user1, "cancelled", 12300);
	char c1[9], c2[9], c3[9], c4[9], today[11], csv[2048], csv2[2048], buf[300];
	const char *err = NULL;
	int64_t id, id2, again, applied_ms = -1, before;
	struct matches ms;
	int applied = -1, n;

	beijing_day(0, today);
	payment_transfer_code(s1, c1);
	payment_transfer_code(s2, c2);
	payment_transfer_code(s3, c3);
	payment_transfer_code(s4, c4);
	is_int(payment_transfer_claim(s3, user1, "某某公司", today, 0), PAYMENT_OK, "statement: s3 has a waiting claim");
	snprintf(csv, sizeof(csv),
	    "交易日期,借方金额,贷方金额,对方户名,摘要,流水号\r\n"
	    "2026-01-05,,650.00,福州某某科技有限公司,证书费 %s,SN0001\r\n"
	    "2026-01-05,,400.01,厦门某某公司,%s,SN0002\r\n"
	    "2026-01-05,,100.00,泉州某某公司,附言 ABCD2345,SN0003\r\n"
	    "2026-01-06,,150.00,漳州某某公司,服务费,SN0004\r\n"
	    "2026-01-06,20.00,,本单位,手续费,SN0005\r\n"
	    "2026-01-07,,\"250.00\",\"莆田某某公司\",\"%s 转账\",SN0006\r\n", c1, c2, c3);
	id = payment_statement_store(FINANCE, "流水.csv", csv, strlen(csv), &err);
	ok(id > 0, "statement: stored");
	ok(err == NULL, "statement: without a reason");
	again = payment_statement_store(FINANCE, "again.csv", csv, strlen(csv), &err);
	is_int(again, id, "statement: the same bytes again answer the same id");
	is_int(db_int("SELECT count(*) FROM statements", -1, ""), 1, "statement: stored once");
	is_int(db_int("SELECT length(body) FROM statements WHERE id = ?", -1, "i", id), (long long)strlen(csv),
	    "statement: the bytes as uploaded");

	memset(&ms, 0, sizeof(ms));
	n = payment_statement_preview(id, &applied_ms, collect_match, &ms);
	is_int(n, 5, "preview: five credits (the debit is skipped)");
	is_int(ms.n, 5, "preview: five calls");
	is_int(applied_ms, 0, "preview: not applied yet");
	if (ms.n == 5) {
		is_str(ms.m[0].verdict, "match", "preview: the right code and amount match");
		is_str(ms.m[0].code, c1, "preview: with the code found");
		is_int(ms.m[0].order, s1, "preview: naming the order");
		is_int(ms.m[0].order_fen, 65000, "preview: and its amount");
		is_str(ms.m[0].row.serial, "SN0001", "preview: and the row's serial");
		is_str(ms.m[1].verdict, "wrong_amount", "preview: 0.01 more is a wrong amount");
		is_int(ms.m[1].order, s2, "preview: still naming the order");
		is_int(ms.m[1].order_fen, 40000, "preview: with its amount");
		is_str(ms.m[2].verdict, "unknown_code", "preview: an unknown code");
		is_str(ms.m[2].code, "ABCD2345", "preview: the code found");
		ok(ms.m[2].order == 0 && ms.m[2].order_fen == -1, "preview: no order");
		is_str(ms.m[3].verdict, "no_code", "preview: no code");
		is_str(ms.m[3].code, "", "preview: none found");
		is_str(ms.m[4].verdict, "match", "preview: the claimed order's transfer matches");
		is_int(ms.m[4].order, s3, "preview: naming it");
		is_int(ms.m[4].row.amount_fen, 25000, "preview: the row's amount in fen");
	}
	is_int(count_payments(s1, NULL), 0, "preview: changes nothing");

	is_int(payment_statement_apply(id, FINANCE, "cai", &applied), PAYMENT_OK, "apply: applied");
	is_int(applied, 2, "apply: the two matching rows");
	is_str(pay_status_of(s1), "paid", "apply: s1 is paid");
	is_str(status_of(s1), "pending", "apply: and stays pending");
	is_str(text_of("SELECT method || '/' || status || '/' || source || '/' || amount_fen || '/' || payer || '/'"
	    " || paid_on FROM payments WHERE order_id = ?", s1, buf, sizeof(buf)),
	    "transfer/received/statement/65000/福州某某科技有限公司/2026-01-05", "apply: a received transfer from the statement");
	ok(strstr(text_of("SELECT bank_ref FROM payments WHERE order_id = ?", s1, buf, sizeof(buf)), "SN0001") != NULL,
	    "apply: traced to the bank's serial");
	is_int(db_int("SELECT statement_id FROM payments WHERE order_id = ?", -1, "i", s1), id, "apply: and the statement");
	is_int(count_payments(s3, NULL), 1, "apply: the claimed order has still one payment");
	is_str(text_of("SELECT status || '/' || source || '/' || payer FROM payments WHERE order_id = ?", s3, buf,
	    sizeof(buf)), "received/statement/某某公司", "apply: its claim is confirmed by the statement");
	ok(strstr(text_of("SELECT bank_ref FROM payments WHERE order_id = ?", s3, buf, sizeof(buf)), "SN0006") != NULL,
	    "apply: traced to the serial");
	is_int(db_int("SELECT decided_by FROM payments WHERE order_id = ?", -1, "i", s3), FINANCE, "apply: decided by finance");
	is_str(pay_status_of(s3), "paid", "apply: s3 is paid");
	is_str(status_of(s3), "producing", "apply: approved + paid is producing");
	is_int(db_int("SELECT count(*) FROM order_history WHERE order_id = ? AND from_status = 'approved'"
	    " AND to_status = 'producing' AND actor = 'cai'", -1, "i", s3), 1, "apply: with history by the finance member");
	is_str(pay_status_of(s2), "unpaid", "apply: the wrong amount is not applied");
	ok(db_int("SELECT applied_ms FROM statements WHERE id = ?", 0, "i", id) > 0
	    && db_int("SELECT applied_by FROM statements WHERE id = ?", 0, "i", id) == FINANCE, "apply: the statement is marked applied");
	applied = -1;
	is_int(payment_statement_apply(id, FINANCE, "cai", &applied), PAYMENT_STATE, "apply: twice is refused");
	is_int(applied, 0, "apply: applying nothing");
	is_int(count_payments(s1, NULL), 1, "apply: s1 still has one payment");

	memset(&ms, 0, sizeof(ms));
	applied_ms = 0;
	n = payment_statement_preview(id, &applied_ms, collect_match, &ms);
	is_int(n, 5, "preview after applying: five rows");
	ok(applied_ms > 0, "preview after applying: says when");
	if (ms.n == 5) {
		is_str(ms.m[0].verdict, "seen", "preview after applying: the applied row is seen");
		is_str(ms.m[4].verdict, "seen", "preview after applying: so is the claim's row");
		is_str(ms.m[1].verdict, "wrong_amount", "preview after applying: the others are as before");
	}

	snprintf(csv2, sizeof(csv2),
	    "交易日期,贷方金额,对方户名,摘要,流水号\n"
	    "2026-01-05,650.00,福州某某科技有限公司,证书费 %s,SN0001\n"
	    "2026-01-08,123.00,某某,%s,SN0007\n"
	    "2026-01-08,\"1,000.00\",某某,没有附言,SN0008\n"
	    "2026-01-09,400.00,厦门某某公司,%s,\n", c1, c4, c2);
	id2 = payment_statement_store(FINANCE, "second.csv", csv2, strlen(csv2), &err);
	ok(id2 > 0 && id2 != id, "statement: a second statement is another one");
	memset(&ms, 0, sizeof(ms));
	n = payment_statement_preview(id2, &applied_ms, collect_match, &ms);
	is_int(n, 4, "preview 2: four credits");
	if (ms.n == 4) {
		is_str(ms.m[0].verdict, "seen", "preview 2: a serial applied from the first statement is seen");
		is_str(ms.m[1].verdict, "not_payable", "preview 2: a cancelled order's code is not payable");
		is_str(ms.m[2].verdict, "no_code", "preview 2: no code");
		is_int(ms.m[2].row.amount_fen, 100000, "preview 2: \"1,000.00\" is 100000 fen");
		is_str(ms.m[3].verdict, "match", "preview 2: a row without a serial matches");
	}
	is_int(payment_statement_apply(id2, FINANCE, "cai", &applied), PAYMENT_OK, "apply 2: applied");
	is_int(applied, 1, "apply 2: one row");
	is_str(pay_status_of(s2), "paid", "apply 2: s2 is paid");
	is_int(count_payments(s1, NULL), 1, "apply 2: the seen row did not pay s1 twice");
	is_int(count_payments(s4, NULL), 0, "apply 2: nothing for the cancelled order");
	memset(&ms, 0, sizeof(ms));
	payment_statement_preview(id2, &applied_ms, collect_match, &ms);
	ok(ms.n == 4 && strcmp(ms.m[3].verdict, "seen") == 0, "preview 2: the row without a serial is seen afterwards");

	before = db_int("SELECT count(*) FROM statements", -1, "");
	err = NULL;
	is_int(payment_statement_store(FINANCE, "bad.csv", "hello\nworld\n", 12, &err), -1, "statement: a bad file is refused");
	ok(err && *err, "statement: with a reason");
	if (err)
		printf("#   reason: %s\n", err);
	is_int(db_int("SELECT count(*) FROM statements", -1, ""), before, "statement: and not stored");
	is_int(payment_statement_preview(id2 + 100, &applied_ms, collect_match, &ms), -1, "preview: no such statement");
	applied = -1;
	is_int(payment_statement_apply(id2 + 100, FINANCE, "cai", &applied), PAYMENT_NOT_FOUND, "apply: no such statement");
	is_int(applied, 0, "apply: applying nothing");
}

/* ---------------------------------------------------------------- lists, labels, payable */

struct seen {
	int64_t ids[256];
	int n, claimed;
	struct payment_row last;
};

static void collect_row(void *ctx, const struct payment_row *p)
{
	struct seen *s = ctx;

	if (s->n < 256)
		s->ids[s->n++] = p->id;
	s->claimed += strcmp(p->status, "claimed") == 0;
	s->last = *p;
}

static void test_lists(void)
{
	int64_t o = make_order(user1, "pending", 55500);
	char code[9], today[11], tr[40];
	struct seen s;
	int total, i, ascending = 1, descending = 1;

	beijing_day(0, today);
	payment_transfer_code(o, code);
	make_trade(o, 1, 55500, tr);
	{
		struct tnotify n = { tr, "2026010522001400001000000030", "TRADE_SUCCESS", "555.00", NULL, NULL };
		post(tnotify_body(&n, 0, NULL, NULL, NULL), 1, "applied", "list: an Alipay payment");
	}
	memset(&s, 0, sizeof(s));
	payment_each_of_order(o, collect_row, &s);
	is_int(s.n, 1, "each: one payment of the order");
	is_str(s.last.method, "alipay", "each: method");
	is_str(s.last.status, "received", "each: status");
	is_str(s.last.source, "notify", "each: source");
	is_int(s.last.amount_fen, 55500, "each: amount");
	is_int(s.last.order_id, o, "each: order");
	is_str(s.last.out_trade_no, tr, "each: out_trade_no");
	is_str(s.last.trade_no, "2026010522001400001000000030", "each: trade_no");
	is_str(s.last.transfer_code, code, "each: the order's transfer code");
	ok(strncmp(s.last.name, "测试单位", strlen("测试单位")) == 0, "each: the organisation's name");
	ok(s.last.created_ms > 0, "each: created");

	memset(&s, 0, sizeof(s));
	total = payment_list(NULL, 0, 256, collect_row, &s);
	is_int(total, db_int("SELECT count(*) FROM payments WHERE status <> 'claimed'", -1, ""),
	    "list: all but claims counted");
	is_int(s.n, total, "list: all listed");
	is_int(s.claimed, 0, "list: no claims among them");
	for (i = 1; i < s.n; i++)
		descending &= s.ids[i] < s.ids[i - 1];
	ok(descending, "list: newest first");
	memset(&s, 0, sizeof(s));
	is_int(payment_list(NULL, 1, 2, collect_row, &s), total, "list: a page answers the total");
	is_int(s.n, 2, "list: at most limit rows");
	memset(&s, 0, sizeof(s));
	total = payment_list("claimed", 0, 256, collect_row, &s);
	ok(total >= 1, "list: claims waiting");
	is_int(total, db_int("SELECT count(*) FROM payments WHERE status = 'claimed'", -1, ""), "list: claims counted");
	is_int(s.claimed, s.n, "list: only claims");
	for (i = 1; i < s.n; i++)
		ascending &= s.ids[i] > s.ids[i - 1];
	ok(ascending, "list: claims oldest first");
	memset(&s, 0, sizeof(s));
	is_int(payment_list("refunded", 0, 256, collect_row, &s), 3, "list: the refunded ones");
	memset(&s, 0, sizeof(s));
	payment_list("declined", 0, 256, collect_row, &s);
	ok(s.n == 2 && strcmp(s.last.reason, "未查到该笔转账") == 0, "list: a declined claim carries its reason (oldest last)");

	is_str(payment_method_label("alipay"), "支付宝", "label: alipay");
	is_str(payment_method_label("transfer"), "对公转账", "label: transfer");
	is_str(payment_method_label("cash"), NULL, "label: an unknown method has none");
	is_str(payment_status_label("claimed"), "待确认", "label: claimed");
	is_str(payment_status_label("received"), "已到账", "label: received");
	is_str(payment_status_label("declined"), "未确认", "label: declined");
	is_str(payment_status_label("duplicate"), "待退款", "label: duplicate (to refund)");
	is_str(payment_status_label("refunded"), "已退款", "label: refunded");
	is_str(payment_status_label("lost"), NULL, "label: an unknown status has none");
	is_str(payment_match_label("match"), "可入账", "label: match");
	is_str(payment_match_label("seen"), "已入账", "label: seen");
	is_str(payment_match_label("no_code"), "未找到附言码", "label: no_code");
	is_str(payment_match_label("unknown_code"), "附言码不存在", "label: unknown_code");
	is_str(payment_match_label("wrong_amount"), "金额不符", "label: wrong_amount");
	is_str(payment_match_label("not_payable"), "该业务单不在待支付状态", "label: not_payable");
	is_str(payment_match_label("maybe"), NULL, "label: an unknown verdict has none");
}

/* ---------------------------------------------------------------- the money matches the order */

/* The text of the newest outbox SMS to mobile into out ("(none)" when none). */
static const char *last_sms(const char *mobile, char *out, size_t size)
{
	sqlite3_stmt *st = db_prepare("SELECT body FROM outbox WHERE kind = 'sms' AND recipient = ? ORDER BY id DESC LIMIT 1");

	snprintf(out, size, "(none)");
	if (st && db_bindv(st, "t", mobile) == 0 && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
	if (st)
		sqlite3_reset(st);
	return out;
}

static int64_t count_sms(const char *mobile)
{
	return db_int("SELECT count(*) FROM outbox WHERE kind = 'sms' AND recipient = ?", -1, "t", mobile);
}

/* A personal order of user (the person's own mobile), pending, unpaid, of fen. */
static int64_t personal_order(int64_t user, const char *mobile, int64_t fen)
{
	int64_t id = make_order(user, "pending", fen);

	db_exec("UPDATE orders SET subject = 'personal', name = '王小明', mobile = ?, agent_mobile = NULL, org_name = NULL"
	    " WHERE id = ?", "ti", mobile, id);
	return id;
}

/* What an edit to 5 years does to the money (lib/order.c): the amount changes and the open
 * trade is retired, in one transaction. */
static void edit_amount(int64_t order, int64_t fen)
{
	if (db_begin() != 0 || db_exec("UPDATE orders SET amount_fen = ? WHERE id = ?", "ii", fen, order) != 1
	    || payment_trade_retire(order) != 0 || db_commit() != 0)
		printf("# could not change the amount of %lld\n", (long long)order);
}

/* A title of user for invoice requests. */
static int64_t a_title(int64_t user)
{
	db_exec("INSERT INTO invoice_titles (user_id, kind, name, email, is_default, created_ms, updated_ms)"
	    " VALUES (?, 'personal', '王小明', 'wang@example.com', 1, 0, 0)", "i", user);
	return db_int("SELECT max(id) FROM invoice_titles WHERE user_id = ?", 0, "i", user);
}

struct refund_seen {
	int n;
	int64_t order[64];
	char cause[64][256];
};

static void collect_refund(void *ctx, const struct payment_row *p)
{
	struct refund_seen *s = ctx;

	if (s->n < 64) {
		s->order[s->n] = p->order_id;
		snprintf(s->cause[s->n], sizeof(s->cause[0]), "%s", p->cause);
		s->n++;
	}
}

/* The cause the to-refund queue shows for order's first payment, or NULL when not listed. */
static const char *queued_cause(const struct refund_seen *s, int64_t order)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (s->order[i] == order)
			return s->cause[i];
	return NULL;
}

static void test_money_matches(void)
{
	const char *mob = "13700000001";
	int64_t user3 = tsite_add_user("13912345601"), o, c, x, tid, inv = 0;
	char t1[40], t2[40], tx[40], buf[400], today[11];
	struct invoice_row irow;
	struct refund_seen q;
	struct tnotify n;

	beijing_day(0, today);
	tid = a_title(user3);

	/* The 1/5-price attack: 1 year (250 元), QR code made, edited to 5 years (1250 元),
	 * then the first QR code is paid. */
	o = personal_order(user3, mob, 25000);
	make_trade(o, 1, 25000, t1);
	edit_amount(o, 125000);
	is_str(text_of("SELECT state FROM alipay_trades WHERE order_id = ?", o, buf, sizeof(buf)), "replaced",
	    "attack: the edit retired the 250 元 trade");
	n = (struct tnotify){ t1, "2026010522001400001000000100", "TRADE_SUCCESS", "250.00", NULL, NULL };
	post(tnotify_body(&n, 0, NULL, NULL, NULL), 1, "applied", "attack: the stale trade's payment is recorded, answered success");
	is_str(text_of("SELECT status || '/' || amount_fen || '/' || refund_cause FROM payments WHERE order_id = ?", o, buf,
	    sizeof(buf)), "duplicate/25000/交易已失效", "attack: as money to refund, 交易已失效");
	is_str(pay_status_of(o), "unpaid", "attack: the order stays unpaid");
	is_str(status_of(o), "pending", "attack: and pending");
	is_int(invoice_request(user3, o, "normal", tid, &inv), INVOICE_UNPAID, "attack: no invoice for it");
	is_int(payment_refundable(o), 1, "attack: finance can refund it");
	{
		/* Refunding it before the order is paid leaves the order payable. */
		int64_t o2 = personal_order(user3, "13700000003", 25000);
		char t3[40];
		struct tnotify m = { t3, "2026010522001400001000000104", "TRADE_SUCCESS", "250.00", NULL, NULL };

		make_trade(o2, 1, 25000, t3);
		edit_amount(o2, 125000);
		post(tnotify_body(&m, 0, NULL, NULL, NULL), 1, "applied", "attack: (another order) the stale trade paid");
		is_int(payment_refund(o2, FINANCE, "cai", "已退回"), PAYMENT_OK, "attack: refunded before the order is paid");
		is_str(pay_status_of(o2), "unpaid", "attack: the order is still unpaid (not refunded)");
		ok(payment_payable(status_of(o2), pay_status_of(o2)), "attack: and can still be paid");
	}
	memset(&q, 0, sizeof(q));
	payment_list_to_refund(0, 64, collect_refund, &q);
	is_str(queued_cause(&q, o), "交易已失效", "attack: listed 待退款 with its cause");
	post(tnotify_body(&n, 0, NULL, NULL, NULL), 1, "duplicate", "attack: Alipay's retry");
	is_int(count_payments(o, NULL), 1, "attack: recorded once");

	/* The order's new trade for 1250 元 pays it; the invoice is for the 1250 received. */
	make_trade(o, 2, 125000, t2);
	n = (struct tnotify){ t2, "2026010522001400001000000101", "TRADE_SUCCESS", "1250.00", NULL, NULL };
	post(tnotify_body(&n, 0, NULL, NULL, NULL), 1, "applied", "attack: the current trade's payment");
	is_str(pay_status_of(o), "paid", "attack: now the order is paid");
	is_int(count_payments(o, "received"), 1, "attack: one received");
	is_int(count_payments(o, "duplicate"), 1, "attack: the 250 still to refund");
	is_int(invoice_request(user3, o, "normal", tid, &inv), INVOICE_OK, "attack: an invoice may be asked now");
	ok(invoice_get(inv, user3, &irow) && irow.amount_fen == 125000, "attack: for the 1250.00 received");
	is_int(payment_refund(o, FINANCE, "cai", "交易已失效，已原路退回。"), PAYMENT_OK, "attack: finance refunds the 250");
	is_str(pay_status_of(o), "paid", "attack: the order stays paid");
	ok(strstr(last_sms(mob, buf, sizeof(buf)), "250.00元已办理退款") != NULL, "attack: the person is told of the refund");

	/* Payment after cancellation: recorded, refundable, never paid. */
	c = make_order(user1, "pending", 30000);
	make_trade(c, 1, 30000, tx);
	review_cancel(c, REVIEWER, "shen", "申请人撤回");
	n = (struct tnotify){ tx, "2026010522001400001000000102", "TRADE_SUCCESS", "300.00", NULL, NULL };
	post(tnotify_body(&n, 0, NULL, NULL, NULL), 1, "applied", "cancelled: a payment after the cancellation");
	is_str(text_of("SELECT status || '/' || refund_cause FROM payments WHERE order_id = ?", c, buf, sizeof(buf)),
	    "duplicate/业务单已取消", "cancelled: to refund, 业务单已取消");
	is_str(pay_status_of(c), "unpaid", "cancelled: the order is not paid");
	is_str(status_of(c), "cancelled", "cancelled: and stays cancelled");
	is_int(payment_refundable(c), 1, "cancelled: refundable");
	is_int(payment_refund(c, FINANCE, "cai", "已退回"), PAYMENT_OK, "cancelled: refunded");
	is_int(count_payments(c, "refunded"), 1, "cancelled: the money is refunded");
	is_str(pay_status_of(c), "unpaid", "cancelled: money that never paid the order leaves it unpaid, not refunded");

	/* A closed trade paid anyway. */
	x = make_order(user1, "pending", 20000);
	make_trade(x, 1, 20000, tx);
	db_exec("UPDATE alipay_trades SET state = 'closed' WHERE out_trade_no = ?", "t", tx);
	n = (struct tnotify){ tx, "2026010522001400001000000103", "TRADE_SUCCESS", "200.00", NULL, NULL };
	post(tnotify_body(&n, 0, NULL, NULL, NULL), 1, "applied", "closed: a closed trade's payment");
	is_str(text_of("SELECT status || '/' || refund_cause FROM payments WHERE order_id = ?", x, buf, sizeof(buf)),
	    "duplicate/交易已关闭", "closed: to refund, 交易已关闭");
	is_str(pay_status_of(x), "unpaid", "closed: the order is not paid");

	/* Money of a cancelled order received before the cancellation is listed too. */
	{
		int64_t k = make_order(user1, "pending", 10000);
		payment_transfer_claim(k, user1, "某某公司", today, 0);
		payment_confirm(k, FINANCE, "cai");
		review_cancel(k, REVIEWER, "shen", "重复申请");
		memset(&q, 0, sizeof(q));
		payment_list_to_refund(0, 64, collect_refund, &q);
		is_str(queued_cause(&q, k), "业务单已取消", "queue: a cancelled order's received money, 业务单已取消");
		is_str(queued_cause(&q, x), "交易已关闭", "queue: the closed trade's money");
		ok(queued_cause(&q, o) == NULL, "queue: refunded money leaves it");
		is_int(payment_list_to_refund(0, 1, collect_refund, &q),
		    db_int("SELECT count(*) FROM payments WHERE status = 'duplicate'", 0, "") + 1, "queue: its total");
	}
}

/* Finance's decisions reach the applicant by SMS through the life table, in their words. */
static void test_decision_sms(void)
{
	const char *mob = "13700000011", *agent = "13800138000";
	int64_t user4 = tsite_add_user("13912345602"), p, e, d, before;
	char buf[400], today[11];

	beijing_day(0, today);
	p = personal_order(user4, mob, 25000);
	is_int(payment_transfer_claim(p, user4, "王小明", today, 0), PAYMENT_OK, "sms: a personal transfer claim");
	is_str(payment_claim_cause(p), NULL, "confirm: a claim that pays the order has no cause");
	before = count_sms(mob);
	is_int(payment_confirm(p, FINANCE, "cai"), PAYMENT_OK, "sms: confirmed");
	is_int(count_sms(mob), before + 1, "sms: one SMS to the person's own mobile");
	last_sms(mob, buf, sizeof(buf));
	ok(strstr(buf, "250.00元已确认到账") != NULL, "sms: payment_confirmed with the amount in yuan");
	ok(strstr(buf, "单位") == NULL && strstr(buf, "经办人") == NULL, "sms: worded for the person");
	printf("#   %s\n", buf);

	d = personal_order(user4, "13700000012", 25000);
	payment_transfer_claim(d, user4, "王小明", today, 0);
	is_int(payment_decline(d, FINANCE, "cai", "未查到该笔转账。"), PAYMENT_OK, "sms: declined");
	last_sms("13700000012", buf, sizeof(buf));
	ok(strstr(buf, "未能确认，原因：未查到该笔转账。请核对") != NULL, "sms: payment_declined with the reason (one full stop)");
	ok(strstr(buf, "单位") == NULL && strstr(buf, "经办人") == NULL, "sms: worded for the person");
	printf("#   %s\n", buf);

	/* A claim whose amount no longer matches the order: to refund, and said so. */
	e = make_order(user1, "pending", 40000);
	payment_transfer_claim(e, user1, "某某公司", today, 0);
	db_exec("UPDATE orders SET amount_fen = 65000 WHERE id = ?", "i", e);
	is_str(payment_claim_cause(e), "金额与业务单不符", "confirm: finance is told before confirming why it cannot pay");
	before = count_sms(agent);
	is_int(payment_confirm(e, FINANCE, "cai"), PAYMENT_OK, "sms: a claim of another amount confirmed");
	is_str(payment_claim_cause(e), NULL, "confirm: no claim waits, no cause");
	is_str(text_of("SELECT status || '/' || refund_cause FROM payments WHERE order_id = ?", e, buf, sizeof(buf)),
	    "duplicate/金额与业务单不符", "confirm: recorded to refund, 金额与业务单不符");
	is_str(pay_status_of(e), "unpaid", "confirm: the order is not paid");
	is_int(count_sms(agent), before + 1, "sms: the agent is told");
	last_sms(agent, buf, sizeof(buf));
	ok(strstr(buf, "400.00元已到账，但金额与业务单不符") != NULL && strstr(buf, "原路退回") != NULL,
	    "sms: the money arrived but will be refunded, with the cause");
	printf("#   %s\n", buf);
	is_int(payment_refund(e, FINANCE, "cai", "金额不符，已原路退回"), PAYMENT_OK, "sms: refunded");
	last_sms(agent, buf, sizeof(buf));
	ok(strstr(buf, "款项400.00元已办理退款") != NULL && strstr(buf, "原因：金额不符，已原路退回。") != NULL,
	    "sms: payment_refunded with the amount and reason");
	printf("#   %s\n", buf);
	is_int(payment_confirm(e, FINANCE, "cai"), PAYMENT_STATE, "confirm: nothing waits any more");

	/* A cancelled personal order's money refunded: the person is told. */
	review_cancel(p, REVIEWER, "shen", "申请人撤回");
	before = count_sms(mob);
	is_int(payment_refund(p, FINANCE, "cai", "已原路退回"), PAYMENT_OK, "sms: a cancelled order's money refunded");
	is_int(count_sms(mob), before + 1, "sms: one SMS");
	ok(strstr(last_sms(mob, buf, sizeof(buf)), "250.00元已办理退款") != NULL, "sms: payment_refunded to the person");
}

static void test_payable(void)
{
	static const char *const statuses[] = { "draft", "pending", "rejected", "approved", "producing", "shipped",
		"ready", "completed", "cancelled", NULL };
	static const char *const pays[] = { "unpaid", "claimed", "paid", "refunded", NULL };
	char name[96];
	int i, j;

	for (i = 0; statuses[i]; i++)
		for (j = 0; pays[j]; j++) {
			int want = (i == 1 || i == 3) && j <= 1;
			snprintf(name, sizeof(name), "payable: %s/%s %s", statuses[i], pays[j], want ? "yes" : "no");
			is_int(payment_payable(statuses[i], pays[j]), want, name);
		}
}

/* Without Alipay.Gateway nothing is asked of Alipay. */
static void test_unconfigured(void)
{
	int64_t o = make_order(user1, "pending", 10000);
	struct payment_trade t;
	char qr[600], tr[40];
	int paid = -1, asked = -1, applied = -1;

	is_int(payment_trade(o, user1, &t), PAYMENT_UNAVAILABLE, "trade: no gateway configured");
	is_int(payment_alipay_check(o, user1, 1, &paid), PAYMENT_UNAVAILABLE, "check: no gateway configured");
	is_int(paid, 0, "check: not paid");
	is_int(payment_alipay_check(o, user2, 1, &paid), PAYMENT_NOT_FOUND, "check: another applicant's order");
	is_int(payment_reconcile(0, &asked, &applied), -1, "reconcile: no gateway configured");
	ok(asked == 0 && applied == 0, "reconcile: nothing asked");
	is_int(payment_trade_qr(o, user1, qr, sizeof(qr)), 0, "qr: no trade yet");
	make_trade(o, 1, 10000, tr);
	db_exec("UPDATE alipay_trades SET qr_code = 'https://qr.alipay.com/bax00000' WHERE out_trade_no = ?", "t", tr);
	is_int(payment_trade_qr(o, user1, qr, sizeof(qr)), 1, "qr: the open trade's");
	is_str(qr, "https://qr.alipay.com/bax00000", "qr: its text");
	is_int(payment_trade_qr(o, user2, qr, sizeof(qr)), 0, "qr: not for another applicant");
}

int main(void)
{
	if (tsite_open(dir) != 0 || configure() != 0) {
		printf("Bail out! cannot make the site\n");
		return 1;
	}
	user1 = tsite_add_user("13912345678");
	user2 = tsite_add_user("13912345679");
	if (!user1 || !user2 || tsite_add_staff("cai", "finance") != FINANCE
	    || tsite_add_staff("shen", "reviewer") != REVIEWER) {
		printf("Bail out! cannot make the users\n");
		tsite_close(dir);
		return 1;
	}
	test_payable();
	test_notify();
	test_notify_sampling();
	test_transfer_code();
	test_claims();
	test_refunds();
	test_statements();
	test_lists();
	test_money_matches();
	test_decision_sms();
	test_unconfigured();
	tsite_close(dir);
	return done_testing();
}
