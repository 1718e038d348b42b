/* lib/payment_alipay.c: paying by Alipay face-to-face QR: trades and their QR codes, notifications applied exactly once, queries and reconciliation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "alipay.h"
#include "alipay_gw.h"
#include "cfg.h"
#include "clock.h"
#include "db.h"
#include "log.h"
#include "order.h"
#include "payment.h"
#include "payment_int.h"
#include "refusal.h"
#include "util.h"

#define TRADE_LIFE_MS (2 * 3600 * 1000LL)	/* timeout_express 2h */
#define TRADE_MARGIN_MS (5 * 60 * 1000LL)	/* a QR code is replaced 5 minutes before it dies */

/* Loads the open trade of order into out; 1 when there is one. */
static int open_trade(int64_t order, struct payment_trade *out)
{
	sqlite3_stmt *st = db_prepare("SELECT out_trade_no, ifnull(qr_code, ''), amount_fen, created_ms,"
	    " expires_ms, ifnull(claimed_ms, 0) FROM alipay_trades WHERE order_id = ? AND state = 'open'");
	int found = 0;

	memset(out, 0, sizeof(*out));
	if (st && db_bindv(st, "i", order) == 0 && sqlite3_step(st) == SQLITE_ROW) {
		db_col_text(st, 0, out->out_trade_no, sizeof(out->out_trade_no));
		db_col_text(st, 1, out->qr_code, sizeof(out->qr_code));
		out->amount_fen = sqlite3_column_int64(st, 2);
		out->created_ms = sqlite3_column_int64(st, 3);
		out->expires_ms = sqlite3_column_int64(st, 4);
		out->claimed_ms = sqlite3_column_int64(st, 5);
		found = 1;
	}
	if (st)
		sqlite3_reset(st);
	return found;
}

/* In a transaction: the open trade to show, replacing a stale one (its number into
 * replaced, "" when none) with a new row. PAYMENT_OK with out filled. */
static enum payment_result choose_trade(int64_t order, int64_t user, struct payment_trade *out,
    char replaced[40])
{
	struct order_row row;
	int64_t now = clock_now_ms(), n;

	replaced[0] = '\0';
	if (!order_get(order, user, &row) || strcmp(row.status, "draft") == 0)
		return PAYMENT_NOT_FOUND;
	if (!payment_payable(row.status, row.pay_status) || row.amount_fen <= 0)
		return PAYMENT_STATE;
	if (open_trade(order, out)) {
		if (out->expires_ms - TRADE_MARGIN_MS > now && out->amount_fen == row.amount_fen)
			return PAYMENT_OK;
		util_copy(replaced, 40, out->out_trade_no);
		if (db_exec("UPDATE alipay_trades SET state = 'replaced' WHERE out_trade_no = ?", "t", replaced) != 1)
			return PAYMENT_ERROR;
	}
	n = db_int("SELECT count(*) FROM alipay_trades WHERE order_id = ?", -1, "i", order);
	if (n < 0)
		return PAYMENT_ERROR;
	memset(out, 0, sizeof(*out));
	snprintf(out->out_trade_no, sizeof(out->out_trade_no), "%lld_%lld", (long long)order, (long long)n + 1);
	out->amount_fen = row.amount_fen;
	out->created_ms = now;
	out->expires_ms = now + TRADE_LIFE_MS;
	return db_exec("INSERT INTO alipay_trades (out_trade_no, order_id, amount_fen, state, created_ms,"
	    " expires_ms) VALUES (?, ?, ?, 'open', ?, ?)", "tiiii", out->out_trade_no, order, out->amount_fen,
	    now, out->expires_ms) == 1 ? PAYMENT_OK : PAYMENT_ERROR;
}

/* Asks Alipay about one trade and applies the answer; 0 when asked, -1 when Alipay could
 * not be asked. *paid is set when the order's payment was received (money recorded to
 * refund does not set it). */
static int check_trade(const char *out_trade_no, int *paid);

/* The unsettled trades of an order (defined with the queries below). */
static int unsettled(int64_t order, int64_t before_ms, char outs[][40], int max);

