# postroom — the operator console of a council's post room.
#
#   make            release build: build/release/postroom
#   make run        install missing packages, build, open the console on a demo database
#   make test       install missing packages, build with -Werror and ASan+UBSan, run every test
#   make bench      run the benchmarks under bench/
#   make fuzz       build the libFuzzer targets with clang and run each for
#                   FUZZ_SECONDS (default 60) on its corpus under tests/fuzz/
#   make install    PREFIX=/usr/local DESTDIR= (binary, man pages, example config)
#   make clean

PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
MODE ?= release

ifeq ($(MODE),test)
B := build/test
# A test build's clock can be set with POSTROOM_NOW (src/core/clock.c).
MODE_CFLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer -Werror -DPR_TEST_CLOCK=1
MODE_LDFLAGS := -fsanitize=address,undefined
else ifeq ($(MODE),fuzz)
# libFuzzer (clang only): everything instrumented for coverage, as a test build.
B := build/fuzz
CC := clang
MODE_CFLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer -DPR_TEST_CLOCK=1
MODE_LDFLAGS := -fsanitize=address,undefined
else
B := build/release
MODE_CFLAGS := -O2 -g
MODE_LDFLAGS :=
endif

WARNINGS := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wformat=2 -Wpointer-arith -Wwrite-strings -Wvla -Wundef \
	-Wimplicit-fallthrough -Wno-format-nonliteral
CPPFLAGS += -Iinclude -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -D_XOPEN_SOURCE_EXTENDED
CFLAGS += -std=c17 $(WARNINGS) $(MODE_CFLAGS)
DEPFLAGS = -MMD -MP
# V=1 shows the full commands.
ifeq ($(V),1)
Q :=
say := @true
else
Q := @
say := @printf '  %-5s %s\n'
endif

CURSES_LIBS := $(shell pkg-config --libs ncursesw 2>/dev/null || echo -lncursesw -ltinfo)
SQLITE_LIBS := $(shell pkg-config --libs sqlite3 2>/dev/null || echo -lsqlite3)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)
# zint, libharu and CUPS ship no .pc files on Debian 12.
IO_LIBS := -lzint -lhpdf $(shell cups-config --libs 2>/dev/null || echo -lcups) \
	$(shell pkg-config --libs libtiff-4 2>/dev/null || echo -ltiff) \
	$(shell pkg-config --libs zbar 2>/dev/null || echo -lzbar) \
	$(shell pkg-config --libs libcurl 2>/dev/null || echo -lcurl)

