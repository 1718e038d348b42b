/* cgi-bin/admin.h: what the staff page's source files share: its form fields, role masks, the page frame and the order page, and the finance handlers. */
#ifndef CERTDESK_ADMIN_H
#define CERTDESK_ADMIN_H
#include <stdint.h>
#include "app.h"

enum key {
	KEY_LOGIN, KEY_PASSWORD, KEY_TOTP, KEY_ORDER, KEY_VIEW, KEY_Q, KEY_STATUS, KEY_P,
	KEY_REASON, KEY_REASON_PICK, KEY_ITEMS, KEY_NOTE, KEY_SLOT, KEY_DONE,
	KEY_OLD_PASSWORD, KEY_NEW_PASSWORD, KEY_NEW_PASSWORD2, KEY_STAFF, KEY_ROLE, KEY_ENABLE,
	KEY_KIND, KEY_SUBJECT, KEY_FROM, KEY_TO, KEY_STATEMENT, KEY_FILE, KEY_SLIP, KEY__MAX
};

#define REVIEWERS (ROLE_REVIEWER | ROLE_ADMIN)
#define FINANCE (ROLE_FINANCE | ROLE_ADMIN)
#define PAGE_SIZE 20
#define STATEMENT_LIMIT (2 * 1024 * 1024 + 64 * 1024)	/* a 2 MiB CSV plus the multipart overhead */

/* Sets the staff member's login, role flags, the notice of a done action and the title. */
void admin_frame(struct req *r, const char *title);

/* The order page for staff (status 200, or 422 with the form's errors). */
void admin_order_page(struct req *r, int64_t id, int status);

/* admin_pay.c: the payments of an order on its page (Payments.*, Pay.* flags). */
void admin_order_payments(struct req *r, int64_t id);

/* GET order=ID&slip=DOC: the remittance slip a transfer claim carried (audited). 200; 404. */
void admin_send_slip(struct req *r, int64_t order, int64_t doc);

/* GET view=payments: transfer claims to confirm, every payment, the statement import. 200. */
void admin_payments_page(struct req *r, int status);

/* GET view=statement&statement=ID: the preview of an imported statement. 200; 404. */
void admin_statement_page(struct req *r, int64_t id, int status);

/* POST handlers of finance (admin_pay.c); each says which statuses it answers. */
void admin_do_confirm(struct req *r);
void admin_do_decline(struct req *r);
void admin_do_refund(struct req *r);
void admin_do_statement_upload(struct req *r);
void admin_do_statement_apply(struct req *r);
void admin_statement_invalid(struct req *r);

/* POST cancel (admin.c). */
void admin_do_cancel(struct req *r);
#endif
