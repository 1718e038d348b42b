/* lib/ratelimit.h: sliding-window counters by kind and key (client address, mobile) kept in the database. */
#ifndef CERTDESK_RATELIMIT_H
#define CERTDESK_RATELIMIT_H
#include <stdint.h>

/* Counts the events of kind for key within the last window_ms. */
int rate_count(const char *kind, const char *key, int64_t window_ms);

/* Records one event of kind for key (and prunes events older than a day). */
void rate_note(const char *kind, const char *key);

/* 1 when fewer than max events of kind for key happened in window_ms; 0 otherwise. */
int rate_allow(const char *kind, const char *key, int64_t window_ms, int max);
#endif
