/* lib/order.c: orders: storing the application form (ID numbers sealed), state rules, submission, cancellation, listing, history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "order.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "doc.h"
#include "lifecycle.h"
#include "log.h"
#include "payment.h"
#include "price.h"
#include "snowflake.h"
#include "util.h"
#include "valid.h"

/* Form fields in the column order of the INSERT and UPDATE below; the sealed ones
 * (ID numbers) occupy two columns each: the sealed text and its blind index. */
const char *const order_form_fields[] = {
	"project", "years", "cert_count", "delivery", "mail_name", "mail_mobile", "mail_address",
	"agree", "consent", "org_name", "org_nature", "uscc", "legal_name", "legal_id_no",
	"agent_name", "agent_mobile", "agent_email", "agent_id_type", "agent_id_no",
	"agent_address", "seal_code", "name", "id_no", "mobile", "email", "address",
	"prev_order", "cert_serial", NULL
};

/* 1 for the form fields stored sealed with a blind index. */
static int sealed_field(const char *name)
{
	return strcmp(name, "legal_id_no") == 0 || strcmp(name, "agent_id_no") == 0
	    || strcmp(name, "id_no") == 0;
}

/* 1 for the fields stored as integers. */
static int integer_field(const char *name)
{
	return strcmp(name, "years") == 0 || strcmp(name, "cert_count") == 0
	    || strcmp(name, "agree") == 0 || strcmp(name, "consent") == 0
	    || strcmp(name, "prev_order") == 0;
}

/* Column lists matching order_form_fields (sealed fields expand to two columns). */
#define ORDER_COLUMNS "project, years, cert_count, delivery, mail_name, mail_mobile, mail_address," \
	" agree, consent, org_name, org_nature, uscc, legal_name, legal_id_sealed, legal_id_index," \
	" agent_name, agent_mobile, agent_email, agent_id_type, agent_id_sealed, agent_id_index," \
	" agent_address, seal_code, name, id_sealed, id_index, mobile, email, address, prev_order," \
	" cert_serial"
#define ORDER_NCOLUMNS 31

int order_editable(const char *status)
{
	struct life_state s = { status, "", "", 0 };

	return life_find("save", LIFE_USER, 0, &s) != NULL;
}

int order_cancellable(const char *status, const char *pay_status)
{
	struct life_state s = { status, pay_status, "", 0 };

	return life_find("cancel", LIFE_USER, 0, &s) != NULL;
}

int order_amount_locked(const char *pay_status)
{
	return strcmp(pay_status, "unpaid") != 0;
}

#define ROW_COLUMNS "id, user_id, ifnull(amount_fen, -1), created_ms, ifnull(submitted_ms, 0)," \
	" ifnull(prev_order, 0), subject, kind, project, status, pay_status, delivery, years, cert_count," \
	" rev, issued_serial IS NOT NULL"

/* Fills a summary row from a statement selecting ROW_COLUMNS. */
static void read_row(sqlite3_stmt *st, struct order_row *row)
{
	memset(row, 0, sizeof(*row));
	row->id = sqlite3_column_int64(st, 0);
	row->user_id = sqlite3_column_int64(st, 1);
	row->amount_fen = sqlite3_column_int64(st, 2);
	row->created_ms = sqlite3_column_int64(st, 3);
	row->submitted_ms = sqlite3_column_int64(st, 4);
	row->prev_order = sqlite3_column_int64(st, 5);
	db_col_text(st, 6, row->subject, sizeof(row->subject));
	db_col_text(st, 7, row->kind, sizeof(row->kind));
	db_col_text(st, 8, row->project, sizeof(row->project));
	db_col_text(st, 9, row->status, sizeof(row->status));
	db_col_text(st, 10, row->pay_status, sizeof(row->pay_status));
	db_col_text(st, 11, row->delivery, sizeof(row->delivery));
	row->years = sqlite3_column_int(st, 12);
	row->cert_count = sqlite3_column_int(st, 13);
	row->rev = sqlite3_column_int64(st, 14);
	row->has_cert = sqlite3_column_int(st, 15);
}

int order_get(int64_t id, int64_t user, struct order_row *out)
{
	sqlite3_stmt *st = db_prepare("SELECT " ROW_COLUMNS " FROM orders WHERE id = ?"
	    " AND (? = 0 OR user_id = ?)");
	int found = 0;

	if (st && db_bindv(st, "iii", id, user, user) == 0 && sqlite3_step(st) == SQLITE_ROW) {
		read_row(st, out);
		found = 1;
	}
	if (st)
		sqlite3_reset(st);
	return found;
}

/* Binds the form values to st starting at parameter first, in ORDER_COLUMNS order.
 * Amount fields come from keep when it is set (a payment is claimed). 0 or -1. */
