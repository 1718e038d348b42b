/* lib/payment.c: the pay status of orders: received money, transfer codes and claims, finance's confirmations and refunds, and the payment lists. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "lifecycle.h"
#include "log.h"
#include "order.h"
#include "payment.h"
#include "payment_int.h"
#include "review.h"
#include "util.h"

int payment_payable(const char *status, const char *pay_status)
{
	struct life_state s = { status, pay_status, "", 0 };

	return life_find("pay", LIFE_USER, 0, &s) != NULL;
}

int payment_transfer_code(int64_t order, char out[9])
{
	sqlite3_stmt *st;
	unsigned char rnd[8];
	char code[9];
	int tries, i;

	for (tries = 0; tries < 5; tries++) {
		st = db_prepare("SELECT transfer_code FROM orders WHERE id = ?");
		if (!st || db_bindv(st, "i", order) != 0 || sqlite3_step(st) != SQLITE_ROW) {
			if (st)
				sqlite3_reset(st);
			return -1;
		}
		db_col_text(st, 0, out, 9);
		sqlite3_reset(st);
		if (out[0])
			return 0;
		if (crypto_random(rnd, sizeof(rnd)) != 0)
			return -1;
		for (i = 0; i < 8; i++)
			code[i] = statement_code_alphabet[rnd[i] % 32];
		code[8] = '\0';
		/* A clash with another order's code fails the unique index: draw again. */
		db_exec("UPDATE orders SET transfer_code = ? WHERE id = ? AND transfer_code IS NULL",
		    "ti", code, order);
	}
	return -1;
}

int pay_judge(int64_t order, int64_t fen, const char *stale, const char **cause)
{
	struct order_row row;
	struct life_state s;
	int64_t had;

	*cause = NULL;
	if (!order_get(order, 0, &row))
		return -1;
	had = db_int("SELECT count(*) FROM payments WHERE order_id = ? AND status = 'received'", -1, "i", order);
	if (had < 0)
		return -1;
	s = life_state_of(&row);
	if (strcmp(row.status, "cancelled") == 0)
		*cause = "业务单已取消";
	else if (had)
		*cause = "重复支付";
	else if (stale)
		*cause = stale;
	else if (fen != row.amount_fen)
		*cause = "金额与业务单不符";
	else if (!life_find("pay", LIFE_USER, 0, &s))
		*cause = "业务单当前不可支付";
	return 0;
}

int64_t pay_receive(const struct pay_money *m, int *received)
{
	const char *cause;

	if (received)
		*received = 0;
	if (pay_judge(m->order, m->fen, m->stale, &cause) != 0
	    || db_exec("INSERT INTO payments (order_id, method, status, amount_fen, source,"
	    " out_trade_no, trade_no, notification_id, payer, paid_on, bank_ref, statement_id, created_ms,"
	    " decided_ms, refund_cause) VALUES (?, ?, ?, ?, ?, ?, ?, nullif(?, 0), ?, ?, ?, nullif(?, 0), ?, ?, ?)",
	    "ittitttitttiiit", m->order, m->method, cause ? "duplicate" : "received", m->fen, m->source,
	    m->out_trade_no, m->trade_no, m->notification, m->payer, m->paid_on, m->bank_ref,
	    m->statement, clock_now_ms(), clock_now_ms(), cause) != 1)
		return -1;
	if (cause)
		log_warn("order %lld: %lld fen arrived that cannot pay it (%s); recorded to refund",
		    (long long)m->order, (long long)m->fen, cause);
	else if (received)
		*received = 1;
	return sqlite3_last_insert_rowid(db_handle());
}

int pay_settle(int64_t order, const char *realm, const char *actor)
{
	if (db_exec("UPDATE orders SET pay_status = CASE"
	    " WHEN EXISTS (SELECT 1 FROM payments WHERE order_id = ?1 AND status = 'received') THEN 'paid'"
	    /* Refunded: the order's own money was given back; money that never paid it (a refund
	     * cause) leaves it as it was. */
	    " WHEN EXISTS (SELECT 1 FROM payments WHERE order_id = ?1 AND status = 'refunded'"
	    "  AND refund_cause IS NULL) THEN 'refunded'"
	    " WHEN EXISTS (SELECT 1 FROM payments WHERE order_id = ?1 AND status = 'claimed')"
	    "  OR EXISTS (SELECT 1 FROM alipay_trades WHERE order_id = ?1 AND state IN ('open', 'replaced')"
	    "  AND claimed_ms IS NOT NULL) THEN 'claimed'"
	    " ELSE 'unpaid' END, updated_ms = ?2 WHERE id = ?1", "ii", order, clock_now_ms()) != 1)
		return -1;
	return life_settle(order, realm, actor);
}

