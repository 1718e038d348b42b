/* lib/order.h: orders (业务单): the application data, its state rules, ownership, listing, submission, cancellation and history. */
#ifndef CERTDESK_ORDER_H
#define CERTDESK_ORDER_H
#include <stddef.h>
#include <stdint.h>
#include "cs.h"

/* The order columns an applicant's form fills, by form field name (SPEC §4). The ID
 * numbers (legal_id_no, agent_id_no, id_no) are stored sealed with a blind index. */
extern const char *const order_form_fields[];

/* A getter of validated form values by field name (NULL when absent). */
typedef const char *(*order_get_fn)(void *ctx, const char *name);

/* The summary of one order (a list row, or the header of its page). */
struct order_row {
	int64_t id, user_id, amount_fen, created_ms, submitted_ms, prev_order;
	char subject[12], kind[10], project[12], status[12], pay_status[10], delivery[8];
	int years, cert_count;
	int64_t rev;		/* the revision: every applicant change raises it */
	int has_cert;		/* the certificate is recorded (issued_serial set) */
};

/* Result of order_save / order_submit. */
enum order_result {
	ORDER_OK,
	ORDER_NOT_FOUND,	/* no such order of this applicant (answer 404) */
	ORDER_LOCKED,		/* its status no longer allows editing (or submitting) */
	ORDER_OPEN_EXISTS,	/* another open application for this USCC / ID number and kind */
	ORDER_INCOMPLETE,	/* submit: a required field or document is missing */
	ORDER_ERROR
};

/* 1 when the life table lets an applicant edit (save) an order in status (draft, pending,
 * rejected). */
int order_editable(const char *status);

/* 1 when the life table lets an applicant cancel an order in status with pay_status
 * (an unpaid draft, pending or rejected one). */
int order_cancellable(const char *status, const char *pay_status);

/* 1 when the fields that decide the amount are read-only (a payment claimed or received). */
int order_amount_locked(const char *pay_status);

/* Loads the summary of order id when it belongs to user (user 0: any owner, for staff).
 * Returns 1 when found. */
int order_get(int64_t id, int64_t user, struct order_row *out);

/* Creates (id 0) or updates an order of user from the form values given by get, in one
 * transaction: every field of order_form_fields present is stored (ID numbers sealed,
 * with their blind index), absent ones cleared. subject and kind must be set on creation
 * and never change afterwards. Stores the new id in *id. Whether the order may still be
 * edited is the life table's "save" rule (ORDER_LOCKED when not). An update that changes
 * any field's value goes through order_changed (a new revision, the changed fields
 * recorded, 已修改 in the timeline of a submitted order); a submitted order is repriced.
 * A draft reserves nothing, so saving one never clashes with another application; an
 * edit of a submitted order that would give it another open application's USCC / ID
 * number is ORDER_OPEN_EXISTS, with *other the open order's id when it is the same
 * applicant's, else 0 (another applicant's order is never named). */
enum order_result order_save(int64_t user, int64_t *id, const char *subject, const char *kind,
    order_get_fn get, void *ctx, int64_t *other);

/* Writes the order's application data into hdf under prefix (e.g. "Order"): every form
 * field by name, ID numbers masked (350***********1234) unless full is set, plus Id (as a
 * string), Status, PayStatus, AmountYuan (absent when no price applies), OrgCode (机构代码
 * from the USCC), labels
 * (SubjectLabel, KindLabel, ProjectLabel, StatusLabel, PayStatusLabel, CertType). */
int order_to_hdf(int64_t id, HDF *hdf, const char *prefix, int full);

/* The amount in fen the order would cost now (its price row × count × years), or -1. */
int64_t order_quote(const char *subject, const char *kind, const char *project, int years,
    int cert_count);

/* Names (into missing, comma-separated, at most size bytes) what submission still lacks:
 * required fields of the subject and the documents of its slots. 0 when complete. */
int order_missing(int64_t id, char *missing, size_t size);

/* Submits an order of user: the life table's "submit" rule (ORDER_LOCKED when it does not
 * allow it), completeness, agree and consent (ORDER_INCOMPLETE), the one open application
 * per USCC / ID number and kind among submitted orders (ORDER_OPEN_EXISTS, also when the
 * unique index catches a submission that won meanwhile); fixes the amount from the price
 * table, sets it pending (from draft or rejected; a pending order stays pending) and
 * writes the history, in one transaction. */
enum order_result order_submit(int64_t user, int64_t id);

/* The submitted open application that order id (of user) clashes with, when it is user's
 * own; 0 when there is none or it is another applicant's (never named to this one). */
int64_t order_open_mine(int64_t user, int64_t id);

/* Cancels an unpaid draft, pending or rejected order of user through the life table's
 * "cancel" rule, with history. ORDER_OK, ORDER_NOT_FOUND, ORDER_LOCKED or ORDER_ERROR. */
