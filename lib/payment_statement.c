/* lib/payment_statement.c: bank statements finance imports: stored once, matched to orders by transfer code and amount, previewed, then applied in one transaction. */
#include <stdlib.h>
#include <string.h>
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "order.h"
#include "payment.h"
#include "payment_int.h"
#include "statement.h"
#include "util.h"

const char *payment_match_label(const char *verdict)
{
	static const char *const labels[] = { "match", "可入账", "seen", "已入账", "no_code", "未找到附言码",
		"unknown_code", "附言码不存在", "wrong_amount", "金额不符", "not_payable", "该业务单不在待支付状态",
		NULL };
	size_t i;

	for (i = 0; labels[i]; i += 2)
		if (strcmp(verdict, labels[i]) == 0)
			return labels[i + 1];
	return NULL;
}

/* Counts the rows of a statement (the check before it is stored). */
static void count_row(void *ctx, const struct statement_row *row)
{
	(void)row;
	(*(int *)ctx)++;
}

int64_t payment_statement_store(int64_t staff, const char *file_name, const char *data, size_t len,
    const char **err)
{
	char sha[65];
	int rows = 0;
	int64_t id;

	*err = NULL;
	if (statement_parse(data, len, count_row, &rows, err) < 0)
		return -1;
	*err = "流水文件保存失败，请稍后重试";
	crypto_sha256_hex(data, len, sha);
	id = db_int("SELECT id FROM statements WHERE sha256 = ?", 0, "t", sha);
	if (id)
		return id;
	if (db_exec("INSERT INTO statements (sha256, staff_id, file_name, body, uploaded_ms) VALUES (?, ?, ?, ?, ?)",
	    "titbi", sha, staff, file_name, data, (int)len, clock_now_ms()) != 1)
		return -1;
	*err = NULL;
	return sqlite3_last_insert_rowid(db_handle());
}

/* A statement's bytes, parsed into rows. */
struct rows {
	struct statement_row *v;
	int n, cap;
	int failed;
};

/* Appends a parsed row. */
static void add_row(void *ctx, const struct statement_row *row)
{
	struct rows *rs = ctx;
	struct statement_row *grown;

	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 64;
		grown = realloc(rs->v, (size_t)rs->cap * sizeof(*grown));
		if (!grown) {
			rs->failed = 1;
			return;
		}
		rs->v = grown;
	}
	rs->v[rs->n++] = *row;
}

/* Loads and parses statement id into rs and its applied time into *applied_ms; 0 or -1. */
static int load(int64_t id, struct rows *rs, int64_t *applied_ms)
{
	sqlite3_stmt *st = db_prepare("SELECT body, ifnull(applied_ms, 0) FROM statements WHERE id = ?");
	const char *err;
	int rc = -1;

	memset(rs, 0, sizeof(*rs));
	*applied_ms = 0;
	if (st && db_bindv(st, "i", id) == 0 && sqlite3_step(st) == SQLITE_ROW) {
		*applied_ms = sqlite3_column_int64(st, 1);
		rc = statement_parse(sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0), add_row, rs,
		    &err) < 0 || rs->failed ? -1 : 0;
	}
	if (st)
		sqlite3_reset(st);
	return rc;
}

/* The key that makes a statement row count once: the bank's serial, or its content. */
static void bank_ref(const struct statement_row *row, char out[80])
{
	char text[600], sha[65];

	if (row->serial[0]) {
		snprintf(out, 80, "serial:%s", row->serial);
		return;
	}
	snprintf(text, sizeof(text), "%s|%lld|%s|%s", row->date, (long long)row->amount_fen, row->payer,
	    row->remark);
	crypto_sha256_hex(text, strlen(text), sha);
	snprintf(out, 80, "row:%s", sha);
}

