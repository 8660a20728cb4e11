# rapport - a static report generator. `make` sets up, builds and renders
# the example; `make test` sets up and runs every test.

CC      ?= cc
PKGS    := libcmark-gfm lua5.4 fontconfig libmicrohttpd libzip librsvg-2.0
CFLAGS  ?= -O2 -g
# the flags rapport needs, kept apart so `make CFLAGS=...` (asan) keeps them
override CFLAGS += -std=c11 -Wall -Wextra -D_DEFAULT_SOURCE \
           -D_POSIX_C_SOURCE=200809L -MMD -MP -Isrc -I$(BUILD)/gen \
           $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# Start-up is part of every rebuild, so the libraries Debian ships as
# archives are linked in (no symbol lookups across 18 shared objects at
# each start: 10.7 -> 7.3 ms of CPU for `rapport --version`), and
# libmicrohttpd is not linked at all: src/cli/http.c opens it when `watch`
# first serves (it pulls in GnuTLS: ~9 ms at every start).
STATIC  := -lcmark-gfm-extensions -lcmark-gfm -llua5.4 -lcsv -lhyphen \
           -ljson-c -lfontconfig -lfreetype -lexpat -lbrotlidec \
           -lbrotlicommon -lpng16 -ldeflate -lz
# libhyphen's allocator exits on its own with an English message:
# src/util/mem_libs.c replaces it
# Nor are libzip and librsvg, which only the Word edition needs (libzip
# pulls in OpenSSL's libcrypto, librsvg glib, cairo and pango):
# src/util/zip.c and src/docx/png.c open them with dlopen on first use.
LDLIBS  += -Wl,-Bstatic $(STATIC) -Wl,-Bdynamic -lhpdf -lbtparse -lm \
           -lpthread -ldl -Wl,--wrap=hnj_malloc,--wrap=hnj_realloc
BUILD   ?= build
BIN     ?= bin
# `make install` puts bin/rapport in $(PREFIX)/bin and the files it reads at
# run time in $(PREFIX)/share/rapport; DESTDIR prefixes both (packaging)
PREFIX  ?= /usr/local
DESTDIR ?=
SHARE   := lua themes templates

SRC     := $(shell find src -name '*.c' ! -path src/cli/main.c | sort)
OBJ     := $(SRC:src/%.c=$(BUILD)/%.o)
UNIT    := $(sort $(wildcard tests/unit/test_*.c))
UNITBIN := $(UNIT:tests/unit/%.c=$(BUILD)/tests/%)