static int bind_form(sqlite3_stmt *st, int first, order_get_fn get, void *ctx,
    const struct order_row *keep)
{
	int i, p = first, rc = SQLITE_OK;

	for (i = 0; order_form_fields[i] && rc == SQLITE_OK; i++) {
		const char *name = order_form_fields[i];
		const char *v = get(ctx, name);
		if (keep && strcmp(name, "project") == 0)
			v = keep->project;
		if (sealed_field(name)) {
			char *sealed = NULL, idx[65], upper[64];
			size_t j;
			if (v && *v) {
				util_copy(upper, sizeof(upper), v);
				for (j = 0; upper[j]; j++)
					if (upper[j] >= 'a' && upper[j] <= 'z')
						upper[j] = (char)(upper[j] - 'a' + 'A');
				sealed = crypto_seal(upper);
				if (!sealed || crypto_blind_index(upper, idx) != 0) {
					free(sealed);
					return -1;
				}
				rc = sqlite3_bind_text(st, p++, sealed, -1, SQLITE_TRANSIENT);
				if (rc == SQLITE_OK)
					rc = sqlite3_bind_text(st, p++, idx, -1, SQLITE_TRANSIENT);
				free(sealed);
			} else {
				rc = sqlite3_bind_null(st, p++);
				if (rc == SQLITE_OK)
					rc = sqlite3_bind_null(st, p++);
			}
		} else if (keep && strcmp(name, "years") == 0) {
			rc = sqlite3_bind_int(st, p++, keep->years);
		} else if (keep && strcmp(name, "cert_count") == 0) {
			rc = sqlite3_bind_int(st, p++, keep->cert_count);
		} else if (integer_field(name)) {
			int64_t n = v && *v ? strtoll(v, NULL, 10) : 0;
			if (strcmp(name, "years") == 0 || strcmp(name, "cert_count") == 0)
				n = n ? n : 1;
			if (strcmp(name, "prev_order") == 0 && !n)
				rc = sqlite3_bind_null(st, p++);
			else
				rc = sqlite3_bind_int64(st, p++, n);
		} else if (strcmp(name, "delivery") == 0) {
			rc = sqlite3_bind_text(st, p++, v && *v ? v : "pickup", -1, SQLITE_TRANSIENT);
		} else {
			rc = v && *v ? sqlite3_bind_text(st, p++, v, -1, SQLITE_TRANSIENT)
			    : sqlite3_bind_null(st, p++);
		}
	}
	return rc == SQLITE_OK && p == first + ORDER_NCOLUMNS ? 0 : -1;
}

/* The statuses that hold the one open application of an organisation or person (§10):
 * submitted and not finished. Drafts reserve nothing. */
#define OPEN_STATUSES "('pending', 'rejected', 'approved', 'producing', 'shipped', 'ready')"

/* The id of another submitted open application of the same organisation (uscc) or person
 * (the blind index idx of the ID number) and kind than order id, or 0; -1 on error. */
static int64_t open_conflict(const char *subject, const char *kind, int64_t id, const char *uscc,
    const char *idx)
{
	if (strcmp(subject, "enterprise") == 0)
		return uscc && *uscc ? db_int("SELECT id FROM orders WHERE subject = 'enterprise' AND uscc = ?"
		    " AND kind = ? AND status IN " OPEN_STATUSES " AND id <> ? LIMIT 1", 0, "tti", uscc, kind, id)
		    : 0;
	return idx && *idx ? db_int("SELECT id FROM orders WHERE subject = 'personal' AND id_index = ?"
	    " AND kind = ? AND status IN " OPEN_STATUSES " AND id <> ? LIMIT 1", 0, "tti", idx, kind, id) : 0;
}

/* open_conflict for the values stored in order id. */
static int64_t open_conflict_stored(int64_t id)
{
	sqlite3_stmt *st = db_prepare("SELECT subject, kind, uscc, id_index FROM orders WHERE id = ?");
	char subject[12] = "", kind[10] = "", uscc[24] = "", idx[65] = "";

	if (!st || db_bindv(st, "i", id) != 0)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		db_col_text(st, 0, subject, sizeof(subject));
		db_col_text(st, 1, kind, sizeof(kind));
		db_col_text(st, 2, uscc, sizeof(uscc));
		db_col_text(st, 3, idx, sizeof(idx));
	}
	sqlite3_reset(st);
	return subject[0] ? open_conflict(subject, kind, id, uscc, idx) : -1;
}

int64_t order_open_mine(int64_t user, int64_t id)
{
	struct order_row mine;
	int64_t other = open_conflict_stored(id);

	return other > 0 && order_get(other, user, &mine) ? other : 0;
}

/* The applicant's own open application that the form values given by get would clash
 * with (its USCC or ID number and kind), or 0 (none, or another applicant's: never named). */
static int64_t order_open_mine_values(int64_t user, const char *subject, const char *kind,
    int64_t id, order_get_fn get, void *ctx)
{
	struct order_row mine;
	char idx[65] = "", upper[64];
	const char *v = get(ctx, "id_no");
	int64_t other;
	size_t j;

	if (strcmp(subject, "personal") == 0 && v && *v) {
		util_copy(upper, sizeof(upper), v);
		for (j = 0; upper[j]; j++)
			if (upper[j] >= 'a' && upper[j] <= 'z')
				upper[j] = (char)(upper[j] - 'a' + 'A');
		if (crypto_blind_index(upper, idx) != 0)
			return 0;
	}
	other = open_conflict(subject, kind, id, get(ctx, "uscc"), idx);
	return other > 0 && order_get(other, user, &mine) ? other : 0;
}