/* Matches one row against the orders. */
static void match(const struct statement_row *row, struct payment_match *m)
{
	struct order_row order;
	char ref[80];

	memset(m, 0, sizeof(*m));
	m->row = *row;
	m->order_fen = -1;
	bank_ref(row, ref);
	if (db_int("SELECT count(*) FROM payments WHERE bank_ref = ?", 0, "t", ref)) {
		m->verdict = "seen";
		return;
	}
	m->verdict = "no_code";
	if (!statement_find_code(row->remark, m->code))
		return;
	m->verdict = "unknown_code";
	m->order = db_int("SELECT id FROM orders WHERE transfer_code = ?", 0, "t", m->code);
	if (!m->order || !order_get(m->order, 0, &order)) {
		m->order = 0;
		return;
	}
	m->order_fen = order.amount_fen;
	m->verdict = order.amount_fen != row->amount_fen ? "wrong_amount"
	    : !payment_payable(order.status, order.pay_status) ? "not_payable" : "match";
}

int payment_statement_preview(int64_t id, int64_t *applied_ms,
    void (*fn)(void *ctx, const struct payment_match *m), void *ctx)
{
	struct payment_match m;
	struct rows rs;
	int i;

	*applied_ms = 0;
	if (load(id, &rs, applied_ms) != 0) {
		free(rs.v);
		return -1;
	}
	for (i = 0; i < rs.n; i++) {
		match(&rs.v[i], &m);
		fn(ctx, &m);
	}
	free(rs.v);
	return i;
}

/* Records a matched row (match re-checked the order's amount and that it is payable, in
 * this transaction) in the caller's transaction: a waiting claim of the order is
 * confirmed by it, else a new received transfer (pay_receive judges it once more). 0 or -1. */
static int receive(const struct payment_match *m, int64_t id, int64_t staff, const char *login)
{
	struct pay_money money;
	char ref[80];
	int rc;

	bank_ref(&m->row, ref);
	rc = db_exec("UPDATE payments SET status = 'received', amount_fen = ?, source = 'statement', bank_ref = ?,"
	    " statement_id = ?, decided_ms = ?, decided_by = ? WHERE order_id = ? AND status = 'claimed'"
	    " AND method = 'transfer'", "itiiii", m->row.amount_fen, ref, id, clock_now_ms(), staff, m->order);
	if (rc == 0) {
		memset(&money, 0, sizeof(money));
		money.order = m->order;
		money.method = "transfer";
		money.fen = m->row.amount_fen;
		money.source = "statement";
		money.payer = m->row.payer[0] ? m->row.payer : NULL;
		money.paid_on = m->row.date[0] ? m->row.date : NULL;
		money.bank_ref = ref;
		money.statement = id;
		rc = pay_receive(&money, NULL) < 0 ? -1 : 1;
	}
	return rc != 1 || pay_settle(m->order, "staff", login) != 0 ? -1 : 0;
}

enum payment_result payment_statement_apply(int64_t id, int64_t staff, const char *login,
    int *applied)
{
	struct payment_match m;
	struct rows rs;
	int64_t applied_ms = 0;
	int i, rc = 0;

	*applied = 0;
	if (db_begin() != 0)
		return PAYMENT_ERROR;
	if (load(id, &rs, &applied_ms) != 0 || applied_ms) {
		db_rollback();
		free(rs.v);
		return applied_ms ? PAYMENT_STATE : PAYMENT_NOT_FOUND;
	}
	for (i = 0; i < rs.n && rc == 0; i++) {
		match(&rs.v[i], &m);
		if (strcmp(m.verdict, "match") != 0)
			continue;
		rc = receive(&m, id, staff, login);
		*applied += rc == 0;
	}
	free(rs.v);
	if (rc != 0 || db_exec("UPDATE statements SET applied_ms = ?, applied_by = ? WHERE id = ?", "iii",
	    clock_now_ms(), staff, id) != 1) {
		db_rollback();
		*applied = 0;
		return PAYMENT_ERROR;
	}
	return db_commit() == 0 ? PAYMENT_OK : PAYMENT_ERROR;
}
