/* lib/price.c: reading and editing the price table, and computing amounts in integer fen. */
#include "price.h"
#include "util.h"
#include "db.h"
#include <string.h>

int price_get(const char *subject, const char *kind, const char *project, int64_t *fen,
    int *per_year)
{
	sqlite3_stmt *st = db_prepare("SELECT fen, per_year FROM prices WHERE subject = ? AND kind = ?"
	    " AND project = ?");
	int rc = -1;

	if (st && db_bindv(st, "ttt", subject, kind, project) == 0 && sqlite3_step(st) == SQLITE_ROW) {
		*fen = sqlite3_column_int64(st, 0);
		*per_year = sqlite3_column_int(st, 1);
		rc = 0;
	}
	if (st)
		sqlite3_reset(st);
	return rc;
}

int64_t price_amount(const char *subject, const char *kind, const char *project, int years,
    int cert_count)
{
	int64_t fen;
	int per_year;

	if (!subject || !kind || !project || years < 1 || years > 5 || cert_count < 1
	    || cert_count > 20 || price_get(subject, kind, project, &fen, &per_year) != 0)
		return -1;
	return fen * cert_count * (per_year ? years : 1);
}

int price_set(const char *subject, const char *kind, const char *project, int64_t fen,
    int per_year)
{
	if (fen < 0 || fen > PRICE_MAX_FEN || (per_year != 0 && per_year != 1))
		return -1;
	return db_exec("INSERT INTO prices (subject, kind, project, fen, per_year) VALUES (?, ?, ?, ?, ?)"
	    " ON CONFLICT (subject, kind, project) DO UPDATE SET fen = excluded.fen,"
	    " per_year = excluded.per_year", "tttii", subject, kind, project, fen, (int64_t)per_year) == 1
	    ? 0 : -1;
}

void price_each(void (*fn)(void *ctx, const char *subject, const char *kind,
    const char *project, int64_t fen, int per_year), void *ctx)
{
	sqlite3_stmt *st = db_prepare("SELECT subject, kind, project, fen, per_year FROM prices"
	    " ORDER BY subject, CASE kind WHEN 'new' THEN 0 WHEN 'renew' THEN 1 ELSE 2 END,"
	    " CASE project WHEN 'bidding' THEN 0 WHEN 'procurement' THEN 1 WHEN 'both' THEN 2 ELSE 3 END");

	if (!st)
		return;
	while (sqlite3_step(st) == SQLITE_ROW)
		fn(ctx, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2), sqlite3_column_int64(st, 3),
		    sqlite3_column_int(st, 4));
	sqlite3_reset(st);
}

int64_t price_yuan_to_fen(const char *v)
{
	int64_t fen;

	return util_yuan_to_fen(v, &fen) == 0 && fen <= PRICE_MAX_FEN ? fen : -1;
}

const char *price_valid_yuan(const char *v)
{
	return price_yuan_to_fen(v) < 0 ? "请填写金额（元），如 400 或 400.00，最多两位小数，不超过 1000000" : NULL;
}

const char *price_valid_per_year(const char *v)
{
	return strcmp(v, "0") == 0 || strcmp(v, "1") == 0 ? NULL : "请选择按年计价或按张计价";
}

int price_change(const char *subject, const char *kind, const char *project, int64_t fen,
    int per_year, int64_t *old_fen, int *old_per_year)
{
	int rc;

	if (fen < 0 || fen > PRICE_MAX_FEN || (per_year != 0 && per_year != 1) || db_begin() != 0)
		return -1;
	if (price_get(subject, kind, project, old_fen, old_per_year) != 0) {
		db_rollback();
		return 1;
	}
	rc = db_exec("UPDATE prices SET fen = ?, per_year = ? WHERE subject = ? AND kind = ? AND project = ?",
	    "iittt", fen, (int64_t)per_year, subject, kind, project);
	if (rc != 1) {
		db_rollback();
		return -1;
	}
	return db_commit();
}
