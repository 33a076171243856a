# The environment every test runs in, whatever the caller's shell holds
# (sourced by tests/run.sh and tests/lib.sh): what the tests depend on is
# set here, and everything postroom or its libraries read is cleared, so a
# NO_COLOR, TZ, locale or POSTROOM_DB kept in a user's profile changes
# nothing. CI runs the suite under a deliberately odd environment to prove it.
export TZ=Europe/London LC_ALL=C.UTF-8 LANG=C.UTF-8 TERM=xterm
unset LANGUAGE LC_CTYPE LC_MESSAGES LC_NUMERIC LC_TIME LC_COLLATE LC_MONETARY \
	NO_COLOR COLUMNS LINES CUPS_SERVER TMUX XDG_CONFIG_DIRS XDG_DATA_DIRS \
	XDG_RUNTIME_DIR
for _env_v in $(env | sed -n 's/^\(POSTROOM_[A-Za-z0-9_]*\)=.*/\1/p'); do
	[ "$_env_v" = POSTROOM_BIN ] || unset "$_env_v"
done
unset _env_v
