/* lib/ratelimit.c: sliding-window rate limits over the rate_events table. */
#include "ratelimit.h"
#include "clock.h"
#include "db.h"

#define DAY_MS (24 * 3600 * 1000LL)

int rate_count(const char *kind, const char *key, int64_t window_ms)
{
	return (int)db_int("SELECT count(*) FROM rate_events WHERE kind = ? AND key = ? AND at_ms > ?",
	    0, "tti", kind, key, clock_now_ms() - window_ms);
}

void rate_note(const char *kind, const char *key)
{
	int64_t now = clock_now_ms();

	db_exec("INSERT INTO rate_events (kind, key, at_ms) VALUES (?, ?, ?)", "tti", kind, key, now);
	db_exec("DELETE FROM rate_events WHERE at_ms < ?", "i", now - 2 * DAY_MS);
}

int rate_allow(const char *kind, const char *key, int64_t window_ms, int max)
{
	return rate_count(kind, key, window_ms) < max;
}
