# Shell completion: config/postroom.bash sourced in a real bash and its
# function called as readline calls it (COMP_WORDS, COMP_CWORD, COMP_LINE,
# COMP_POINT), the candidates coming from `postroom complete`; then Tab
# pressed in an interactive bash in tmux.
. tests/lib.sh
plan 61
command -v bash >/dev/null 2>&1 || { echo "1..0 # SKIP bash is not installed"; exit 0; }
export POSTROOM_NOW=2026-11-20T09:30:00
top=$(pwd)
bindir="$TESTDIR/bin"
mkdir -p "$bindir"
ln -s "$POSTROOM_BIN" "$bindir/postroom"
sock="prc$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$TESTDIR"' EXIT

# complete_words WORD...: COMP_WORDS as bash would split the line (the last
# word is the one under the cursor); $OUT is COMPREPLY sorted, one a line.
complete_words() {
	run env PATH="$bindir:$PATH" bash --norc --noprofile -c '
		. "$0/config/postroom.bash" || exit 3
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		_postroom postroom "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
		for w in "${COMPREPLY[@]}"; do printf "%s\n" "$w"; done | LC_ALL=C sort' "$top" "$@"
}

# complete_line LINE: the same for LINE split at spaces, the cursor at its
# end (a trailing space starts a new, empty word).
complete_line() {
	_line=$1
	set -f
	# shellcheck disable=SC2086 # splitting the line is the point
	set -- $_line
	set +f
	case $_line in *" ") set -- "$@" "" ;; esac
	complete_words "$@"
}

# expect_offers DESC LINE WANT...: the candidates for LINE are exactly WANT.
expect_offers() {
	desc=$1 line=$2
	shift 2
	want=$(for w in "$@"; do printf '%s\n' "$w"; done | LC_ALL=C sort)
	complete_line "$line"
	expect_eq "$desc" "$OUT" "$want"
}

# --- from the command table ----------------------------------------------
complete_line "postroom "
expect_out "postroom <Tab> offers item" "^item$"
expect_out "postroom <Tab> offers report" "^report$"
expect_out "postroom <Tab> offers init" "^init$"
expect_offers "postroom i<Tab> offers ingest, init and item" "postroom i" ingest init item
expect_offers "postroom --d<Tab> offers --db" "postroom --d" --db
expect_offers "postroom item <Tab> offers its subcommands" "postroom item " \
	add list show exception handover index rescan
expect_offers "postroom item a<Tab> is add" "postroom item a" add
expect_offers "postroom item add --d<Tab> is --dept" "postroom item add --d" --dept
expect_offers "an option already given is not offered again" \
	"postroom item add --dept ASC --d" ""
expect_offers "a repeatable option is offered again" "postroom item add --flag urgent --f" --flag
expect_offers "-<Tab> offers batch sheets' options" "postroom batch sheets B -" \
	-o --output --print --help
expect_offers "--format <Tab> offers the formats" "postroom item list --format " text csv json
expect_offers "--kind <Tab> offers the core's kinds" "postroom item add --kind " \
	letter large-letter parcel
expect_offers "--service s<Tab> is special-delivery and standard" \
	"postroom item add --service s" special-delivery standard
expect_offers "--role s<Tab> is supervisor" "postroom operator add kim --role s" supervisor
expect_offers "--status e<Tab> offers the item states" "postroom item list --status e" \
	emailed exception
expect_offers "batch list --status <Tab> offers the batch states" "postroom batch list --status " \
	open closed scanned released
expect_offers "free text offers nothing" "postroom item add --sender " ""
expect_offers "help <Tab> offers commands" "postroom help it" item
expect_offers "help item <Tab> offers its subcommands" "postroom help item e" exception
expect_offers "an unknown command offers nothing" "postroom frob " ""
# bash splits "--format=j" at '=' into "--format" "=" "j".
complete_words postroom item list --format = j
expect_eq "--format=j<Tab> is json" "$OUT" "json"
complete_words postroom item list --format =
expect_eq "--format=<Tab> offers the formats" "$OUT" "$(printf 'csv\njson\ntext')"

# --- from the database ---------------------------------------------------
expect_offers "no database: --dept offers nothing" "postroom item add --dept " ""
[ ! -e "$DB" ] && _report 1 "completion made no database" || _report 0 "completion made no database"
run pr complete -- item add --dept ""
expect_eq "no database: complete prints nothing" "$OUT" ""
expect_eq "no database: complete says nothing on stderr" "$ERR" ""
expect_eq "no database: complete exits 0" "$RC" 0

pr init >/dev/null
for d in PLN ASC HWY; do
	pr dept add $d --name "Dept $d" --email "$d@county.example" >/dev/null
done
expect_offers "--dept <Tab> offers the departments" "postroom item add --dept " ASC HWY PLN
expect_offers "--dept a<Tab> matches any case" "postroom item add --dept a" ASC
complete_words postroom batch open --dept = P
expect_eq "--dept=P<Tab> is PLN" "$OUT" PLN
run pr complete -- batch open --dept=P
expect_eq "complete keeps --dept= on a word not split at '='" "$OUT" "--dept=PLN"
run pr complete -- item add --dept ""
expect_eq "complete prints one code a line" "$OUT" "$(printf 'ASC\nHWY\nPLN')"
expect_eq "complete says nothing on stderr" "$ERR" ""

