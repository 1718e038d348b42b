#!/bin/sh
# tests/lint/sql-lint.sh: TAP lint that SQL is never built from strings, and only lib/db.c talks to SQLite, proven on a bad fixture.
#
# Rules, one TAP line each over lib/, cgi-bin/ and tools/ (C files, comments ignored, calls
# spanning several lines joined):
#   sql-format    sprintf/snprintf/asprintf/string_appendf/... with an SQL keyword and a
#                 conversion (%s, %d, %ld, PRId64, ...), or strcat/strcpy/string_append of
#                 SQL text: SQL assembled from strings
#   sql-mprintf   sqlite3_mprintf/vmprintf/snprintf/str_*: SQLite's own string builders,
#                 anywhere (lib/db.c included)
#   sql-outside   sqlite3_exec or sqlite3_prepare* outside lib/db.c
#   sql-programs  any sqlite3_* name or sqlite3.h in cgi-bin/ or tools/
#   sql-constant  in lib/db.c, sqlite3_exec/sqlite3_prepare* whose SQL argument is not a
#                 string literal or a plain name (variable, member, array element)
# Then one TAP line per rule that the fixture tests/lint/fixtures/bad-sql.c is flagged.
top=${top_srcdir:-.}
fixture="$top/tests/lint/fixtures/bad-sql.c"

