/* lib/invoice.c: invoices (发票): titles checked by declared rules, requests for paid orders with a copy of the title, issuing (file stored by SHA-256, e-mail queued) and rejecting. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>
#include "invoice.h"
#include "cfg.h"
#include "clock.h"
#include "db.h"
#include "doc.h"
#include "filestore.h"
#include "lifecycle.h"
#include "log.h"
#include "order.h"
#include "outbox.h"
#include "util.h"
#include "valid.h"

const char *const invoice_title_fields[] = {
	"kind", "name", "tax_id", "address", "phone", "bank", "account", "email", NULL
};

/* Which kinds of title require a field. */
#define FOR_COMPANY  0x1
#define FOR_PERSONAL 0x2
#define FOR_ALL (FOR_COMPANY | FOR_PERSONAL)

/* The rule of one field of a title. */
struct title_rule {
	const char *field;
	validator_fn check;
	long max;		/* characters (the struct holds them at any width) */
	int required;		/* FOR_COMPANY and/or FOR_PERSONAL */
	const char *missing;	/* when required and not given */
	const char *too_long;
	const char *bad;	/* replaces the validator's message; NULL keeps it */
};

static const struct title_rule title_rules[] = {
	{ "kind", valid_title_kind, 8, FOR_ALL, "请选择抬头类型（单位或个人）", "请选择抬头类型（单位或个人）", NULL },
	{ "name", valid_text, 100, FOR_ALL, "请填写发票抬头名称", "发票抬头名称不能超过100个字", NULL },
	{ "tax_id", valid_tax_id, 20, FOR_COMPANY, "请填写纳税人识别号",
	    "纳税人识别号应为15、17、18或20位数字或大写字母", NULL },
	{ "address", valid_text, 120, 0, NULL, "地址不能超过120个字", NULL },
	{ "phone", valid_phone, 20, 0, NULL, "请填写正确的电话（如 0591-87654321 或手机号）", NULL },
	{ "bank", valid_text, 60, 0, NULL, "开户银行不能超过60个字", NULL },
	{ "account", valid_bank_account, 40, 0, NULL, "银行账号不能超过40个字符", NULL },
	{ "email", valid_email, 254, FOR_ALL, "请填写接收发票的电子邮箱", "请填写正确的电子邮箱",
	    "请填写正确的电子邮箱" },
};

/* The FOR_ bit of a kind; 0 when it is not one. */
static int kind_bit(const char *kind)
{
	return !kind ? 0 : strcmp(kind, "company") == 0 ? FOR_COMPANY
	    : strcmp(kind, "personal") == 0 ? FOR_PERSONAL : 0;
}

/* The problem of value v (NULL or "" when not given) under rule r for a title of kind bit
 * (0 when the kind is unknown: only what every kind requires is then required); NULL when
 * none. */
static const char *rule_problem(const struct title_rule *r, const char *v, int kind)
{
	const char *msg;
	long n;

	if (!util_present(v)) {
		int required = kind ? (r->required & kind) : r->required == FOR_ALL;
		return required ? r->missing : NULL;
	}
	n = valid_utf8_len(v, 0);
	if (n > r->max)
		return r->too_long;
	msg = r->check(v);
	return msg && r->bad ? r->bad : msg;
}

/* A bad() that only lets invoice_title_check count. */
static void ignore_bad(void *ctx, const char *field, const char *msg)
{
	(void)ctx;
	(void)field;
	(void)msg;
}

int invoice_title_check(invoice_get_fn get, void *ctx,
    void (*bad)(void *ctx, const char *field, const char *msg), void *bctx)
{
	int kind = kind_bit(get(ctx, "kind")), problems = 0;
	size_t i;

	for (i = 0; i < nitems(title_rules); i++) {
		const char *msg = rule_problem(&title_rules[i], get(ctx, title_rules[i].field), kind);
		if (msg) {
			bad(bctx, title_rules[i].field, msg);
			problems++;
		}
	}
	return problems;
}

