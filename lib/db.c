/* lib/db.c: the process's SQLite connection, its pragmas, cached prepared statements, transactions and migrations. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "db.h"
#include "cfg.h"
#include "log.h"
#include "storage.h"
#include "util.h"

extern const char *const db_migrations[];	/* generated from schema/ by scripts/embed-schema.sh */

/* One cached statement, keyed by its SQL text. */
struct cached {
	const char *sql;
	sqlite3_stmt *stmt;
	struct cached *next;
};

static sqlite3 *db;
static struct cached *cache;
static void (*on_prepare)(const char *sql);	/* tests: told of every statement compiled */

sqlite3 *db_handle(void)
{
	return db;
}

int db_latest_version(void)
{
	int n = 0;

	while (db_migrations[n])
		n++;
	return n;
}

int db_version(void)
{
	sqlite3_stmt *st = db_prepare("PRAGMA user_version");
	int v = -1;

	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	if (st)
		sqlite3_reset(st);
	return v;
}

/* Runs constant SQL text (pragmas, migrations); 0 or -1 after logging. */
static int db_run(const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		if (sqlite3_errcode(db) == SQLITE_FULL)
			storage_note(ENOSPC);
		log_error("sqlite: %s", msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* Applies the migrations newer than PRAGMA user_version, each in its own immediate
 * transaction; every migration file ends by setting user_version to its number. */
static int db_migrate(void)
{
	int latest = db_latest_version();

	for (;;) {
		int v;
		if (db_begin() != 0)
			return -1;
		v = db_version();
		if (v < 0 || v > latest) {
			db_rollback();
			log_error("database schema version %d is not one this build knows (%d)", v, latest);
			return -1;
		}
		if (v == latest)
			return db_commit();
		if (db_run(db_migrations[v]) != 0) {
			db_rollback();
			return -1;
		}
		if (db_version() != v + 1) {
			db_rollback();
			log_error("migration %d did not set user_version", v + 1);
			return -1;
		}
		if (db_commit() != 0)
			return -1;
		log_info("database migrated to version %d", v + 1);
	}
}

/* At exit, a connection still open is closed as db_close does (PRAGMA optimize first):
 * certdesk-admin's commands, the cron's outbox among them, return from main without it. */
static void db_at_exit(void)
{
	db_close();
}

int db_open_path(const char *path)
{
	static int registered;

	if (db)
		return 0;
	if (!registered)
		registered = atexit(db_at_exit) == 0;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
	    | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		log_error("cannot open database %s: %s", path, db ? sqlite3_errmsg(db) : "no memory");
		db_close();
		return -1;
	}
	sqlite3_busy_timeout(db, 10000);
	/* Plans that never depend on bound values: without this, a parameter SQLite peeks at
	 * while planning (a LIMIT, a partial index's condition) marks the statement expired
	 * at every new binding, and each use of a cached statement is compiled again. */
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_QPSG, 1, (int *)NULL);
	if (db_run("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
	    " PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF;") != 0
	    || db_migrate() != 0) {
		db_close();
		return -1;
	}
	return 0;
}

int db_open(void)
{
	char path[1024];

	if (cfg_data_path("certdesk.db", path, sizeof(path)) != 0)
		return -1;
	return db_open_path(path);
}

void db_optimize(void)
{
	/* analysis_limit bounds the work of a first ANALYZE on a large table to a sample.
	 * BEGIN IMMEDIATE takes the write lock first, waiting in the busy handler like any
	 * writer: run alone, the ANALYZE of PRAGMA optimize reads, then upgrades its read
	 * snapshot to write sqlite_stat1, and in WAL mode that upgrade fails at once with
	 * "database is locked" whenever another process has committed meanwhile (bench/'s
	 * submitters and wrk runs showed it in the logs). */
	if (!db || !sqlite3_get_autocommit(db))
		return;
	if (db_run("PRAGMA analysis_limit = 400; BEGIN IMMEDIATE;") != 0)
		return;
	if (db_run("PRAGMA optimize; COMMIT;") != 0 && !sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

void db_on_prepare(void (*fn)(const char *sql))
{
	on_prepare = fn;
}

void db_close(void)
{
	if (db && sqlite3_get_autocommit(db))
		db_optimize();
	while (cache) {
		struct cached *next = cache->next;
		sqlite3_finalize(cache->stmt);
		free(cache);
		cache = next;
	}
	if (db)
		sqlite3_close(db);
	db = NULL;
}

sqlite3_stmt *db_prepare(const char *sql)
{
	struct cached *c;

	if (!db)
		return NULL;
	/* The same constant is the same pointer: look for it first, and compare texts (long,
	 * with long common beginnings) only when it is not there. */
	for (c = cache; c && c->sql != sql; c = c->next)
		;
	if (!c)
		for (c = cache; c && strcmp(c->sql, sql) != 0; c = c->next)
			;
	if (c) {
		sqlite3_reset(c->stmt);
		sqlite3_clear_bindings(c->stmt);
		return c->stmt;
	}
	c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &c->stmt, NULL) != SQLITE_OK) {
		log_error("sqlite prepare: %s", sqlite3_errmsg(db));
		free(c);
		return NULL;
	}
	c->sql = sql;
	c->next = cache;
	cache = c;
	if (on_prepare)
		on_prepare(sql);
	return c->stmt;
}

