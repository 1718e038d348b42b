/* lib/orderform.h: the application form shared by apply.fcgi (证书新办) and renew.fcgi (证书续费/补办): its declared fields and handlers. */
#ifndef CERTDESK_ORDERFORM_H
#define CERTDESK_ORDERFORM_H
#include "app.h"

/* The form's field keys, in the order of orderform_fields. */
enum of_key {
	OF_ORDER, OF_SUBJECT, OF_KIND, OF_PROJECT, OF_YEARS, OF_CERT_COUNT, OF_DELIVERY,
	OF_MAIL_NAME, OF_MAIL_MOBILE, OF_MAIL_ADDRESS, OF_AGREE, OF_CONSENT,
	OF_ORG_NAME, OF_ORG_NATURE, OF_USCC, OF_LEGAL_NAME, OF_LEGAL_ID_NO,
	OF_AGENT_NAME, OF_AGENT_MOBILE, OF_AGENT_EMAIL, OF_AGENT_ID_TYPE, OF_AGENT_ID_NO,
	OF_AGENT_ADDRESS, OF_SEAL_CODE, OF_NAME, OF_ID_NO, OF_MOBILE, OF_EMAIL, OF_ADDRESS,
	OF_PREV_ORDER, OF_CERT_SERIAL,
	OF__MAX
};

/* Every field of SPEC §4's application form with its validator and length. */
extern const struct field orderform_fields[OF__MAX];

/* What saving a draft needs; everything else is checked at submission. */
#define ORDERFORM_NEED (NEED(OF_PROJECT) | NEED(OF_YEARS))

/* GET ?order=ID: the form filled from the applicant's editable order (303 to its order
 * page when it can no longer be edited; 404 when it is not theirs); GET ?prev_order=ID
 * [&kind=renew|reissue] (kind renew when absent): the renewal of the applicant's own
 * completed order with its certificate (the life table's "renew"), prefilled with every
 * field of it but the kind, ID numbers in full, cert_serial the certificate produced for
 * it — 404 for any other order; GET ?subject=…[&kind=…][&cert_serial=…]: a new form.
 * Shows the fee for the values. 200; 404. */
void orderform_show(struct req *r);

/* Shows the form again after bad input, with the fee of the values entered. 422. */
void orderform_invalid(struct req *r);

/* POST action=quote: the form again with the fee computed for the values entered,
 * nothing stored (the no-JavaScript fee calculation). 200; 422 on bad input. */
void orderform_quote(struct req *r);

/* POST action=save (or no action): creates or updates the order (kind from the form,
 * "new" when absent). 303 to upload.fcgi?order=ID (with done=saved after an edit of a
 * submitted order, so that page says it was saved and is still pending); 422 with the form
 * on bad input, when the order can no longer be edited, or when an edit of a submitted
 * order would clash with another open application (drafts never do); 404 when the order
 * is not the applicant's. */
void orderform_save(struct req *r);

/* GET page=fee: the fee in yuan ("650.00") as text/plain for subject, kind, project,
 * years, cert_count (the JavaScript enhancement of the form). 200; 422 when incomplete. */
void orderform_fee(struct req *r);
#endif
