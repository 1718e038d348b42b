/* cgi-bin/admin.h: what the staff page's source files share: its form fields, role masks, the page frame and reason, and the handlers and pages of the review, staff and finance sides. */
#ifndef CERTDESK_ADMIN_H
#define CERTDESK_ADMIN_H
#include <stdint.h>
#include "app.h"

enum key {
	KEY_LOGIN, KEY_PASSWORD, KEY_TOTP, KEY_ORDER, KEY_VIEW, KEY_Q, KEY_STATUS, KEY_P,
	KEY_REASON, KEY_REASON_PICK, KEY_ITEMS, KEY_NOTE, KEY_SLOT, KEY_DONE,
	KEY_OLD_PASSWORD, KEY_NEW_PASSWORD, KEY_NEW_PASSWORD2, KEY_STAFF, KEY_ROLE, KEY_ENABLE,
	KEY_KIND, KEY_SUBJECT, KEY_FROM, KEY_TO, KEY_STATEMENT, KEY_FILE, KEY_SLIP, KEY_INVOICE, KEY_NUMBER, KEY_DOWNLOAD,
	KEY_CERT_SERIAL, KEY_CERT_EXPIRES, KEY_CARRIER, KEY_TRACKING_NO, KEY_REV,
	KEY_EMAIL,
	KEY_PROJECT, KEY_YUAN, KEY_PER_YEAR, KEY_WHAT,
	KEY__MAX
};

#define REVIEWERS (ROLE_REVIEWER | ROLE_ADMIN)
#define FINANCE (ROLE_FINANCE | ROLE_ADMIN)
#define PRODUCERS (ROLE_PRODUCER | ROLE_ADMIN)
#define PAGE_SIZE 20
#define INVOICE_LIMIT (11 * 1024 * 1024)	/* a 10 MiB invoice file plus the multipart overhead */
#define STATEMENT_LIMIT (2 * 1024 * 1024 + 64 * 1024)	/* a 2 MiB CSV plus the multipart overhead */

/* Sets the staff member's login, role flags, the notice of a done action and the title. */
void admin_frame(struct req *r, const char *title);

/* A reason of at most REASON_CHARS characters, in bytes with its NUL. */
#define REASON_CHARS 500
#define REASON_BYTES (REASON_CHARS * 4 + 1)

/* The reason of a reject, cancel, decline, refund or invoice rejection: the picked common
 * reason (reason_pick) and/or the written one (reason) joined by "；" into out (at least
 * REASON_BYTES); 0, or -1 with the reason field's error: missing when neither was given,
 * or that it is longer than REASON_CHARS characters. */
int admin_reason(struct req *r, char *out, size_t size, const char *missing);

/* Sets Pager.Total, Pager.Page and Pager.Pages for a list of total rows (the lists count
 * at most 1001: past 1000 the pages show "1000+" and offer the next page while page is full). */
void admin_pager(struct req *r, int total, int page);

/* admin_order.c: GET view=queue (a reviewer's landing) or a search (q, status, kind,
 * subject, from, to, p): the review queue (pending, oldest first) or the orders found,
 * PAGE_SIZE rows a page. 200. */
void admin_queue_page(struct req *r);

/* Ends a staff action on order id, audited as action (with detail): 404 when the order was
 * not found; 303 back to the order with done=action when refusal is NULL; else refusal on
 * the order page, 422. */
void admin_order_answer(struct req *r, int64_t id, const char *action, int found, const char *refusal,
    const char *detail);

/* The order page for staff (status 200, or 422 with the form's errors); 404 for an unknown
 * or draft order. */
void admin_order_page(struct req *r, int64_t id, int status);

/* GET order=ID&slot=NAME: one document of an order, inline (audited). 200; 404. */
void admin_send_doc(struct req *r, int64_t order, const char *slot);

/* POST approve, reject, claim (and release), note, cancel (admin_order.c); each says which
 * statuses it answers. admin_order_invalid shows the order page again after bad input
 * (422; 422 without the page when no order was named); finance's order actions use it too. */
void admin_do_approve(struct req *r);
void admin_do_reject(struct req *r);
void admin_do_claim(struct req *r);
void admin_do_note(struct req *r);
void admin_do_cancel(struct req *r);
void admin_order_invalid(struct req *r);

/* admin_staff.c: GET view=audit (admins): the newest audit records, searched by q. 200. */
void admin_audit_page(struct req *r);

/* GET view=staff (admins): the staff accounts with the add form (status 200, or 422 with
 * the form's errors). */
void admin_staff_page(struct req *r, int status);

/* GET view=passwd: the password change form for any staff member (status 200, or 422). */
void admin_passwd_page(struct req *r, int status);

/* POST passwd, staff_add, staff_disable / staff_totp, staff_email (admin_staff.c); each says which
 * statuses it answers; the _invalid ones show their page again after bad input (422). */
void admin_do_passwd(struct req *r);
void admin_passwd_invalid(struct req *r);
void admin_do_staff_add(struct req *r);
void admin_do_staff_change(struct req *r);
void admin_staff_invalid(struct req *r);
void admin_do_staff_email(struct req *r);
void admin_staff_email_invalid(struct req *r);

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

/* admin_invoice.c: the invoice requests of an order on its page (Invoices.*). */
void admin_order_invoices(struct req *r, int64_t id);

/* GET view=invoices: the invoice requests to issue, then the decided ones. 200. */
void admin_invoices_page(struct req *r, int status);

/* GET invoice=ID: one request with the issue and reject forms; with download=1 its
 * issued file. 200; 404. */
void admin_invoice(struct req *r, int64_t id);

/* POST invoice_issue, invoice_reject (admin_invoice.c); each says which statuses it answers. */
void admin_do_invoice_issue(struct req *r);
void admin_do_invoice_reject(struct req *r);
void admin_invoice_invalid(struct req *r);

/* admin_production.c: GET view=production (producers and admins): the paid orders to
 * produce and ship or make ready, or (status=shipped / ready) to complete, oldest first,
 * with the delivery method and the next step. 200. */
void admin_production_page(struct req *r);

/* GET with no view for an admin: the overview of every queue, counts and links. 200. */
void admin_overview_page(struct req *r);

/* The delivery panel of an order's page: the carriers (Carriers.N.*), the recorded
 * certificate and shipment (Delivery.*), the pickup address and hours. */
void admin_order_delivery(struct req *r, int64_t id);

/* POST produce, ship, ready, complete (admin_production.c); each says which statuses it
 * answers. */
void admin_do_produce(struct req *r);
void admin_do_ship(struct req *r);
void admin_do_ready(struct req *r);
void admin_do_complete(struct req *r);
/* admin_ops.c: GET view=prices (admins): the price table and the form to change one row
 * (status 200; 422 with the form's errors; subject, kind and project pre-fill the form). */
void admin_prices_page(struct req *r, int status);

/* POST price_set (admins); admin_prices_invalid shows the price page again (422). */
void admin_do_price_set(struct req *r);
void admin_prices_invalid(struct req *r);

/* GET view=dashboard (admins): orders per day and per status, revenue per month, review
 * times, as SVG charts with their tables. 200; 503 on a storage error. */
void admin_dashboard_page(struct req *r);

/* GET view=export (admin and finance): the export form (200); with what, from and to the
 * CSV download, streamed (200; 422 with the form for a missing or reversed date). */
void admin_export_view(struct req *r);
#endif
