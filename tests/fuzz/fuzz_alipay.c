/* tests/fuzz/fuzz_alipay.c: fuzzes the Alipay notification parser (URL decoding, sign string, RSA2 verification) and the response node scanner. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "alipay.h"

static char key[1024];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *top = getenv("top_srcdir");

	snprintf(key, sizeof(key), "%s/tests/unit/alipay-keys/alipay_public.pem", top ? top : ".");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct alipay_notify n;
	char *text = malloc(size + 1), *node = NULL;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	alipay_notify_parse(text, size, key, &n);
	if (alipay_response_verify(text, "alipay.trade.precreate", key, &node) == 1)
		free(node);
	free(text);
	return 0;
}
