/* lib/clock.h: the one clock of the program; only a --enable-test-clock build lets tests move it. */
#ifndef CERTDESK_CLOCK_H
#define CERTDESK_CLOCK_H
#include <stddef.h>
#include <stdint.h>

/* Milliseconds since the Unix epoch. In a test-clock build the integer in
 * DATA_DIR/test-clock (milliseconds, may be negative) is added, re-read on every call. */
int64_t clock_now_ms(void);

/* Seconds since the Unix epoch, from clock_now_ms(). */
int64_t clock_now(void);

/* Sets the directory whose test-clock file is read (test-clock builds only; ignored otherwise). */
void clock_set_dir(const char *data_dir);

/* Formats ms since the epoch in Site.TimeZone as "YYYY-MM-DD HH:MM" into out. */
void clock_format(int64_t ms, char *out, size_t size);
/* Milliseconds since the epoch of 00:00 in Site.TimeZone on day ("YYYY-MM-DD"), or -1 when
 * day is not a real date. */
int64_t clock_day_start(const char *day);
#endif
