/* lib/sender.h: the long-running sender (certdesk-admin sender) that sends the outbox outside every request, and the wake-up the programs give it. */
#ifndef CERTDESK_SENDER_H
#define CERTDESK_SENDER_H

/* Runs the sender until SIGTERM or SIGINT: one process (lane) per kind of message, so a
 * mail server that hangs never delays an SMS. A lane sends what is due (outbox_send_due),
 * then sleeps until a program wakes it (a datagram on Data.Dir/sender-<kind>.sock, see
 * sender_wake), the next retry is due, or a minute has passed (for messages queued without
 * a wake-up). After a failure the lane stops trying for 10 s, doubling while the gateway
 * keeps failing, at most 5 minutes; wake-ups then wait too. open_site opens the database
 * (called once to check the site, then in each lane). Only one sender runs per Data.Dir
 * (a lock on Data.Dir/sender.lock). Returns 0 after a clean stop, 1 when the site cannot be
 * opened, 2 when another sender holds the lock. */
int sender_run(int (*open_site)(void));

/* Wakes the lane of kind ("sms", "mail") with one datagram, without ever blocking: when no
 * sender runs (or its queue of wake-ups is full) nothing happens and the message waits for
 * the next sender or cron run. */
void sender_wake(const char *kind);

struct sockaddr_un;
/* The wake-up socket of kind's lane, Data.Dir/sender-<kind>.sock, in addr; 0, or -1 when
 * the path does not fit a socket address (the lane then only looks every minute). */
int sender_wake_addr(const char *kind, struct sockaddr_un *addr);
#endif