/* Runs the end of a finance action: settle and commit, or roll back. */
static enum payment_result finish(int64_t order, const char *login, int ok)
{
	if (!ok || pay_settle(order, "staff", login) != 0) {
		db_rollback();
		return PAYMENT_ERROR;
	}
	return db_commit() == 0 ? PAYMENT_OK : PAYMENT_ERROR;
}

/* Begins a transaction on an existing submitted order; PAYMENT_OK with it begun. */
static enum payment_result begin_on(int64_t order, int64_t user, struct order_row *row)
{
	if (db_begin() != 0)
		return PAYMENT_ERROR;
	if (!order_get(order, user, row) || strcmp(row->status, "draft") == 0) {
		db_rollback();
		return PAYMENT_NOT_FOUND;
	}
	return PAYMENT_OK;
}

enum payment_result payment_transfer_claim(int64_t order, int64_t user, const char *payer,
    const char *paid_on, int64_t slip_doc)
{
	struct order_row row;
	enum payment_result rc = begin_on(order, user, &row);
	int64_t day = clock_day_start(paid_on);

	if (rc != PAYMENT_OK)
		return rc;
	if (!payment_payable(row.status, row.pay_status) || row.amount_fen <= 0
	    || day <= 0 || day > clock_now_ms()
	    || db_int("SELECT count(*) FROM payments WHERE order_id = ? AND status IN ('claimed', 'received')",
	    1, "i", order)) {
		db_rollback();
		return PAYMENT_STATE;
	}
	return finish(order, "", db_exec("INSERT INTO payments (order_id, method, status, amount_fen, source,"
	    " payer, paid_on, slip_doc, created_ms) VALUES (?, 'transfer', 'claimed', ?, 'claim', ?, ?,"
	    " nullif(?, 0), ?)", "iittii", order, row.amount_fen, payer, paid_on, slip_doc,
	    clock_now_ms()) == 1);
}

int payment_claim_waiting(int64_t order)
{
	return db_int("SELECT count(*) FROM payments WHERE order_id = ? AND status = 'claimed'", 0, "i", order) > 0;
}

/* The NULL-ended SMS variables of a finance decision: amount (yuan, "250.00") when fen >= 0,
 * reason (its closing full stop dropped: the text adds its own) when not NULL. Uses the
 * caller's buffers yuan[32] and said[REASON_TEXT]. */
#define REASON_TEXT UTF8_BYTES(REVIEW_REASON_CHARS)
static void decision_vars(const char *vars[7], int64_t fen, char yuan[32], const char *reason,
    const char *cause, char said[REASON_TEXT])
{
	size_t n = 0, len;

	if (fen >= 0) {
		util_fen_to_yuan(fen, yuan, 32);
		vars[n++] = "amount";
		vars[n++] = yuan;
	}
	if (reason) {
		util_copy(said, REASON_TEXT, reason);
		len = strlen(said);
		while (len && (said[len - 1] == '.' || said[len - 1] == ' ' || said[len - 1] == '\n'))
			said[--len] = '\0';
		while (len >= 3 && (strcmp(said + len - 3, "。") == 0 || strcmp(said + len - 3, "；") == 0)) {
			len -= 3;
			said[len] = '\0';
		}
		vars[n++] = "reason";
		vars[n++] = said;
	}
	if (cause) {
		vars[n++] = "cause";
		vars[n++] = cause;
	}
	vars[n] = NULL;
}

/* Writes finance's decision on order in the life table (rule check, history or note, the
 * rule's SMS with vars) in the caller's transaction; 1 done, 0 refused (the table does
 * not allow it now), -1 on error. */
static int decided(int64_t order, const char *action, int64_t staff, const char *reason,
    const char *const *vars)
{
	struct life_actor who = { LIFE_STAFF, staff, NULL };
	enum life_result rc = life_apply(order, action, &who, reason, vars, NULL);

	return rc == LIFE_OK ? 1 : rc == LIFE_ERROR ? -1 : 0;
}