int invoice_title_special_ready(const struct invoice_title *t)
{
	return strcmp(t->kind, "company") == 0 && t->tax_id[0] && t->address[0] && t->phone[0]
	    && t->bank[0] && t->account[0];
}

/* ---------------------------------------------------------------- reading rows */

#define TITLE_TEXT(m) { offsetof(struct invoice_title, m), sizeof(((struct invoice_title *)0)->m) }

/* The text members of a title in the order of invoice_title_fields. */
static const struct { size_t at, size; } title_text[] = {
	TITLE_TEXT(kind), TITLE_TEXT(name), TITLE_TEXT(tax_id), TITLE_TEXT(address),
	TITLE_TEXT(phone), TITLE_TEXT(bank), TITLE_TEXT(account), TITLE_TEXT(email)
};

/* Reads the eight title columns of st from column first (in invoice_title_fields order) into t. */
static void read_title_text(sqlite3_stmt *st, int first, struct invoice_title *t)
{
	size_t i;

	for (i = 0; i < nitems(title_text); i++)
		db_col_text(st, first + (int)i, (char *)t + title_text[i].at, title_text[i].size);
}

#define TITLE_COLUMNS "id, user_id, is_default, kind, name, ifnull(tax_id, ''), ifnull(address, '')," \
	" ifnull(phone, ''), ifnull(bank, ''), ifnull(account, ''), email FROM invoice_titles"

/* Reads a row of TITLE_COLUMNS. */
static void read_title(sqlite3_stmt *st, struct invoice_title *t)
{
	memset(t, 0, sizeof(*t));
	t->id = sqlite3_column_int64(st, 0);
	t->user_id = sqlite3_column_int64(st, 1);
	t->is_default = sqlite3_column_int(st, 2);
	read_title_text(st, 3, t);
}

#define INVOICE_COLUMNS "i.id, i.order_id, i.user_id, i.amount_fen, i.requested_ms, ifnull(i.decided_ms, 0)," \
	" ifnull(i.file_size, 0), i.type, i.status, ifnull(i.number, ''), ifnull(i.reject_reason, '')," \
	" ifnull(i.file_ctype, ''), o.subject, i.title_kind, i.name, ifnull(i.tax_id, '')," \
	" ifnull(i.address, ''), ifnull(i.phone, ''), ifnull(i.bank, ''), ifnull(i.account, ''), i.email" \
	" FROM invoices i JOIN orders o ON o.id = i.order_id"

/* Reads a row of INVOICE_COLUMNS. */
static void read_invoice(sqlite3_stmt *st, struct invoice_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->order_id = sqlite3_column_int64(st, 1);
	r->user_id = sqlite3_column_int64(st, 2);
	r->amount_fen = sqlite3_column_int64(st, 3);
	r->requested_ms = sqlite3_column_int64(st, 4);
	r->decided_ms = sqlite3_column_int64(st, 5);
	r->file_size = sqlite3_column_int64(st, 6);
	db_col_text(st, 7, r->type, sizeof(r->type));
	db_col_text(st, 8, r->status, sizeof(r->status));
	db_col_text(st, 9, r->number, sizeof(r->number));
	db_col_text(st, 10, r->reject_reason, sizeof(r->reject_reason));
	db_col_text(st, 11, r->file_ctype, sizeof(r->file_ctype));
	db_col_text(st, 12, r->order_subject, sizeof(r->order_subject));
	read_title_text(st, 13, &r->title);
	r->title.user_id = r->user_id;
}

/* Steps the bound st to its end, calling fn with each invoice row; resets st. */
static void each_invoice(sqlite3_stmt *st, void (*fn)(void *ctx, const struct invoice_row *inv), void *ctx)
{
	struct invoice_row *r = malloc(sizeof(*r));

	while (r && sqlite3_step(st) == SQLITE_ROW) {
		read_invoice(st, r);
		fn(ctx, r);
	}
	sqlite3_reset(st);
	free(r);
}

/* ---------------------------------------------------------------- titles */

