/* tests/unit/t_util.c: TAP tests of lib/util.c (checked copy, masking, fen to yuan, util_present). */
#include <stdint.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include "tap.h"
#include "util.h"

/* util_copy: fits, exact fit, truncation, tiny and zero sizes, NULL source. */
static void test_copy(void)
{
	char buf[8];

	is_int(util_copy(buf, sizeof buf, "abc"), 0, "copy: short string fits");
	is_str(buf, "abc", "copy: short string copied");
	is_int(util_copy(buf, sizeof buf, "abcdefg"), 0, "copy: 7 bytes fit in 8");
	is_str(buf, "abcdefg", "copy: exact fit copied");
	is_int(util_copy(buf, sizeof buf, "abcdefgh"), -1, "copy: 8 bytes in 8 is truncation");
	is_str(buf, "abcdefg", "copy: truncated to size-1 and terminated");
	is_int(util_copy(buf, 1, "x"), -1, "copy: size 1 truncates");
	is_str(buf, "", "copy: size 1 leaves the empty string");
	is_int(util_copy(buf, 1, ""), 0, "copy: empty string fits in size 1");
	memcpy(buf, "canary", 7);
	is_int(util_copy(buf, 0, "x"), -1, "copy: size 0 fails");
	is_str(buf, "canary", "copy: size 0 writes nothing");
	is_int(util_copy(buf, sizeof buf, NULL), 0, "copy: NULL source copies as empty");
	is_str(buf, "", "copy: NULL source gives the empty string");
}

/* util_mask_mobile and util_mask_id: the kept parts, other lengths, truncation. */
/* util_copy and util_append never cut a UTF-8 character: a cut backs off to the start of
 * the character it would split (2-, 3- and 4-byte ones), and joins do the same. */
static void test_utf8_cut(void)
{
	char buf[8], big[UTF8_BYTES(3)];
	static const char four[] = "\xf0\xa0\xae\xb7";	/* U+20BB7, 4 bytes */

	is_int(util_copy(buf, sizeof buf, "ab\xf0\xa0\xae\xb7" "cd"), -1, "utf8: 8 bytes in 8 is truncation");
	is_str(buf, "ab\xf0\xa0\xae\xb7" "c", "utf8: the whole 4-byte character is kept when it fits");
	is_int(util_copy(buf, 6, "ab\xf0\xa0\xae\xb7"), -1, "utf8: a 4-byte character one byte short");
	is_str(buf, "ab", "utf8: is dropped whole, not cut");
	is_int(util_copy(buf, 4, "\xe4\xb8\xad\xe6\x96\x87"), -1, "utf8: 中文 in 4 bytes");
	is_str(buf, "\xe4\xb8\xad", "utf8: keeps 中 only");
	is_int(util_copy(buf, 3, "\xc3\xa9\xc3\xa9"), -1, "utf8: two 2-byte characters in 3 bytes");
	is_str(buf, "\xc3\xa9", "utf8: keeps one");
	is_int(util_copy(buf, 2, four), -1, "utf8: a 4-byte character in 2 bytes");
	is_str(buf, "", "utf8: leaves the empty string");
	is_int(util_copy(big, sizeof big, "\xf0\xa0\xae\xb7\xf0\xa0\xae\xb7\xf0\xa0\xae\xb7"), 0,
	    "utf8: UTF8_BYTES(3) holds three 4-byte characters");
	strcpy(buf, "ab");
	is_int(util_append(buf, sizeof buf, "cd"), 0, "append: fits");
	is_str(buf, "abcd", "append: joined");
	is_int(util_append(buf, sizeof buf, four), -1, "append: a 4-byte character past the end");
	is_str(buf, "abcd", "append: is left out whole");
	is_int(util_append(buf, sizeof buf, "\xe3\x80\x82x"), -1, "append: 。x with room for 。 only");
	is_str(buf, "abcd\xe3\x80\x82", "append: takes 。");
	memset(buf, 'x', sizeof buf);
	is_int(util_append(buf, sizeof buf, "y"), -1, "append: an unterminated buffer is refused");
}

static void test_mask(void)
{
	char out[64];

	util_mask_mobile("13912345678", out, 12);
	is_str(out, "139****5678", "mask mobile: 11 digits in exactly 12 bytes");
	util_mask_mobile("1391234567", out, sizeof out);
	is_str(out, "**********", "mask mobile: 10 characters fully starred");
	util_mask_mobile("139123456789", out, sizeof out);
	is_str(out, "************", "mask mobile: 12 characters fully starred");
	util_mask_mobile("", out, sizeof out);
	is_str(out, "", "mask mobile: empty");
	util_mask_mobile(NULL, out, sizeof out);
	is_str(out, "", "mask mobile: NULL");
	util_mask_mobile("13912345678", out, 5);
	is_str(out, "139*", "mask mobile: truncated to the buffer");
	util_mask_mobile("139\xe4\xb8\xad\xe6\x96\x87\x35\x36", out, sizeof out);
	is_str(out, "***********", "mask mobile: non-ASCII bytes never kept");

	util_mask_id("350102199001011234", out, sizeof out);
	is_str(out, "350***********1234", "mask id: 18-character ID card");
	util_mask_id("35010219900101123X", out, 19);
	is_str(out, "350***********123X", "mask id: in exactly 19 bytes");
	util_mask_id("ABCDEFGHIJK", out, sizeof out);
	is_str(out, "ABC****HIJK", "mask id: 11 characters keep 3 + 4");
	util_mask_id("E12345678", out, sizeof out);
	is_str(out, "*********", "mask id: 9-character passport fully starred");
	util_mask_id("ABCDEFGHIJ", out, sizeof out);
	is_str(out, "**********", "mask id: 10 characters fully starred");
	util_mask_id("350102\xe4\xb8\xad" "199001011234", out, sizeof out);
	is_str(out, "*********************", "mask id: non-ASCII fully starred");
	util_mask_id(NULL, out, sizeof out);
	is_str(out, "", "mask id: NULL");
	util_mask_id("350102199001011234", out, 8);
	is_str(out, "350****", "mask id: truncated to the buffer");
}

