# Printing labels and batch sheets through a private CUPS scheduler that
# this test starts and stops itself: the job arrives whole; an unknown
# printer and a stopped scheduler are reported plainly.
. tests/lib.sh
. tests/cups.sh
plan 11
export POSTROOM_NOW=2026-11-20T09:30:00
if [ "$(id -u)" -ne 0 ]; then
	skip_rest "the private cupsd needs root"
fi
pr init >/dev/null
pr dept add ASC --name "Adult Social Care" --email asc@county.example >/dev/null
I1=$(pr item add --dept ASC --sender S --addressee A --batch 2>/dev/null)
B1=$(pr batch list --format csv | tail -1 | cut -d, -f1)

at_exit 'cups_stop "$TESTDIR/cups"'
cups_start "$TESTDIR/cups" $$ >/dev/null 2>"$TESTDIR/cups-start.log" ||
	outside_failed "the private cupsd" "$TESTDIR/cups-start.log"
RC=0 OUT="" ERR=""
_report 1 "private cupsd started"
printf 'printer = %s\n' "$CUPS_TEST_PRINTER" >"$TESTDIR/cups.conf"

check "label printed to CUPS" pr --config "$TESTDIR/cups.conf" label "$I1" -o "$TESTDIR/l.png" --print
expect_out "printer and job named" "Sent to printer $CUPS_TEST_PRINTER \(job [0-9]+\)"
job=$(printf '%s\n' "$OUT" | sed -n 's/.*(job \([0-9]*\)).*/\1/p')
cups_wait_file "$TESTDIR/cups/out/job-$job" 10
if cmp -s "$TESTDIR/l.png" "$TESTDIR/cups/out/job-$job"; then _report 1 "the label arrived whole"; else _report 0 "the label arrived whole"; fi

check "close a batch and print its sheets" pr --config "$TESTDIR/cups.conf" batch close "$B1" --print
job=$(printf '%s\n' "$OUT" | sed -n 's/.*(job \([0-9]*\)).*/\1/p')
cups_wait_file "$TESTDIR/cups/out/job-$job" 10
expect_eq "the sheets arrived whole (2 pages)" \
	"$(pdfinfo "$TESTDIR/cups/out/job-$job" 2>/dev/null | awk '/^Pages:/ { print $2 }')" "2"
run pr batch list --format json
expect_out "closed batch listed" "\"status\": \"closed\""

printf 'printer = no-such-printer\n' >"$TESTDIR/bad.conf"
expect_exit 1 "unknown printer" pr --config "$TESTDIR/bad.conf" label "$I1" -o "$TESTDIR/l2.png" --print
expect_err "unknown printer is named" "printer no-such-printer is unknown"
cups_stop "$TESTDIR/cups"
expect_exit 1 "scheduler stopped" pr --config "$TESTDIR/cups.conf" label "$I1" -o "$TESTDIR/l3.png" --print
expect_err "scheduler is named" "print scheduler .* is not running"
