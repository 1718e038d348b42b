/* lib/workday.c: counting working days with the holiday table (holidays on weekdays, make-up working days on weekends). */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "workday.h"
#include "clock.h"
#include "db.h"
#include "util.h"

/* Days since 1970-01-01 of the date "YYYY-MM-DD" at the start of s; -1 when it is not a real date. */
static long civil_days(const char *s)
{
	struct tm tm, back;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	if (strlen(s) < 10 || sscanf(s, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 12;
	back = tm;
	t = timegm(&tm);
	if (t == (time_t)-1 || tm.tm_mday != back.tm_mday || tm.tm_mon != back.tm_mon)
		return -1;
	return (long)(t / 86400);
}

/* The date of day number d as "YYYY-MM-DD" into iso[11], its weekday (0 Sunday) returned. */
static int day_name(long d, char iso[11])
{
	time_t t = (time_t)d * 86400 + 43200;
	struct tm tm;
	char buf[40];

	gmtime_r(&t, &tm);
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	util_copy(iso, 11, buf);
	return tm.tm_wday;
}

/* 1 when day number d is a working day. */
static int working(long d)
{
	char iso[11];
	int wday = day_name(d, iso);
	sqlite3_stmt *st = db_prepare("SELECT kind FROM holidays WHERE day = ?");
	int work = wday != 0 && wday != 6;

	if (st && db_bindv(st, "t", iso) == 0 && sqlite3_step(st) == SQLITE_ROW)
		work = strcmp((const char *)sqlite3_column_text(st, 0), "work") == 0;
	if (st)
		sqlite3_reset(st);
	return work;
}

int workday_is(const char *day)
{
	long d = civil_days(day);

	return d < 0 ? -1 : working(d);
}

int workday_add(int64_t ms, int n, char *out, size_t size, char *iso)
{
	static const char *const wday[] = { "日", "一", "二", "三", "四", "五", "六" };
	char day[32], name[11];
	long d;
	int w, guard = 0;

	util_copy(out, size, "");
	clock_format(ms, day, sizeof(day));
	d = civil_days(day);
	if (d < 0)
		return -1;
	while (n > 0 && guard++ < 366 * 2) {
		d++;
		if (working(d))
			n--;
	}
	if (n > 0)
		return -1;
	w = day_name(d, name);
	snprintf(out, size, "%.4s年%d月%d日（星期%s）", name, (name[5] - '0') * 10 + name[6] - '0',
	    (name[8] - '0') * 10 + name[9] - '0', wday[w]);
	if (iso)
		memcpy(iso, name, 11);
	return 0;
}

int workday_set(const char *day, const char *kind)
{
	char iso[11];
	long d = civil_days(day);

	if (d < 0 || strlen(day) != 10 || (strcmp(kind, "off") != 0 && strcmp(kind, "work") != 0))
		return -1;
	day_name(d, iso);
	return db_exec("INSERT INTO holidays (day, kind) VALUES (?, ?) ON CONFLICT (day) DO UPDATE"
	    " SET kind = excluded.kind", "tt", iso, kind) == 1 ? 0 : -1;
}
