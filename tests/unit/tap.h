/* tests/unit/tap.h: a minimal TAP producer for the C unit tests (ok, is_int, is_str, done). */
#ifndef CERTDESK_TAP_H
#define CERTDESK_TAP_H
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

/* Prints "ok N - name" or "not ok N - name"; returns cond. */
static int tap_ok(int cond, const char *name)
{
	tap_n++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - %s\n", cond ? "" : "not ", tap_n, name);
	fflush(stdout);
	return cond;
}
#define ok(cond, name) tap_ok(!!(cond), (name))

/* Compares integers, printing both on failure. */
__attribute__((unused)) static int is_int(long long got, long long want, const char *name)
{
	if (!tap_ok(got == want, name))
		printf("#   got %lld, want %lld\n", got, want);
	return got == want;
}

/* Compares strings (NULL equals only NULL), printing both on failure. */
__attribute__((unused)) static int is_str(const char *got, const char *want, const char *name)
{
	int same = (got == NULL || want == NULL) ? got == want : strcmp(got, want) == 0;
	if (!tap_ok(same, name))
		printf("#   got \"%s\", want \"%s\"\n", got ? got : "(null)", want ? want : "(null)");
	return same;
}

/* Prints the plan and returns the exit status (0 when every test passed). */
static int done_testing(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}
#endif