enum order_result order_cancel(int64_t user, int64_t id);

/* In the caller's transaction: records that the applicant changed items (a NULL-ended
 * list of form field or document slot names) of order id: raises orders.rev, writes one
 * order_changes row per item under the new revision, and moves the order through the
 * life table's "save" rule (on a pending or rejected order the timeline's 已修改 with
 * the items' labels). ORDER_OK (also for an empty list: nothing written),
 * ORDER_NOT_FOUND, ORDER_LOCKED (the applicant may no longer change it) or ORDER_ERROR. */
enum order_result order_changed(int64_t id, const char *const *items);

/* Calls fn for each field or slot name changed (order_changes) since the order's last
 * rejection (its last history row into 'rejected'), each once, by name. Returns how many,
 * 0 when it was never rejected, -1 on error. */
int order_changes_since_reject(int64_t id, void (*fn)(void *ctx, const char *item), void *ctx);

/* The serial of the certificate produced for order id (issued_serial) into out; 0, or -1
 * when none is recorded. */
int order_issued_serial(int64_t id, char *out, size_t size);

/* Calls fn for each completed order of user (the orders_completed index), soonest
 * certificate expiry first, with the serial (issued_serial) and expiry (issued_expires,
 * YYYY-MM-DD) of the certificate produced for it (either may be NULL). Returns how many,
 * or -1. */
int order_list_completed(int64_t user, void (*fn)(void *ctx, const struct order_row *row,
    const char *serial, const char *expires), void *ctx);

/* Appends a history row (status change) inside the caller's transaction. */
int order_history_add(int64_t id, const char *realm, const char *actor, const char *from,
    const char *to, const char *reason);

/* A row of the applicant's order list: the order and its latest invoice request. */
struct order_list_row {
	struct order_row order;
	int64_t invoice_id;		/* 0: no invoice asked for */
	char invoice_status[10];	/* that request's status ("" when none) */
};

/* Calls fn for each order of user, newest first, filtered by status (NULL: any) and by
 * an order number (0: any), skipping offset rows, at most limit, each with its latest
 * invoice request read in the same statement; returns the total count matching. */
int order_list(int64_t user, const char *status, int64_t number, int offset, int limit,
    void (*fn)(void *ctx, const struct order_list_row *row), void *ctx);

/* Rebuilds the trigram search index of the names (orders_fts) from the orders table, for
 * writers that bypass order_save (bulk loads such as seed-demo). 0, or -1. */
int order_search_rebuild(void);

/* In the caller's transaction, for the retention purge (lib/purge.c): removes what order id
 * holds of persons — the names, ID numbers (sealed and blind-indexed) and ID type, mobiles,
 * e-mail addresses and addresses of the legal representative, the agent and the person,
 * and the mail recipient — keeping the trigram search index in step, and marks it purged
 * at now_ms. The organisation (name, USCC, seal code), the amounts, the certificate and
 * the delivery stay. Returns 1, 0 when it was purged already, or -1. */
int order_purge_personal(int64_t id, int64_t now_ms);

/* One row of an order's history: when, who (realm "user", "staff" or "system", and the
 * actor: a staff login, or who acted for the system), the status change and its reason. */
struct order_event {
	int64_t at_ms;
	const char *realm, *actor, *from, *to, *reason;	/* from and reason may be NULL */
};
/* Calls fn for each history row of the order, oldest first. */
void order_history_each(int64_t id, void (*fn)(void *ctx, const struct order_event *e), void *ctx);

/* Chinese labels of the enumerations (NULL for an unknown value). */
const char *order_subject_label(const char *subject);	/* 企业 / 个人 */
const char *order_kind_label(const char *kind);		/* 证书新办 / 证书续费 / 证书补办 */
const char *order_project_label(const char *project);	/* 工程招投标 ... */

/* The (code, label, ..., NULL) pairs of "subject", "kind" or "project", in the order forms
 * offer them; NULL for another name. */
const char *const *order_labels(const char *enumeration);
const char *order_status_label(const char *status);	/* 未提交 ... 已取消 */
const char *order_pay_label(const char *pay_status);	/* 未支付 ... 已退款 */
const char *order_cert_type(const char *subject);	/* 企业高级证书 / 个人高级证书 */
const char *order_field_label(const char *name);	/* a form field: org_name → 单位名称 */
const char *order_item_label(const char *name);	/* a field or a document slot (补正 items) */
const char *order_nature_label(const char *nature);	/* 国有企业 ... 其他 */
const char *order_id_type_label(const char *type);	/* 居民身份证 ... */
const char *order_delivery_label(const char *delivery);	/* 邮寄 / 服务大厅自取 */
#endif
