/* lib/clock.c: the program's clock; a test-clock build adds the offset kept in Data.Dir/test-clock. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "clock.h"
#include "cfg.h"

static char clock_dir[1024];

void clock_set_dir(const char *data_dir)
{
	snprintf(clock_dir, sizeof(clock_dir), "%s", data_dir ? data_dir : "");
}

/* The test offset in ms (always 0 unless built with --enable-test-clock). */
static int64_t clock_offset_ms(void)
{
#ifdef CERTDESK_TEST_CLOCK
	char path[1100], buf[32];
	FILE *f;
	int64_t off = 0;

	if (!clock_dir[0])
		return 0;
	snprintf(path, sizeof(path), "%s/test-clock", clock_dir);
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (fgets(buf, sizeof(buf), f))
		off = strtoll(buf, NULL, 10);
	fclose(f);
	return off;
#else
	return 0;
#endif
}

int64_t clock_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 + clock_offset_ms();
}

int64_t clock_now(void)
{
	return clock_now_ms() / 1000;
}

/* Makes the C library's local time Site.TimeZone (once per process). */
static void clock_zone(void)
{
	static char tz_set;

	if (!tz_set) {
		setenv("TZ", cfg_str("Site.TimeZone", "Asia/Shanghai"), 1);
		tzset();
		tz_set = 1;
	}
}

int64_t clock_day_start(const char *day)
{
	struct tm tm, want;
	time_t t;

	clock_zone();
	memset(&tm, 0, sizeof(tm));
	if (!day || strlen(day) != 10 || sscanf(day, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_isdst = -1;
	want = tm;
	t = mktime(&tm);
	if (t == (time_t)-1 || tm.tm_mday != want.tm_mday || tm.tm_mon != want.tm_mon)
		return -1;
	return (int64_t)t * 1000;
}

void clock_format(int64_t ms, char *out, size_t size)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	clock_zone();
	if (!localtime_r(&t, &tm) || strftime(out, size, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(out, size, "-");
}
