/* lib/payment.h: paying for orders: Alipay trades and notifications, transfer claims, finance's confirmations, bank statement matching, refunds and reconciliation; the order's pay status follows from them. */
#ifndef CERTDESK_PAYMENT_H
#define CERTDESK_PAYMENT_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "statement.h"

enum payment_result {
	PAYMENT_OK,
	PAYMENT_NOT_FOUND,	/* no such order (of this applicant): answer 404 */
	PAYMENT_STATE,		/* its status or pay status does not allow this (stale or double action) */
	PAYMENT_UNAVAILABLE,	/* Alipay is not configured or does not answer now: try later */
	PAYMENT_ERROR
};

/* 1 when the life table lets an order in status with pay_status still be paid: pending or
 * approved, and unpaid or claimed (a claim is only a claim). */
int payment_payable(const char *status, const char *pay_status);

/* The order's transfer reference code (附言): 8 characters of statement_code_alphabet,
 * unique, made at first use and never changed. Writes it into out[9]; 0, or -1. */
int payment_transfer_code(int64_t order, char out[9]);

/* 1 when Alipay is offered to applicants (alipay_gw_configured: a gateway, app id and keys
 * are configured), else 0: the payment page then opens on 对公转账. */
int payment_alipay_offered(void);

/* The Alipay trade whose QR code the payment page shows. */
struct payment_trade {
	char out_trade_no[40];
	char qr_code[512];
	int64_t amount_fen, created_ms, expires_ms, claimed_ms;
	int app_link;		/* qr_code is Alipay's own https link, which its app opens on a phone */
};

/* The open Alipay trade of order (of user; 0 for any) with its QR code: the current one
 * while it has more than 5 minutes to live and is for the order's amount, else a new
 * out_trade_no (alipay.trade.precreate; the old trade is replaced and closed). Network
 * calls are made outside any transaction. PAYMENT_STATE when the order cannot be paid
 * (or is paid); PAYMENT_UNAVAILABLE when Alipay is not configured or did not answer. */
enum payment_result payment_trade(int64_t order, int64_t user, struct payment_trade *out);

/* In the caller's transaction: the order's open Alipay trade (if any) stops being its
 * current one (an edit changed the amount): money paid on it afterwards is recorded to
 * refund, never as the order's payment. Returns 0, or -1. */
int payment_trade_retire(int64_t order);
/* After the commit: closes the order's retired trades at Alipay (alipay.trade.close;
 * one that turns out paid is recorded as payment_notify would). Does nothing when Alipay
 * is not configured; what cannot be closed now, reconcile closes later. */
void payment_trade_close_retired(int64_t order);
/* The QR text of the order's open trade (for its PNG) into qr; 1 when there is one. */
int payment_trade_qr(int64_t order, int64_t user, char *qr, size_t size);

/* Asks Alipay (alipay.trade.query) about every unsettled trade of the order and applies
 * what has been paid. With claim set (the applicant pressed 我已支付) an unpaid open
 * trade is marked claimed, so the order shows 待确认 until Alipay says more. Stores 1 in
 * *paid when the order is paid afterwards. PAYMENT_UNAVAILABLE when Alipay could not be
 * asked (nothing changed). */
enum payment_result payment_alipay_check(int64_t order, int64_t user, int claim, int *paid);

/* The page's refresh: queries Alipay about the order's open trade when it is at least
 * 10 s old and was last asked at least 10 s ago; applies a payment it reports. */
void payment_alipay_poll(int64_t order);

/* Handles one asynchronous notification (the raw form body): verifies it
 * (alipay_notify_parse with Alipay.PublicKeyFile, then app_id, seller_id when
 * Alipay.SellerId is set, the trade, trade_status), stores it raw with its verdict (one
 * whose signature cannot be verified is counted per client and hour, refusal_note, and
 * stored only as one of the first REFUSAL_SAMPLES of its hour), and
 * records a TRADE_SUCCESS / TRADE_FINISHED payment at most once, all in one transaction.
 * The money pays the order only when its trade is the order's current one and the amount
 * and the order agree (pay_judge); otherwise it is recorded as a duplicate to refund
 * (待退款) with its cause (交易已失效, 交易已关闭, 金额与业务单不符, 业务单已取消, 重复支付...):
 * it is real, signed money. Stores the verdict's name in *verdict ("applied": money
 * recorded, either way). Returns 1 when Alipay should be answered "success" (recorded,
 * recorded already, or a verified status with nothing to record), 0 for "fail" (bad
 * signature, wrong app or seller, a trade we never made, or an error; nothing changed but
 * the stored notification). */
int payment_notify(const char *body, size_t len, const char *peer, const char **verdict);

/* Records the applicant's transfer claim (我已支付 by 对公转账): payer (the paying
 * account's name), paid_on (YYYY-MM-DD, not in the future) and the optional remittance
 * slip already stored as the order's transfer_slip document (slip_doc, 0 for none).
 * PAYMENT_STATE when the order cannot be paid or a transfer claim is already waiting. */
enum payment_result payment_transfer_claim(int64_t order, int64_t user, const char *payer,
    const char *paid_on, int64_t slip_doc);

/* 1 when a transfer claim of the order waits for finance, else 0. */
int payment_claim_waiting(int64_t order);

/* Why confirming the order's waiting claim would record it to refund instead of paying
 * the order (e.g. 金额与业务单不符: the claim is for another amount), or NULL when it would
 * pay it (or no claim waits). For finance's page, before they confirm. */
