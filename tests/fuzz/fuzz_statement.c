/* tests/fuzz/fuzz_statement.c: fuzzes the bank statement parser (decoding, CSV, header search, amounts, dates) and the transfer code finder. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "statement.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

/* Looks for a transfer code in every parsed remark, as the matching does. */
static void row(void *ctx, const struct statement_row *r)
{
	char code[9];

	*(int *)ctx += statement_find_code(r->remark, code);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *err;
	char *text = malloc(size + 1), code[9];
	int codes = 0;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	statement_parse((const char *)data, size, row, &codes, &err);
	statement_find_code(text, code);
	free(text);
	return 0;
}
