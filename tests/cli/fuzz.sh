# The fuzz targets' corpora (tests/fuzz/NAME/: the seeds and every crash
# kept as a regression test) replayed through each target built as a plain
# program with the test build's sanitizers: no libFuzzer needed here (make
# fuzz runs the targets themselves).
. tests/lib.sh
plan 6
bin=$(dirname "$POSTROOM_BIN")/fuzz
for t in config ref tiff; do
	files=$(find "tests/fuzz/$t" -type f | wc -l | tr -d ' ')
	run "$bin/replay-$t" "tests/fuzz/$t"
	expect_eq "the $t target takes its corpus without a fault" "$RC" 0
	expect_eq "all $files of the $t corpus were run" "$OUT" "$files inputs"
done
