/* lib/export.c: CSV exports of orders, payments and invoices over a date range (SPEC §5), streamed row by row as read from the database. */
#include <stdlib.h>
#include <string.h>
#include <csv.h>
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "export.h"
#include "invoice.h"
#include "order.h"
#include "payment.h"
#include "util.h"

#define CELL_MAX 4096	/* the longest cell text kept (stored fields are far shorter) */

/* The output buffer between the rows and put. */
struct out {
	export_put_fn put;
	void *ctx;
	int failed;
	size_t len;
	char buf[16384];
	char quoted[2 * (CELL_MAX + 1) + 2];
};

/* How a column's value is written. */
enum kind {
	PLAIN,		/* text as stored, formula characters neutralised */
	TEXT,		/* a number to keep as text: a leading tab when all digits, else as PLAIN */
	ID_SEALED,	/* a sealed ID number, masked */
	TIME,		/* milliseconds, as YYYY-MM-DD HH:MM in Site.TimeZone */
	YUAN,		/* fen, as yuan with two decimals */
	LABEL		/* a code, as its Chinese label */
};

/* A column: its heading, kind and, for LABEL, the labelling function. */
struct column {
	const char *head;
	enum kind kind;
	const char *(*label)(const char *code);
};

/* An export: its name, its statement (columns in the order of cols, bound from and to),
 * and its columns. */
struct table {
	const char *what, *name, *sql;
	const struct column *cols;
	int ncols;
};

static const struct column order_cols[] = {
	{ "业务单号", TEXT, NULL }, { "提交时间", TIME, NULL }, { "状态", LABEL, order_status_label },
	{ "支付状态", LABEL, order_pay_label }, { "申请主体", LABEL, order_subject_label },
	{ "业务类型", LABEL, order_kind_label }, { "项目", LABEL, order_project_label }, { "年限", PLAIN, NULL },
	{ "证书数量", PLAIN, NULL }, { "金额（元）", YUAN, NULL }, { "单位名称", PLAIN, NULL },
	{ "统一社会信用代码", TEXT, NULL }, { "法定代表人", PLAIN, NULL }, { "法定代表人证件号码", ID_SEALED, NULL },
	{ "经办人", PLAIN, NULL }, { "经办人手机", PLAIN, NULL }, { "经办人证件号码", ID_SEALED, NULL },
	{ "申请人姓名", PLAIN, NULL }, { "申请人证件号码", ID_SEALED, NULL }, { "申请人手机", PLAIN, NULL },
	{ "领取方式", LABEL, order_delivery_label }, { "证书序列号", TEXT, NULL }, { "证书有效期至", PLAIN, NULL },
};

static const struct column payment_cols[] = {
	{ "支付记录号", PLAIN, NULL }, { "业务单号", TEXT, NULL }, { "支付方式", LABEL, payment_method_label },
	{ "状态", LABEL, payment_status_label }, { "金额（元）", YUAN, NULL }, { "登记时间", TIME, NULL },
	{ "支付宝交易号", TEXT, NULL }, { "付款方", PLAIN, NULL }, { "付款日期", PLAIN, NULL },
	{ "银行流水号", TEXT, NULL }, { "确认时间", TIME, NULL }, { "退款时间", TIME, NULL },
	{ "退款原因", PLAIN, NULL },
};

static const struct column invoice_cols[] = {
	{ "开票申请号", PLAIN, NULL }, { "业务单号", TEXT, NULL }, { "发票类型", LABEL, invoice_type_label },
	{ "状态", LABEL, invoice_status_label }, { "金额（元）", YUAN, NULL }, { "抬头类型", LABEL, invoice_kind_label },
	{ "抬头名称", PLAIN, NULL }, { "纳税人识别号", TEXT, NULL }, { "接收邮箱", PLAIN, NULL },
	{ "发票号码", TEXT, NULL }, { "申请时间", TIME, NULL }, { "处理时间", TIME, NULL },
	{ "驳回原因", PLAIN, NULL },
};

/* Orders through orders_queue_all, in its order (no sort); payments through payments_status
 * and invoices through invoices_status, one range per status. */