int invoice_title_get(int64_t user, int64_t id, struct invoice_title *out)
{
	sqlite3_stmt *st = db_prepare("SELECT " TITLE_COLUMNS " WHERE id = ? AND user_id = ?");
	int found = 0;

	if (st && db_bindv(st, "ii", id, user) == 0 && sqlite3_step(st) == SQLITE_ROW) {
		read_title(st, out);
		found = 1;
	}
	if (st)
		sqlite3_reset(st);
	return found;
}

int invoice_title_each(int64_t user, void (*fn)(void *ctx, const struct invoice_title *t), void *ctx)
{
	sqlite3_stmt *st = db_prepare("SELECT " TITLE_COLUMNS " WHERE user_id = ? ORDER BY is_default DESC, id DESC");
	struct invoice_title t;
	int n = 0;

	if (!st || db_bindv(st, "i", user) != 0)
		return 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		read_title(st, &t);
		fn(ctx, &t);
		n++;
	}
	sqlite3_reset(st);
	return n;
}

/* Writes the values of get into title *id of user (a new row when *id is 0, setting *id),
 * in the caller's transaction; INVOICE_OK, NOT_FOUND, STATE (too many) or ERROR. */
static enum invoice_result write_title(int64_t user, int64_t *id, invoice_get_fn get, void *ctx)
{
	int64_t now = clock_now_ms();
	int rc;

	if (*id) {
		rc = db_exec("UPDATE invoice_titles SET kind = ?, name = ?, tax_id = ?, address = ?, phone = ?,"
		    " bank = ?, account = ?, email = ?, updated_ms = ? WHERE id = ? AND user_id = ?", "ttttttttiii",
		    get(ctx, "kind"), get(ctx, "name"), get(ctx, "tax_id"), get(ctx, "address"), get(ctx, "phone"),
		    get(ctx, "bank"), get(ctx, "account"), get(ctx, "email"), now, *id, user);
		return rc == 1 ? INVOICE_OK : rc == 0 ? INVOICE_NOT_FOUND : INVOICE_ERROR;
	}
	if (db_int("SELECT count(*) FROM invoice_titles WHERE user_id = ?", INVOICE_TITLES_MAX, "i", user)
	    >= INVOICE_TITLES_MAX)
		return INVOICE_STATE;
	if (db_exec("INSERT INTO invoice_titles (user_id, kind, name, tax_id, address, phone, bank, account,"
	    " email, created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "ittttttttii", user,
	    get(ctx, "kind"), get(ctx, "name"), get(ctx, "tax_id"), get(ctx, "address"), get(ctx, "phone"),
	    get(ctx, "bank"), get(ctx, "account"), get(ctx, "email"), now, now) != 1)
		return INVOICE_ERROR;
	*id = sqlite3_last_insert_rowid(db_handle());
	return INVOICE_OK;
}

/* Makes title id the default of user (the previous default loses it), in the caller's
 * transaction; 0 or -1. */
static int set_default(int64_t user, int64_t id)
{
	return db_exec("UPDATE invoice_titles SET is_default = 0 WHERE user_id = ? AND is_default = 1 AND id <> ?",
	    "ii", user, id) >= 0
	    && db_exec("UPDATE invoice_titles SET is_default = 1 WHERE id = ? AND user_id = ?", "ii", id, user) == 1
	    ? 0 : -1;
}

enum invoice_result invoice_title_save(int64_t user, int64_t *id, invoice_get_fn get, void *ctx,
    int make_default)
{
	enum invoice_result rc;

	if (invoice_title_check(get, ctx, ignore_bad, NULL) > 0)
		return INVOICE_INVALID;
	if (db_begin() != 0)
		return INVOICE_ERROR;
	rc = write_title(user, id, get, ctx);
	if (rc == INVOICE_OK && (make_default || db_int("SELECT count(*) FROM invoice_titles WHERE user_id = ?"
	    " AND is_default = 1", -1, "i", user) == 0) && set_default(user, *id) != 0)
		rc = INVOICE_ERROR;
	if (rc != INVOICE_OK) {
		db_rollback();
		return rc;
	}
	return db_commit() == 0 ? INVOICE_OK : INVOICE_ERROR;
}

