/* tests/fuzz/fuzz_sniff.c: fuzzes the upload content sniffer (JPEG markers, PNG chunks and CRCs, PDF header/trailer) and the seal pre-flight's PNG decoding. */
#include <stdint.h>
#include <stdio.h>
#include "doc.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct doc_info info;
	const struct doc_slot *slot;
	FILE *fp;

	if (size == 0)
		return 0;
	fp = fmemopen((void *)data, size, "rb");
	if (!fp)
		return 0;
	if (doc_sniff(fp, &info) == 0) {
		for (slot = doc_slots; slot->name; slot++) {
			rewind(fp);
			doc_check(slot, fp, &info);
		}
	}
	fclose(fp);
	return 0;
}