/* 1 when the last statement failed on a unique index (the one-open-application backstop). */
static int open_clash(void)
{
	return sqlite3_extended_errcode(db_handle()) == SQLITE_CONSTRAINT_UNIQUE;
}

/* The stored form columns (ORDER_COLUMNS) of order id, for telling which fields a save
 * changed: malloc'd texts, NULL for SQL NULL. */
struct snapshot {
	char *v[ORDER_NCOLUMNS];
};

/* Reads order id's form columns into snap. Returns 0, or -1. */
static int snapshot_take(int64_t id, struct snapshot *snap)
{
	sqlite3_stmt *st = db_prepare("SELECT " ORDER_COLUMNS " FROM orders WHERE id = ?");
	int i, rc = -1;

	memset(snap, 0, sizeof(*snap));
	if (st && db_bindv(st, "i", id) == 0 && sqlite3_step(st) == SQLITE_ROW) {
		rc = 0;
		for (i = 0; i < ORDER_NCOLUMNS; i++) {
			const char *v = (const char *)sqlite3_column_text(st, i);
			if (v && !(snap->v[i] = strdup(v)))
				rc = -1;
		}
	}
	if (st)
		sqlite3_reset(st);
	return rc;
}

static void snapshot_free(struct snapshot *snap)
{
	int i;

	for (i = 0; i < ORDER_NCOLUMNS; i++)
		free(snap->v[i]);
}

/* Stores in items (NULL-ended, at most max - 1 names) the form fields whose stored value
 * differs between a and b; a sealed ID number is compared by its blind index (its sealed
 * text differs at every sealing). Returns how many. */
static int snapshot_diff(const struct snapshot *a, const struct snapshot *b, const char **items,
    int max)
{
	int i, p = 0, n = 0;

	for (i = 0; order_form_fields[i]; i++) {
		int col = sealed_field(order_form_fields[i]) ? p + 1 : p;
		const char *x = a->v[col], *y = b->v[col];
		p += sealed_field(order_form_fields[i]) ? 2 : 1;
		if ((!x != !y || (x && strcmp(x, y) != 0)) && n < max - 1)
			items[n++] = order_form_fields[i];
	}
	items[n] = NULL;
	return n;
}

enum order_result order_changed(int64_t id, const char *const *items)
{
	const struct life_actor *who;
	struct life_actor actor;
	struct order_row row;
	char labels[1200];
	size_t i;
	int64_t now = clock_now_ms();

	if (!items || !items[0])
		return ORDER_OK;
	if (!order_get(id, 0, &row))
		return ORDER_NOT_FOUND;
	if (db_exec("UPDATE orders SET rev = rev + 1 WHERE id = ?", "i", id) != 1)
		return ORDER_ERROR;
	labels[0] = '\0';
	for (i = 0; items[i]; i++) {
		const char *label = order_item_label(items[i]);
		if (db_exec("INSERT INTO order_changes (order_id, rev, item, at_ms) VALUES (?, ?, ?, ?)",
		    "iiti", id, row.rev + 1, items[i], now) != 1)
			return ORDER_ERROR;
		if (labels[0])
			util_append(labels, sizeof(labels), "、");
		util_append(labels, sizeof(labels), label ? label : items[i]);
	}
	actor.realm = LIFE_USER;
	actor.id = row.user_id;
	actor.name = NULL;
	who = &actor;
	/* The table says whether the applicant may still change it, and writes the timeline's
	 * 已修改 on a submitted order. */
	switch (life_apply(id, "save", who, labels, NULL, NULL)) {
	case LIFE_OK:
		return ORDER_OK;
	case LIFE_NOT_FOUND:
		return ORDER_NOT_FOUND;
	case LIFE_REFUSED:
		return ORDER_LOCKED;
	default:
		return ORDER_ERROR;
	}
}

int order_changes_since_reject(int64_t id, void (*fn)(void *ctx, const char *item), void *ctx)
{
	sqlite3_stmt *st = db_prepare("SELECT DISTINCT c.item FROM order_changes c WHERE c.order_id = ?1"
	    " AND c.at_ms >= (SELECT max(h.at_ms) FROM order_history h WHERE h.order_id = ?1"
	    " AND h.to_status = 'rejected' AND ifnull(h.from_status, '') <> 'rejected') ORDER BY c.item");
	int n = 0;

	if (!st || db_bindv(st, "i", id) != 0)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		fn(ctx, (const char *)sqlite3_column_text(st, 0));
		n++;
	}
	sqlite3_reset(st);
	return n;
}

/* The trigram search index orders_fts over the four name columns (schema/0008): SQLite
 * 3.40 refuses it inside triggers while trusted_schema is OFF, so the writes of lib/order.c
 * keep it, in their own transaction: search_drop before a change of order id, search_add
 * after it. Each returns 0, or -1. */
static int search_drop(int64_t id)
{
	return db_exec("INSERT INTO orders_fts (orders_fts, rowid, org_name, name, agent_name, legal_name)"
	    " SELECT 'delete', id, org_name, name, agent_name, legal_name FROM orders WHERE id = ?", "i", id) < 0
	    ? -1 : 0;
}

