/* lib/invoice.h: invoices (发票): the applicants' titles (抬头) with their validation, requests for paid orders, finance's issuing (the file stored and e-mailed through the outbox) and rejecting. */
#ifndef CERTDESK_INVOICE_H
#define CERTDESK_INVOICE_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "util.h"

/* The fields of a title, by form name, in display order: kind, name, tax_id, address,
 * phone, bank, account, email; NULL-ended. */
extern const char *const invoice_title_fields[];

/* A getter of form values by field name (NULL when absent or empty). */
typedef const char *(*invoice_get_fn)(void *ctx, const char *name);

/* How many titles one applicant may keep. */
#define INVOICE_TITLES_MAX 20

/* One title (抬头). Strings are "" when not given. The sizes hold the longest accepted
 * values: name 100, address 120, bank 60 characters of any width (up to 4 bytes each). */
struct invoice_title {
	int64_t id, user_id;
	char kind[10];			/* company | personal */
	char name[UTF8_BYTES(100)], tax_id[24], address[UTF8_BYTES(120)], phone[32], bank[UTF8_BYTES(60)],
	    account[48], email[256];
	int is_default;
};

/* Checks a title's values as the form gives them (declared rules: each field's validator
 * and length, then the kind's requirements: a company needs tax_id; every title needs
 * name and email). For each problem calls bad(ctx, field, Chinese message). Returns the
 * number of problems (0: acceptable). */
int invoice_title_check(invoice_get_fn get, void *ctx,
    void (*bad)(void *ctx, const char *field, const char *msg), void *bctx);

/* 1 when title can carry a special VAT invoice (增值税专用发票): a company with tax_id,
 * address, phone, bank and account all given. */
int invoice_title_special_ready(const struct invoice_title *title);

enum invoice_result {
	INVOICE_OK,
	INVOICE_NOT_FOUND,	/* no such title / order / invoice of this applicant: answer 404 */
	INVOICE_INVALID,	/* a value failed invoice_title_check (the caller shows why), or
				 * a bad type, invoice number or rejection reason */
	INVOICE_UNPAID,		/* the order's money is not received (or refunded), or it is
				 * cancelled: invoice_allowed says no */
	INVOICE_OPEN_EXISTS,	/* the order already has a pending or issued invoice */
	INVOICE_NOT_SPECIAL,	/* a special invoice needs a complete company title */
	INVOICE_STATE,		/* the invoice is no longer pending (stale or double action); from
				 * invoice_title_save: already INVOICE_TITLES_MAX titles */
	INVOICE_BAD_FILE,	/* the invoice file is not a PDF or an OFD document */
	INVOICE_ERROR
};

/* Creates (*id 0) or updates title *id of user from get's values (checked again here),
 * setting it as the default when make_default is set (or when it is the user's first).
 * Stores the id in *id. */
enum invoice_result invoice_title_save(int64_t user, int64_t *id, invoice_get_fn get, void *ctx,
    int make_default);

/* Makes title id of user the default (设为默认), the user's other titles not. */
enum invoice_result invoice_title_make_default(int64_t user, int64_t id);

/* Deletes title id of user (requests keep their copy); a deleted default passes to the
 * user's newest remaining title. */
enum invoice_result invoice_title_delete(int64_t user, int64_t id);

/* Loads title id of user into out; 1 when found. */
int invoice_title_get(int64_t user, int64_t id, struct invoice_title *out);

/* Calls fn for each title of user, the default first, then newest first. Returns how many. */
int invoice_title_each(int64_t user, void (*fn)(void *ctx, const struct invoice_title *t), void *ctx);

/* One invoice request. */
struct invoice_row {
	int64_t id, order_id, user_id, amount_fen, requested_ms, decided_ms, file_size;
	char type[8], status[10];
	struct invoice_title title;	/* the copy taken at the request (id 0) */
	char number[40], reject_reason[1504], file_ctype[24], order_subject[12];
};

/* The money received for order (the sum of its 'received' payments; refunded and
 * to-refund money not counted), in fen; -1 on error. */