/* Closes a trade that is no longer shown: at Alipay, then here. A trade that turns out to
 * be paid is applied instead. */
static void close_trade(const char *out_trade_no)
{
	struct alipay_gw_reply reply;
	enum alipay_gw_result rc = alipay_gw_close(out_trade_no, &reply);
	int paid = 0;

	if (rc == ALIPAY_GW_OK || rc == ALIPAY_GW_NOT_EXIST) {
		db_exec("UPDATE alipay_trades SET state = 'closed' WHERE out_trade_no = ? AND state <> 'paid'",
		    "t", out_trade_no);
		return;
	}
	if (rc == ALIPAY_GW_REFUSED)
		check_trade(out_trade_no, &paid);
}

int payment_alipay_offered(void)
{
	return alipay_gw_configured();
}

void payment_trade_close_retired(int64_t order)
{
	char trades[20][40];
	int n, i;

	if (!alipay_gw_configured())
		return;
	n = unsettled(order, INT64_MAX, trades, 20);
	for (i = 0; i < n; i++)
		if (db_int("SELECT count(*) FROM alipay_trades WHERE out_trade_no = ? AND state = 'replaced'", 0, "t",
		    trades[i]))
			close_trade(trades[i]);
}

enum payment_result payment_trade(int64_t order, int64_t user, struct payment_trade *out)
{
	struct alipay_gw_reply reply;
	enum payment_result rc;
	char replaced[40], subject[64];

	if (!alipay_gw_configured())
		return PAYMENT_UNAVAILABLE;
	if (db_begin() != 0)
		return PAYMENT_ERROR;
	rc = choose_trade(order, user, out, replaced);
	if (rc != PAYMENT_OK) {
		db_rollback();
		return rc;
	}
	if (db_commit() != 0)
		return PAYMENT_ERROR;
	if (replaced[0])
		close_trade(replaced);
	if (!out->qr_code[0]) {
		snprintf(subject, sizeof(subject), "数字证书业务单%lld", (long long)order);
		if (alipay_gw_precreate(out->out_trade_no, out->amount_fen, subject, &reply) != ALIPAY_GW_OK)
			return PAYMENT_UNAVAILABLE;
		util_copy(out->qr_code, sizeof(out->qr_code), reply.qr_code);
		if (db_exec("UPDATE alipay_trades SET qr_code = ? WHERE out_trade_no = ?", "tt", reply.qr_code,
		    out->out_trade_no) != 1)
			return PAYMENT_ERROR;
	}
	out->app_link = strncmp(out->qr_code, "https://qr.alipay.com/", 22) == 0;
	return PAYMENT_OK;
}

int payment_trade_qr(int64_t order, int64_t user, char *qr, size_t size)
{
	struct payment_trade t;
	struct order_row row;

	if (!order_get(order, user, &row) || !open_trade(order, &t) || !t.qr_code[0])
		return 0;
	util_copy(qr, size, t.qr_code);
	return 1;
}

/* A verified trade status: what Alipay said about out_trade_no. */
struct trade_news {
	const char *out_trade_no, *trade_status, *trade_no, *buyer;
	int64_t fen;
};

/* Judges news against our records, changing nothing. Verdicts (stored with a
 * notification): "applied" — money Alipay reports paid that is recorded now: as the
 * order's payment, or as a duplicate to refund (see stale and pay_judge; the payment row
 * that traces to the notification says which, with its refund_cause); "duplicate" — this
 * trade's money was recorded already (a retry); "acknowledged" — nothing to pay (e.g.
 * WAIT_BUYER_PAY, TRADE_CLOSED); "unknown_trade". ("wrong_amount" is no longer given: money
 * of another amount is recorded to refund; older notifications may carry it.) Stores the
 * trade's order in *order (0 when unknown) and in *stale why the trade cannot pay its
 * order (NULL when it is the order's current one). */
