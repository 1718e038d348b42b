/* lib/export.h: CSV exports of orders, payments and invoices over a date range (SPEC §5), streamed row by row as read from the database. */
#ifndef CERTDESK_EXPORT_H
#define CERTDESK_EXPORT_H
#include <stddef.h>
#include <stdint.h>

/* Where the CSV goes: called with each chunk (a few KiB at most); 0, or -1 to stop (the
 * client has gone). */
typedef int (*export_put_fn)(void *ctx, const void *buf, size_t n);

/* Field validator of what: orders, payments or invoices. */
const char *export_valid_what(const char *v);

/* The Chinese name of what ("业务单", "支付记录", "发票"), or NULL for another value. */
const char *export_label(const char *what);

/* Writes the CSV of what for the records made in [from_ms, to_ms) (orders by their latest
 * submission, payments when recorded, invoices when requested), oldest first, to put:
 * UTF-8 with a byte-order mark, a header row, every field quoted as RFC 4180 has it (quotes
 * doubled, CRLF between records); order numbers, USCCs, trade, invoice and tax numbers
 * made of digits only start with a tab so spreadsheets keep them as text with every digit
 * (any other text in them is treated as the other cells are); ID numbers masked
 * (110***********002X); any other cell that starts with =, +, -, @, tab or CR gets a
 * leading ' (formula injection). Memory stays bounded whatever the range: each row is
 * written as the statement yields it. Returns the number of rows written, or -1 on a
 * storage error or when put refused (what was written stays written). */
int64_t export_csv(const char *what, int64_t from_ms, int64_t to_ms, export_put_fn put, void *ctx);
#endif
