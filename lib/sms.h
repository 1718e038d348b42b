/* lib/sms.h: SMS texts from the configured templates and the drivers that deliver them (file, http). */
#ifndef CERTDESK_SMS_H
#define CERTDESK_SMS_H
#include <stddef.h>

/* Delivers one SMS now through SMS.Driver: "file" appends "<time>\t<mobile>\t<text>\n" to
 * SMS.File (default Data.Dir/sms.log); "http" POSTs mobile and text form-encoded to SMS.URL
 * (any 2xx is success, 10 s timeout). Returns 0, or -1 with a reason in err. */
int sms_deliver(const char *mobile, const char *text, char *err, size_t errsize);

/* Builds the text of event from SMS.Template.<event> or the built-in default, replacing
 * {sign} with SMS.Sign and {name} with the value after name in vars (a NULL-ended list of
 * name, value pairs; unknown names stay as written). Malloc'd, or NULL. */
char *sms_format(const char *event, const char *const *vars);

/* Builds the text of event (e.g. "register", "reset") from SMS.Template.<event> or the
 * built-in default, replacing {sign} with SMS.Sign and {code} with code. Malloc'd. */
char *sms_text(const char *event, const char *code);
#endif