static const char *judge(const struct trade_news *t, int64_t *order, const char **stale)
{
	*stale = NULL;
	*order = db_int("SELECT order_id FROM alipay_trades WHERE out_trade_no = ?", 0, "t", t->out_trade_no);
	if (!*order)
		return "unknown_trade";
	if (strcmp(t->trade_status, "TRADE_SUCCESS") != 0 && strcmp(t->trade_status, "TRADE_FINISHED") != 0)
		return "acknowledged";
	if (db_int("SELECT count(*) FROM payments WHERE out_trade_no = ? OR trade_no = ?", 1, "tt",
	    t->out_trade_no, t->trade_no && *t->trade_no ? t->trade_no : NULL))
		return "duplicate";
	/* The order's current trade is its open one, or one replaced only because its QR code
	 * was renewed (still of the order's amount); one retired by an edit that changed the
	 * amount, or closed, is not. */
	if (db_int("SELECT count(*) FROM alipay_trades WHERE out_trade_no = ? AND state = 'closed'", 0, "t",
	    t->out_trade_no))
		*stale = "交易已关闭";
	else if (db_int("SELECT count(*) FROM alipay_trades t JOIN orders o ON o.id = t.order_id WHERE t.out_trade_no = ?"
	    " AND t.state <> 'open' AND t.amount_fen IS NOT o.amount_fen", 0, "t", t->out_trade_no))
		*stale = "交易已失效";
	else if (t->fen != db_int("SELECT amount_fen FROM alipay_trades WHERE out_trade_no = ?", -1, "t", t->out_trade_no))
		*stale = "金额与业务单不符";
	return "applied";
}

/* Carries out verdict (from judge, with its stale) in the caller's transaction: records
 * the money (traced to notification, or to a query when 0) as the order's payment or to
 * refund, or closes a TRADE_CLOSED trade. Stores 1 in *received when the order's payment
 * was received. Returns 0, or -1 on a database error. */
static int apply_news(const struct trade_news *t, const char *verdict, int64_t order, int64_t notification,
    const char *stale, int *received)
{
	struct pay_money m;

	*received = 0;
	if (strcmp(verdict, "acknowledged") == 0 && strcmp(t->trade_status, "TRADE_CLOSED") == 0)
		return db_exec("UPDATE alipay_trades SET state = 'closed' WHERE out_trade_no = ?"
		    " AND state IN ('open', 'replaced')", "t", t->out_trade_no) < 0
		    || pay_settle(order, "system", "支付宝") != 0 ? -1 : 0;
	if (strcmp(verdict, "applied") != 0)
		return 0;
	memset(&m, 0, sizeof(m));
	m.order = order;
	m.method = "alipay";
	m.fen = t->fen;
	m.source = notification ? "notify" : "query";
	m.out_trade_no = t->out_trade_no;
	m.trade_no = t->trade_no && *t->trade_no ? t->trade_no : NULL;
	m.notification = notification;
	m.payer = t->buyer && *t->buyer ? t->buyer : NULL;
	m.stale = stale;
	if (pay_receive(&m, received) < 0 || db_exec("UPDATE alipay_trades SET state = 'paid' WHERE out_trade_no = ?",
	    "t", t->out_trade_no) != 1 || pay_settle(order, "system", "支付宝") != 0)
		return -1;
	log_info("order %lld: Alipay payment %s recorded %s (%s)", (long long)order, t->out_trade_no,
	    *received ? "as its payment" : "to refund", notification ? "notification" : "query");
	return 0;
}

/* Stores a notification with its verdict (and what was parsed of it); returns its id or -1. */
static int64_t store_notification(const char *body, size_t len, const char *peer,
    const struct alipay_notify *n, const char *verdict)
{
	if (db_exec("INSERT INTO alipay_notifications (received_ms, peer, body, out_trade_no, trade_no,"
	    " trade_status, total_fen, verdict) VALUES (?, ?, ?, nullif(?, ''), nullif(?, ''), nullif(?, ''),"
	    " nullif(?, -1), ?)", "itbtttit", clock_now_ms(), peer ? peer : "", body, (int)len,
	    n ? n->out_trade_no : "", n ? n->trade_no : "", n ? n->trade_status : "",
	    n ? n->total_fen : (int64_t)-1, verdict) != 1)
		return -1;
	return sqlite3_last_insert_rowid(db_handle());
}

