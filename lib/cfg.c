/* lib/cfg.c: loading the HDF configuration once per process, with the lookup order of SPEC §8 and defaults. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cfg.h"

static HDF *cfg;
static char cfg_file[PATH_MAX];

/* Writes into out the config path recorded by a running scripts/serve: the first line of
 * .serve-config in the directory above this executable's (the source tree). 0 when found. */
static int serve_pointer(char *out, size_t size)
{
	char exe[PATH_MAX], ptr[PATH_MAX + 32];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;
	FILE *f;

	if (n <= 0)
		return -1;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return -1;
	*slash = '\0';
	snprintf(ptr, sizeof(ptr), "%s/../.serve-config", exe);
	f = fopen(ptr, "r");
	if (!f)
		return -1;
	if (!fgets(out, (int)size, f)) {
		fclose(f);
		return -1;
	}
	fclose(f);
	out[strcspn(out, "\r\n")] = '\0';
	return out[0] && access(out, R_OK) == 0 ? 0 : -1;
}

/* Picks the configuration file by SPEC §8's order. */
static void pick_path(const char *path)
{
	const char *env = getenv("CERTDESK_CONFIG");

	if (path && *path)
		snprintf(cfg_file, sizeof(cfg_file), "%s", path);
	else if (env && *env)
		snprintf(cfg_file, sizeof(cfg_file), "%s", env);
	else if (serve_pointer(cfg_file, sizeof(cfg_file)) != 0)
		snprintf(cfg_file, sizeof(cfg_file), "%s/certdesk/certdesk.hdf", CERTDESK_SYSCONFDIR);
}

/* Sets key to def when the file left it unset. */
static void cfg_default(const char *key, const char *def)
{
	if (!hdf_get_value(cfg, key, NULL))
		hdf_set_value(cfg, key, def);
}

int cfg_load(const char *path)
{
	NEOERR *err;
	STRING msg;

	if (cfg)
		hdf_destroy(&cfg);
	pick_path(path);
	err = hdf_init(&cfg);
	if (err == STATUS_OK)
		err = hdf_read_file(cfg, cfg_file);
	if (err != STATUS_OK) {
		string_init(&msg);
		nerr_error_string(err, &msg);
		fprintf(stderr, "certdesk: cannot read configuration %s: %s\n", cfg_file,
		    msg.buf ? msg.buf : "?");
		string_clear(&msg);
		nerr_ignore(&err);
		return -1;
	}
	cfg_default("Site.Name", "福建省电子政务应用 CFCA数字证书在线受理平台");
	cfg_default("Site.BaseURL", "");
	cfg_default("Site.TimeZone", "Asia/Shanghai");
	cfg_default("Data.Dir", CERTDESK_LOCALSTATEDIR "/lib/certdesk");
	cfg_default("Templates.Dir", CERTDESK_DATADIR "/templates");
	cfg_default("SMS.Driver", "file");
	cfg_default("SMS.Sign", "福建CA");
	return 0;
}

const char *cfg_path(void)
{
	return cfg ? cfg_file : NULL;
}

const char *cfg_str(const char *key, const char *def)
{
	const char *v = cfg ? hdf_get_value(cfg, key, NULL) : NULL;

	return v && *v ? v : def;
}

long cfg_int(const char *key, long def, long min, long max)
{
	const char *v = cfg_str(key, NULL);
	char *end;
	long n = def;

	if (v) {
		n = strtol(v, &end, 10);
		if (end == v || *end)
			n = def;
	}
	return n < min ? min : n > max ? max : n;
}

HDF *cfg_hdf(void)
{
	return cfg;
}

int cfg_data_path(const char *rel, char *out, size_t size)
{
	int n = rel[0] == '/' ? snprintf(out, size, "%s", rel)
	    : snprintf(out, size, "%s/%s", cfg_str("Data.Dir", "."), rel);

	return n < 0 || (size_t)n >= size ? -1 : 0;
}

int cfg_https(void)
{
	return strncmp(cfg_str("Site.BaseURL", ""), "https://", 8) == 0;
}