/* Ends a finance decision: settled, told through the life table (see decided), committed;
 * PAYMENT_STATE (rolled back) when the table refuses it. */
static enum payment_result decide_end(int64_t order, const char *login, int64_t staff,
    const char *action, const char *reason, const char *const *vars)
{
	int rc;

	if (pay_settle(order, "staff", login) != 0) {
		db_rollback();
		return PAYMENT_ERROR;
	}
	rc = decided(order, action, staff, reason, vars);
	if (rc != 1) {
		db_rollback();
		return rc == 0 ? PAYMENT_STATE : PAYMENT_ERROR;
	}
	return db_commit() == 0 ? PAYMENT_OK : PAYMENT_ERROR;
}

const char *payment_claim_cause(int64_t order)
{
	int64_t fen = db_int("SELECT amount_fen FROM payments WHERE order_id = ? AND status = 'claimed'", -1, "i", order);
	const char *cause = NULL;

	if (fen < 0 || pay_judge(order, fen, NULL, &cause) != 0)
		return NULL;
	return cause;
}

enum payment_result payment_confirm(int64_t order, int64_t staff, const char *login)
{
	struct order_row row;
	enum payment_result rc = begin_on(order, 0, &row);
	const char *cause, *vars[7];
	char yuan[32], said[REASON_TEXT];
	int64_t claim, fen;

	if (rc != PAYMENT_OK)
		return rc;
	claim = db_int("SELECT id FROM payments WHERE order_id = ? AND status = 'claimed'", 0, "i", order);
	fen = db_int("SELECT amount_fen FROM payments WHERE id = ?", -1, "i", claim);
	if (!claim || fen < 0) {
		db_rollback();
		return PAYMENT_STATE;
	}
	if (pay_judge(order, fen, NULL, &cause) != 0 || db_exec("UPDATE payments SET status = ?, refund_cause = ?,"
	    " decided_ms = ?, decided_by = ? WHERE id = ? AND status = 'claimed'", "ttiii",
	    cause ? "duplicate" : "received", cause, clock_now_ms(), staff, claim) != 1) {
		db_rollback();
		return PAYMENT_ERROR;
	}
	decision_vars(vars, fen, yuan, NULL, cause, said);
	if (!cause)
		return decide_end(order, login, staff, "confirm_payment", NULL, vars);
	/* The money arrived but cannot pay the order: say so instead of 已确认到账. */
	if (pay_settle(order, "staff", login) != 0 || life_sms(order, "payment_confirmed_refund", vars) != 0) {
		db_rollback();
		return PAYMENT_ERROR;
	}
	log_warn("order %lld: a confirmed transfer of %lld fen cannot pay it (%s); to refund", (long long)order,
	    (long long)fen, cause);
	return db_commit() == 0 ? PAYMENT_OK : PAYMENT_ERROR;
}

enum payment_result payment_decline(int64_t order, int64_t staff, const char *login,
    const char *reason)
{
	struct order_row row;
	enum payment_result rc = begin_on(order, 0, &row);
	const char *vars[7];
	char yuan[32], said[REASON_TEXT];
	int changed;

	if (rc != PAYMENT_OK)
		return rc;
	changed = db_exec("UPDATE payments SET status = 'declined', decided_ms = ?, decided_by = ?,"
	    " decline_reason = ? WHERE order_id = ? AND status = 'claimed'", "iiti", clock_now_ms(), staff,
	    reason, order);
	if (changed <= 0) {
		db_rollback();
		return changed == 0 ? PAYMENT_STATE : PAYMENT_ERROR;
	}
	decision_vars(vars, -1, yuan, reason, NULL, said);
	return decide_end(order, login, staff, "decline_payment", NULL, vars);
}

/* The payments of order ?N (the last parameter) that a refund gives back. */
#define REFUNDABLE "(status = 'duplicate' OR (status = 'received'" \
	" AND (SELECT status FROM orders WHERE id = ?) = 'cancelled'))"

int payment_refundable(int64_t order)
{
	return db_int("SELECT count(*) FROM payments WHERE order_id = ? AND " REFUNDABLE, 0, "ii", order, order) > 0;
}