/* util_fen_to_yuan: ordinary amounts, small and negative values, the int64 limits. */
static void test_yuan(void)
{
	static const struct {
		int64_t fen;
		const char *want;
	} cases[] = {
		{ 65000, "650.00" },
		{ 0, "0.00" },
		{ 1, "0.01" },
		{ 5, "0.05" },
		{ 10, "0.10" },
		{ 99, "0.99" },
		{ 100, "1.00" },
		{ 101, "1.01" },
		{ 123456789, "1234567.89" },
		{ -1, "-0.01" },
		{ -99, "-0.99" },
		{ -150, "-1.50" },
		{ -65000, "-650.00" },
		{ INT64_MAX, "92233720368547758.07" },
		{ INT64_MIN, "-92233720368547758.08" },
		{ INT64_MIN + 1, "-92233720368547758.07" },
	};
	char out[32], name[64];
	size_t i;

	for (i = 0; i < nitems(cases); i++) {
		util_fen_to_yuan(cases[i].fen, out, sizeof out);
		snprintf(name, sizeof name, "fen_to_yuan: %s", cases[i].want);
		is_str(out, cases[i].want, name);
	}
	util_fen_to_yuan(65000, out, 4);
	is_str(out, "650", "fen_to_yuan: truncated to the buffer");
	memcpy(out, "canary", 7);
	util_fen_to_yuan(65000, out, 0);
	is_str(out, "canary", "fen_to_yuan: size 0 writes nothing");
}

static void test_word_in(void)
{
	ok(util_word_in("pending approved", "approved", " "), "a word of a space-separated list is found");
	ok(!util_word_in("pending approved", "approve", " "), "a prefix of a word is not a word of it");
	ok(!util_word_in("pending approved", "pending approved", " "), "two words are not one");
	ok(util_word_in(" 10.0.0.1, 10.0.0.2 ", "10.0.0.2", " ,"), "separators around and between words are skipped");
	ok(!util_word_in("", "", " "), "an empty list holds nothing, not even the empty word");
}

int main(void)
{
	static const int arr[7] = { 0 };

	test_copy();
	test_utf8_cut();
	test_mask();
	test_yuan();
	test_word_in();
	is_int(util_present(NULL), 0, "present: NULL");
	is_int(util_present(""), 0, "present: empty");
	is_int(util_present(" "), 1, "present: a space");
	is_int(util_present("a"), 1, "present: a letter");
	is_int((long long)nitems(arr), 7, "nitems: array length");
	{
		char label[96];
		util_agent_label("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36", label, sizeof(label));
		is_str(label, "Chrome 156 · Linux", "agent label: headless Chrome on Linux");
		util_agent_label("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1", label, sizeof(label));
		is_str(label, "Safari · iPhone", "agent label: Safari on iPhone");
		util_agent_label("Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/116.0 Mobile Safari/537.36 MicroMessenger/8.0.43", label, sizeof(label));
		is_str(label, "微信 8 · Android", "agent label: WeChat on Android");
		util_agent_label("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36 Edg/120.0", label, sizeof(label));
		is_str(label, "Edge 120 · Windows", "agent label: Edge on Windows");
		util_agent_label("", label, sizeof(label));
		is_str(label, "未知浏览器 · 未知系统", "agent label: empty");
		util_agent_label(NULL, label, 8);
		ok(strlen(label) < 8, "agent label: truncated safely");
	}
	{
		char path[] = "/tmp/t_util.XXXXXX";
		unsigned char *buf;
		size_t len;
		int fd = mkstemp(path);
		ok(fd >= 0 && write(fd, "certdesk", 8) == 8, "read_file: a test file is written");
		if (fd >= 0)
			close(fd);
		ok(util_read_file(path, 100, &buf, &len) == 0 && len == 8 && memcmp(buf, "certdesk", 8) == 0,
		    "read_file: reads the whole file");
		free(buf);
		ok(util_read_file(path, 7, &buf, &len) == -1 && buf == NULL && len == 0, "read_file: refuses a file over max");
		ok(util_read_file("/tmp", 100, &buf, &len) == -1 && buf == NULL, "read_file: refuses a directory");
		unlink(path);
		ok(util_read_file(path, 100, &buf, &len) == -1 && buf == NULL, "read_file: a missing file is -1");
	}
	return done_testing();
}
