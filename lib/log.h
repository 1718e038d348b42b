/* lib/log.h: logging to stderr, each line tagged with the program name and the request id. */
#ifndef CERTDESK_LOG_H
#define CERTDESK_LOG_H

/* Sets the program name printed on every line. */
void log_init(const char *program);

/* Sets (or clears with NULL) the current request id printed on every line. */
void log_request(const char *request_id);

/* Prints one line "certdesk[program] req=ID level: message" to stderr; fmt is a constant. */
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#endif