enum payment_result payment_refund(int64_t order, int64_t staff, const char *login,
    const char *reason)
{
	struct order_row row;
	enum payment_result rc = begin_on(order, 0, &row);
	const char *vars[7];
	char yuan[32], said[REASON_TEXT];
	int64_t fen;
	int changed;

	if (rc != PAYMENT_OK)
		return rc;
	fen = db_int("SELECT ifnull(sum(amount_fen), 0) FROM payments WHERE order_id = ? AND " REFUNDABLE, -1, "ii",
	    order, order);
	changed = fen < 0 ? -1 : db_exec("UPDATE payments SET status = 'refunded', refunded_ms = ?, refunded_by = ?,"
	    " refund_reason = ? WHERE order_id = ? AND " REFUNDABLE, "iitii", clock_now_ms(), staff, reason, order,
	    order);
	if (changed <= 0) {
		db_rollback();
		return changed == 0 ? PAYMENT_STATE : PAYMENT_ERROR;
	}
	decision_vars(vars, fen, yuan, reason, NULL, said);
	return decide_end(order, login, staff, "refund", NULL, vars);
}

#define PAYMENT_FIELDS "p.id, p.order_id, p.amount_fen, p.created_ms, ifnull(p.slip_doc, 0)," \
	" ifnull(p.statement_id, 0), coalesce(p.refunded_ms, p.decided_ms, 0), p.method, p.status, p.source," \
	" p.trade_no, p.out_trade_no, p.payer, p.paid_on, coalesce(p.refund_reason, p.decline_reason)," \
	" o.transfer_code, CASE o.subject WHEN 'enterprise' THEN o.org_name ELSE o.name END," \
	" ifnull((SELECT login FROM staff WHERE id = coalesce(p.refunded_by, p.decided_by)), '')," \
	" coalesce(p.refund_cause, CASE WHEN p.status IN ('received', 'refunded') AND o.status = 'cancelled'" \
	" THEN '业务单已取消' END)"
#define PAYMENT_COLUMNS PAYMENT_FIELDS " FROM payments p JOIN orders o ON o.id = p.order_id"

/* Reads a row of PAYMENT_COLUMNS. */
static void read_row(sqlite3_stmt *st, struct payment_row *p)
{
	static const size_t text_at[] = { offsetof(struct payment_row, method), offsetof(struct payment_row, status),
		offsetof(struct payment_row, source), offsetof(struct payment_row, trade_no),
		offsetof(struct payment_row, out_trade_no), offsetof(struct payment_row, payer),
		offsetof(struct payment_row, paid_on), offsetof(struct payment_row, reason),
		offsetof(struct payment_row, transfer_code), offsetof(struct payment_row, name),
		offsetof(struct payment_row, decided_by), offsetof(struct payment_row, cause) };
	static const size_t text_size[] = { sizeof(p->method), sizeof(p->status), sizeof(p->source),
		sizeof(p->trade_no), sizeof(p->out_trade_no), sizeof(p->payer), sizeof(p->paid_on),
		sizeof(p->reason), sizeof(p->transfer_code), sizeof(p->name), sizeof(p->decided_by),
		sizeof(p->cause) };
	size_t i;

	memset(p, 0, sizeof(*p));
	p->id = sqlite3_column_int64(st, 0);
	p->order_id = sqlite3_column_int64(st, 1);
	p->amount_fen = sqlite3_column_int64(st, 2);
	p->created_ms = sqlite3_column_int64(st, 3);
	p->slip_doc = sqlite3_column_int64(st, 4);
	p->statement_id = sqlite3_column_int64(st, 5);
	p->decided_ms = sqlite3_column_int64(st, 6);
	for (i = 0; i < sizeof(text_at) / sizeof(text_at[0]); i++)
		db_col_text(st, (int)(7 + i), (char *)p + text_at[i], text_size[i]);
}

/* The payments lists: every payment but the claims, newest first (a walk down the primary
 * key that stops at the page); one status through payments_status_id, claims oldest first,
 * the others newest first. Counts stop at PAYMENT_COUNT_CAP. */
#define PAYMENT_COUNT_CAP 1001
#define PAYMENTS_ALL " WHERE p.status <> 'claimed'"
#define PAYMENTS_ONE " WHERE p.status = ?1"

