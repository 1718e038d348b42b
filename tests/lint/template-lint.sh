#!/bin/sh
# tests/lint/template-lint.sh: TAP lint of the ClearSilver templates (escaping, CSP, CSRF), proven on a bad fixture.
#
# Fails a template that uses alt:, uvar:, lvar:, evar: or name: (never escaped, or data run
# as template code), control flow inside an escape: block (it falls back to the global mode),
# a <style> element or style= attribute, a <script> without src, an on*= handler or a
# javascript: URL (the Content-Security-Policy forbids them), a POST form without
# <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">, or a first line that is not
# the one-line comment "<?cs # templates/<path>: what it is ?>".
top=${top_srcdir:-.}
tpl="$top/templates"
fixture="$top/tests/lint/fixtures/bad-template.cs"

# lint FILE NAME: prints one "rule: line N: text" per problem; NAME is the path shown in the
# first-line rule (templates/x/y.cs).
lint() {
	perl -e '
		my ($file, $name) = @ARGV;
		open(my $fh, "<", $file) or die "cannot read $file\n";
		local $/; my $s = <$fh>; close $fh;
		my @out;
		sub line_of { my ($s, $pos) = @_; return 1 + (substr($s, 0, $pos) =~ tr/\n//); }
		sub report { my ($rule, $s, $pos, $text) = @_; $text =~ s/\s+/ /g; $text = substr($text, 0, 100);
			push @out, sprintf("%s: line %d: %s", $rule, line_of($s, $pos), $text); }
		my ($first) = split /\n/, $s, 2;
		$first = "" unless defined $first;
		report("first-line", $s, 0, $first)
			unless $first =~ /^<\?cs # \Q$name\E: \S.*\?>/;
		while ($s =~ /<\?cs\s+((?:alt|uvar|lvar|evar|name)\s*:[^?]*)/g) {
			report("banned-command", $s, $-[0], $1);
		}
		while ($s =~ /<\?cs\s+escape\s*:.*?\?>(.*?)<\?cs\s+\/escape\s*\?>/gs) {
			my ($body, $at) = ($1, $-[1]);
			while ($body =~ /<\?cs\s+(if|elif|elseif|else|each|loop|with|call|include|linclude|def)\b/g) {
				report("escape-control-flow", $s, $at + $-[0], "$1 inside escape:");
			}
		}
		while ($s =~ /(<style\b|\sstyle\s*=)/gi) { report("style", $s, $-[0], $1); }
		while ($s =~ /(<script\b(?:<\?cs.*?\?>|[^>])*>)/gi) {
			my $tag = $1;
			report("inline-script", $s, $-[0], $tag) unless $tag =~ /\ssrc\s*=/i;
		}
		while ($s =~ /(\bon[a-z]{3,}\s*=)/gi) { report("event-handler", $s, $-[0], $1); }
		while ($s =~ /(javascript\s*:)/gi) { report("javascript-url", $s, $-[0], $1); }
		while ($s =~ /<form\b((?:<\?cs.*?\?>|[^>])*)>/gi) {
			my ($attrs, $at, $end) = ($1, $-[0], $+[0]);
			next unless $attrs =~ /\bmethod\s*=\s*["\x27]?post\b/i;
			my $rest = substr($s, $end);
			my $close = index($rest, "</form>");
			my $body = $close < 0 ? $rest : substr($rest, 0, $close);
			report("form-without-csrf", $s, $at, "<form$attrs>")
				if $close < 0 || $body !~ /<input type="hidden" name="csrf" value="<\?cs var:Csrf \?>">/;
		}
		print "$_\n" for @out;
		exit(@out ? 1 : 0);
	' "$1" "$2"
}

files=$(cd "$tpl" 2>/dev/null && find . -name '*.cs' -type f | sed 's|^\./||' | LC_ALL=C sort)
rules="first-line banned-command escape-control-flow style inline-script event-handler javascript-url form-without-csrf"
nfiles=$(printf '%s\n' "$files" | grep -c .)
nrules=$(printf '%s\n' $rules | grep -c .)
echo "1..$((nfiles + nrules + 1))"
n=0
failed=0
if [ "$nfiles" -gt 0 ]; then
	for f in $files; do
		n=$((n + 1))
		if problems=$(lint "$tpl/$f" "templates/$f"); then
			echo "ok $n - templates/$f"
		else
			failed=$((failed + 1))
			echo "not ok $n - templates/$f"
			printf '%s\n' "$problems" | sed 's/^/# /'
		fi
	done
fi
n=$((n + 1))
if [ "$nfiles" -ge 12 ]; then
	echo "ok $n - found $nfiles templates"
else
	failed=$((failed + 1))
	echo "not ok $n - found $nfiles templates under $tpl (expected at least 12)"
fi

# The lint must flag every rule on the bad fixture.
flagged=$(lint "$fixture" "tests/lint/fixtures/bad-template.cs")
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
