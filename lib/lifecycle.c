/* lib/lifecycle.c: the order's life table (SPEC §2) and the one way an order moves: a rule found, one conditional UPDATE, its history row, its SMS, and the system's follow-up, in the caller's transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lifecycle.h"
#include "clock.h"
#include "db.h"
#include "log.h"
#include "outbox.h"
#include "role.h"
#include "sms.h"
#include "staff.h"
#include "util.h"

#define U LIFE_USER
#define S LIFE_STAFF
#define SYS LIFE_SYSTEM
#define REVIEW (ROLE_REVIEWER | ROLE_ADMIN)
#define FINANCE (ROLE_FINANCE | ROLE_ADMIN)
#define PRODUCE (ROLE_PRODUCER | ROLE_ADMIN)
#define SUBMITTED "pending rejected approved producing shipped ready completed cancelled"
#define OPEN "pending rejected approved producing shipped ready"

const struct life_rule life_table[] = {
	/* The applicant's own order. */
	{ "save",     U, 0, "draft", NULL, 0, NULL, NULL, NULL },
	{ "save",     U, 0, "pending rejected", NULL, 0, NULL, "已修改", NULL },
	{ "submit",   U, 0, "draft pending rejected", NULL, 0, "pending", NULL, NULL },
	{ "cancel",   U, 0, "draft pending rejected", "unpaid", 0, "cancelled", NULL, NULL },
	{ "pay",      U, 0, "pending approved", "unpaid claimed", 0, NULL, NULL, NULL },
	{ "receive",  U, 0, "shipped", NULL, 0, "completed", NULL, NULL },
	{ "invoice",  U, 0, "pending rejected approved producing shipped ready completed", "paid", 0, NULL, NULL, NULL },
	{ "renew",    U, 0, "completed", NULL, LIFE_NEED_CERT, NULL, NULL, NULL },
	/* Review. */
	{ "claim",    S, REVIEW, "pending", NULL, 0, NULL, NULL, NULL },
	{ "approve",  S, REVIEW, "pending", "paid", 0, "approved", NULL, "review_approved_paid" },
	{ "approve",  S, REVIEW, "pending", NULL, 0, "approved", NULL, "review_approved" },
	{ "reject",   S, REVIEW, "pending", NULL, 0, "rejected", NULL, "review_rejected" },
	{ "cancel",   S, REVIEW, OPEN, NULL, 0, "cancelled", NULL, "order_cancelled" },
	/* Money: finance's decisions keep the status (the system settles afterwards). */
	{ "confirm_payment", S, FINANCE, SUBMITTED, NULL, 0, NULL, NULL, "payment_confirmed" },
	{ "decline_payment", S, FINANCE, SUBMITTED, NULL, 0, NULL, NULL, "payment_declined" },
	{ "refund",   S, FINANCE, SUBMITTED, NULL, 0, NULL, NULL, "payment_refunded" },
	{ "settle",   SYS, 0, "approved", "paid", 0, "producing", NULL, NULL },
	/* Production and delivery. */
	{ "produce",  S, PRODUCE, "producing", "paid", 0, NULL, "证书已制作", NULL },
	{ "ship",     S, PRODUCE, "producing", "paid", LIFE_NEED_MAIL | LIFE_NEED_CERT, "shipped", NULL, "order_shipped" },
	{ "ready",    S, PRODUCE, "producing", "paid", LIFE_NEED_PICKUP | LIFE_NEED_CERT, "ready", NULL, "order_ready" },
	{ "complete", S, PRODUCE, "shipped ready", NULL, 0, "completed", NULL, NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL, NULL, NULL }
};

/* 1 when rule r lets realm with roles act on state s. */
static int matches(const struct life_rule *r, unsigned realm, unsigned roles, const struct life_state *s)
{
	if (!(r->realms & realm) || ((realm & LIFE_STAFF) && !(r->roles & roles)))
		return 0;
	if (!util_word_in(r->from, s->status, " ") || (r->pay && !util_word_in(r->pay, s->pay_status, " ")))
		return 0;
	if ((r->need & LIFE_NEED_MAIL) && strcmp(s->delivery, "mail") != 0)
		return 0;
	if ((r->need & LIFE_NEED_PICKUP) && strcmp(s->delivery, "pickup") != 0)
		return 0;
	return !(r->need & LIFE_NEED_CERT) || s->has_cert;
}

struct life_state life_state_of(const struct order_row *row)
{
	struct life_state s;

	s.status = row->status;
	s.pay_status = row->pay_status;
	s.delivery = row->delivery;
	s.has_cert = row->has_cert;
	return s;
}

const struct life_rule *life_find(const char *action, unsigned realm, unsigned roles,
    const struct life_state *s)
{
	const struct life_rule *r;

	for (r = life_table; r->action; r++)
		if (strcmp(r->action, action) == 0 && matches(r, realm, roles, s))
			return r;
	return NULL;
}

/* Writes "Can" and action in CamelCase ("confirm_payment" → CanConfirmPayment) into out. */
static void flag_name(const char *action, char *out, size_t size)
{
	size_t n = 0;
	int up = 1;

	n = (size_t)snprintf(out, size, "Can");
	for (; *action && n + 1 < size; action++) {
		if (*action == '_') {
			up = 1;
			continue;
		}
		out[n++] = up && *action >= 'a' && *action <= 'z' ? (char)(*action - 'a' + 'A') : *action;
		up = 0;
	}
	out[n] = '\0';
}