static const struct table tables[] = {
	{ "orders", "业务单",
	  "SELECT id, submitted_ms, status, pay_status, subject, kind, project, years, cert_count, amount_fen,"
	  " org_name, uscc, legal_name, legal_id_sealed, agent_name, agent_mobile, agent_id_sealed, name, id_sealed,"
	  " mobile, delivery, issued_serial, issued_expires FROM orders WHERE status <> 'draft'"
	  " AND ifnull(submitted_ms, created_ms) >= ? AND ifnull(submitted_ms, created_ms) < ?"
	  " AND submitted_ms IS NOT NULL ORDER BY ifnull(submitted_ms, created_ms), id",
	  order_cols, (int)nitems(order_cols) },
	{ "payments", "支付记录",
	  "SELECT id, order_id, method, status, amount_fen, created_ms, trade_no, payer, paid_on, bank_ref, decided_ms,"
	  " refunded_ms, refund_reason FROM payments"
	  " WHERE status IN ('claimed', 'received', 'declined', 'duplicate', 'refunded')"
	  " AND created_ms >= ? AND created_ms < ? ORDER BY created_ms, id",
	  payment_cols, (int)nitems(payment_cols) },
	{ "invoices", "发票",
	  "SELECT id, order_id, type, status, amount_fen, title_kind, name, tax_id, email, number, requested_ms,"
	  " decided_ms, reject_reason FROM invoices WHERE status IN ('pending', 'issued', 'rejected')"
	  " AND requested_ms >= ? AND requested_ms < ? ORDER BY requested_ms, id",
	  invoice_cols, (int)nitems(invoice_cols) },
};

/* The export named what, or NULL. */
static const struct table *table_of(const char *what)
{
	size_t i;

	for (i = 0; what && i < nitems(tables); i++)
		if (strcmp(tables[i].what, what) == 0)
			return &tables[i];
	return NULL;
}

const char *export_valid_what(const char *v)
{
	return table_of(v) ? NULL : "请选择导出业务单、支付记录或发票";
}

const char *export_label(const char *what)
{
	const struct table *t = table_of(what);

	return t ? t->name : NULL;
}

/* Hands the buffer to put. */
static void flush(struct out *o)
{
	if (o->len && !o->failed && o->put(o->ctx, o->buf, o->len) != 0)
		o->failed = 1;
	o->len = 0;
}

/* Appends n bytes (at most sizeof(o->quoted)) to the buffer. */
static void emit(struct out *o, const char *s, size_t n)
{
	if (o->len + n > sizeof(o->buf))
		flush(o);
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

/* Writes one cell (a comma first unless first) of kind, quoted by libcsv. */
static void cell(struct out *o, const char *v, enum kind kind, int first)
{
	char text[CELL_MAX + 2], *plain;
	const char *prefix = "";
	size_t n;

	if (!v)
		v = "";
	if (kind == ID_SEALED) {
		plain = *v ? crypto_unseal(v) : NULL;
		util_mask_id(plain ? plain : "", text, sizeof(text));
		free(plain);
	} else {
		if (kind == TEXT && *v && strspn(v, "0123456789") == strlen(v))
			prefix = "\t";
		else if (*v && strchr("=+-@\t\r", *v))
			prefix = "'";
		snprintf(text, sizeof(text), "%s%s", prefix, v);
	}
	n = csv_write(o->quoted, sizeof(o->quoted), text, strlen(text));
	if (!first)
		emit(o, ",", 1);
	emit(o, o->quoted, n < sizeof(o->quoted) ? n : sizeof(o->quoted));
}

/* The text of column i of the current row as its kind shows it, in buf. */
static const char *value(sqlite3_stmt *st, int i, const struct column *c, char *buf, size_t size)
{
	const char *v = (const char *)sqlite3_column_text(st, i);

	if (!v)
		return "";
	switch (c->kind) {
	case TIME:
		clock_format(sqlite3_column_int64(st, i), buf, size);
		return buf;
	case YUAN:
		util_fen_to_yuan(sqlite3_column_int64(st, i), buf, size);
		return buf;
	case LABEL:
		return c->label(v) ? c->label(v) : v;
	default:
		return v;
	}
}

int64_t export_csv(const char *what, int64_t from_ms, int64_t to_ms, export_put_fn put, void *ctx)
{
	const struct table *t = table_of(what);
	sqlite3_stmt *st = t ? db_prepare(t->sql) : NULL;
	struct out *o;
	int64_t rows = 0;
	char buf[40];
	int i, rc;

	if (!st || !(o = calloc(1, sizeof(*o))))
		return -1;
	o->put = put;
	o->ctx = ctx;
	emit(o, "\xef\xbb\xbf", 3);
	for (i = 0; i < t->ncols; i++)
		cell(o, t->cols[i].head, PLAIN, i == 0);
	emit(o, "\r\n", 2);
	rc = db_bindv(st, "ii", from_ms, to_ms) == 0 ? SQLITE_ROW : SQLITE_ERROR;
	while (!o->failed && rc == SQLITE_ROW && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < t->ncols; i++)
			cell(o, value(st, i, &t->cols[i], buf, sizeof(buf)), t->cols[i].kind, i == 0);
		emit(o, "\r\n", 2);
		rows++;
	}
	sqlite3_reset(st);
	flush(o);
	if (o->failed || rc != SQLITE_DONE)
		rows = -1;
	free(o);
	return rows;
}