# lint FILE PATH: prints "rule: PATH:line: text" per problem; PATH (relative to the top,
# e.g. cgi-bin/x.c or lib/db.c) decides which rules apply.
lint() {
	perl -e '
		my ($file, $path) = @ARGV;
		open(my $fh, "<", $file) or die "cannot read $file\n";
		local $/; my $s = <$fh>; close $fh;
		# Blank out comments, keeping strings and line breaks.
		$s =~ s{(/\*.*?\*/)|(//[^\n]*)|("(?:[^"\\\n]|\\.)*")|(\x27(?:[^\x27\\\n]|\\.)*\x27)}
		       {defined $1 ? ("\n" x ($1 =~ tr/\n//)) : defined $2 ? "" : defined $3 ? $3 : $4}gse;
		# Split into statements: at ; { } and around preprocessor lines.
		my (@stmts, $cur, $start, $line) = ((), "", 1, 1);
		for my $l (split /\n/, $s, -1) {
			if ($l =~ /^\s*#/ && $cur !~ /\\\s*$/) {
				push @stmts, [$start, $cur] if $cur =~ /\S/;
				push @stmts, [$line, $l];
				($cur, $start) = ("", $line + 1);
				$line++;
				next;
			}
			my @parts = split /(?<=[;{}])/, $l, -1;
			for my $i (0 .. $#parts) {
				$start = $line if $cur !~ /\S/;
				$cur .= ($cur eq "" ? "" : " ") . $parts[$i];
				if ($parts[$i] =~ /[;{}]$/) { push @stmts, [$start, $cur]; ($cur, $start) = ("", $line); }
			}
			$line++;
		}
		push @stmts, [$start, $cur] if $cur =~ /\S/;

		my $kw = qr/(?:(?<![A-Za-z0-9_])(?:SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|REPLACE|PRAGMA)(?![A-Za-z0-9_])|(?i:\bselect\b.*\bfrom\b|\binsert\s+(?:or\s+\w+\s+)?into\b|\bupdate\s+\w+\s+set\b|\bdelete\s+from\b|\breplace\s+into\b|\b(?:create|drop)\s+(?:temp\s+|unique\s+)?(?:table|index|view|trigger)\b|\balter\s+table\b|\bpragma\s+\w+))/;
		my $conv = qr/%[-+ #0-9.*]*(?:hh|h|ll|l|j|z|t|L|q)?[diouxXsScfeEgGp]|"\s*PRI[diouxX]/;
		my $fmt = qr/\b(?:v?sn?printf|v?asprintf|string_appendf|string_appendvf|g_strdup_printf)\s*\(/;
		my $cat = qr/\b(?:strn?cat|strlcat|strn?cpy|strlcpy|stpn?cpy|string_append|string_appendn)\s*\(/;
		my $is_db = $path eq "lib/db.c";
		my $is_prog = $path =~ m{^(?:cgi-bin|tools)/};
		my @out;
		for my $st (@stmts) {
			my ($n, $t) = @$st;
			(my $show = $t) =~ s/\s+/ /g;
			$show =~ s/^ //;
			$show = substr($show, 0, 110);
			push @out, "sql-format: $path:$n: $show"
				if ($t =~ $fmt && $t =~ $kw && $t =~ $conv) || ($t =~ $cat && $t =~ $kw);
			push @out, "sql-mprintf: $path:$n: $show" if $t =~ /\bsqlite3_(?:v?mprintf|v?snprintf|str_\w+)\s*\(/;
			push @out, "sql-outside: $path:$n: $show" if !$is_db && $t =~ /\bsqlite3_(?:exec|prepare\w*)\s*\(/;
			push @out, "sql-programs: $path:$n: $show" if $is_prog && $t =~ /\bsqlite3_\w+|\bsqlite3\.h\b/;
			if ($is_db) {
				while ($t =~ /\bsqlite3_(?:exec|prepare\w*)\s*\(/g) {
					my $rest = substr($t, $+[0]);
					# The second argument: up to the next comma at depth 0, outside strings.
					my ($depth, $arg, $k, $in) = (0, "", 0, 0);
					my $chars = $rest;
					$chars =~ s/^[^,()]*(?:\([^()]*\)[^,()]*)*,//;  # skip the first argument
					while ($chars =~ /\G("(?:[^"\\]|\\.)*"|[(\[]|[)\]]|,|[^"()\[\],]+)/gc) {
						my $tok = $1;
						if ($tok eq "(" || $tok eq "[") { $depth++ }
						elsif ($tok eq ")" || $tok eq "]") { last if $depth == 0; $depth-- }
						elsif ($tok eq "," && $depth == 0) { last }
						$arg .= $tok;
					}
					$arg =~ s/^\s+|\s+$//g;
					push @out, "sql-constant: $path:$n: $show"
						unless $arg =~ /^(?:"(?:[^"\\]|\\.)*"\s*)+$/ || $arg =~ /^[A-Za-z_]\w*(?:(?:\.|->)\w+|\[[^\[\]]*\])*$/;
				}
			}
		}
		print "$_\n" for @out;
	' "$1" "$2"
}

rules="sql-format sql-mprintf sql-outside sql-programs sql-constant"
desc_sql_format="no SQL built with printf-style or string functions"
desc_sql_mprintf="no sqlite3_mprintf and friends"
desc_sql_outside="sqlite3_exec/sqlite3_prepare only in lib/db.c"
desc_sql_programs="no sqlite3_* in cgi-bin/ or tools/"
desc_sql_constant="lib/db.c prepares only constant SQL"

found=""
nfiles=0
for dir in lib cgi-bin tools; do
	[ -d "$top/$dir" ] || continue
	for f in $(cd "$top" && find "$dir" -type f \( -name '*.c' -o -name '*.h' \) ! -name 'schema_sql.c' | LC_ALL=C sort); do
		nfiles=$((nfiles + 1))
		found="$found$(lint "$top/$f" "$f")
"
	done
done
flagged="$(lint "$fixture" "cgi-bin/bad-sql.c")
$(lint "$fixture" "lib/db.c")"

nrules=$(printf '%s\n' $rules | grep -c .)
echo "1..$((2 * nrules + 1))"
n=0
failed=0
n=$((n + 1))
if [ "$nfiles" -gt 0 ]; then echo "ok $n - scanned $nfiles C files"; else failed=$((failed + 1)); echo "not ok $n - no C files under $top/lib"; fi
for rule in $rules; do
	n=$((n + 1))
	eval "desc=\$desc_$(echo "$rule" | tr - _)"
	hits=$(printf '%s\n' "$found" | grep "^$rule: " || true)
	if [ -z "$hits" ]; then
		echo "ok $n - $rule: $desc"
	else
		failed=$((failed + 1))
		echo "not ok $n - $rule: $desc"
		printf '%s\n' "$hits" | sed 's/^/# /'
	fi
done
for rule in $rules; do
	n=$((n + 1))
	if printf '%s\n' "$flagged" | grep -q "^$rule: "; then
		echo "ok $n - fixture flagged for $rule"
	else
		failed=$((failed + 1))
		echo "not ok $n - fixture flagged for $rule"
		printf '%s\n' "$flagged" | sed 's/^/# /'
	fi
done
[ "$failed" -eq 0 ]