static int search_add(int64_t id)
{
	return db_exec("INSERT INTO orders_fts (rowid, org_name, name, agent_name, legal_name)"
	    " SELECT id, org_name, name, agent_name, legal_name FROM orders WHERE id = ?", "i", id) < 0 ? -1 : 0;
}

int order_search_rebuild(void)
{
	return db_exec("INSERT INTO orders_fts (orders_fts) VALUES ('rebuild')", "") < 0 ? -1 : 0;
}

int order_purge_personal(int64_t id, int64_t now_ms)
{
	int changed;

	if (search_drop(id) != 0)
		return -1;
	changed = db_exec("UPDATE orders SET legal_name = NULL, legal_id_sealed = NULL, legal_id_index = NULL,"
	    " agent_name = NULL, agent_mobile = NULL, agent_email = NULL, agent_id_type = NULL,"
	    " agent_id_sealed = NULL, agent_id_index = NULL, agent_address = NULL, name = NULL, id_sealed = NULL,"
	    " id_index = NULL, mobile = NULL, email = NULL, address = NULL, mail_name = NULL, mail_mobile = NULL,"
	    " mail_address = NULL, purged_ms = ?1 WHERE id = ?2 AND purged_ms IS NULL", "ii", now_ms, id);
	if (changed < 0 || search_add(id) != 0)
		return -1;
	return changed;
}

/* Inserts a new order numbered n (issued before the transaction: a Snowflake lease is
 * never taken inside one); on a primary-key clash, with one more number. */
static int insert_order(int64_t user, int64_t n, int64_t *id, const char *subject,
    const char *kind, order_get_fn get, void *ctx)
{
	int64_t now = clock_now_ms();
	int tries;

	for (tries = 0; tries < 3 && n > 0; tries++) {
		sqlite3_stmt *st = db_prepare("INSERT INTO orders (id, user_id, subject, kind, created_ms,"
		    " updated_ms, " ORDER_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?,"
		    " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
		int rc;
		if (!st || db_bindv(st, "iittii", n, user, subject, kind, now, now) != 0
		    || bind_form(st, 7, get, ctx, NULL) != 0)
			return -1;
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc == SQLITE_DONE) {
			*id = n;
			return search_add(n);
		}
		if (sqlite3_extended_errcode(db_handle()) != SQLITE_CONSTRAINT_PRIMARYKEY)
			return -1;
		log_warn("order number %lld taken; issuing another", (long long)n);
		n = snow_next();
	}
	return -1;
}

/* In the caller's transaction: fixes the amount of a submitted order again from its saved
 * fields (the money always matches the order); when it changes, the open Alipay trade
 * stops being current. Returns 0, or -1. */
static int reprice(int64_t id)
{
	struct order_row row;
	int64_t amount;

	if (!order_get(id, 0, &row))
		return -1;
	amount = order_quote(row.subject, row.kind, row.project, row.years, row.cert_count);
	if (amount < 0 || amount == row.amount_fen)
		return 0;
	return db_exec("UPDATE orders SET amount_fen = ? WHERE id = ?", "ii", amount, id) != 1
	    || payment_trade_retire(id) != 0 ? -1 : 0;
}

enum order_result order_save(int64_t user, int64_t *id, const char *subject, const char *kind,
    order_get_fn get, void *ctx, int64_t *other)
{
	struct order_row row;
	struct life_state state;
	struct snapshot before, after;
	const char *items[40];
	int64_t number = *id ? 0 : snow_next();
	enum order_result res = ORDER_ERROR;
	int rc;

	memset(&before, 0, sizeof(before));
	memset(&after, 0, sizeof(after));
	*other = 0;
	if ((!*id && number < 0) || db_begin() != 0)
		return ORDER_ERROR;
	if (*id && !order_get(*id, user, &row)) {
		db_rollback();
		return ORDER_NOT_FOUND;
	}
	if (*id) {
		state = life_state_of(&row);
		if (!life_find("save", LIFE_USER, 0, &state)) {
			db_rollback();
			return ORDER_LOCKED;
		}
	}
	/* Drafts reserve nothing (SPEC §2): the one-open-application rule is checked when the
	 * order is submitted, and for an order already submitted by its unique index below. */
	if (!*id) {
		rc = insert_order(user, number, id, subject, kind, get, ctx);
		if (rc == 0)
			rc = order_history_add(*id, "user", "", NULL, "draft", NULL);
		if (rc != 0) {
			db_rollback();
			return ORDER_ERROR;
		}
		return db_commit() == 0 ? ORDER_OK : ORDER_ERROR;
	}
	if (snapshot_take(*id, &before) != 0) {
		snapshot_free(&before);
		db_rollback();
		return ORDER_ERROR;
	}
	if (search_drop(*id) != 0) {
		snapshot_free(&before);
		db_rollback();
		return ORDER_ERROR;
	}
	{
		sqlite3_stmt *st = db_prepare("UPDATE orders SET (" ORDER_COLUMNS ", updated_ms) ="
		    " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
		    " ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32)"
		    " WHERE id = ?33 AND user_id = ?34 AND status = ?35");
		rc = !st || bind_form(st, 1, get, ctx, order_amount_locked(row.pay_status) ? &row : NULL) != 0
		    || sqlite3_bind_int64(st, 32, clock_now_ms()) != SQLITE_OK
		    || sqlite3_bind_int64(st, 33, *id) != SQLITE_OK
		    || sqlite3_bind_int64(st, 34, user) != SQLITE_OK
		    || sqlite3_bind_text(st, 35, row.status, -1, SQLITE_TRANSIENT) != SQLITE_OK
		    || sqlite3_step(st) != SQLITE_DONE || sqlite3_changes(db_handle()) != 1 ? -1 : 0;
		if (rc != 0 && open_clash())
			res = ORDER_OPEN_EXISTS;
		if (st)
			sqlite3_reset(st);
	}
	if (rc == 0 && search_add(*id) != 0)
		rc = -1;
	if (rc == 0 && snapshot_take(*id, &after) == 0) {
		/* Every change raises the revision, is recorded by field, and on a submitted order
		 * writes 已修改 in the timeline. */
		if (snapshot_diff(&before, &after, items, (int)(sizeof(items) / sizeof(items[0]))) > 0)
			res = order_changed(*id, items);
		else
			res = ORDER_OK;
	}
	snapshot_free(&after);
	snapshot_free(&before);
	if (res == ORDER_OK && strcmp(row.status, "draft") != 0 && !order_amount_locked(row.pay_status)
	    && reprice(*id) != 0)
		res = ORDER_ERROR;
	if (res != ORDER_OK) {
		db_rollback();
		if (res == ORDER_OPEN_EXISTS)
			*other = order_open_mine_values(user, row.subject, row.kind, *id, get, ctx);
		return res;
	}
	return db_commit() == 0 ? ORDER_OK : ORDER_ERROR;
}