CORE_SRC := $(sort $(wildcard src/core/*.c))
IO_SRC := $(sort $(wildcard src/io/*.c))
SERVICE_SRC := $(sort $(wildcard src/service/*.c))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
UI_SRC := $(sort $(wildcard src/ui/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/test-*.c))

CORE_OBJ := $(CORE_SRC:%.c=$(B)/%.o)
IO_OBJ := $(IO_SRC:%.c=$(B)/%.o)
SERVICE_OBJ := $(SERVICE_SRC:%.c=$(B)/%.o)
APP_OBJ := $(B)/src/main.o $(CLI_SRC:%.c=$(B)/%.o) $(UI_SRC:%.c=$(B)/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/unit/%)
CORE_LIB := $(B)/libpostroom-core.a
IO_LIB := $(B)/libpostroom-io.a
SERVICE_LIB := $(B)/libpostroom-service.a
BIN := $(B)/postroom
# The tests' own scan-file maker: a tool of the test suite and benchmarks,
# outside postroom's layers, linking libtiff and zint directly.
MKSCAN := $(B)/tools/mkscan
TIFF_LIBS := $(shell pkg-config --libs libtiff-4 2>/dev/null || echo -ltiff)
# Fuzz targets (tests/fuzz/fuzz-NAME.c, corpus in tests/fuzz/NAME/): built
# with libFuzzer by `make fuzz`, and as replay-NAME, a plain program that runs
# each corpus file once, by every test build.
FUZZ_TARGETS := config ref tiff
FUZZ_SRC := $(sort $(wildcard tests/fuzz/*.c))
FUZZ_REPLAY := $(FUZZ_TARGETS:%=$(B)/fuzz/replay-%)
FUZZERS := $(FUZZ_TARGETS:%=$(B)/fuzz/fuzz-%)
FUZZ_SECONDS ?= 60

.PHONY: all run test unit tools bench install clean deps deps-test depcheck clang-check \
	fuzz fuzzers
.DEFAULT_GOAL := all

all: $(BIN)

# Before anything is compiled: the Debian packages the build needs, named
# in one message when missing (scripts/deps.sh check).
depcheck:
	@scripts/deps.sh check

$(B)/%.o: %.c | depcheck
	@mkdir -p $(dir $@)
	$(say) CC $<
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS) -c $< -o $@

$(CORE_LIB): $(CORE_OBJ)
	@rm -f $@
	$(say) AR $@
	$(Q)ar rcs $@ $^

$(IO_LIB): $(IO_OBJ)
	@rm -f $@
	$(say) AR $@
	$(Q)ar rcs $@ $^

$(SERVICE_LIB): $(SERVICE_OBJ)
	@rm -f $@
	$(say) AR $@
	$(Q)ar rcs $@ $^

$(BIN): $(APP_OBJ) $(SERVICE_LIB) $(IO_LIB) $(CORE_LIB)
	$(say) LINK $@
	$(Q)$(CC) $(CFLAGS) $(MODE_LDFLAGS) -o $@ $(APP_OBJ) $(SERVICE_LIB) $(IO_LIB) $(CORE_LIB) \
		$(CURSES_LIBS) $(IO_LIBS) $(SQLITE_LIBS) -lm

# Unit tests link the service, core and outside-library layers: no curses.
$(B)/unit/%: $(B)/tests/unit/%.o $(B)/tests/unit/unit.o $(SERVICE_LIB) $(IO_LIB) $(CORE_LIB)
	@mkdir -p $(dir $@)
	$(say) LINK $@
	$(Q)$(CC) $(CFLAGS) $(MODE_LDFLAGS) -o $@ $< $(B)/tests/unit/unit.o $(SERVICE_LIB) $(IO_LIB) \
		$(CORE_LIB) $(CMOCKA_LIBS) $(IO_LIBS) $(SQLITE_LIBS) -lm

unit: $(UNIT_BIN)

$(MKSCAN): $(B)/tests/tools/mkscan.o
	@mkdir -p $(dir $@)
	$(say) LINK $@
	$(Q)$(CC) $(CFLAGS) $(MODE_LDFLAGS) -o $@ $< $(TIFF_LIBS) -lzint -lm

$(B)/fuzz/replay-%: $(B)/tests/fuzz/fuzz-%.o $(B)/tests/fuzz/fuzz-common.o \
		$(B)/tests/fuzz/replay.o $(IO_LIB) $(CORE_LIB)
	@mkdir -p $(dir $@)
	$(say) LINK $@
	$(Q)$(CC) $(CFLAGS) $(MODE_LDFLAGS) -o $@ $(filter %.o,$^) $(IO_LIB) $(CORE_LIB) \
		$(IO_LIBS) $(SQLITE_LIBS) -lm

$(B)/fuzz/fuzz-%: $(B)/tests/fuzz/fuzz-%.o $(B)/tests/fuzz/fuzz-common.o $(IO_LIB) $(CORE_LIB)
	@mkdir -p $(dir $@)
	$(say) LINK $@
	$(Q)$(CC) $(CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $(filter %.o,$^) \
		$(IO_LIB) $(CORE_LIB) $(IO_LIBS) $(SQLITE_LIBS) -lm

tools: $(MKSCAN) $(FUZZ_REPLAY)

fuzzers: $(FUZZERS)

# Each target for FUZZ_SECONDS on a copy of its corpus (new inputs go to
# build/fuzz/corpus/, crashes to build/fuzz/crash-*: keep one as a
# regression test by copying it into tests/fuzz/NAME/).
fuzz: deps-test
	@$(MAKE) --no-print-directory MODE=fuzz -j2 fuzzers
	@scripts/fuzz.sh build/fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

deps:
	@scripts/deps.sh build

deps-test:
	@scripts/deps.sh test

run: deps
	@$(MAKE) --no-print-directory all
	@$(BIN) demo --if-empty
	@$(BIN)

test: deps-test
	@$(MAKE) --no-print-directory -j2 MODE=test all unit tools
	@$(MAKE) --no-print-directory clang-check
	@tests/run.sh build/test

# Every source compiled by clang as well, warnings as errors.
clang-check:
	@echo "  CLANG all sources"
	@for f in $(CORE_SRC) $(IO_SRC) $(SERVICE_SRC) $(CLI_SRC) $(UI_SRC) src/main.c $(UNIT_SRC) tests/unit/unit.c tests/tools/mkscan.c $(FUZZ_SRC); do \
		clang $(CPPFLAGS) -std=c17 $(WARNINGS) -Werror -fsyntax-only $$f || exit 1; \
	done

bench: deps-test
	@$(MAKE) --no-print-directory all tools
	@bench/run.sh $(BIN)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/man/man5 $(DESTDIR)$(PREFIX)/share/doc/postroom
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/postroom
	install -m 0644 man/postroom.1 $(DESTDIR)$(PREFIX)/share/man/man1/postroom.1
	install -m 0644 man/postroom.conf.5 $(DESTDIR)$(PREFIX)/share/man/man5/postroom.conf.5
	install -m 0644 config/postroom.conf $(DESTDIR)$(PREFIX)/share/doc/postroom/postroom.conf.example
	install -D -m 0644 config/postroom.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/postroom
	install -d $(DESTDIR)$(PREFIX)/lib/systemd/system
	sed 's|@BINDIR@|$(PREFIX)/bin|g' config/postroom-worker.service \
		>$(DESTDIR)$(PREFIX)/lib/systemd/system/postroom-worker.service
	chmod 0644 $(DESTDIR)$(PREFIX)/lib/systemd/system/postroom-worker.service

clean:
	rm -rf build

-include $(CORE_OBJ:.o=.d) $(IO_OBJ:.o=.d) $(SERVICE_OBJ:.o=.d) $(APP_OBJ:.o=.d) $(UNIT_SRC:%.c=$(B)/%.d) \
	$(B)/tests/tools/mkscan.d $(FUZZ_SRC:%.c=$(B)/%.d)
