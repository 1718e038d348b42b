/* lib/statement.h: bank statements (银行流水) exported as CSV: parsing them into credit rows for matching transfers to orders. */
#ifndef CERTDESK_STATEMENT_H
#define CERTDESK_STATEMENT_H
#include <stddef.h>
#include <stdint.h>

/* One incoming transfer (a credit) of a statement. */
struct statement_row {
	int line;			/* 1-based line of the CSV record (for the preview) */
	char date[11];			/* YYYY-MM-DD, "" when the row has none that parses */
	int64_t amount_fen;		/* > 0 */
	char payer[128];		/* the paying account's name (对方户名), may be "" */
	char remark[256];		/* 摘要 / 附言 / 用途 joined, where the transfer code is */
	char serial[64];		/* the bank's serial number (流水号), may be "" */
};

/* Parses the statement of len bytes (UTF-8, with or without BOM, or GB18030 as Chinese
 * banks export it) with a CSV parser (RFC 4180 quoting): a header row, found among the
 * first 20 records, names the columns (date: 交易日期/日期/记账日期/date; credit: 贷方金额/
 * 收入金额/收入/入账金额/贷方发生额/credit, else an amount column 金额/交易金额/amount whose negative values
 * are debits, or whose rows a direction column 借贷标志/借贷方向/收支标志/收支方向/direction marks
 * as credits (贷, 收, 收入, 贷方, 入, C, CR, Credit) or not; payer: 对方户名/付款人/付款方户名/对方账户名称/对方单位名称/payer; remark: 摘要/附言/用途/备注/
 * 交易附言/remark, several are joined with a space; serial: 流水号/交易流水号/凭证号/serial).
 * Amounts are parsed exactly ("1,234.50", "￥650.00", "650") without floating point. Debits,
 * zero amounts and rows without an amount are skipped; fn is called for each credit in
 * file order. Returns the number of credits, or -1 (with a Chinese reason in *err) when
 * no header row is found, there is no amount column, the text cannot be decoded, or the
 * file has more than 5000 records or a field longer than 4 KiB. */
int statement_parse(const char *data, size_t len,
    void (*fn)(void *ctx, const struct statement_row *row), void *ctx, const char **err);

/* Finds a transfer reference code in text: the first run of exactly 8 characters of
 * code_alphabet (case-insensitive, bounded by characters outside [0-9A-Za-z]) that
 * fits; writes it upper-case into code[9]. Returns 1 when found, else 0. */
int statement_find_code(const char *text, char code[9]);

/* The alphabet of transfer reference codes: digits and capitals without 0, 1, I and O. */
extern const char statement_code_alphabet[];
#endif
