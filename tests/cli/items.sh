# Departments, operators and items through the command line, every output
# format, and the audit trail of each change.
. tests/lib.sh
plan 72
export POSTROOM_NOW=2026-11-20T09:30:00
pr init >/dev/null

check "dept add" pr dept add asc --name "Adult Social Care" --email adult.care@county.example
expect_out "dept code printed upper-case" "^ASC$"
check "dept add second" pr dept add HWY --name "Highways & Transport" --email highways@county.example
expect_exit 1 "duplicate dept fails" pr dept add Asc --name Other --email x@county.example
expect_err "duplicate dept is named" "department ASC already exists"
expect_exit 1 "bad email fails" pr dept add PLN --name Planning --email "planning at county"
expect_err "bad email is explained" "is not an email address"
expect_exit 2 "dept add without --email is bad usage" pr dept add PLN --name Planning
expect_exit 2 "dept without subcommand is bad usage" pr dept
check "dept list text" pr dept list
expect_out "text list shows both" "HWY +Highways & Transport"
check "dept list csv" pr dept list --format csv
expect_out "csv header" "^code,name,active,keep_days,email$"
expect_out "csv row" "^ASC,Adult Social Care,yes,,adult.care@county.example$"
check "dept list json" pr dept list --format json
expect_out "json object" '"code": "HWY", "name": "Highways & Transport", "active": true'
expect_exit 2 "unknown format is bad usage" pr dept list --format xml

check "operator add" pr operator add jsmith --role supervisor --name "Jo Smith"
expect_exit 2 "bad role is bad usage" pr operator add kim --role boss
expect_err "bad role lists roles" "operator, supervisor, admin"
expect_exit 1 "bad login fails" pr operator add "Jo Smith" --role operator
expect_exit 1 "duplicate operator fails" pr operator add jsmith --role admin
check "operator list csv" pr operator list --format csv
expect_out "operator row" "^jsmith,supervisor,yes,2026-11-20T09:30:00\+00:00,Jo Smith$"

check "item add" pr item add --dept asc --sender "Mrs J Patel" --addressee "Zoë Brontë"
REF1=$OUT
expect_out "reference printed" "^I261120-0001[A-Z]$"
check "item add with everything" pr item add --dept HWY --sender "HM Courts & Tribunals" \
	--addressee "Legal team, Highways" --kind parcel --service special-delivery \
	--tracking "ab 123456789 gb" --flag urgent --received "2026-11-20T08:05"
REF2=$OUT
expect_out "second reference numbered 2" "^I261120-0002[A-Z]$"
check "flagged private item is an exception" pr item add --dept ASC --sender Anon \
	--addressee "Director" --flag private
REF3=$OUT
expect_err "exception is announced" "is an exception \(Private & confidential\)"
check "back-dated item" pr item add --dept ASC --sender "Late" --addressee "Someone" --received 2026-11-19T16:00
expect_out "back-dated item has that day's reference" "^I261119-0001[A-Z]$"

check "item list text" pr item list
expect_out "text list shows item" "$REF1 +11-20 09:30 +ASC +Mrs J Patel +Zoë Brontë +received"
check "item list csv" pr item list --format csv
expect_out "csv header" "^ref,received_at,received_day,dept,sender,addressee,kind,service,tracking,flags,status,"
expect_out "csv tracking normalised" "$REF2,2026-11-20T08:05:00\+00:00,2026-11-20,HWY,HM Courts & Tribunals,\"Legal team, Highways\",parcel,special-delivery,AB123456789GB,urgent,received"
check "item list json" pr item list --format json
expect_out "json item" "\"ref\": \"$REF3\".*\"status\": \"exception\""
check "filter by dept" pr item list --dept hwy --format csv
expect_eq "only HWY listed" "$(printf '%s\n' "$OUT" | tail -n +2 | cut -d, -f4 | sort -u)" "HWY"
check "filter by status" pr item list --status exception --format csv
expect_eq "one exception" "$(printf '%s\n' "$OUT" | tail -n +2 | wc -l | tr -d ' ')" "1"
check "filter by day" pr item list --from 2026-11-19 --to 2026-11-19 --format csv
expect_eq "one item on the 19th" "$(printf '%s\n' "$OUT" | tail -n +2 | wc -l | tr -d ' ')" "1"
check "limit" pr item list --limit 2 --format csv
expect_eq "two rows" "$(printf '%s\n' "$OUT" | tail -n +2 | wc -l | tr -d ' ')" "2"
expect_exit 2 "bad status is bad usage" pr item list --status lost
expect_exit 2 "bad date is bad usage" pr item list --from 2026-13-01
expect_exit 1 "unknown dept filter fails" pr item list --dept NOPE

check "item show" pr item show "$REF1"
expect_out "show has fields" "Addressee +Zoë Brontë"
expect_out "show has history" "\(new\) -> received +logged"
check "item show lower case ref" pr item show "$(echo "$REF1" | tr 'A-Z' 'a-z')"
check "item show json" pr item show "$REF3" --format json
expect_out "json history" '"from": "received", "to": "exception", "reason": "Private & confidential"'

check "exception" pr item exception "$REF1" --reason "legal original"
expect_out "exception confirmed" "$REF1 exception: legal original"
expect_exit 1 "exception twice fails" pr item exception "$REF1" --reason again
expect_err "state is explained" "is exception: only received or batched"
expect_exit 1 "handover of a received item fails" pr item handover "$REF2" --to "Pat Lee"
check "handover" pr item handover "$REF1" --to "Sam O'Neill"
expect_out "handover confirmed" "handed over to Sam O'Neill at 2026-11-20T09:30:00"
check "history after handover" pr item show "$REF1"
expect_out "handover in history" "exception -> handed-over +signed for by Sam O'Neill"
expect_exit 2 "exception without reason is bad usage" pr item exception "$REF2"
expect_exit 2 "handover without name is bad usage" pr item handover "$REF2"

# A mistyped reference: change one digit, keep the check letter.
BAD=$(echo "$REF2" | sed 's/0002/0003/')
expect_exit 1 "mistyped reference fails" pr item show "$BAD"
expect_err "check letter catches it" "check letter does not match"
expect_exit 1 "unknown reference fails" pr item show I261120-0099A
expect_exit 1 "nonsense reference fails" pr item show hello
expect_err "form is explained" "is not a reference"