int payment_list(const char *status, int offset, int limit,
    void (*fn)(void *ctx, const struct payment_row *p), void *ctx)
{
	sqlite3_stmt *st;
	struct payment_row p;
	int total;

	if (!status)
		total = (int)db_int("SELECT count(*) FROM (SELECT 1 FROM payments p" PAYMENTS_ALL
		    " ORDER BY p.id DESC LIMIT ?1)", 0, "i",
		    (int64_t)PAYMENT_COUNT_CAP);
	else
		total = (int)db_int("SELECT count(*) FROM (SELECT 1 FROM payments p" PAYMENTS_ONE " LIMIT ?2)", 0, "ti",
		    status, (int64_t)PAYMENT_COUNT_CAP);
	if (limit <= 0)
		return total;
	st = db_prepare(!status ? "SELECT " PAYMENT_COLUMNS PAYMENTS_ALL " AND ?1 IS NULL ORDER BY p.id DESC LIMIT ?2 OFFSET ?3"
	    : strcmp(status, "claimed") == 0 ? "SELECT " PAYMENT_COLUMNS PAYMENTS_ONE " ORDER BY p.id LIMIT ?2 OFFSET ?3"
	    : "SELECT " PAYMENT_COLUMNS PAYMENTS_ONE " ORDER BY p.id DESC LIMIT ?2 OFFSET ?3");
	if (!st || db_bindv(st, "tii", status, (int64_t)limit, (int64_t)offset) != 0)
		return total;
	while (sqlite3_step(st) == SQLITE_ROW) {
		read_row(st, &p);
		fn(ctx, &p);
	}
	sqlite3_reset(st);
	return total;
}

int payment_list_to_refund(int offset, int limit,
    void (*fn)(void *ctx, const struct payment_row *p), void *ctx)
{
	/* Two indexed halves: duplicates by payments_status_id, received money of cancelled
	 * orders by orders_to_refund (a received payment makes the order paid: pay_settle),
	 * the orders first (CROSS JOIN): else the planner walks every received payment in id
	 * order to spare the sort. */
	sqlite3_stmt *st = db_prepare("SELECT * FROM (SELECT " PAYMENT_COLUMNS " WHERE p.status = 'duplicate'"
	    " UNION ALL SELECT " PAYMENT_FIELDS " FROM orders o INDEXED BY orders_to_refund"
	    " CROSS JOIN payments p ON p.order_id = o.id WHERE o.status = 'cancelled' AND o.pay_status = 'paid'"
	    " AND p.status = 'received')"
	    " ORDER BY 1 LIMIT ?1 OFFSET ?2");
	struct payment_row p;

	if (!st || db_bindv(st, "ii", (int64_t)limit, (int64_t)offset) != 0)
		return 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		read_row(st, &p);
		fn(ctx, &p);
	}
	sqlite3_reset(st);
	return (int)(db_int("SELECT count(*) FROM payments WHERE status = 'duplicate'", 0, "")
	    + db_int("SELECT count(*) FROM orders o INDEXED BY orders_to_refund JOIN payments p ON p.order_id = o.id"
	    " WHERE o.status = 'cancelled' AND o.pay_status = 'paid' AND p.status = 'received'", 0, ""));
}

void payment_each_of_order(int64_t order, void (*fn)(void *ctx, const struct payment_row *p),
    void *ctx)
{
	sqlite3_stmt *st = db_prepare("SELECT " PAYMENT_COLUMNS " WHERE p.order_id = ? ORDER BY p.id");
	struct payment_row p;

	if (!st || db_bindv(st, "i", order) != 0)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		read_row(st, &p);
		fn(ctx, &p);
	}
	sqlite3_reset(st);
}

const char *payment_method_label(const char *method)
{
	return strcmp(method, "alipay") == 0 ? "支付宝" : strcmp(method, "transfer") == 0 ? "对公转账" : NULL;
}

const char *payment_status_label(const char *status)
{
	static const char *const labels[] = { "claimed", "待确认", "received", "已到账", "declined", "未确认",
		"duplicate", "待退款", "refunded", "已退款", NULL };
	size_t i;

	for (i = 0; labels[i]; i += 2)
		if (strcmp(status, labels[i]) == 0)
			return labels[i + 1];
	return NULL;
}

/* Here rather than beside the Alipay calls: retiring is a database change that saving an
 * order makes, and a program that saves orders need not link the gateway's HTTP client. */
int payment_trade_retire(int64_t order)
{
	return db_exec("UPDATE alipay_trades SET state = 'replaced' WHERE order_id = ? AND state = 'open'",
	    "i", order) < 0 ? -1 : 0;
}
