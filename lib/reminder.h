/* lib/reminder.h: certificate expiry reminders (SPEC §8, §10): the 60-, 30- and 7-day SMS of completed orders' certificates not yet renewed, each sent once, with the link to a pre-filled renewal. */
#ifndef CERTDESK_REMINDER_H
#define CERTDESK_REMINDER_H
#include <stddef.h>
#include <stdint.h>

/* The threshold whose reminder is due for a certificate with days_left days to go: the
 * most urgent of 60, 30 and 7 that days_left has reached (7 at 5 days left, 30 at 30), or
 * 0 when none is (more than 60 days, or expired: days_left < 0). */
int reminder_due(int days_left);

/* Writes Site.BaseURL/cgi-bin/renew.fcgi?prev_order=ORDER, the renewal the reminder of
 * order opens, into out. Returns 0, or -1 when it does not fit. */
int reminder_link(int64_t order, char *out, size_t size);

/* certdesk-admin reminders, run daily: for every completed order (not purged) whose
 * certificate expires within the next 60 days in Site.TimeZone (today included), unless a
 * later order names it as prev_order and was submitted and not cancelled (the certificate
 * is being renewed or reissued), queues the SMS of the most urgent threshold reached
 * (reminder_due) — unless that one or a more urgent one was sent before, so 60 and 30 never
 * follow a 7 — through the life table's SMS (event cert_expiring: {order}, {days} left,
 * {expires}, {serial}, {link}), recording it in reminders_sent in the same transaction
 * (so a rerun, or two runs at once, send it once). Calls fn (may be NULL) for each one
 * queued. Returns how many were queued, or -1 when the database failed (those queued
 * before stay). */
int reminder_run(void (*fn)(void *ctx, int64_t order, int days, const char *expires), void *ctx);
#endif
