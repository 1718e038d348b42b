/* lib/snowflake.c: order numbers from a leased 10-bit worker id, the millisecond clock and a 12-bit sequence. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "snowflake.h"
#include "clock.h"
#include "db.h"
#include "log.h"

#define LEASE_MS (10 * 60 * 1000LL)
#define WORKERS 1024

static int worker = -1;		/* the leased worker id, -1 before the first order number */
static int64_t lease_until;	/* when this process must renew its lease */
static int64_t last_ms;		/* the millisecond of the last id issued */
static int seq;

/* The holder string of this process: host and pid. */
static void holder_name(char *out, size_t size)
{
	char host[64] = "";

	gethostname(host, sizeof(host) - 1);
	snprintf(out, size, "%s:%ld", host, (long)getpid());
}

/* Leases a free (or expired) worker id, renewing ours when we have one, in a transaction
 * of its own: never inside a caller's, whose rollback would free a lease this process
 * goes on using. 0 on success. */
static int lease(void)
{
	char holder[96];
	int64_t now = clock_now_ms();
	int id;

	if (!sqlite3_get_autocommit(db_handle())) {
		log_error("a Snowflake lease cannot be taken inside a transaction");
		return -1;
	}
	holder_name(holder, sizeof(holder));
	if (db_begin() != 0)
		return -1;
	if (worker >= 0 && db_exec("UPDATE snowflake_workers SET leased_until_ms = ? WHERE worker_id = ?"
	    " AND holder = ?", "iit", now + LEASE_MS, (int64_t)worker, holder) == 1) {
		lease_until = now + LEASE_MS / 2;
		return db_commit();
	}
	id = (int)db_int("SELECT worker_id FROM snowflake_workers WHERE leased_until_ms < ?"
	    " ORDER BY leased_until_ms LIMIT 1", -1, "i", now);
	if (id < 0) {
		id = (int)db_int("SELECT count(*) FROM snowflake_workers", WORKERS, "");
		if (id >= WORKERS || db_exec("INSERT INTO snowflake_workers (worker_id) VALUES (?)", "i",
		    (int64_t)id) != 1) {
			db_rollback();
			log_error("no free Snowflake worker id");
			return -1;
		}
	}
	last_ms = db_int("SELECT last_ms FROM snowflake_workers WHERE worker_id = ?", 0, "i", (int64_t)id);
	if (db_exec("UPDATE snowflake_workers SET holder = ?, leased_until_ms = ? WHERE worker_id = ?",
	    "tii", holder, now + LEASE_MS, (int64_t)id) != 1) {
		db_rollback();
		return -1;
	}
	if (db_commit() != 0)
		return -1;
	worker = id;
	seq = 4095;	/* the previous holder may have used last_ms: start at the next millisecond */
	lease_until = now + LEASE_MS / 2;
	return 0;
}

int64_t snow_next(void)
{
	int64_t now = clock_now_ms();
	int spins = 0;

	if ((worker < 0 || now >= lease_until) && lease() != 0)
		return -1;
	if (now == last_ms && seq == 4095)
		seq = -1;	/* sequence exhausted: wait for the next millisecond */
	while (now < last_ms || seq < 0) {
		if (++spins > 4000) {
			log_error("clock behind the last order number; refusing to issue one");
			return -1;
		}
		usleep(250);
		now = clock_now_ms();
		if (now > last_ms)
			break;
	}
	if (now == last_ms) {
		seq++;
	} else {
		last_ms = now;
		seq = 0;
	}
	return ((last_ms - SNOW_EPOCH_MS) << 22) | ((int64_t)worker << 12) | seq;
}

void snow_release(void)
{
	char holder[96];

	if (worker < 0 || !db_handle())
		return;
	holder_name(holder, sizeof(holder));
	db_exec("UPDATE snowflake_workers SET leased_until_ms = 0, last_ms = max(last_ms, ?)"
	    " WHERE worker_id = ? AND holder = ?", "iit", last_ms, (int64_t)worker, holder);
	worker = -1;
}

void snow_parts(int64_t id, int64_t *ms, int *w, int *s)
{
	*ms = (id >> 22) + SNOW_EPOCH_MS;
	*w = (int)((id >> 12) & 1023);
	*s = (int)(id & 4095);
}
