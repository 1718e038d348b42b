/* lib/valid.h: the field validators: each answers NULL for a valid value or a Chinese message for the form. */
#ifndef CERTDESK_VALID_H
#define CERTDESK_VALID_H
#include <stddef.h>

/* A validator: NULL when value is acceptable, else a short Chinese message shown beside the field.
 * value is never NULL and never empty (absence is handled by the lifecycle). */
typedef const char *(*validator_fn)(const char *value);

/* Returns the number of characters of s when it is well-formed UTF-8 with no control
 * characters other than tab/CR/LF (when multiline); -1 otherwise. The caller applies the
 * field's length limit to the count. */
long valid_utf8_len(const char *s, int multiline);

/* Mainland mobile number: 11 digits starting 1[3-9]. */
const char *valid_mobile(const char *v);
/* Password: 8-128 characters, at least one letter and one digit, printable. */
const char *valid_password(const char *v);
/* A six-digit SMS code. */
const char *valid_code6(const char *v);
/* 统一社会信用代码 per GB 32100-2015, including its check character. */
const char *valid_uscc(const char *v);
/* 居民身份证号码 per GB 11643-1999: 18 characters, real birth date, check digit (X uppercase). */
const char *valid_resident_id(const char *v);
/* E-mail address: local@domain with a dotted domain, at most 254 bytes. */
const char *valid_email(const char *v);
/* A single-line text (the length limit is the field's, applied by the lifecycle). */
const char *valid_text(const char *v);
/* A multi-line text (newlines allowed). */
const char *valid_multiline(const char *v);
/* An action or other ASCII token: [a-z0-9_]{1,32}. */
const char *valid_token(const char *v);
/* A positive decimal integer of at most 19 digits (order numbers, ids). */
const char *valid_id(const char *v);
/* A redirect target: a path starting with /cgi-bin/, no "//", backslash, CR/LF or scheme. */
const char *valid_next(const char *v);
/* The value "1" (checkboxes). */
const char *valid_checkbox(const char *v);

/* Enumerations of the application form (SPEC §2, §4). */
const char *valid_subject(const char *v);	/* enterprise | personal */
const char *valid_kind(const char *v);		/* new | renew | reissue */
const char *valid_pay_method(const char *v);	/* alipay | transfer */
const char *valid_project(const char *v);	/* bidding | procurement | both | other */
const char *valid_years(const char *v);		/* 1-5 */
const char *valid_cert_count(const char *v);	/* 1-20 */
const char *valid_delivery(const char *v);	/* mail | pickup */
const char *valid_org_nature(const char *v);	/* state private foreign public government social other */
const char *valid_id_type(const char *v);	/* id_card passport hk_macau taiwan */
const char *valid_title_kind(const char *v);	/* company | personal (invoice titles) */
const char *valid_invoice_type(const char *v);	/* normal | special */
/* 纳税人识别号: 15, 17, 18 or 20 digits and capital letters; an 18-character one is a USCC
 * and must pass valid_uscc. */
const char *valid_tax_id(const char *v);
/* A telephone number: a mainland landline with its area code (0591-87654321, 059187654321,
 * 010-12345678, 0591-8765432), optionally followed by -extension (1-6 digits), or a mobile
 * as valid_mobile takes it. */
const char *valid_phone(const char *v);
/* A bank account number: 8-40 digits, in groups separated by single spaces. */
const char *valid_bank_account(const char *v);
/* A travel document number (passport, 港澳/台湾通行证): 5-20 letters and digits. */
const char *valid_doc_no(const char *v);
/* A certificate serial number: 6-64 hexadecimal digits or letters, colons allowed. */
const char *valid_cert_serial(const char *v);
/* A calendar date "YYYY-MM-DD" between 2000 and 2099 (the existence of the day is checked
 * where it is used, against the site's calendar). */
const char *valid_date(const char *v);

/* A seal code (印章编码): 1-32 letters, digits or '-'. */
const char *valid_seal_code(const char *v);

/* The GB 32100-2015 check character for the first 17 characters of a USCC, or 0 when
 * a character is outside the code's alphabet. */
char valid_uscc_check_char(const char *first17);
/* The GB 11643 check character ('0'-'9' or 'X') for the first 17 digits, or 0 for a non-digit. */
char valid_resident_id_check_char(const char *first17);
/* The 9-character organisation code (机构代码: characters 9-17 of the USCC, e.g. "M000100Y4"
 * for 91350100M000100Y43; shown as M000100Y-4) of a valid USCC into out (size >= 10).
 * Returns 0, or -1 when uscc is not a valid USCC. */
int valid_uscc_org_code(const char *uscc, char *out, size_t size);
#endif
