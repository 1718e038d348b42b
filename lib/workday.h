/* lib/workday.h: working days (Monday to Friday, less official holidays, plus make-up working days) for the review's expected date. */
#ifndef CERTDESK_WORKDAY_H
#define CERTDESK_WORKDAY_H
#include <stddef.h>
#include <stdint.h>

/* 1 when day ("YYYY-MM-DD") is a working day: a weekday not marked off, or a weekend day
 * marked work in the holiday table; 0 otherwise; -1 when day is not a date. */
int workday_is(const char *day);

/* Writes the date n working days after the day of ms (in Site.TimeZone) into out as
 * "2026年11月27日（星期五）" and, when iso is not NULL, as "2026-11-27" into iso[11].
 * Returns 0, or -1 (out empty) when the date cannot be computed. */
int workday_add(int64_t ms, int n, char *out, size_t size, char *iso);

/* Marks day as a holiday ("off") or a make-up working day ("work") in the table. Returns
 * 0, or -1 for a malformed date or kind. */
int workday_set(const char *day, const char *kind);
#endif