# The messages: src/util/messages/<language>.txt, Danish first (the
# default), turned into the header every stage includes through util/diag.h.
# The generator also reads the sources (every key must be used); the header
# is replaced only when its text changes, so an edit elsewhere rebuilds
# nothing.
MSGCAT  := src/util/messages/da.txt \
           $(filter-out %/da.txt,$(sort $(wildcard src/util/messages/*.txt)))
MSGH    := $(BUILD)/gen/util/messages.h

EXAMPLE := content/eksempel
EXOUT   := out/eksempel

.PHONY: all deps example test clean asan lint fuzz bench faults
.PHONY: install uninstall
.DEFAULT_GOAL := all

all: deps
	@$(MAKE) --no-print-directory $(BIN)/rapport
	@$(MAKE) --no-print-directory example

# Installs the Debian packages of packages.txt that are missing (as root).
deps: $(BUILD)/.deps-ok
$(BUILD)/.deps-ok: packages.txt tests/setup.sh
	@sh tests/setup.sh packages.txt
	@mkdir -p $(BUILD) && touch $@

$(BIN)/rapport: $(BUILD)/cli/main.o $(OBJ)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(MSGH): src/util/messages/msgcat.awk $(MSGCAT) $(shell find src -name '*.[ch]')
	@mkdir -p $(@D)
	@awk -f src/util/messages/msgcat.awk $(MSGCAT) \
	  $(shell find src -name '*.[ch]') >$@.tmp || { rm -f $@.tmp; exit 1; }
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

$(BUILD)/%.o: src/%.c | $(MSGH)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

# The binary's last place to look for its files (src/util/home.h) is the
# PREFIX it was built for: $(BUILD)/prefix changes only with PREFIX, so
# home.o is compiled again when another PREFIX is given
$(shell mkdir -p $(BUILD) && echo '$(PREFIX)' | cmp -s - $(BUILD)/prefix || \
  echo '$(PREFIX)' >$(BUILD)/prefix)
$(BUILD)/util/home.o: $(BUILD)/prefix
$(BUILD)/util/home.o: override CFLAGS += -DRAPPORT_PREFIX='"$(PREFIX)"'

install: $(BIN)/rapport
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/rapport
	install -m 755 $(BIN)/rapport $(DESTDIR)$(PREFIX)/bin/rapport
	rm -rf $(addprefix $(DESTDIR)$(PREFIX)/share/rapport/,$(SHARE))
	cp -R $(SHARE) $(DESTDIR)$(PREFIX)/share/rapport/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/rapport
	rm -rf $(DESTDIR)$(PREFIX)/share/rapport

$(BUILD)/tests/%: tests/unit/%.c $(OBJ) | $(MSGH)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Isrc $(LDFLAGS) -o $@ $< $(OBJ) $(LDLIBS)

# The layout stage's tests link only the layout and what it stands on, and
# not libharu: the link shows that layout needs no PDF library (issue 15;
# fuzz/fuzz_layout.c links the same sources). The other tests link all.
LAYOUT_OBJ   := $(filter $(BUILD)/layout/% $(BUILD)/util/% $(BUILD)/doc/%,$(OBJ)) \
                $(addprefix $(BUILD)/,project/theme.o project/locale.o \
                  project/luacfg.o script/sandbox.o)
LAYOUT_TESTS := $(addprefix $(BUILD)/tests/test_,font font_find hyphen \
                  knuth_plass layout subset)
$(LAYOUT_TESTS): $(BUILD)/tests/%: tests/unit/%.c $(LAYOUT_OBJ) | $(MSGH)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Isrc $(LDFLAGS) -o $@ $< $(LAYOUT_OBJ) \
	  $(filter-out -lhpdf,$(LDLIBS))

# The example: `rapport build` writes $(EXOUT)/rapport.d, which names every
# source of every output, so an edit rebuilds only the outputs it touches. Until they
# exist, one full build makes them.
-include $(EXOUT)/rapport.d
example: $(if $(RAPPORT_OUTPUTS),$(RAPPORT_OUTPUTS),$(EXOUT)/.first-build)
$(EXOUT)/.first-build: | $(BIN)/rapport
	$(BIN)/rapport build $(EXAMPLE) --out $(EXOUT)
	@if grep -q '^ *mapping *=' $(EXAMPLE)/rapport.lua; then \
	  echo "$(BIN)/rapport build $(EXAMPLE) --public --out $(EXOUT)"; \
	  $(BIN)/rapport build $(EXAMPLE) --public --out $(EXOUT); fi
	@touch $@

# The browser tests (tests/e2e/html_browser.sh) need playwright-core and
# axe-core from npm; the lock file pins them. A failed install is reported by
# that test, so the other tests still run.
node_modules/.installed: package.json package-lock.json
	@npm ci --no-audit --no-fund --loglevel=error && touch $@ || \
	  echo "rapport: npm ci failed; the browser tests will fail" >&2

# A failed example build is counted as a failure by tests/run.sh, and the
# other tests still run, so one run shows everything that is wrong.
test: deps
	@$(MAKE) --no-print-directory node_modules/.installed
	@$(MAKE) --no-print-directory $(BIN)/rapport $(UNITBIN)
	@rm -f $(BUILD)/.example-failed
	@$(MAKE) --no-print-directory example || touch $(BUILD)/.example-failed
	@BUILD=$(BUILD) sh tests/run.sh

# Benchmarks against pandoc, xelatex and WeasyPrint (installed here, not by
# `make`) and Typst 0.14 (npm, with the browser tests' packages): writes
# bench/RESULTS.md.
bench: deps
	@sh tests/setup.sh bench/packages.txt
	@$(MAKE) --no-print-directory node_modules/.installed
	@$(MAKE) --no-print-directory $(BIN)/rapport
	@sh bench/run.sh

asan:
	$(MAKE) BUILD=build-asan BIN=build-asan/bin CC=clang \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer" \
	  LDFLAGS="-fsanitize=address,undefined" build-asan/bin/rapport

# The fault-injection build (src/util/fault.h, tests/e2e/faults.sh): the
# hooks compiled in, and every malloc/calloc/realloc of rapport and of the
# static libraries sent through them
faults:
	$(MAKE) --no-print-directory BUILD=build-fault BIN=build-fault/bin \
	  CFLAGS="-O1 -g -DRAPPORT_FAULTS" \
	  LDFLAGS="-Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc" \
	  build-fault/bin/rapport

# cppcheck's warnings; functions nothing calls (src, the unit tests and the
# fuzz harnesses read together, so a function only a test calls is used);
# functions exported but called only in their own file (from the objects'
# symbols); every .PHONY target has a rule; and the include graph between
# the stage folders (tests/lint/stages.sh); README's map of src/ is the tree
# (tests/lint/srcmap.sh); every message from the catalogue
# (tests/lint/messages.sh). Any report fails lint:
# tests/lint/cppcheck-suppress.xml lists cppcheck's exceptions and why.
lint: $(BUILD)/cli/main.o $(OBJ)
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance --std=c11 \
	  --suppress-xml=tests/lint/cppcheck-suppress.xml src
	cppcheck --quiet --error-exitcode=1 --enable=unusedFunction --std=c11 -Isrc \
	  --suppress-xml=tests/lint/cppcheck-suppress.xml src tests/unit fuzz
	sh tests/lint/exported.sh $(BUILD)
	sh tests/lint/phony.sh Makefile
	sh tests/lint/stages.sh src
	sh tests/lint/srcmap.sh README.md src
	sh tests/lint/messages.sh src

# libFuzzer harnesses in fuzz/ (issue 7): each runs FUZZ_TIME seconds
FUZZ_TIME ?= 600
fuzz: deps $(MSGH)
	FUZZ_TIME=$(FUZZ_TIME) sh fuzz/run.sh

clean:
	rm -rf $(BUILD) build-asan build-fuzz build-fault $(BIN) out

-include $(OBJ:.o=.d) $(BUILD)/cli/main.d
