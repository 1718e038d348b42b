/* tests/fuzz/replay.c: replays a fuzz corpus through a harness without libFuzzer, printing TAP (one point per file). */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads a whole file into a malloc'd buffer. */
static uint8_t *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long len;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)len + 1);
		if (buf && fread(buf, 1, (size_t)len, f) != (size_t)len) {
			free(buf);
			buf = NULL;
		}
		*n = (size_t)len;
	}
	fclose(f);
	return buf;
}

/* Usage: replay CORPUS_DIR (relative to $top_srcdir when set). */
int main(int argc, char **argv)
{
	const char *top = getenv("top_srcdir");
	char dir[4096], path[8192];
	struct dirent **names;
	int i, n, count = 0, failed = 0;

	if (argc != 2)
		return 2;
	snprintf(dir, sizeof(dir), "%s/%s", top ? top : ".", argv[1]);
	LLVMFuzzerInitialize(&argc, &argv);
	n = scandir(dir, &names, NULL, alphasort);
	if (n < 0) {
		printf("1..0 # SKIP no corpus at %s\n", dir);
		return 0;
	}
	for (i = 0; i < n; i++) {
		uint8_t *data;
		size_t len = 0;
		if (names[i]->d_name[0] != '.') {
			snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
			data = slurp(path, &len);
			if (data)
				LLVMFuzzerTestOneInput(data, len);
			printf("%sok %d - %s %s\n", data ? "" : "not ", ++count, argv[1], names[i]->d_name);
			failed += !data;
			free(data);
		}
		free(names[i]);
	}
	free(names);
	printf("1..%d\n", count);
	return failed ? 1 : 0;
}
