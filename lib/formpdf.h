/* lib/formpdf.h: the pre-filled application form (数字证书及电子印章申请表) and authorization letter (授权书) as PDF, their check codes and QR codes. */
#ifndef CERTDESK_FORMPDF_H
#define CERTDESK_FORMPDF_H
#include <stddef.h>
#include <stdint.h>
#include "cs.h"

/* The two generated documents. */
enum form_doc { FORM_APPLICATION, FORM_AUTHORIZATION };

/* Writes the short keyed check value of (order, doc) into out[9]: 8 characters of
 * base32 (A-Z2-7) from HMAC-SM3 under the "form-check" key, so a stamped scan can be
 * matched to its order and a form generated for another order is caught. 0 or -1. */
int form_check_code(int64_t order, enum form_doc doc, char out[9]);

/* The text the QR code of a form carries: "CERTDESK:<doc>:<order>:<check>" with doc
 * "F" (application) or "A" (authorization). Writes it into out; 0 or -1. */
int form_qr_text(int64_t order, enum form_doc doc, char *out, size_t size);

/* 1 when text is a QR payload of form_qr_text whose check value matches its order. */
int form_qr_verify(const char *text, int64_t *order, enum form_doc *doc);

/* Renders doc for order as an A4 PDF (cairo + pango, embedded CJK font) pre-filled from
 * the order: for the application form the organisation or person, USCC and 机构代码,
 * certificate count and years, agent and ID data (full ID numbers: it is printed for the
 * applicant's own signature), delivery, the seal image beside the seal code when one was
 * uploaded, the order number and the QR code with its check value; for the letter the
 * authorising organisation, the agent and the order number. Stores a malloc'd buffer in
 * *pdf and its length in *len; 0 or -1 (also for the letter of a personal order, which
 * has none: a person signs for themself). */
int form_pdf(int64_t order, enum form_doc doc, unsigned char **pdf, size_t *len);

/* Renders a QR code of text as a PNG (scale 1-32 pixels per module, 4-module quiet zone)
 * into a malloc'd buffer; 0 or -1. Used by the forms' printable HTML pages and (later)
 * the Alipay payment page. */
int qr_png(const char *text, int scale, unsigned char **png, size_t *len);

/* Fills hdf under prefix with what the printable HTML form needs beyond the order data:
 * CheckCode and QrText. 0 or -1. */
int form_to_hdf(int64_t order, enum form_doc doc, HDF *hdf, const char *prefix);

/* Renders the sample agreement (《CFCA网上平台办理协议书》, a clearly marked sample in the
 * project's own words) as a PDF, for when Agreement.File is not configured. 0 or -1. */
int agreement_sample_pdf(unsigned char **pdf, size_t *len);
#endif
