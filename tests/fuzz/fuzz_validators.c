/* tests/fuzz/fuzz_validators.c: fuzzes every validator, the UTF-8 scanner, the USCC/ID check characters, unsealing and hash parsing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "crypto.h"
#include "util.h"
#include "valid.h"

static const validator_fn validators[] = {
	valid_mobile, valid_password, valid_code6, valid_uscc, valid_resident_id, valid_email,
	valid_text, valid_multiline, valid_token, valid_id, valid_next, valid_checkbox,
	valid_subject, valid_kind, valid_project, valid_years, valid_cert_count, valid_delivery,
	valid_org_nature, valid_id_type, valid_doc_no, valid_cert_serial, valid_seal_code, valid_date,
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const unsigned char key[32] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };

	crypto_key_set(key);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), org[16], masked[64], *plain;
	size_t i;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (s[0]) {
		for (i = 0; i < nitems(validators); i++)
			validators[i](s);
	}
	valid_utf8_len(s, 0);
	valid_utf8_len(s, 1);
	if (strlen(s) >= 17) {
		valid_uscc_check_char(s);
		valid_resident_id_check_char(s);
	}
	valid_uscc_org_code(s, org, sizeof(org));
	util_mask_mobile(s, masked, sizeof(masked));
	util_mask_id(s, masked, sizeof(masked));
	plain = crypto_unseal(s);
	free(plain);
	crypto_password_cost(s);
	free(s);
	return 0;
}
