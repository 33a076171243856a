# --help and `postroom help`: every command group and command answers with
# its own usage and options (exit 0, the database untouched), the parser
# accepts exactly the options the help lists, and postroom(1) documents
# every command and every option in that command's entry.
. tests/lib.sh
plan 574

DB="$TESTDIR/never/post.db"
export POSTROOM_DB="$DB"

# The commands, as `postroom --help` lists them: "item add", "init", ...
run pr --help
cmds=$(printf '%s\n' "$OUT" | sed -nE 's/^  postroom ([a-z]+( [a-z]+)?).*/\1/p')
groups=$(printf '%s\n' "$cmds" | awk 'NF == 2 { print $1 }' | sort -u)
ncmds=$(printf '%s\n' "$cmds" | grep -c .)
ngroups=$(printf '%s\n' "$groups" | grep -c .)
[ "$ncmds" -ge 30 ] && _report 1 "--help lists $ncmds commands" ||
	_report 0 "--help lists the commands (found $ncmds)"
[ "$ngroups" -ge 6 ] && _report 1 "--help lists $ngroups command groups" ||
	_report 0 "--help lists the command groups (found $ngroups)"

# The option names of one command's help: "--dept", "-o", "--output", ...
# (not --help, which every command has).
options_of() {
	"$POSTROOM_BIN" help $1 2>/dev/null | sed -n '/^Options:/,$p' | grep -E '^  -' |
		sed -E 's/^  (-[a-z0-9]), (--[a-z0-9-]+).*/\1 \2/; t
			s/^  (--?[a-z0-9-]+).*/\1/' |
		tr ' ' '\n' | grep -v '^--help$' | grep .
}

for g in $groups; do
	expect_exit 0 "postroom $g --help exits 0" pr $g --help
	expect_out "$g --help shows the group's usage" "^usage: postroom $g [a-z]+"
	expect_out "$g --help lists its commands" "^Commands:"
	if printf '%s\n' "$OUT" | grep -q -- '--db PATH'; then
		_report 0 "$g --help is not the global help"
	else
		_report 1 "$g --help is not the global help"
	fi
	group_help=$OUT
	for sub in $(printf '%s\n' "$cmds" | awk -v g="$g" '$1 == g { print $2 }'); do
		if printf '%s\n' "$group_help" | grep -Eq "^  $sub +[a-z]"; then
			_report 1 "$g --help names $sub"
		else
			OUT=$group_help; _report 0 "$g --help names $sub"
		fi
	done
	run pr help $g
	expect_eq "postroom help $g is $g --help" "$OUT" "$group_help"
done

for cmd in $(printf '%s\n' "$cmds" | tr ' ' '_'); do
	words=$(echo "$cmd" | tr '_' ' ')
	expect_exit 0 "postroom $words --help exits 0" pr $words --help
	expect_out "$words --help starts with its usage" "^usage: postroom $words( |\$)"
	expect_out "$words --help has an option list" "^  --help +print this help"
	others=$(printf '%s\n' "$OUT" | grep 'postroom ' | grep -cv "postroom $words\( \|\$\|'\)")
	expect_eq "$words --help shows no other command" "$others" 0
	own_help=$OUT
	run pr help $words
	expect_eq "postroom help $words is $words --help" "$OUT" "$own_help"
	# Every option in the help is one the parser takes: given before two
	# unknown options, only the unknown one is refused (and nothing is run).
	for opt in $(options_of "$words"); do
		run pr $words "$opt" --zz-unknown --zz-unknown
		if [ "$RC" -eq 2 ] && printf '%s\n' "$ERR" | grep -q "unknown option '--zz-unknown'"; then
			_report 1 "$words accepts $opt"
		else
			_report 0 "$words accepts $opt"
		fi
	done
done

# Options show their values and what they are for.
run pr item add --help
expect_out "item add --help lists --dept with its value" "^  --dept CODE +the department"
expect_out "item add --help lists the kinds" "^  --kind letter\|large-letter\|parcel"
expect_out "item add --help lists the flags" "^  --flag private\|remittance"
run pr item list --help
expect_out "a placeholder's fixed set is named" "S is one of received, batched"
run pr label --help
expect_out "a one-letter option shows its long name" "^  -o, --output FILE"
run pr label --output "$TESTDIR/x.png"
expect_err "--output is taken as -o" "give one item or batch reference"