void life_flags(HDF *hdf, const char *prefix, unsigned realm, unsigned roles,
    const struct life_state *s)
{
	const struct life_rule *r;
	char name[48], key[128];

	for (r = life_table; r->action; r++) {
		if (!matches(r, realm, roles, s))
			continue;
		flag_name(r->action, name, sizeof(name));
		if (!prefix) {
			hdf_set_value(hdf, name, "1");
			continue;
		}
		snprintf(key, sizeof(key), "%s.%s", prefix, name);
		hdf_set_value(hdf, key, "1");
	}
}

int life_sms(int64_t order, const char *event, const char *const *vars)
{
	const char *all[24];
	char id[24], mobile[16], personal[64];
	char *text = NULL;
	int64_t is_personal;
	size_t i, n = 0;
	sqlite3_stmt *st;
	int rc = -1;

	snprintf(id, sizeof(id), "%lld", (long long)order);
	all[n++] = "order";
	all[n++] = id;
	for (i = 0; vars && vars[i] && vars[i + 1] && n + 3 < sizeof(all) / sizeof(all[0]); i += 2) {
		all[n++] = vars[i];
		all[n++] = vars[i + 1];
	}
	all[n] = NULL;
	st = db_prepare("SELECT subject = 'personal', CASE subject WHEN 'enterprise' THEN agent_mobile"
	    " ELSE mobile END FROM orders WHERE id = ?");
	if (!st || db_bindv(st, "i", order) != 0 || sqlite3_step(st) != SQLITE_ROW || !sqlite3_column_text(st, 1)) {
		if (st)
			sqlite3_reset(st);
		log_error("order %lld: no mobile to send %s to", (long long)order, event);
		return -1;
	}
	is_personal = sqlite3_column_int64(st, 0);
	db_col_text(st, 1, mobile, sizeof(mobile));
	sqlite3_reset(st);
	if (is_personal) {
		snprintf(personal, sizeof(personal), "%s_personal", event);
		text = sms_format(personal, all);
	}
	if (!text)
		text = sms_format(event, all);
	if (text && outbox_sms(mobile, text) >= 0)
		rc = 0;
	else
		log_error("order %lld: the %s SMS could not be queued", (long long)order, event);
	free(text);
	return rc;
}

/* Writes the move of rule r on order (from the state in row) in the caller's transaction:
 * the conditional UPDATE, the history row. 1 when moved, 0 when the order changed
 * meanwhile, -1 on error. */
static int move(int64_t order, const struct life_rule *r, const struct order_row *row,
    const char *realm, const char *actor, const char *reason)
{
	int changed;

	changed = db_exec("UPDATE orders SET status = ?1, updated_ms = ?2 WHERE id = ?3 AND status = ?4"
	    " AND pay_status = ?5", "tiitt", r->to ? r->to : row->status, clock_now_ms(), order,
	    row->status, row->pay_status);
	if (changed != 1)
		return changed < 0 ? -1 : 0;
	if (r->to && strcmp(r->to, row->status) != 0)
		return order_history_add(order, realm, actor, row->status, r->to, reason) == 0 ? 1 : -1;
	if (r->note) {
		char note[2100];
		util_copy(note, sizeof(note), r->note);
		if (reason && *reason) {
			util_append(note, sizeof(note), "：");
			util_append(note, sizeof(note), reason);
		}
		return order_history_add(order, realm, actor, row->status, row->status, note) == 0 ? 1 : -1;
	}
	return 1;
}

int life_settle(int64_t order, const char *realm, const char *actor)
{
	const struct life_rule *r;
	struct order_row row;
	struct life_state s;

	if (!order_get(order, 0, &row))
		return -1;
	s = life_state_of(&row);
	r = life_find("settle", LIFE_SYSTEM, 0, &s);
	if (!r)
		return 0;
	return move(order, r, &row, realm, actor, "已审核通过且已支付") == 1 ? 0 : -1;
}

enum life_result life_apply(int64_t order, const char *action, const struct life_actor *who,
    const char *reason, const char *const *vars, struct order_row *before)
{
	const struct life_rule *r;
	const char *realm, *actor;
	struct order_row row;
	struct life_state s;
	char login[40] = "";
	unsigned roles = 0;
	int moved;

	if (!order_get(order, who->realm == LIFE_USER ? who->id : 0, &row)
	    || (who->realm != LIFE_USER && strcmp(row.status, "draft") == 0))
		return LIFE_NOT_FOUND;
	if (before)
		*before = row;
	if (who->realm == LIFE_STAFF) {
		roles = (unsigned)staff_roles(who->id);
		staff_login_name(who->id, login, sizeof(login));
	}
	s = life_state_of(&row);
	r = life_find(action, who->realm, roles, &s);
	if (!r)
		return LIFE_REFUSED;
	realm = who->realm == LIFE_USER ? "user" : who->realm == LIFE_STAFF ? "staff" : "system";
	actor = who->realm == LIFE_STAFF ? login : who->name ? who->name : "";
	moved = move(order, r, &row, realm, actor, reason);
	if (moved <= 0)
		return moved < 0 ? LIFE_ERROR : LIFE_REFUSED;
	if (r->sms && life_sms(order, r->sms, vars) != 0)
		return LIFE_ERROR;
	return life_settle(order, realm, actor) == 0 ? LIFE_OK : LIFE_ERROR;
}