enum invoice_result invoice_title_make_default(int64_t user, int64_t id)
{
	if (db_begin() != 0)
		return INVOICE_ERROR;
	if (db_int("SELECT count(*) FROM invoice_titles WHERE id = ? AND user_id = ?", 0, "ii", id, user) != 1) {
		db_rollback();
		return INVOICE_NOT_FOUND;
	}
	if (set_default(user, id) != 0) {
		db_rollback();
		return INVOICE_ERROR;
	}
	return db_commit() == 0 ? INVOICE_OK : INVOICE_ERROR;
}

enum invoice_result invoice_title_delete(int64_t user, int64_t id)
{
	int64_t was_default, next;

	if (db_begin() != 0)
		return INVOICE_ERROR;
	was_default = db_int("SELECT is_default FROM invoice_titles WHERE id = ? AND user_id = ?", -1, "ii", id, user);
	if (was_default < 0) {
		db_rollback();
		return INVOICE_NOT_FOUND;
	}
	if (db_exec("DELETE FROM invoice_titles WHERE id = ? AND user_id = ?", "ii", id, user) != 1) {
		db_rollback();
		return INVOICE_ERROR;
	}
	next = was_default ? db_int("SELECT max(id) FROM invoice_titles WHERE user_id = ?", 0, "i", user) : 0;
	if (next > 0 && set_default(user, next) != 0) {
		db_rollback();
		return INVOICE_ERROR;
	}
	return db_commit() == 0 ? INVOICE_OK : INVOICE_ERROR;
}

int invoice_titles_purge(int64_t user)
{
	return db_exec("DELETE FROM invoice_titles WHERE user_id = ?", "i", user);
}

/* ---------------------------------------------------------------- requests */

/* The count of the order's open (pending or issued) requests, or -1. */
static int64_t open_requests(int64_t order)
{
	return db_int("SELECT count(*) FROM invoices WHERE order_id = ? AND status IN ('pending', 'issued')",
	    -1, "i", order);
}

int64_t invoice_received_fen(int64_t order)
{
	return db_int("SELECT ifnull(sum(amount_fen), 0) FROM payments WHERE order_id = ? AND status = 'received'",
	    -1, "i", order);
}

int invoice_allowed(const struct order_row *row)
{
	struct life_state s = life_state_of(row);

	return life_find("invoice", LIFE_USER, 0, &s) != NULL && invoice_received_fen(row->id) > 0;
}

/* Checks, in the caller's transaction, that user may ask for an invoice of type for order
 * with title t (loaded here): the life table's "invoice" (money received and not refunded,
 * the order not cancelled) and money received; the amount to invoice, the money received
 * for the order, goes to *fen. */
static enum invoice_result request_allowed(int64_t user, int64_t order, const char *type, int64_t title,
    struct invoice_title *t, int64_t *fen)
{
	struct order_row row;
	int64_t open, received;

	if (user <= 0 || !order_get(order, user, &row))
		return INVOICE_NOT_FOUND;
	if ((received = invoice_received_fen(order)) < 0 || (open = open_requests(order)) < 0)
		return INVOICE_ERROR;
	if (!invoice_allowed(&row))
		return INVOICE_UNPAID;
	if (open > 0)
		return INVOICE_OPEN_EXISTS;
	if (!invoice_title_get(user, title, t))
		return INVOICE_NOT_FOUND;
	if (strcmp(type, "special") == 0 && !invoice_title_special_ready(t))
		return INVOICE_NOT_SPECIAL;
	*fen = received;
	return INVOICE_OK;
}

/* The value bound for an optional text: NULL when empty. */
static const char *or_null(const char *s)
{
	return s[0] ? s : NULL;
}

