/* cgi-bin/admin_staff.c: the admin side of the staff page: the audit log, staff accounts (add, disable, TOTP reset, the digest e-mail) and every staff member's password change. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "admin.h"
#include "audit.h"
#include "clock.h"
#include "refusal.h"
#include "staff.h"

/* Adds an audit row (Audit.N.*). */
static void add_audit(void *ctx, const struct audit_row *a)
{
	struct req *r = ctx;
	int n = hdf_get_int_value(req_hdf(r), "Audit.Count", 0);
	HDF *row = req_row(r, "Audit", n);
	char when[32];

	clock_format(a->at_ms, when, sizeof(when));
	row_set(row, "At", when);
	row_set(row, "Realm", a->realm);
	row_set(row, "Actor", a->actor);
	row_set(row, "Addr", a->addr);
	row_set(row, "Action", a->action);
	row_set(row, "Order", a->order);
	row_set(row, "Outcome", a->outcome);
	row_set(row, "Detail", a->detail);
	req_set_int(r, "Audit.Count", n + 1);
}

/* Adds an hourly count of anonymous refusals (Refusals.N.*). */
static void add_refusal(void *ctx, const struct refusal_row *f)
{
	struct req *r = ctx;
	int n = hdf_get_int_value(req_hdf(r), "Refusals.Count", 0);
	HDF *row = req_row(r, "Refusals", n);
	char when[32];

	clock_format(f->hour_ms, when, sizeof(when));
	row_set(row, "Hour", when);
	row_set(row, "Addr", f->addr);
	row_set(row, "Action", f->action);
	row_set(row, "Reason", f->reason);
	clock_format(f->last_ms, when, sizeof(when));
	row_set(row, "Last", when);
	row_int(row, "Times", f->count);
	req_set_int(r, "Refusals.Count", n + 1);
}

/* GET view=audit (admins): the newest 200 audit records, newest first, and the newest 100
 * hourly counts of anonymous refusals, only those matching q (the address, for the counts)
 * when given. 200. */
void admin_audit_page(struct req *r)
{
	admin_frame(r, "审计日志");
	req_set(r, "Page.Nav", "audit");
	audit_each(req_value(r, KEY_Q), 200, add_audit, r);
	refusal_each(req_value(r, KEY_Q), 100, add_refusal, r);
	req_render(r, 200, "admin/audit.cs");
}

/* Adds a staff account row (Members.N.*). */
static void add_member(void *ctx, const struct staff_row *m)
{
	struct req *r = ctx;
	int n = hdf_get_int_value(req_hdf(r), "Members.Count", 0);
	char key[64], when[32];

	clock_format(m->created_ms, when, sizeof(when));
	snprintf(key, sizeof(key), "Members.%d.Id", n);
	req_set_int(r, key, m->id);
	snprintf(key, sizeof(key), "Members.%d.Login", n);
	req_set(r, key, m->login);
	snprintf(key, sizeof(key), "Members.%d.Role", n);
	req_set(r, key, staff_role_label(m->role));
	snprintf(key, sizeof(key), "Members.%d.Email", n);
	req_set(r, key, m->email);
	snprintf(key, sizeof(key), "Members.%d.Created", n);
	req_set(r, key, when);
	snprintf(key, sizeof(key), "Members.%d.Enrolled", n);
	req_set(r, key, m->enrolled ? "1" : "0");
	snprintf(key, sizeof(key), "Members.%d.Disabled", n);
	req_set(r, key, m->disabled ? "1" : "0");
	snprintf(key, sizeof(key), "Members.%d.Locked", n);
	req_set(r, key, m->locked_until_ms > clock_now_ms() ? "1" : "0");
	req_set_int(r, "Members.Count", n + 1);
}

/* The staff management page (admins). */
void admin_staff_page(struct req *r, int status)
{
	admin_frame(r, "工作人员管理");
	req_set(r, "Page.Nav", "staff");
	staff_each(add_member, r);
	req_render(r, status, "admin/staff.cs");
}

/* The password change page (any staff). */
void admin_passwd_page(struct req *r, int status)
{
	admin_frame(r, "修改密码");
	req_render(r, status, "admin/passwd.cs");
}

/* POST passwd: a staff member changes their password; the session is renewed and the
 * other sessions end. 303 to the queue; 422 with the form on a wrong old password or a
 * weak or unrepeated new one. */