open1=$(pr batch open --dept ASC)
open2=$(pr batch open --dept PLN)
shut=$(pr batch open --dept HWY)
item=$(pr item add --dept HWY --sender S --addressee A)
pr batch add "$shut" "$item" >/dev/null
pr batch close "$shut" >/dev/null 2>&1
[ -n "$open1" ] && [ -n "$open2" ] && [ -n "$shut" ] && [ -n "$item" ] &&
	_report 1 "three batches made, one closed" || _report 0 "three batches made, one closed"
for sub in add remove close show sheets; do
	expect_offers "batch $sub <Tab> offers the open batches" "postroom batch $sub " "$open1" "$open2"
	if printf '%s\n' "$OUT" | grep -qx -- "$shut"; then
		_report 0 "batch $sub <Tab> leaves out the closed batch"
	else
		_report 1 "batch $sub <Tab> leaves out the closed batch"
	fi
done
expect_offers "only the first argument is a batch" "postroom batch add $open1 " ""

# --db on the line is the database completed from.
other="$TESTDIR/other.db"
pr --db "$other" init >/dev/null
pr --db "$other" dept add LIB --name Libraries --email lib@county.example >/dev/null
expect_offers "--db on the line is read" "postroom --db $other item add --dept " LIB
expect_offers "--db without a file offers nothing" "postroom --db $TESTDIR/none.db item add --dept " ""
[ ! -e "$TESTDIR/none.db" ] && _report 1 "--db on the line is not created" ||
	_report 0 "--db on the line is not created"

# A file that is not a database: nothing offered, nothing said, not touched.
printf 'not a database\n' >"$TESTDIR/junk.db"
cp "$TESTDIR/junk.db" "$TESTDIR/junk.copy"
run env POSTROOM_DB="$TESTDIR/junk.db" "$POSTROOM_BIN" complete -- item add --dept ""
expect_eq "a broken database: nothing offered" "$OUT" ""
expect_eq "a broken database: nothing on stderr" "$ERR" ""
expect_eq "a broken database: exit 0" "$RC" 0
cmp -s "$TESTDIR/junk.db" "$TESTDIR/junk.copy" && _report 1 "a broken database is left as it was" ||
	_report 0 "a broken database is left as it was"

run bash --norc --noprofile -c ". config/postroom.bash && complete -p postroom"
expect_out "the script registers _postroom with file names as fallback" \
	"^complete -o default -F _postroom postroom$"

# --- Tab in an interactive bash ------------------------------------------
if ! command -v tmux >/dev/null 2>&1; then
	skip_rest "tmux is not installed"
fi
screen() { tmux -L "$sock" capture-pane -p -t c 2>/dev/null; }
wait_screen() { # wait_screen REGEX: up to 10 s for a line matching REGEX
	_i=0
	while [ "$_i" -lt 100 ]; do
		screen | grep -Eq -- "$1" && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}
expect_screen() { # expect_screen DESC REGEX
	if wait_screen "$2"; then _report 1 "$1"; else OUT=$(screen); _report 0 "$1"; fi
}
tmux -L "$sock" -f /dev/null new-session -d -s c -x 100 -y 30 \
	"env -i PATH='$bindir:/usr/bin:/bin' HOME='$HOME' TERM=screen LC_ALL=C.UTF-8 \
TZ=Europe/London POSTROOM_DB='$DB' POSTROOM_NOW='$POSTROOM_NOW' PS1='ready\$ ' \
ASAN_OPTIONS='${ASAN_OPTIONS:-}' bash --norc --noprofile"
expect_screen "an interactive bash starts" '^ready\$'
# A new prompt once the script is sourced: keys typed before it would be
# echoed ahead of the prompt.
tmux -L "$sock" send-keys -t c ". '$top/config/postroom.bash'; PS1='go\$ '; clear" Enter
expect_screen "the completion script is sourced" '^go\$ *$'
tmux -L "$sock" send-keys -t c -l "postroom item a"
tmux -L "$sock" send-keys -t c Tab
expect_screen "Tab completes 'postroom item a' to add" '^go\$ postroom item add *$'
tmux -L "$sock" send-keys -t c -l -- "--dept "
tmux -L "$sock" send-keys -t c Tab Tab
expect_screen "Tab Tab lists the department codes" '^ASC +HWY +PLN *$'
tmux -L "$sock" send-keys -t c -l "P"
tmux -L "$sock" send-keys -t c Tab
expect_screen "Tab completes the one code that fits" 'postroom item add --dept PLN *$'
tmux -L "$sock" send-keys -t c C-c
wait_screen '^go\$ *$' # a fresh prompt: keys typed while bash handles ^C are lost
tmux -L "$sock" send-keys -t c -l "postroom batch close "
# The first Tab inserts what the open batches share, the next two list them.
tmux -L "$sock" send-keys -t c Tab
wait_screen 'postroom batch close B[0-9]{6}-'
tmux -L "$sock" send-keys -t c Tab Tab
expect_screen "Tab Tab lists the open batches" "$open1 +$open2|$open2 +$open1"
if screen | grep -Fq -- "$shut"; then OUT=$(screen); _report 0 "the closed batch is not listed"; else
	_report 1 "the closed batch is not listed"; fi
tmux -L "$sock" kill-server 2>/dev/null