/* Binds the arguments described by types (see db_exec) from ap. */
static int db_bind_ap(sqlite3_stmt *st, const char *types, va_list ap)
{
	int i, rc = SQLITE_OK;

	for (i = 0; types && types[i] && rc == SQLITE_OK; i++) {
		if (types[i] == 'i') {
			rc = sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
		} else if (types[i] == 't') {
			const char *s = va_arg(ap, const char *);
			rc = s ? sqlite3_bind_text(st, i + 1, s, -1, SQLITE_TRANSIENT)
			    : sqlite3_bind_null(st, i + 1);
		} else if (types[i] == 'b') {
			const void *p = va_arg(ap, const void *);
			int n = va_arg(ap, int);
			rc = sqlite3_bind_blob(st, i + 1, p, n, SQLITE_TRANSIENT);
		} else {
			rc = SQLITE_MISUSE;
		}
	}
	if (rc != SQLITE_OK) {
		log_error("sqlite bind: %s", sqlite3_errstr(rc));
		return -1;
	}
	return 0;
}

int db_bindv(sqlite3_stmt *stmt, const char *types, ...)
{
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = db_bind_ap(stmt, types, ap);
	va_end(ap);
	return rc;
}

int db_exec(const char *sql, const char *types, ...)
{
	sqlite3_stmt *st = db_prepare(sql);
	va_list ap;
	int rc;

	if (!st)
		return -1;
	va_start(ap, types);
	rc = db_bind_ap(st, types, ap);
	va_end(ap);
	if (rc != 0)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		if (rc == SQLITE_FULL)
			storage_note(ENOSPC);
		if (rc != SQLITE_CONSTRAINT)
			log_error("sqlite step: %s", sqlite3_errmsg(db));
		return -1;
	}
	return sqlite3_changes(db);
}

int64_t db_int(const char *sql, int64_t def, const char *types, ...)
{
	sqlite3_stmt *st = db_prepare(sql);
	va_list ap;
	int64_t v = def;
	int rc;

	if (!st)
		return def;
	va_start(ap, types);
	rc = db_bind_ap(st, types, ap);
	va_end(ap);
	if (rc == 0 && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return v;
}

int db_begin(void)
{
	return db_run("BEGIN IMMEDIATE");
}

int db_commit(void)
{
	if (db_run("COMMIT") != 0) {
		db_rollback();
		return -1;
	}
	return 0;
}

void db_rollback(void)
{
	if (db && !sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

int db_backup_to(const char *path)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	int rc, tries = 0;

	if (!db || sqlite3_open(path, &dst) != SQLITE_OK) {
		sqlite3_close(dst);
		return -1;
	}
	b = sqlite3_backup_init(dst, "main", db, "main");
	if (!b) {
		log_error("backup: %s", sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return -1;
	}
	do {
		rc = sqlite3_backup_step(b, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while ((rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++tries < 100000);
	sqlite3_backup_finish(b);
	rc = rc == SQLITE_DONE ? sqlite3_errcode(dst) : rc;
	sqlite3_close(dst);
	return rc == SQLITE_OK ? 0 : -1;
}

void db_col_text(sqlite3_stmt *st, int i, char *out, size_t size)
{
	util_copy(out, size, (const char *)sqlite3_column_text(st, i));
}
