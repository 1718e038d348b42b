/* lib/sms_send.c: the SMS drivers that deliver a text (file, http), linked by the sender and certdesk-admin, never by a web program. */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "sms.h"
#include "cfg.h"
#include "clock.h"

/* The file driver: one line per message. */
static int deliver_file(const char *mobile, const char *text, char *err, size_t errsize)
{
	char def[1024], stamp[32];
	const char *path;
	time_t t = (time_t)clock_now();
	struct tm tm;
	FILE *f;

	if (cfg_data_path("sms.log", def, sizeof(def)) != 0)
		return -1;
	path = cfg_str("SMS.File", def);
	f = fopen(path, "a");
	if (!f) {
		snprintf(err, errsize, "cannot open %s", path);
		return -1;
	}
	gmtime_r(&t, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(f, "%s\t%s\t%s\n", stamp, mobile, text);
	if (fclose(f) != 0) {
		snprintf(err, errsize, "cannot write %s", path);
		return -1;
	}
	return 0;
}

/* Discards the gateway's answer body. */
static size_t discard(char *p, size_t size, size_t n, void *ctx)
{
	return size * n;
}

/* The http driver: a form POST of mobile and text; any 2xx is success. */
static int deliver_http(const char *mobile, const char *text, char *err, size_t errsize)
{
	const char *url = cfg_str("SMS.URL", NULL);
	CURL *c;
	char *m = NULL, *t = NULL, *body = NULL;
	long status = 0;
	CURLcode rc = CURLE_FAILED_INIT;

	if (!url) {
		snprintf(err, errsize, "SMS.URL is not set");
		return -1;
	}
	c = curl_easy_init();
	if (!c)
		return -1;
	m = curl_easy_escape(c, mobile, 0);
	t = curl_easy_escape(c, text, 0);
	if (m && t && asprintf(&body, "mobile=%s&text=%s", m, t) >= 0) {
		curl_easy_setopt(c, CURLOPT_URL, url);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
		curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
		curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
		curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
		curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
		rc = curl_easy_perform(c);
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	}
	if (rc != CURLE_OK)
		snprintf(err, errsize, "%s", curl_easy_strerror(rc));
	else if (status < 200 || status > 299)
		snprintf(err, errsize, "gateway answered %ld", status);
	curl_free(m);
	curl_free(t);
	free(body);
	curl_easy_cleanup(c);
	return rc == CURLE_OK && status >= 200 && status <= 299 ? 0 : -1;
}

int sms_deliver(const char *mobile, const char *text, char *err, size_t errsize)
{
	const char *driver = cfg_str("SMS.Driver", "file");

	err[0] = '\0';
	if (strcmp(driver, "file") == 0)
		return deliver_file(mobile, text, err, errsize);
	if (strcmp(driver, "http") == 0)
		return deliver_http(mobile, text, err, errsize);
	snprintf(err, errsize, "unknown SMS.Driver");
	return -1;
}