int order_history_add(int64_t id, const char *realm, const char *actor, const char *from,
    const char *to, const char *reason)
{
	return db_exec("INSERT INTO order_history (order_id, at_ms, realm, actor, from_status, to_status,"
	    " reason) VALUES (?, ?, ?, ?, ?, ?, ?)", "iittttt", id, clock_now_ms(), realm,
	    actor ? actor : "", from, to, reason) == 1 ? 0 : -1;
}

int64_t order_quote(const char *subject, const char *kind, const char *project, int years,
    int cert_count)
{
	return price_amount(subject, kind, project, years,
	    strcmp(subject, "personal") == 0 ? 1 : cert_count);
}

/* Appends name to the comma-separated list out. */
static void add_missing(char *out, size_t size, const char *name)
{
	size_t n = strlen(out);

	snprintf(out + n, size - n, "%s%s", n ? "," : "", name);
}

int order_missing(int64_t id, char *missing, size_t size)
{
	static const char *const both[] = { "project", "delivery", NULL };
	static const char *const enterprise[] = { "org_name", "org_nature", "uscc", "legal_name",
		"legal_id_sealed", "agent_name", "agent_mobile", "agent_email", "agent_id_type",
		"agent_id_sealed", "agent_address", NULL };
	static const char *const personal[] = { "name", "id_sealed", "mobile", "email", "address", NULL };
	static const char *const mail[] = { "mail_name", "mail_mobile", "mail_address", NULL };
	sqlite3_stmt *st;
	struct order_row row;
	int count = 0, i, set;
	HDF *hdf = NULL;
	NEOERR *err;

	missing[0] = '\0';
	if (!order_get(id, 0, &row))
		return -1;
	err = hdf_init(&hdf);
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return -1;
	}
	st = db_prepare("SELECT project, delivery, org_name, org_nature, uscc, legal_name, legal_id_sealed,"
	    " agent_name, agent_mobile, agent_email, agent_id_type, agent_id_sealed, agent_address,"
	    " name, id_sealed, mobile, email, address, mail_name, mail_mobile, mail_address, agree,"
	    " consent, prev_order, cert_serial FROM orders WHERE id = ?");
	if (st && db_bindv(st, "i", id) == 0 && sqlite3_step(st) == SQLITE_ROW) {
		for (i = 0; i < sqlite3_column_count(st); i++) {
			const char *v = (const char *)sqlite3_column_text(st, i);
			if (v && *v && strcmp(v, "0") != 0)
				hdf_set_value(hdf, sqlite3_column_name(st, i), v);
		}
	}
	if (st)
		sqlite3_reset(st);
	for (i = 0; both[i]; i++)
		if (!hdf_get_value(hdf, both[i], NULL) && ++count)
			add_missing(missing, size, both[i]);
	for (i = 0; strcmp(row.delivery, "mail") == 0 && mail[i]; i++)
		if (!hdf_get_value(hdf, mail[i], NULL) && ++count)
			add_missing(missing, size, mail[i]);
	for (i = 0; strcmp(row.subject, "enterprise") == 0 && enterprise[i]; i++)
		if (!hdf_get_value(hdf, enterprise[i], NULL) && ++count)
			add_missing(missing, size, strcmp(enterprise[i], "legal_id_sealed") == 0 ? "legal_id_no"
			    : strcmp(enterprise[i], "agent_id_sealed") == 0 ? "agent_id_no" : enterprise[i]);
	for (i = 0; strcmp(row.subject, "personal") == 0 && personal[i]; i++)
		if (!hdf_get_value(hdf, personal[i], NULL) && ++count)
			add_missing(missing, size, strcmp(personal[i], "id_sealed") == 0 ? "id_no" : personal[i]);
	set = hdf_get_value(hdf, "prev_order", NULL) || hdf_get_value(hdf, "cert_serial", NULL);
	if (strcmp(row.kind, "new") != 0 && !set && ++count)
		add_missing(missing, size, "cert_serial");
	if (!hdf_get_value(hdf, "agree", NULL) && ++count)
		add_missing(missing, size, "agree");
	if (!hdf_get_value(hdf, "consent", NULL) && ++count)
		add_missing(missing, size, "consent");
	hdf_destroy(&hdf);
	return count + doc_missing(id, row.subject, missing, size);
}

