/* tests/unit/tsite.h: a throwaway site for the library's unit tests: temp data directory, configuration, key file and database. */
#ifndef CERTDESK_TSITE_H
#define CERTDESK_TSITE_H
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include "cfg.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"

/* Makes the site in dir (a mkdtemp template, filled in): Data.Dir = dir with keys/,
 * uploads/ and tmp/, a low password cost, the file SMS driver, a fresh key and the
 * migrated database. Returns 0, or -1 (the test should exit). */
static inline int tsite_open(char *dir)
{
	char path[512];
	FILE *f;

	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/certdesk.hdf", dir);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "Data.Dir = %s\nCrypto.PasswordCost = 10\nSMS.Driver = file\n", dir);
	fclose(f);
	if (cfg_load(path) != 0)
		return -1;
	clock_set_dir(dir);
	snprintf(path, sizeof(path), "%s/keys", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/uploads", dir);
	mkdir(path, 0750);
	snprintf(path, sizeof(path), "%s/tmp", dir);
	mkdir(path, 0750);
	snprintf(path, sizeof(path), "%s/keys/master.key", dir);
	return crypto_key_load(path, 1) == 0 && db_open() == 0 ? 0 : -1;
}

/* Sets the site's test clock to ms past the real time (a --enable-test-clock build reads
 * Data.Dir/test-clock on every call of clock_now_ms). */
static inline void tsite_move_clock(const char *dir, long long ms)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/test-clock", dir);
	f = fopen(path, "w");
	if (f) {
		fprintf(f, "%lld\n", ms);
		fclose(f);
	}
}

/* Closes the database and removes the site's directory. */
static inline void tsite_close(const char *dir)
{
	char cmd[600];

	db_close();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
}
#endif
