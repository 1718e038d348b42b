/* lib/lifecycle.h: the order's life as one declared table: who may do which action to an order in which status and pay status, the status it leads to, and what it writes (history, SMS); every program asks it. */
#ifndef CERTDESK_LIFECYCLE_H
#define CERTDESK_LIFECYCLE_H

#include <stdint.h>
#include "cs.h"
#include "order.h"

/* Who acts: an applicant, a staff member, or the system (Alipay, reconciliation). */
#define LIFE_USER   0x1
#define LIFE_STAFF  0x2
#define LIFE_SYSTEM 0x4

/* What an action needs of the order besides its statuses. */
#define LIFE_NEED_MAIL   0x1	/* delivery by mail */
#define LIFE_NEED_PICKUP 0x2	/* delivery by pickup at the service hall */
#define LIFE_NEED_CERT   0x4	/* the certificate is recorded (produce done) */

/* One row of the table. An action may have several rows (by status or pay status); the
 * first row that matches the order decides. */
struct life_rule {
	const char *action;	/* e.g. "approve"; Can<Action> in page flags */
	unsigned realms;	/* LIFE_* that may start it */
	unsigned roles;		/* staff: the ROLE_* bits that may (an admin has them all) */
	const char *from;	/* statuses it may start from, space-separated */
	const char *pay;	/* pay statuses it may start from, space-separated; NULL: any */
	unsigned need;		/* LIFE_NEED_* */
	const char *to;		/* the status it leads to; NULL: unchanged */
	const char *note;	/* the timeline's entry when the status stays (e.g. 已修改); NULL: none */
	const char *sms;	/* the SMS event queued to the order's mobile; NULL: none */
};

/* The declared table, ended by a row with action NULL. */
extern const struct life_rule life_table[];

/* The state of an order that the table reads. */
struct life_state {
	const char *status, *pay_status, *delivery;
	int has_cert;
};

/* Who acts: realm, and the user id (LIFE_USER: the order must be theirs), the staff id
 * and login (LIFE_STAFF: their roles are read from the database), or a name for the
 * timeline (LIFE_SYSTEM, e.g. 支付宝). */
struct life_actor {
	unsigned realm;
	int64_t id;
	const char *name;
};

/* The state of row, as the table reads it. */
struct life_state life_state_of(const struct order_row *row);

/* The rule that lets realm (with staff roles) take action on an order in state s, or
 * NULL when the table allows it to nobody of them. */
const struct life_rule *life_find(const char *action, unsigned realm, unsigned roles,
    const struct life_state *s);

/* Sets prefix.Can<Action> ("approve" → CanApprove, "confirm_payment" →
 * CanConfirmPayment) to 1 in hdf for every action the table allows realm (and roles) on
 * an order in state s; prefix NULL sets Can<Action> directly under hdf (a list's row). */
void life_flags(HDF *hdf, const char *prefix, unsigned realm, unsigned roles,
    const struct life_state *s);

enum life_result {
	LIFE_OK,
	LIFE_NOT_FOUND,		/* no such order (of this applicant): answer 404 */
	LIFE_REFUSED,		/* the table does not allow it now: a stale, double or wrong-role action */
	LIFE_ERROR
};

/* In the caller's transaction: loads the order (the applicant's own for LIFE_USER; a
 * draft is not found by staff), finds action's rule for who, moves the order with one
 * conditional UPDATE from the statuses just read, writes the history row (the status
 * change with reason, or the rule's note with reason), queues the rule's SMS (vars: a
 * NULL-ended name/value list; "order" is added) and then lets the system settle the
 * order (approved and paid → producing). Stores the order as it was before in *before
 * when not NULL. */
enum life_result life_apply(int64_t order, const char *action, const struct life_actor *who,
    const char *reason, const char *const *vars, struct order_row *before);

/* In the caller's transaction: applies the system's follow-up rule to an order whose
 * pay status or status just changed (approved and paid → producing), written in the
 * history as by realm ("user", "staff", "system") and actor. Returns 0, or -1 on a
 * database error. */
int life_settle(int64_t order, const char *realm, const char *actor);

/* Queues event's SMS about order to its mobile (the agent's; a personal order's own),
 * with the personal wording (event "<event>_personal") when the order is personal and
 * such a text exists. vars as for life_apply. Returns 0, or -1. */
int life_sms(int64_t order, const char *event, const char *const *vars);

#endif