/* The result of life_apply for the applicant's own action, as an order_result. */
static enum order_result life_result(enum life_result rc)
{
	return rc == LIFE_OK ? ORDER_OK : rc == LIFE_NOT_FOUND ? ORDER_NOT_FOUND
	    : rc == LIFE_REFUSED ? ORDER_LOCKED : ORDER_ERROR;
}

enum order_result order_submit(int64_t user, int64_t id)
{
	struct life_actor who = { LIFE_USER, 0, NULL };
	struct order_row row;
	struct life_state state;
	char missing[512];
	int64_t amount, clash;
	enum order_result res;

	who.id = user;
	if (db_begin() != 0)
		return ORDER_ERROR;
	if (!order_get(id, user, &row)) {
		db_rollback();
		return ORDER_NOT_FOUND;
	}
	state = life_state_of(&row);
	if (!life_find("submit", LIFE_USER, 0, &state)) {
		db_rollback();
		return ORDER_LOCKED;
	}
	if (order_missing(id, missing, sizeof(missing)) != 0) {
		db_rollback();
		return ORDER_INCOMPLETE;
	}
	/* One open application per organisation / person and kind (§10), counted among
	 * submitted orders only: the first to submit wins. */
	clash = open_conflict_stored(id);
	if (clash != 0) {
		db_rollback();
		return clash > 0 ? ORDER_OPEN_EXISTS : ORDER_ERROR;
	}
	amount = order_quote(row.subject, row.kind, row.project, row.years, row.cert_count);
	if (order_amount_locked(row.pay_status))
		amount = row.amount_fen;
	if (amount != row.amount_fen && payment_trade_retire(id) != 0) {
		db_rollback();
		return ORDER_ERROR;
	}
	if (amount < 0 || db_exec("UPDATE orders SET amount_fen = ?, submitted_ms = ?, updated_ms = ?,"
	    " review_reason = NULL, review_items = NULL WHERE id = ? AND user_id = ?", "iiiii", amount,
	    clock_now_ms(), clock_now_ms(), id, user) != 1) {
		db_rollback();
		return ORDER_ERROR;
	}
	res = life_result(life_apply(id, "submit", &who, NULL, NULL, NULL));
	if (res != ORDER_OK) {
		/* The unique index is the backstop when another submission won meanwhile. */
		if (res == ORDER_ERROR && open_clash())
			res = ORDER_OPEN_EXISTS;
		db_rollback();
		return res;
	}
	return db_commit() == 0 ? ORDER_OK : ORDER_ERROR;
}

enum order_result order_cancel(int64_t user, int64_t id)
{
	struct life_actor who = { LIFE_USER, 0, NULL };
	enum order_result res;

	who.id = user;
	if (db_begin() != 0)
		return ORDER_ERROR;
	res = life_result(life_apply(id, "cancel", &who, "申请人取消", NULL, NULL));
	if (res != ORDER_OK) {
		db_rollback();
		return res;
	}
	return db_commit() == 0 ? ORDER_OK : ORDER_ERROR;
}

int order_issued_serial(int64_t id, char *out, size_t size)
{
	sqlite3_stmt *st = db_prepare("SELECT issued_serial FROM orders WHERE id = ? AND issued_serial IS NOT NULL");
	int rc = -1;

	if (st && db_bindv(st, "i", id) == 0 && sqlite3_step(st) == SQLITE_ROW) {
		db_col_text(st, 0, out, size);
		rc = 0;
	}
	if (st)
		sqlite3_reset(st);
	return rc;
}

int order_list_completed(int64_t user, void (*fn)(void *ctx, const struct order_row *row,
    const char *serial, const char *expires), void *ctx)
{
	sqlite3_stmt *st = db_prepare("SELECT " ROW_COLUMNS ", issued_serial, issued_expires FROM orders"
	    " INDEXED BY orders_completed WHERE user_id = ? AND status = 'completed'"
	    " ORDER BY issued_expires, id");
	struct order_row row;
	int n = 0;

	if (!st || db_bindv(st, "i", user) != 0)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		read_row(st, &row);
		fn(ctx, &row, (const char *)sqlite3_column_text(st, 16),
		    (const char *)sqlite3_column_text(st, 17));
		n++;
	}
	sqlite3_reset(st);
	return n;
}