enum invoice_result invoice_request(int64_t user, int64_t order, const char *type, int64_t title,
    int64_t *id)
{
	struct invoice_title *t;
	enum invoice_result rc;
	int64_t fen = 0;

	if (!type || valid_invoice_type(type) != NULL)
		return INVOICE_INVALID;
	t = malloc(sizeof(*t));
	if (!t || db_begin() != 0) {
		free(t);
		return INVOICE_ERROR;
	}
	rc = request_allowed(user, order, type, title, t, &fen);
	if (rc == INVOICE_OK && db_exec("INSERT INTO invoices (order_id, user_id, type, status, amount_fen,"
	    " title_kind, name, tax_id, address, phone, bank, account, email, requested_ms)"
	    " VALUES (?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "iititttttttti", order, user, type, fen,
	    t->kind, t->name, or_null(t->tax_id), or_null(t->address), or_null(t->phone), or_null(t->bank),
	    or_null(t->account), t->email, clock_now_ms()) != 1)
		/* invoices_open is the backstop should another request have slipped in. */
		rc = open_requests(order) > 0 ? INVOICE_OPEN_EXISTS : INVOICE_ERROR;
	free(t);
	if (rc != INVOICE_OK) {
		db_rollback();
		return rc;
	}
	*id = sqlite3_last_insert_rowid(db_handle());
	return db_commit() == 0 ? INVOICE_OK : INVOICE_ERROR;
}

int invoice_get(int64_t id, int64_t user, struct invoice_row *out)
{
	sqlite3_stmt *st = db_prepare("SELECT " INVOICE_COLUMNS " WHERE i.id = ? AND (? = 0 OR i.user_id = ?)");
	int found = 0;

	if (st && db_bindv(st, "iii", id, user, user) == 0 && sqlite3_step(st) == SQLITE_ROW) {
		read_invoice(st, out);
		found = 1;
	}
	if (st)
		sqlite3_reset(st);
	return found;
}

const char *invoice_state_of_order(int64_t order, int64_t *id, char *code, size_t size)
{
	sqlite3_stmt *st = db_prepare("SELECT id, status FROM invoices WHERE order_id = ? ORDER BY id DESC LIMIT 1");
	const char *label = NULL;
	char status[10];

	*id = 0;
	if (st && db_bindv(st, "i", order) == 0 && sqlite3_step(st) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, status, sizeof(status));
		label = invoice_status_label(status);
		if (code)
			util_copy(code, size, status);
	}
	if (st)
		sqlite3_reset(st);
	return label;
}

/* The invoices lists: every decided request, newest first (a walk down the primary key that
 * stops at the page); one status through invoices_status_id, pending ones oldest first, the
 * others newest first. Counts stop at INVOICE_COUNT_CAP. */
#define INVOICE_COUNT_CAP 1001

int invoice_list(const char *status, int offset, int limit,
    void (*fn)(void *ctx, const struct invoice_row *inv), void *ctx)
{
	sqlite3_stmt *st;
	int total;

	if (!status)
		total = (int)db_int("SELECT count(*) FROM (SELECT 1 FROM invoices WHERE status <> 'pending'"
		    " ORDER BY id DESC LIMIT ?1)", 0,
		    "i", (int64_t)INVOICE_COUNT_CAP);
	else
		total = (int)db_int("SELECT count(*) FROM (SELECT 1 FROM invoices WHERE status = ?1 LIMIT ?2)", 0, "ti",
		    status, (int64_t)INVOICE_COUNT_CAP);
	if (limit <= 0)
		return total;
	st = db_prepare(!status ? "SELECT " INVOICE_COLUMNS " WHERE i.status <> 'pending' AND ?1 IS NULL"
	    " ORDER BY i.id DESC LIMIT ?2 OFFSET ?3"
	    : strcmp(status, "pending") == 0 ? "SELECT " INVOICE_COLUMNS " WHERE i.status = ?1"
	    " ORDER BY i.id LIMIT ?2 OFFSET ?3"
	    : "SELECT " INVOICE_COLUMNS " WHERE i.status = ?1 ORDER BY i.id DESC LIMIT ?2 OFFSET ?3");
	if (st && db_bindv(st, "tii", status, (int64_t)limit, (int64_t)offset) == 0)
		each_invoice(st, fn, ctx);
	return total;
}

