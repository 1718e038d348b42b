/* lib/payment_int.h: what the payment module's files share: recording received money and settling an order's pay status inside the caller's transaction. */
#ifndef CERTDESK_PAYMENT_INT_H
#define CERTDESK_PAYMENT_INT_H
#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>

/* Money that arrived for an order. Strings may be NULL; ids 0 for none. */
struct pay_money {
	int64_t order;
	const char *method;		/* "alipay" or "transfer" */
	int64_t fen;
	const char *source;		/* "notify", "query", "claim" or "statement" */
	const char *out_trade_no, *trade_no;
	int64_t notification;
	const char *payer, *paid_on, *bank_ref;
	int64_t statement;
};

/* Records m as a received payment in the caller's transaction, or as a duplicate when the
 * order already has one received. Returns the payment's id, or -1. */
int64_t pay_receive(const struct pay_money *m);

/* Sets the order's pay status from its payments and Alipay trades (paid, refunded,
 * claimed, unpaid) and moves an approved and paid order to producing with a history row
 * by realm/actor, in the caller's transaction. Returns 0, or -1. */
int pay_settle(int64_t order, const char *realm, const char *actor);

/* Copies text column i of st into out (empty for NULL). */
void pay_text(sqlite3_stmt *st, int i, char *out, size_t size);

#endif