/* The list's own columns after ROW_COLUMNS: the latest invoice request of the order, on
 * the covering index invoices_order (order_id, id, status). */
#define LIST_INVOICE ", ifnull((SELECT max(id) FROM invoices WHERE order_id = orders.id), 0)," \
	" ifnull((SELECT status FROM invoices WHERE order_id = orders.id ORDER BY id DESC LIMIT 1), '')"

int order_list(int64_t user, const char *status, int64_t number, int offset, int limit,
    void (*fn)(void *ctx, const struct order_list_row *row), void *ctx)
{
	/* The applicant's own rows through orders_user (user_id, id), newest first; a number
	 * through the primary key. The status is a residual condition on those few rows. */
	sqlite3_stmt *st;
	struct order_list_row row;
	int total;

	if (number) {
		total = (int)db_int("SELECT count(*) FROM orders WHERE id = ?3 AND user_id = ?1"
		    " AND (?2 IS NULL OR status = ?2)", 0, "iti", user, status, number);
		st = db_prepare("SELECT " ROW_COLUMNS LIST_INVOICE " FROM orders WHERE id = ?3 AND user_id = ?1"
		    " AND (?2 IS NULL OR status = ?2) LIMIT ?4 OFFSET ?5");
	} else {
		total = (int)db_int("SELECT count(*) FROM orders WHERE user_id = ?1 AND (?2 IS NULL OR status = ?2)"
		    " AND ?3 = 0", 0, "iti", user, status, number);
		st = db_prepare("SELECT " ROW_COLUMNS LIST_INVOICE " FROM orders WHERE user_id = ?1"
		    " AND (?2 IS NULL OR status = ?2) AND ?3 = 0 ORDER BY id DESC LIMIT ?4 OFFSET ?5");
	}
	if (!st || db_bindv(st, "itiii", user, status, number, (int64_t)limit, (int64_t)offset) != 0)
		return total;
	while (sqlite3_step(st) == SQLITE_ROW) {
		read_row(st, &row.order);
		row.invoice_id = sqlite3_column_int64(st, 16);
		db_col_text(st, 17, row.invoice_status, sizeof(row.invoice_status));
		fn(ctx, &row);
	}
	sqlite3_reset(st);
	return total;
}

void order_history_each(int64_t id, void (*fn)(void *ctx, const struct order_event *e), void *ctx)
{
	sqlite3_stmt *st = db_prepare("SELECT at_ms, realm, actor, from_status, to_status, reason FROM order_history"
	    " WHERE order_id = ? ORDER BY at_ms, id");
	struct order_event e;

	if (!st || db_bindv(st, "i", id) != 0)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		e.at_ms = sqlite3_column_int64(st, 0);
		e.realm = (const char *)sqlite3_column_text(st, 1);
		e.actor = (const char *)sqlite3_column_text(st, 2);
		e.from = (const char *)sqlite3_column_text(st, 3);
		e.to = (const char *)sqlite3_column_text(st, 4);
		e.reason = (const char *)sqlite3_column_text(st, 5);
		fn(ctx, &e);
	}
	sqlite3_reset(st);
}

/* Sets prefix.name = value in hdf (value NULL: nothing). */
static void put(HDF *hdf, const char *prefix, const char *name, const char *value)
{
	char key[128];

	if (!value)
		return;
	snprintf(key, sizeof(key), "%s.%s", prefix, name);
	hdf_set_value(hdf, key, value);
}

int order_to_hdf(int64_t id, HDF *hdf, const char *prefix, int full)
{
	sqlite3_stmt *st = db_prepare("SELECT " ORDER_COLUMNS ", subject, kind, status, pay_status,"
	    " amount_fen, review_reason, review_items, created_ms, submitted_ms FROM orders WHERE id = ?");
	struct order_row row;
	char buf[64], org[16];
	int64_t fen;
	int i, found = 0;

	if (!st || db_bindv(st, "i", id) != 0)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		found = 1;
		for (i = 0; i < sqlite3_column_count(st); i++) {
			const char *name = sqlite3_column_name(st, i);
			const char *v = (const char *)sqlite3_column_text(st, i);
			size_t n = strlen(name);
			if (!v || (n > 6 && strcmp(name + n - 6, "_index") == 0))
				continue;
			if (n > 7 && strcmp(name + n - 7, "_sealed") == 0) {
				char field[40], *plain = crypto_unseal(v), masked[64];
				snprintf(field, sizeof(field), "%.*s_no", (int)(n - 7), name);
				if (!strcmp(name, "id_sealed"))
					snprintf(field, sizeof(field), "id_no");
				if (plain && !full)
					util_mask_id(plain, masked, sizeof(masked));
				put(hdf, prefix, field, plain ? (full ? plain : masked) : "（无法解密）");
				free(plain);
				continue;
			}
			put(hdf, prefix, name, v);
		}
	}
	sqlite3_reset(st);
	if (!found || !order_get(id, 0, &row))
		return -1;
	snprintf(buf, sizeof(buf), "%lld", (long long)id);
	put(hdf, prefix, "Id", buf);
	put(hdf, prefix, "SubjectLabel", order_subject_label(row.subject));
	put(hdf, prefix, "KindLabel", order_kind_label(row.kind));
	put(hdf, prefix, "ProjectLabel", order_project_label(row.project));
	put(hdf, prefix, "StatusLabel", order_status_label(row.status));
	put(hdf, prefix, "PayStatusLabel", order_pay_label(row.pay_status));
	put(hdf, prefix, "Status", row.status);
	put(hdf, prefix, "PayStatus", row.pay_status);
	put(hdf, prefix, "CertType", order_cert_type(row.subject));
	fen = row.amount_fen >= 0 ? row.amount_fen
	    : order_quote(row.subject, row.kind, row.project, row.years, row.cert_count);
	if (fen >= 0) {
		util_fen_to_yuan(fen, buf, sizeof(buf));
		put(hdf, prefix, "AmountYuan", buf);
	}
	snprintf(buf, sizeof(buf), "%s.uscc", prefix);
	if (hdf_get_value(hdf, buf, NULL)
	    && valid_uscc_org_code(hdf_get_value(hdf, buf, ""), org, sizeof(org)) == 0) {
		snprintf(buf, sizeof(buf), "%.8s-%c", org, org[8]);
		put(hdf, prefix, "OrgCode", buf);
	}
	return 0;
}

