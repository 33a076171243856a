# Scan batches from the command line: open, add, remove, close, list, show,
# auto-batching at intake, and every refusal leaving the database as it was.
. tests/lib.sh
plan 51
export POSTROOM_NOW=2026-11-20T09:30:00
pr init >/dev/null
pr dept add ASC --name "Adult Social Care" --email asc@county.example >/dev/null
pr dept add HWY --name Highways --email hwy@county.example >/dev/null
I1=$(pr item add --dept ASC --sender "Mrs J Patel" --addressee "Care team")
I2=$(pr item add --dept ASC --sender "Zoë Brontë" --addressee "Finance")
I3=$(pr item add --dept ASC --sender "HMRC" --addressee "Payroll")
H1=$(pr item add --dept HWY --sender "Openreach" --addressee "Streetworks")
X1=$(pr item add --dept ASC --sender "Anon" --addressee "Director" --flag private 2>/dev/null)
snapshot() { sqlite3 "$DB" .dump | sha256sum | cut -d' ' -f1; }
unchanged() {
	if [ "$(snapshot)" = "$BEFORE" ]; then _report 1 "$1: nothing changed"; else _report 0 "$1: nothing changed"; fi
}

check "batch open" pr batch open --dept asc
B1=$OUT
expect_out "batch reference printed" "^B261120-0001[A-Z]$"
check "add three items at once" pr batch add "$B1" "$I1" "$I2" "$I3"
expect_out "each is confirmed" "$I3 added to $B1"
check "batch show" pr batch show "$B1" --format csv
expect_eq "items in tray order" "$(printf '%s\n' "$OUT" | tail -n +2 | cut -d, -f1,2 | tr '\n' ' ')" "1,$I1 2,$I2 3,$I3 "
check "item shows its batch" pr item show "$I2"
expect_out "batch on the item" "^Batch +$B1"
expect_out "batched in history" "received -> batched +in batch $B1"

# There is no scan command yet: mark one item scanned directly (the
# triggers keep the daily counts).
S1=$(pr item add --dept ASC --sender "Scanned" --addressee "Team")
sqlite3 "$DB" "UPDATE items SET status = 'scanned', scanned_at = received_at + 600,
	scanned_day = received_day WHERE ref = '$S1'"
BEFORE=$(snapshot)
expect_exit 1 "an item already scanned" pr batch add "$B1" "$S1"
expect_err "scanned state is said" "item $S1 is scanned: only received items"
expect_exit 1 "item of another department" pr batch add "$B1" "$H1"
expect_err "departments are named" "item $H1 is for HWY but batch $B1 is for ASC"
expect_exit 1 "item already in the batch" pr batch add "$B1" "$I1"
expect_err "already batched is said" "already in batch $B1"
expect_exit 1 "an exception cannot be batched" pr batch add "$B1" "$X1"
expect_err "exception state is said" "is exception: only received items"
expect_exit 1 "unknown batch" pr batch add B261120-0099A "$I1"
expect_exit 1 "unknown item" pr batch add "$B1" I261120-0099A
expect_exit 1 "a batch reference given as the item" pr batch add "$B1" "$B1"
expect_err "wrong kind of reference is said" "is not an item reference"
expect_exit 1 "mistyped batch reference" pr batch add "$(echo "$B1" | sed 's/0001/0002/')" "$I1"
expect_err "check letter catches it" "check letter does not match"
unchanged "refused adds"

check "remove an item" pr batch remove "$B1" "$I3"
run pr item show "$I3" --format csv
expect_out "removed item is received again" ",received,,"
expect_exit 1 "remove an item that is not in it" pr batch remove "$B1" "$H1"

check "open an empty batch" pr batch open --dept HWY
B2=$OUT
BEFORE=$(snapshot)
expect_exit 1 "closing an empty batch" pr batch close "$B2"
expect_err "empty is said" "batch $B2 is empty"
unchanged "refused close"
check "close" pr batch close "$B1"
expect_out "closed with its count" "$B1 closed with 2 items"
expect_err "sheets are offered" "batch sheets $B1 --print"
BEFORE=$(snapshot)
expect_exit 1 "closing twice" pr batch close "$B1"
expect_exit 1 "adding to a closed batch" pr batch add "$B1" "$I3"
expect_err "closed is said" "batch $B1 is closed"
unchanged "refused changes to a closed batch"

check "batch list csv" pr batch list --format csv
expect_out "csv header" "^ref,dept,status,items,opened_at,opened_by,closed_at$"
expect_out "closed batch listed" "^$B1,ASC,closed,2,2026-11-20T09:30:00\+00:00,"
expect_out "open batch listed" "^$B2,HWY,open,0,"
check "batch list json by state" pr batch list --status open --format json
expect_out "json open batch" "\"ref\": \"$B2\", \"dept\": \"HWY\", \"status\": \"open\", \"items\": 0"
check "batch list text" pr batch list
expect_exit 2 "bad state is bad usage" pr batch list --status lost

# Auto-batching at intake: --batch puts the item in its department's open
# batch, opening one when there is none.
check "item add --batch" pr item add --dept ASC --sender S --addressee A --batch
expect_err "batch is announced" "is in batch B261120-0003"
check "the new batch holds it" pr batch list --dept ASC --status open --format csv
expect_out "one open ASC batch with one item" "^B261120-0003[A-Z],ASC,open,1,"

# Mixed batches when the configuration allows them.
printf 'mixed_batches = yes\n' >"$TESTDIR/mixed.conf"
B3=$(pr batch open --dept ASC)
check "another department's item with mixed batches" pr --config "$TESTDIR/mixed.conf" batch add "$B3" "$H1"