void invoice_each_of_order(int64_t order, void (*fn)(void *ctx, const struct invoice_row *inv),
    void *ctx)
{
	sqlite3_stmt *st = db_prepare("SELECT " INVOICE_COLUMNS " WHERE i.order_id = ? ORDER BY i.id");

	if (st && db_bindv(st, "i", order) == 0)
		each_invoice(st, fn, ctx);
}

/* ---------------------------------------------------------------- the issued file */

/* An invoice file accepted for storing. */
struct invoice_file {
	unsigned char *data;
	size_t len;
	const char *ctype, *ext;
	char sha[65];
	char rel[96];		/* under Data.Dir/uploads: invoices/ab/<sha256>.pdf */
};

/* 1 when data is a ZIP archive holding OFD.xml at its root (an OFD document, GB/T 33190). */
static int is_ofd(const unsigned char *data, size_t len)
{
	zip_error_t err;
	zip_source_t *src;
	zip_t *za;
	int found;

	zip_error_init(&err);
	src = zip_source_buffer_create(data, len, 0, &err);
	za = src ? zip_open_from_source(src, ZIP_RDONLY, &err) : NULL;
	if (!za) {
		zip_source_free(src);
		zip_error_fini(&err);
		return 0;
	}
	found = zip_name_locate(za, "OFD.xml", 0) >= 0;
	zip_discard(za);
	zip_error_fini(&err);
	return found;
}

/* Reads fp (at most INVOICE_FILE_MAX bytes) into f and judges it by its content: a PDF
 * (doc_sniff) or an OFD document. Returns INVOICE_OK, BAD_FILE or ERROR; on OK f->data
 * is malloc'd. */
static enum invoice_result read_file(FILE *fp, struct invoice_file *f)
{
	struct doc_info info;

	memset(f, 0, sizeof(*f));
	if (!fp || filestore_slurp(fp, INVOICE_FILE_MAX, &f->data, &f->len) != 0 || f->len == 0) {
		free(f->data);
		f->data = NULL;
		return INVOICE_BAD_FILE;
	}
	if (doc_sniff(fp, &info) == 0 && info.type == DOC_PDF) {
		f->ctype = "application/pdf";
		f->ext = "pdf";
	} else if (is_ofd(f->data, f->len)) {
		f->ctype = "application/ofd";
		f->ext = "ofd";
	} else {
		free(f->data);
		f->data = NULL;
		return INVOICE_BAD_FILE;
	}
	return INVOICE_OK;
}

/* Stores f under Data.Dir/uploads/invoices (filling f->rel and f->sha); 0 or -1. */
static int store_file(struct invoice_file *f)
{
	return filestore_put(f->data, f->len, "invoices", f->ext, f->rel, sizeof(f->rel), f->sha);
}

/* Removes the stored file of f unless a row (an invoice or a queued attachment) names it. */
static void unstore_file(const struct invoice_file *f)
{
	char attach[128], path[1300];

	snprintf(attach, sizeof(attach), "uploads/%s", f->rel);
	if (db_int("SELECT count(*) FROM invoices WHERE file_path = ?", 1, "t", f->rel) != 0
	    || db_int("SELECT count(*) FROM outbox_files WHERE path = ?", 1, "t", attach) != 0
	    || cfg_data_path(attach, path, sizeof(path)) != 0)
		return;
	unlink(path);
}

