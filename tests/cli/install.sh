# make install puts the binary, both man pages, the example configuration
# and the bash completion under DESTDIR/PREFIX, and the installed binary runs.
. tests/lib.sh
plan 14
top=$(pwd)
build_dir=$(dirname "$POSTROOM_BIN")
mode=release
case "$build_dir" in */build/test) mode=test ;; esac
dest="$TESTDIR/stage"
check "make install to a staging folder" make -s -C "$top" MODE=$mode install PREFIX=/opt/postroom DESTDIR="$dest"
for f in bin/postroom share/man/man1/postroom.1 share/man/man5/postroom.conf.5 \
	share/doc/postroom/postroom.conf.example share/bash-completion/completions/postroom \
	lib/systemd/system/postroom-worker.service; do
	if [ -f "$dest/opt/postroom/$f" ]; then _report 1 "installed $f"; else _report 0 "installed $f"; fi
done
check "installed binary runs" "$dest/opt/postroom/bin/postroom" --version
expect_out "installed binary reports its version" "^postroom "
check "installed example configuration is valid" "$dest/opt/postroom/bin/postroom" \
	--config "$dest/opt/postroom/share/doc/postroom/postroom.conf.example" config
installed="$dest/opt/postroom/share/bash-completion/completions/postroom"
if [ -f "$installed" ] && cmp -s config/postroom.bash "$installed"; then
	_report 1 "installed completion is config/postroom.bash"
else
	_report 0 "installed completion is config/postroom.bash"
fi
if command -v bash >/dev/null 2>&1; then
	run bash --norc --noprofile -c ". '$installed' && complete -p postroom"
	expect_out "installed completion registers for postroom" "-F _postroom( .*)? postroom\$"
fi

unit="$dest/opt/postroom/lib/systemd/system/postroom-worker.service"
run grep '^ExecStart=' "$unit"
expect_out "the worker's unit runs the installed binary" \
	"^ExecStart=/opt/postroom/bin/postroom --config /etc/postroom/postroom.conf worker\$"
if grep -q '@BINDIR@' "$unit" 2>/dev/null; then
	_report 0 "no placeholder is left in the unit"
else
	_report 1 "no placeholder is left in the unit"
fi
