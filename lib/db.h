/* lib/db.h: the SQLite connection of the process: WAL, synchronous=FULL, busy timeout, migrations, transactions. */
#ifndef CERTDESK_DB_H
#define CERTDESK_DB_H
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

/* Opens (creating if needed) Data.Dir/certdesk.db with WAL, synchronous=FULL,
 * foreign_keys=ON and a busy timeout, and applies every migration of schema/ not yet
 * applied (tracked by PRAGMA user_version). Returns 0, or -1 after logging. */
int db_open(void);

/* Opens the database at an explicit path (tests and certdesk-admin restore). Same contract as db_open. */
int db_open_path(const char *path);

/* Closes the connection (after db_optimize) and finalises every cached statement. */
void db_close(void);

/* Keeps the planner's statistics up to date: PRAGMA optimize, with analysis_limit so that
 * a first ANALYZE of a large table reads a sample only. Run by db_close (so every plain CGI
 * request and every certdesk-admin run, the cron's outbox included) and by app_run every
 * APP_OPTIMIZE_EVERY requests of a FastCGI process; a connection still open at exit is
 * closed (so optimized) by an atexit handler db_open registers. Errors are logged and ignored. */
void db_optimize(void);

/* Tests only: fn is called with the SQL text of every statement db_prepare compiles (once
 * per text and connection); NULL stops it. */
void db_on_prepare(void (*fn)(const char *sql));

/* The open connection (NULL before db_open); only lib/ modules use it. */
sqlite3 *db_handle(void);

/* Returns a cached prepared statement for sql (a constant string), reset and with
 * bindings cleared; NULL on error (logged). Never finalise it: db_close does. */
sqlite3_stmt *db_prepare(const char *sql);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. Return 0 on success, -1 on error (logged).
 * db_commit rolls back when the commit fails. */
int db_begin(void);
int db_commit(void);
void db_rollback(void);

/* Runs a statement that returns no rows, with parameters bound by db_bind-style
 * format: each char of types is 'i' (int64_t), 't' (const char *, NULL binds NULL),
 * 'b' (const void *, int length). Returns the number of rows changed, or -1. */
int db_exec(const char *sql, const char *types, ...);

/* Runs a query whose first row's first column is an integer; returns it, or def when no row. */
int64_t db_int(const char *sql, int64_t def, const char *types, ...);

/* Copies text column i of the current row of st into out (size bytes, always
 * terminated, cut short when longer); a NULL column copies as the empty string. */
void db_col_text(sqlite3_stmt *st, int i, char *out, size_t size);

/* Binds parameters to stmt as db_exec describes; returns 0 or -1. */
int db_bindv(sqlite3_stmt *stmt, const char *types, ...);

/* The current schema version (PRAGMA user_version) and the newest this build knows. */
int db_version(void);
int db_latest_version(void);

/* Backs the open database up to path with SQLite's online backup API; returns 0 or -1. */
int db_backup_to(const char *path);
#endif