void admin_do_passwd(struct req *r)
{
	int64_t id = req_staff(r);
	const char *pw = req_value(r, KEY_NEW_PASSWORD);

	if (!staff_check_password(id, req_value(r, KEY_OLD_PASSWORD))) {
		req_field_error(r, KEY_OLD_PASSWORD, "原密码不正确");
		req_audit(r, "staff_password", 0, "refused", NULL);
		admin_passwd_page(r, 422);
		return;
	}
	if (strcmp(pw, req_value(r, KEY_NEW_PASSWORD2)) != 0) {
		req_field_error(r, KEY_NEW_PASSWORD2, "两次输入的密码不一致");
		admin_passwd_page(r, 422);
		return;
	}
	if (staff_set_password(id, pw) != 0 || req_login_staff(r, id, 0) != 0) {
		req_error(r, 503, NULL);
		return;
	}
	req_end_other_sessions(r);
	req_audit(r, "staff_password", 0, "ok", NULL);
	req_redirect(r, "/cgi-bin/admin.fcgi?done=passwd");
}

/* Shows the password page again after bad input. 422. */
void admin_passwd_invalid(struct req *r)
{
	admin_passwd_page(r, 422);
}

/* POST staff_add (admins): a new staff account with login, role and an initial password.
 * 303 to the staff page; 422 with it when the login exists or a value is bad. */
void admin_do_staff_add(struct req *r)
{
	const char *login = req_value(r, KEY_LOGIN), *role = req_value(r, KEY_ROLE);
	int rc;

	if (!staff_login_valid(login)) {
		req_field_error(r, KEY_LOGIN, "用户名为3至32位小写字母、数字或 . _ -，以字母开头");
		admin_staff_page(r, 422);
		return;
	}
	if (!staff_role_mask(role)) {
		req_field_error(r, KEY_ROLE, "请选择角色");
		admin_staff_page(r, 422);
		return;
	}
	rc = staff_add(login, role, req_value(r, KEY_NEW_PASSWORD), NULL);
	req_audit(r, "staff_add", 0, rc == 0 ? "ok" : "refused", login);
	if (rc != 0) {
		req_field_error(r, KEY_LOGIN, rc == 1 ? "该用户名已存在" : "添加失败");
		admin_staff_page(r, 422);
		return;
	}
	req_redirect(r, "/cgi-bin/admin.fcgi?view=staff");
}

/* POST staff_disable (admins, enable=1 to enable again) and staff_totp (admins: a new
 * enrolment at the next sign-in). 303 to the staff page; 422 for one's own account; 404. */
void admin_do_staff_change(struct req *r)
{
	int64_t id = strtoll(req_value(r, KEY_STAFF), NULL, 10);
	const char *action = hdf_get_value(req_hdf(r), "Query.action", "");
	char login[40];
	int rc;

	if (staff_login_name(id, login, sizeof(login)) != 0) {
		req_error(r, 404, NULL);
		return;
	}
	if (id == req_staff(r)) {
		req_form_error(r, "不能更改自己的账号状态");
		admin_staff_page(r, 422);
		return;
	}
	if (strcmp(action, "staff_totp") == 0)
		rc = staff_totp_reset(login);
	else
		rc = staff_set_disabled(id, !req_value(r, KEY_ENABLE));
	req_audit(r, action, 0, rc == 0 ? "ok" : "refused", login);
	if (rc != 0) {
		req_error(r, 503, NULL);
		return;
	}
	req_redirect(r, "/cgi-bin/admin.fcgi?view=staff");
}

/* Shows the staff page again after bad input. 422. */
void admin_staff_invalid(struct req *r)
{
	admin_staff_page(r, 422);
}

/* POST staff_email (admins): sets the e-mail address a staff member receives the daily
 * digest at (staff, email; an empty email removes it). 303 to the staff page; 404 for an
 * unknown member. */
void admin_do_staff_email(struct req *r)
{
	int64_t id = strtoll(req_value(r, KEY_STAFF), NULL, 10);
	const char *email = req_value(r, KEY_EMAIL);
	char login[40], detail[64];

	if (staff_login_name(id, login, sizeof(login)) != 0) {
		req_error(r, 404, NULL);
		return;
	}
	if (staff_set_email(id, email) != 0) {
		req_error(r, 503, NULL);
		return;
	}
	snprintf(detail, sizeof(detail), "%s %s", login, email ? "set" : "removed");
	req_audit(r, "staff_email", 0, "ok", detail);
	req_redirect(r, "/cgi-bin/admin.fcgi?view=staff&done=staff_email");
}

/* Shows the staff page again after a malformed e-mail, the message beside the member's
 * field (Edit.Staff names them). 422. */
void admin_staff_email_invalid(struct req *r)
{
	const char *id = req_value(r, KEY_STAFF);

	if (id)
		req_set(r, "Edit.Staff", id);
	req_audit(r, "staff_email", 0, "refused", "invalid");
	admin_staff_page(r, 422);
}
