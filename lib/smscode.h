/* lib/smscode.h: six-digit SMS verification codes bound to a mobile and a purpose, hashed, limited. */
#ifndef CERTDESK_SMSCODE_H
#define CERTDESK_SMSCODE_H

enum code_purpose { CODE_REGISTER, CODE_RESET };

enum code_result {
	CODE_SENT,		/* queued in the outbox */
	CODE_TOO_SOON,		/* one per mobile per 60 s */
	CODE_DAILY_LIMIT,	/* 10 per mobile per day */
	CODE_ADDR_LIMIT,	/* too many from this client address this hour */
	CODE_ERROR
};

#define CODE_VALID_MS (5 * 60 * 1000LL)
#define CODE_MAX_TRIES 5
#define CODE_ADDR_PER_HOUR 30

/* Issues a code for mobile and purpose: checks the limits, stores its keyed hash (valid
 * 5 minutes; earlier codes of the same mobile and purpose are voided) and queues the SMS,
 * in one transaction. */
enum code_result code_send(const char *mobile, enum code_purpose purpose, const char *addr);

/* Uses a code: 1 when code is the live code of mobile and purpose (it is then spent);
 * 0 otherwise, counting a wrong try (after CODE_MAX_TRIES the code is void). */
int code_use(const char *mobile, enum code_purpose purpose, const char *code);

/* A Chinese message for a refusal of code_send. */
const char *code_message(enum code_result result);
#endif
