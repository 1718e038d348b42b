/* lib/cfg.h: the site configuration, one HDF file named by CERTDESK_CONFIG, read once per process. */
#ifndef CERTDESK_CFG_H
#define CERTDESK_CFG_H
#include "cs.h"

/* Loads the configuration: path if given, else $CERTDESK_CONFIG, else the running
 * scripts/serve config (the path written in .serve-config beside the directory of this
 * executable, i.e. the source tree's), else
 * SYSCONFDIR/certdesk/certdesk.hdf. Fills defaults for every key. Returns 0, or -1 with
 * a message on stderr. Safe to call again (reloads). */
int cfg_load(const char *path);

/* Returns the loaded path (NULL before cfg_load). */
const char *cfg_path(void);

/* Returns the value of key, or def when unset or empty. Never NULL unless def is NULL. */
const char *cfg_str(const char *key, const char *def);

/* Returns the integer value of key, def when unset or unparsable, clamped to [min, max]. */
long cfg_int(const char *key, long def, long min, long max);

/* Returns the configuration HDF (owned by the module) for copying subtrees such as Site.*. */
HDF *cfg_hdf(void);

/* Builds "Data.Dir/rel" into out (rel itself when it is an absolute path); returns 0, or -1
 * when it does not fit. */
int cfg_data_path(const char *rel, char *out, size_t size);

/* Returns 1 when Site.BaseURL starts with https:// (cookies then carry Secure). */
int cfg_https(void);
#endif