# --help anywhere among the arguments, not after "--".
run pr item add --help
add_help=$OUT
run pr item add --dept ASC --sender S --help --addressee A
expect_eq "--help among other options prints the help" "$OUT" "$add_help"
expect_exit 0 "--help among other options exits 0" pr item add --dept ASC --sender S --help
run pr item --help
item_help=$OUT
run pr item --help add
expect_eq "item --help add is the group's help" "$OUT" "$item_help"
expect_exit 2 "--help after -- is an argument" pr item show REF -- --help
expect_err "--help after -- reaches the command" "give one item reference"

# Bad usage.
expect_exit 2 "help for an unknown command is bad usage" pr help nosuch
expect_err "unknown command is named" "^postroom: unknown command 'nosuch'"
expect_eq "nothing on stdout for an unknown command" "$OUT" ""
expect_exit 2 "help for an unknown subcommand is bad usage" pr help item nosuch
expect_err "unknown subcommand is named" "unknown subcommand 'nosuch'"
expect_exit 2 "help for a subcommand of a plain command is bad usage" pr help init add
expect_exit 2 "an unknown subcommand with --help is bad usage" pr item fly --help
expect_exit 2 "an unknown report with --help is bad usage" pr report yearly --help
expect_err "the report group says report" "^postroom report: unknown report 'yearly'"
expect_exit 2 "an option not in the help is refused" pr item add --format json
expect_err "the refused option is named" "unknown option '--format'"
expect_exit 2 "a group without a subcommand is bad usage" pr batch
expect_err "the subcommands are listed" "say open, add, remove, close, list, show or sheets"
expect_err "the group's help is named" "see 'postroom help batch'"

[ ! -e "$DB" ] && [ ! -e "$TESTDIR/never" ] && _report 1 "help never made a database" ||
	_report 0 "help never made a database"

# postroom(1) has an entry for every command, and each entry names every
# option of that command (from its help).
# One line per entry of COMMANDS: its heading then its text, without fonts,
# quotes or \- escapes ("report daily|weekly|monthly [ --from DAY ] ...").
paragraphs=$(awk '
function clean(s) {
	gsub(/\\f[BIRP]/, "", s); gsub(/"/, "", s); gsub(/\\-/, "-", s)
	sub(/^\.[A-Z]+ */, "", s); gsub(/ *\| */, "|", s)
	return s
}
/^\.SH / { if (p != "") print p; p = ""; on = ($0 == ".SH COMMANDS"); next }
!on { next }
/^\.TP/ { if (p != "") print p; p = ""; head = 1; next }
head { p = clean($0); head = 0; next }
p != "" { p = p " " clean($0) }
END { if (p != "") print p }' man/postroom.1)
n=$(printf '%s\n' "$paragraphs" | grep -c .)
[ "$n" -ge 30 ] && _report 1 "postroom.1 has $n command entries" ||
	_report 0 "postroom.1 command entries are found (found $n)"
for cmd in $(printf '%s\n' "$cmds" | tr ' ' '_'); do
	words=$(echo "$cmd" | tr '_' ' ')
	para=$(printf '%s\n' "$paragraphs" | awk -v cmd="$words" '
		{ n = split(cmd, w, " "); m = split($2, alt, "|"); hit = 0 }
		$1 == w[1] && n == 1 { hit = 1 }
		$1 == w[1] && n == 2 { for (i = 1; i <= m; i++) if (alt[i] == w[2]) hit = 1 }
		hit { print; exit }')
	if [ -n "$para" ]; then
		_report 1 "postroom.1 has an entry for '$words'"
	else
		_report 0 "postroom.1 has an entry for '$words'"
		continue
	fi
	for opt in $(options_of "$words"); do
		if printf '%s\n' "$para" | grep -Eq -- "(^|[^a-z-])$opt([^a-z-]|\$)"; then
			_report 1 "postroom.1 documents $words $opt"
		else
			OUT=$para; _report 0 "postroom.1 documents $words $opt"
		fi
	done
done