/* Stores a refused notification in its own transaction: whole when its signature was
 * verified (money evidence); else counted per client and hour (refusal_note), the body
 * kept for the first few only, so forged notifications cannot fill the disk. */
static void store_refused(const char *body, size_t len, const char *peer,
    const struct alipay_notify *n, const char *verdict, int verified)
{
	if (db_begin() != 0)
		return;
	if ((verified || refusal_note(peer, "alipay_notify", verdict))
	    && store_notification(body, len, peer, n, verdict) < 0) {
		db_rollback();
		return;
	}
	db_commit();
}

int payment_notify(const char *body, size_t len, const char *peer, const char **verdict)
{
	struct alipay_notify n;
	struct trade_news news;
	const char *seller = cfg_str("Alipay.SellerId", "");
	char key[1024];
	const char *stale;
	int64_t id, order;
	int rc, received;

	*verdict = "error";
	if (cfg_data_path(cfg_str("Alipay.PublicKeyFile", "keys/alipay_public.pem"), key, sizeof(key)) != 0)
		return store_refused(body, len, peer, NULL, *verdict, 0), 0;
	rc = alipay_notify_parse(body, len, key, &n);
	if (rc != 1) {
		*verdict = rc == 0 ? "bad_signature" : "error";
		store_refused(body, len, peer, NULL, *verdict, 0);
		return 0;
	}
	if (strcmp(n.app_id, cfg_str("Alipay.AppId", "")) != 0)
		*verdict = "wrong_app";
	else if (*seller && strcmp(n.seller_id, seller) != 0)
		*verdict = "wrong_seller";
	if (strcmp(*verdict, "error") != 0) {
		store_refused(body, len, peer, &n, *verdict, 1);
		return 0;
	}
	news.out_trade_no = n.out_trade_no;
	news.trade_status = n.trade_status;
	news.trade_no = n.trade_no;
	news.buyer = n.buyer_logon_id;
	news.fen = n.total_fen;
	if (db_begin() != 0)
		return 0;
	*verdict = judge(&news, &order, &stale);
	id = store_notification(body, len, peer, &n, *verdict);
	if (id < 0 || apply_news(&news, *verdict, order, id, stale, &received) != 0) {
		db_rollback();
		*verdict = "error";
		store_refused(body, len, peer, &n, *verdict, 1);
		return 0;
	}
	if (db_commit() != 0) {
		*verdict = "error";
		return 0;
	}
	return strcmp(*verdict, "applied") == 0 || strcmp(*verdict, "duplicate") == 0
	    || strcmp(*verdict, "acknowledged") == 0;
}

static int check_trade(const char *out_trade_no, int *paid)
{
	struct alipay_gw_reply reply;
	struct trade_news news;
	enum alipay_gw_result rc = alipay_gw_query(out_trade_no, &reply);
	const char *verdict, *stale;
	int64_t order;
	int received;

	if (rc != ALIPAY_GW_OK && rc != ALIPAY_GW_NOT_EXIST)
		return -1;
	if (db_begin() != 0)
		return -1;
	if (db_exec("UPDATE alipay_trades SET checked_ms = ? WHERE out_trade_no = ?", "it", clock_now_ms(),
	    out_trade_no) != 1) {
		db_rollback();
		return -1;
	}
	if (rc == ALIPAY_GW_OK) {
		news.out_trade_no = out_trade_no;
		news.trade_status = reply.trade_status;
		news.trade_no = reply.trade_no;
		news.buyer = reply.buyer_logon_id;
		news.fen = reply.total_fen;
		verdict = judge(&news, &order, &stale);
		if (apply_news(&news, verdict, order, 0, stale, &received) != 0) {
			db_rollback();
			return -1;
		}
		*paid = received;
	}
	return db_commit();
}

/* Collects up to max unsettled trades (open or replaced) of order (0: any, created before
 * before_ms) into outs. Returns how many. */