int64_t invoice_received_fen(int64_t order);

/* 1 when an invoice may be asked for on the order row (by its applicant; SPEC §2): the
 * life table's "invoice" allows it (submitted, not cancelled, pay status paid — money
 * received and not refunded) and money was received. The order list's 开票申请 follows it. */
struct order_row;
int invoice_allowed(const struct order_row *row);

/* Requests an invoice of type ("normal" 增值税普通发票 | "special" 增值税专用发票) for
 * order of user with title (copied into the request), in one transaction; only while
 * invoice_allowed (else INVOICE_UNPAID); its amount is invoice_received_fen. */
enum invoice_result invoice_request(int64_t user, int64_t order, const char *type, int64_t title,
    int64_t *id);

/* Loads invoice id (of user; 0 for staff) into out; 1 when found. */
int invoice_get(int64_t id, int64_t user, struct invoice_row *out);

/* The state label of the order's latest invoice request (待开票, 已开票, 已驳回), with its
 * id in *id and, when status is not NULL, its status code (pending, issued, rejected) in
 * status; NULL (and *id 0) when none was asked for. */
const char *invoice_state_of_order(int64_t order, int64_t *id, char *status, size_t size);

/* Calls fn for the requests with status (NULL: every status but pending, the decided
 * ones), pending ones oldest first, others newest first, skipping offset, at most limit
 * (0: only counts), each from an index; returns the count, capped at 1001 (shown as "1000+"). */
int invoice_list(const char *status, int offset, int limit,
    void (*fn)(void *ctx, const struct invoice_row *inv), void *ctx);

/* Calls fn for each invoice request of order, oldest first. */
void invoice_each_of_order(int64_t order, void (*fn)(void *ctx, const struct invoice_row *inv),
    void *ctx);

/* Finance issues pending invoice id: number (发票号码, 8-20 digits or letters, else
 * INVOICE_INVALID) and the file fp (a PDF, or an OFD document: a ZIP with OFD.xml at its
 * root; at most INVOICE_FILE_MAX bytes; else INVOICE_BAD_FILE, judged by the content only:
 * file_name is not trusted and not used) stored under Data.Dir/uploads/invoices by its
 * SHA-256; the e-mail to the title's address with the file attached unchanged, under a
 * subject naming 发票 and the order number, is queued in the same transaction.
 * INVOICE_STATE when it is no longer pending, or its order no longer invoice_allowed or
 * its amount exceeds the money received. */
#define INVOICE_FILE_MAX (10 * 1024 * 1024)
enum invoice_result invoice_issue(int64_t id, int64_t staff, const char *number, FILE *fp,
    const char *file_name);

/* Finance rejects pending invoice id with reason (shown to the applicant): 1 to
 * INVOICE_REASON_MAX characters of text, newlines allowed;
 * else INVOICE_INVALID. */
#define INVOICE_REASON_MAX 500
enum invoice_result invoice_reject(int64_t id, int64_t staff, const char *reason);

/* Rejects the order's pending request, if any, with reason, in the caller's transaction (the
 * order was cancelled: nothing is to be invoiced). Returns the number rejected, or -1. */
int invoice_withdraw(int64_t order, int64_t staff, const char *reason);

/* Reads the issued file of invoice id of user (0 for staff) into a malloc'd buffer with
 * its content type and a download name (发票_<number>.pdf|.ofd). Returns 0, or -1 when
 * there is none (answer 404). */
int invoice_file(int64_t id, int64_t user, unsigned char **buf, size_t *len, char ctype[24],
    char name[96]);

/* Chinese labels: type (增值税普通发票 / 增值税专用发票), status (待开票 / 已开票 / 已驳回),
 * title kind (单位 / 个人); NULL for an unknown value. */
const char *invoice_type_label(const char *type);
const char *invoice_status_label(const char *status);
const char *invoice_kind_label(const char *kind);

/* Removes the titles of user (account cancellation), in the caller's transaction;
 * requests keep their copies. Returns how many, or -1. */
int invoice_titles_purge(int64_t user);
#endif