const char *payment_claim_cause(int64_t order);

/* Finance confirms the order's waiting transfer claim: the money is received when
 * pay_judge says it pays the order (the claim's amount is the order's current amount, the
 * order is payable and not yet paid), else it is a duplicate to give back with its cause.
 * approved + paid moves the order to producing, with history. The applicant's SMS is
 * queued in the same transaction: payment_confirmed ({amount} in yuan) through the life
 * table's confirm_payment, or payment_confirmed_refund ({amount}, {cause}).
 * PAYMENT_STATE when no claim waits (or the life table refuses). */
enum payment_result payment_confirm(int64_t order, int64_t staff, const char *login);

/* Finance declines the order's waiting transfer claim with reason (shown to the
 * applicant, and sent as payment_declined's {reason} through the life table's
 * decline_payment); the order is unpaid again unless Alipay says otherwise. */
enum payment_result payment_decline(int64_t order, int64_t staff, const char *login,
    const char *reason);

/* 1 when payment_refund has something to refund on the order now (a duplicate, or money
 * received for a cancelled order), else 0. */
int payment_refundable(int64_t order);

/* Finance records that the money was given back: every received or duplicate payment of
 * a cancelled order, or the duplicates of a live one, becomes refunded with reason; the
 * applicant's SMS payment_refunded ({amount}: the sum given back, {reason}) goes through
 * the life table's refund. PAYMENT_STATE when there is nothing to refund. */
enum payment_result payment_refund(int64_t order, int64_t staff, const char *login,
    const char *reason);

/* One row of a stored statement, with what matching found. */
struct payment_match {
	struct statement_row row;
	char code[9];		/* the transfer code found in the remark, or "" */
	int64_t order;		/* the order it names, or 0 */
	int64_t order_fen;	/* that order's amount, or -1 */
	const char *verdict;	/* "match" 可入账, "seen" 已入账, "no_code" 未找到附言码,
				 * "unknown_code" 附言码不存在, "wrong_amount" 金额不符,
				 * "not_payable" 该业务单不在待支付状态 */
};

/* Chinese label of a payment_match verdict. */
const char *payment_match_label(const char *verdict);

/* Stores an uploaded statement of finance member staff (the bytes as uploaded, once per
 * content: the same file again answers its earlier import). Returns the statement's id,
 * or -1 with a Chinese reason in *err (unparseable: statement_parse's reason). */
int64_t payment_statement_store(int64_t staff, const char *file_name, const char *data, size_t len,
    const char **err);

/* Matches each credit of statement id against the orders' transfer codes and amounts and
 * calls fn with it (the preview). Stores in *applied_ms when it was applied (0: not
 * yet). Returns the number of rows, or -1 when there is no such statement. */
int payment_statement_preview(int64_t id, int64_t *applied_ms,
    void (*fn)(void *ctx, const struct payment_match *m), void *ctx);

/* Applies statement id in one transaction: every row that matches (re-checked inside the
 * transaction) becomes a received transfer (confirming a waiting claim of that order, if
 * any), traced to the statement and the bank's serial. Stores the count in *applied.
 * PAYMENT_STATE when the statement was applied already. */
enum payment_result payment_statement_apply(int64_t id, int64_t staff, const char *login,
    int *applied);

/* One payment, for the staff lists and the applicant's page. */
struct payment_row {
	int64_t id, order_id, amount_fen, created_ms, slip_doc, statement_id;
	int64_t decided_ms;		/* when it was last decided (confirmed, declined, refunded), 0 */
	char method[10], status[10], source[10];
	char trade_no[80], out_trade_no[40], payer[128], paid_on[11], reason[256];
	char transfer_code[9], name[128];	/* the order's code and organisation / person */
	char decided_by[40];		/* the staff login that confirmed, declined or refunded it, or "" */
	char cause[256];		/* why it is (or was) to refund: payments.refund_cause, or
					 * 业务单已取消 for received money of a cancelled order; "" */
};

/* Calls fn for the payments with status (NULL: any but claimed), newest first (claims:
 * oldest first), skipping offset, at most limit (0: only counts), each from an index;
 * returns the count, capped at 1001 (shown as "1000+"). */
int payment_list(const char *status, int offset, int limit,
    void (*fn)(void *ctx, const struct payment_row *p), void *ctx);

/* Calls fn for the payments finance is to give back (待退款: duplicates, and received
 * money of cancelled orders), oldest first, skipping offset, at most limit; returns the
 * total count. */
int payment_list_to_refund(int offset, int limit,
    void (*fn)(void *ctx, const struct payment_row *p), void *ctx);

/* Calls fn for each payment of order, oldest first. */
void payment_each_of_order(int64_t order, void (*fn)(void *ctx, const struct payment_row *p),
    void *ctx);

/* Chinese labels: method (支付宝 / 对公转账) and payment status (待确认, 已到账, 未确认, 待退款 for a duplicate —
 * money that cannot pay its order, its cause in refund_cause —, 已退款). */
const char *payment_method_label(const char *method);
const char *payment_status_label(const char *status);

/* certdesk-admin reconcile: asks Alipay about every unsettled trade created at least
 * minutes ago, applies the payments it reports, closes expired or unneeded ones. Stores
 * how many were asked and applied. Returns 0, or -1 when Alipay is not configured or
 * some could not be asked (the rest are still done). */
int payment_reconcile(int minutes, int *asked, int *applied);
#endif