static int unsettled(int64_t order, int64_t before_ms, char outs[][40], int max)
{
	sqlite3_stmt *st = db_prepare("SELECT out_trade_no FROM alipay_trades WHERE state IN ('open', 'replaced')"
	    " AND (?1 = 0 OR order_id = ?1) AND created_ms <= ?2 ORDER BY created_ms LIMIT ?3");
	int n = 0;

	if (!st || db_bindv(st, "iii", order, before_ms, (int64_t)max) != 0)
		return 0;
	while (n < max && sqlite3_step(st) == SQLITE_ROW)
		db_col_text(st, 0, outs[n++], 40);
	sqlite3_reset(st);
	return n;
}

enum payment_result payment_alipay_check(int64_t order, int64_t user, int claim, int *paid)
{
	struct order_row row;
	char trades[20][40];
	int n, i, failed = 0;

	*paid = 0;
	if (!order_get(order, user, &row) || strcmp(row.status, "draft") == 0)
		return PAYMENT_NOT_FOUND;
	if (!alipay_gw_configured())
		return PAYMENT_UNAVAILABLE;
	n = unsettled(order, INT64_MAX, trades, 20);
	for (i = 0; i < n; i++)
		failed |= check_trade(trades[i], paid) != 0;
	if (failed)
		return PAYMENT_UNAVAILABLE;
	if (!order_get(order, user, &row))
		return PAYMENT_ERROR;
	*paid = strcmp(row.pay_status, "paid") == 0;
	if (*paid || !claim)
		return PAYMENT_OK;
	if (!payment_payable(row.status, row.pay_status) || n == 0)
		return PAYMENT_STATE;
	if (db_begin() != 0)
		return PAYMENT_ERROR;
	if (db_exec("UPDATE alipay_trades SET claimed_ms = ifnull(claimed_ms, ?) WHERE order_id = ?"
	    " AND state = 'open'", "ii", clock_now_ms(), order) < 0 || pay_settle(order, "user", "") != 0) {
		db_rollback();
		return PAYMENT_ERROR;
	}
	return db_commit() == 0 ? PAYMENT_OK : PAYMENT_ERROR;
}

void payment_alipay_poll(int64_t order)
{
	struct payment_trade t;
	int64_t now = clock_now_ms(), checked;
	int paid = 0;

	if (!alipay_gw_configured() || !open_trade(order, &t) || now - t.created_ms < 10000)
		return;
	checked = db_int("SELECT ifnull(checked_ms, 0) FROM alipay_trades WHERE out_trade_no = ?", 0, "t",
	    t.out_trade_no);
	if (now - checked >= 10000)
		check_trade(t.out_trade_no, &paid);
}

/* Reconcile's decision for a trade Alipay does not report as paid: 1 when it should be
 * closed (replaced, expired, or its order can no longer be paid). */
static int finished_with(const char *out_trade_no)
{
	return db_int("SELECT count(*) FROM alipay_trades t JOIN orders o ON o.id = t.order_id"
	    " WHERE t.out_trade_no = ? AND (t.state = 'replaced' OR t.expires_ms <= ?"
	    " OR o.status NOT IN ('pending', 'approved') OR o.pay_status IN ('paid', 'refunded'))", 0, "ti",
	    out_trade_no, clock_now_ms()) > 0;
}

int payment_reconcile(int minutes, int *asked, int *applied)
{
	char trades[500][40];
	int n, i, paid, failed = 0;
	int64_t order;

	*asked = *applied = 0;
	if (!alipay_gw_configured())
		return -1;
	n = unsettled(0, clock_now_ms() - (int64_t)minutes * 60000, trades, 500);
	for (i = 0; i < n; i++) {
		paid = 0;
		if (check_trade(trades[i], &paid) != 0) {
			failed = 1;
			continue;
		}
		(*asked)++;
		*applied += paid;
		if (paid || !finished_with(trades[i]))
			continue;
		close_trade(trades[i]);
		order = db_int("SELECT order_id FROM alipay_trades WHERE out_trade_no = ?", 0, "t", trades[i]);
		if (db_begin() == 0) {
			if (pay_settle(order, "system", "对账") == 0)
				db_commit();
			else
				db_rollback();
		}
	}
	return failed ? -1 : 0;
}
