/* lib/log.c: one-line log records on stderr, tagged with program and request id. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "log.h"

static char log_program[32] = "certdesk";
static char log_req[24];

void log_init(const char *program)
{
	snprintf(log_program, sizeof(log_program), "%s", program);
}

void log_request(const char *request_id)
{
	snprintf(log_req, sizeof(log_req), "%s", request_id ? request_id : "");
}

/* Prints one record at level; the message has its control characters replaced. */
__attribute__((format(printf, 2, 0)))
static void log_write(const char *level, const char *fmt, va_list ap)
{
	char msg[1024];
	size_t i;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	for (i = 0; msg[i]; i++)
		if ((unsigned char)msg[i] < 0x20)
			msg[i] = ' ';
	fprintf(stderr, "certdesk[%s] req=%s %s: %s\n", log_program, log_req[0] ? log_req : "-",
	    level, msg);
}

void log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_write("info", fmt, ap);
	va_end(ap);
}

void log_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_write("warn", fmt, ap);
	va_end(ap);
}

void log_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_write("error", fmt, ap);
	va_end(ap);
}
