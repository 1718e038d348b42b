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
	const char *stale;		/* why the trade it paid is not the order's current one
					 * (e.g. 交易已失效), or NULL */
};

/* In the caller's transaction: judges money of fen for order (SPEC §2, "the money always
 * matches the order"). Stores in *cause NULL when it pays the order (the order is not
 * cancelled, has no received money yet, stale is NULL, fen equals its amount_fen and the
 * life table lets it be paid), else the Chinese reason it is to be refunded: 业务单已取消,
 * 重复支付, stale, 金额与业务单不符, 业务单当前不可支付. Returns 0, or -1 on a database
 * error (no such order). */
int pay_judge(int64_t order, int64_t fen, const char *stale, const char **cause);

/* Records m in the caller's transaction as received money: status 'received' when
 * pay_judge says it pays the order, else 'duplicate' (待退款) with payments.refund_cause.
 * Stores 1 in *received when it was received (received may be NULL). Returns the payment's
 * id, or -1. */
int64_t pay_receive(const struct pay_money *m, int *received);

/* Sets the order's pay status from its payments and Alipay trades (paid: money received;
 * refunded: its received money given back — giving back money that never paid it, with a
 * refund cause, does not make it refunded; claimed; unpaid) and moves an approved and paid order to producing with a history row
 * by realm/actor, in the caller's transaction. Returns 0, or -1. */
int pay_settle(int64_t order, const char *realm, const char *actor);

#endif