/* 1 for an invoice number: 8-20 ASCII digits or letters. */
static int number_ok(const char *number)
{
	size_t n = number ? strlen(number) : 0;

	return n >= 8 && n <= 20
	    && strspn(number, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") == n;
}

/* Queues the e-mail carrying issued invoice inv (file f) and records it on the invoice,
 * in the caller's transaction; 0 or -1. */
static int queue_mail(const struct invoice_row *inv, const struct invoice_file *f)
{
	const char *site = cfg_str("Site.Name", "");
	char subject[512], body[2048], yuan[32], attach[128], name[96];
	int64_t mail;

	util_fen_to_yuan(inv->amount_fen, yuan, sizeof(yuan));
	snprintf(subject, sizeof(subject), "【%s】发票已开具：业务单%lld", site, (long long)inv->order_id);
	snprintf(body, sizeof(body), "您好！\n\n您为业务单 %lld 申请的%s已开具，发票文件见附件。\n\n"
	    "发票号码：%s\n发票抬头：%s\n金额：%s 元\n\n%s\n", (long long)inv->order_id,
	    invoice_type_label(inv->type), inv->number, inv->title.name, yuan, site);
	snprintf(attach, sizeof(attach), "uploads/%s", f->rel);
	snprintf(name, sizeof(name), "发票_%s.%s", inv->number, f->ext);
	mail = outbox_mail(inv->title.email, subject, body);
	return mail > 0 && outbox_attach(mail, attach, name, f->ctype) == 0
	    && db_exec("UPDATE invoices SET mail_id = ? WHERE id = ?", "ii", mail, inv->id) == 1 ? 0 : -1;
}

/* Marks pending invoice id issued with number and file f, and queues its e-mail, in one
 * transaction. */
static enum invoice_result issue_with(int64_t id, int64_t staff, const char *number,
    const struct invoice_file *f)
{
	struct invoice_row *inv = malloc(sizeof(*inv));
	struct order_row row;
	int changed, ok;

	if (!inv || db_begin() != 0) {
		free(inv);
		return INVOICE_ERROR;
	}
	/* The money must still be there: an order cancelled or refunded meanwhile is not invoiced. */
	if (!invoice_get(id, 0, inv) || !order_get(inv->order_id, 0, &row) || !invoice_allowed(&row)
	    || inv->amount_fen > invoice_received_fen(inv->order_id))
		changed = 0;
	else
		changed = db_exec("UPDATE invoices SET status = 'issued', number = ?, file_path = ?, file_sha256 = ?,"
	    " file_ctype = ?, file_size = ?, decided_ms = ?, decided_by = ? WHERE id = ? AND status = 'pending'",
	    "ttttiiii", number, f->rel, f->sha, f->ctype, (int64_t)f->len, clock_now_ms(), staff, id);
	ok = changed == 1 && invoice_get(id, 0, inv) && queue_mail(inv, f) == 0;
	free(inv);
	if (!ok) {
		db_rollback();
		if (changed == 0)
			return INVOICE_STATE;
		log_error("invoice %lld: issuing failed (the update or its e-mail)", (long long)id);
		return INVOICE_ERROR;
	}
	return db_commit() == 0 ? INVOICE_OK : INVOICE_ERROR;
}

enum invoice_result invoice_issue(int64_t id, int64_t staff, const char *number, FILE *fp,
    const char *file_name)
{
	int64_t pending = db_int("SELECT status = 'pending' FROM invoices WHERE id = ?", -1, "i", id);
	struct invoice_file f;
	enum invoice_result rc;

	(void)file_name;	/* the type comes from the bytes, the stored name from their hash */
	if (pending <= 0)
		return pending < 0 ? INVOICE_NOT_FOUND : INVOICE_STATE;
	if (!number_ok(number))
		return INVOICE_INVALID;
	rc = read_file(fp, &f);
	if (rc != INVOICE_OK)
		return rc;
	rc = store_file(&f) == 0 ? issue_with(id, staff, number, &f) : INVOICE_ERROR;
	if (rc != INVOICE_OK)
		unstore_file(&f);
	free(f.data);
	return rc;
}

enum invoice_result invoice_reject(int64_t id, int64_t staff, const char *reason)
{
	long n = reason ? valid_utf8_len(reason, 1) : -1;
	int changed;

	if (db_int("SELECT count(*) FROM invoices WHERE id = ?", 0, "i", id) == 0)
		return INVOICE_NOT_FOUND;
	if (n < 1 || n > INVOICE_REASON_MAX)
		return INVOICE_INVALID;
	changed = db_exec("UPDATE invoices SET status = 'rejected', reject_reason = ?, decided_ms = ?,"
	    " decided_by = ? WHERE id = ? AND status = 'pending'", "tiii", reason, clock_now_ms(), staff, id);
	return changed == 1 ? INVOICE_OK : changed == 0 ? INVOICE_STATE : INVOICE_ERROR;
}

int invoice_withdraw(int64_t order, int64_t staff, const char *reason)
{
	return db_exec("UPDATE invoices SET status = 'rejected', reject_reason = ?, decided_ms = ?, decided_by = ?"
	    " WHERE order_id = ? AND status = 'pending'", "tiii", reason, clock_now_ms(), staff, order);
}

/* 1 when rel is a path invoice_issue makes: invoices/, two hex digits, '/', 64 hex digits,
 * .pdf or .ofd. */
static int server_made(const char *rel)
{
	static const char hex[] = "0123456789abcdef";

	return strlen(rel) == 9 + 2 + 1 + 64 + 4 && strncmp(rel, "invoices/", 9) == 0
	    && strspn(rel + 9, hex) == 2 && rel[11] == '/' && strspn(rel + 12, hex) == 64
	    && strncmp(rel + 9, rel + 12, 2) == 0
	    && (strcmp(rel + 76, ".pdf") == 0 || strcmp(rel + 76, ".ofd") == 0);
}

int invoice_file(int64_t id, int64_t user, unsigned char **buf, size_t *len, char ctype[24],
    char name[96])
{
	sqlite3_stmt *st = db_prepare("SELECT file_path, file_ctype, number FROM invoices WHERE id = ?"
	    " AND (? = 0 OR user_id = ?) AND status = 'issued' AND file_path IS NOT NULL");
	char rel[128] = "", number[40] = "", attach[160], path[1200];

	*buf = NULL;
	*len = 0;
	ctype[0] = name[0] = '\0';
	if (st && db_bindv(st, "iii", id, user, user) == 0 && sqlite3_step(st) == SQLITE_ROW) {
		db_col_text(st, 0, rel, sizeof(rel));
		db_col_text(st, 1, ctype, 24);
		db_col_text(st, 2, number, sizeof(number));
	}
	if (st)
		sqlite3_reset(st);
	if (!server_made(rel))
		return -1;
	/* server_made() allows only ".pdf" or ".ofd" there; numbers are at most 20 characters. */
	snprintf(name, 96, "发票_%.20s.%s", number, strcmp(rel + 76, ".pdf") == 0 ? "pdf" : "ofd");
	snprintf(attach, sizeof(attach), "uploads/%s", rel);
	if (cfg_data_path(attach, path, sizeof(path)) != 0)
		return -1;
	return util_read_file(path, INVOICE_FILE_MAX, buf, len);
}

/* ---------------------------------------------------------------- labels */

/* The label paired with value in a NULL-ended list of value, label pairs; NULL when absent. */
static const char *label_of(const char *const *pairs, const char *value)
{
	for (; value && pairs[0]; pairs += 2)
		if (strcmp(value, pairs[0]) == 0)
			return pairs[1];
	return NULL;
}

const char *invoice_type_label(const char *type)
{
	static const char *const labels[] = { "normal", "增值税普通发票", "special", "增值税专用发票", NULL };
	return label_of(labels, type);
}

const char *invoice_status_label(const char *status)
{
	static const char *const labels[] = { "pending", "待开票", "issued", "已开票", "rejected", "已驳回", NULL };
	return label_of(labels, status);
}

const char *invoice_kind_label(const char *kind)
{
	static const char *const labels[] = { "company", "单位", "personal", "个人", NULL };
	return label_of(labels, kind);
}