/* Looks value up in a NULL-ended table of value/label pairs. */
static const char *label(const char *const *table, const char *value)
{
	for (; value && table[0]; table += 2)
		if (strcmp(table[0], value) == 0)
			return table[1];
	return NULL;
}

/* The enumerations that decide an order's price, as (code, label) pairs. */
static const char *const subjects[] = { "enterprise", "企业", "personal", "个人", NULL };
static const char *const kinds[] = { "new", "证书新办", "renew", "证书续费", "reissue", "证书补办", NULL };
static const char *const projects[] = { "bidding", "工程招投标", "procurement", "政府采购",
	"both", "政府采购+工程招投标", "other", "其他", NULL };

const char *order_subject_label(const char *subject)
{
	return label(subjects, subject);
}

const char *order_kind_label(const char *kind)
{
	return label(kinds, kind);
}

const char *order_project_label(const char *project)
{
	return label(projects, project);
}

const char *const *order_labels(const char *enumeration)
{
	return strcmp(enumeration, "subject") == 0 ? subjects : strcmp(enumeration, "kind") == 0 ? kinds
	    : strcmp(enumeration, "project") == 0 ? projects : NULL;
}

const char *order_status_label(const char *status)
{
	static const char *const t[] = { "draft", "未提交", "pending", "待审核", "rejected", "审核不通过",
		"approved", "审核通过", "producing", "制证中", "shipped", "已寄出", "ready", "待领取",
		"completed", "已完成", "cancelled", "已取消", NULL };
	return label(t, status);
}

const char *order_pay_label(const char *pay_status)
{
	static const char *const t[] = { "unpaid", "未支付", "claimed", "待确认", "paid", "已支付",
		"refunded", "已退款", NULL };
	return label(t, pay_status);
}

const char *order_cert_type(const char *subject)
{
	static const char *const t[] = { "enterprise", "企业高级证书", "personal", "个人高级证书", NULL };
	return label(t, subject);
}

const char *order_field_label(const char *name)
{
	static const char *const t[] = {
		"project", "项目应用", "years", "申请年限", "cert_count", "证书个数", "delivery", "领取方式",
		"mail_name", "收件人", "mail_mobile", "收件人手机", "mail_address", "收件地址",
		"agree", "同意《CFCA网上平台办理协议书》", "consent", "同意处理个人信息",
		"org_name", "单位名称", "org_nature", "企业性质", "uscc", "统一社会信用代码",
		"legal_name", "法定代表人姓名", "legal_id_no", "法定代表人身份证号",
		"agent_name", "经办人姓名", "agent_mobile", "经办人手机", "agent_email", "经办人邮箱",
		"agent_id_type", "经办人证件类型", "agent_id_no", "经办人证件号码",
		"agent_address", "经办人联系地址", "seal_code", "印章编码",
		"name", "申请人姓名", "id_no", "身份证号码", "mobile", "手机号码", "email", "电子邮箱",
		"address", "联系地址", "prev_order", "原业务单号", "cert_serial", "证书序列号", NULL
	};
	return label(t, name);
}

const char *order_item_label(const char *name)
{
	const struct doc_slot *slot = doc_slot(name);

	return slot ? slot->label : order_field_label(name);
}

const char *order_nature_label(const char *nature)
{
	static const char *const t[] = { "state", "国有企业", "private", "民营企业", "foreign", "外资企业",
		"public", "事业单位", "government", "机关", "social", "社会团体", "other", "其他", NULL };
	return label(t, nature);
}

const char *order_id_type_label(const char *type)
{
	static const char *const t[] = { "id_card", "居民身份证", "passport", "护照",
		"hk_macau", "港澳居民来往内地通行证", "taiwan", "台湾居民来往大陆通行证", NULL };
	return label(t, type);
}

const char *order_delivery_label(const char *delivery)
{
	static const char *const t[] = { "mail", "邮寄", "pickup", "服务大厅自取", NULL };
	return label(t, delivery);
}
