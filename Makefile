# A thin wrapper: every target installs what is missing, then builds with meson.
BUILD ?= build
ASAN_BUILD ?= build-asan
XVFB = xvfb-run -a -s "-screen 0 1280x800x24"
SAMPLE = data/templates/zh-CN/camping.waymark

.PHONY: all deps build run test test-asan bench fuzz goldens check-mutants install clean

all: build

deps:
	@bash build-aux/install-deps.sh

$(BUILD)/build.ninja:
	meson setup $(BUILD)

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

# The sample opens as a new, untitled copy: saving asks for a name and
# never writes into data/templates/.
run: build
	GSETTINGS_SCHEMA_DIR=$(BUILD)/data WAYMARK_LOCALEDIR=$(BUILD)/po ./$(BUILD)/src/waymark --new-from $(SAMPLE)

test: build
	@$(XVFB) meson test -C $(BUILD) --print-errorlogs --num-processes 2 >$(BUILD)/test-output.log 2>&1; \
	  tail -n 40 $(BUILD)/test-output.log; \
	  python3 build-aux/test-summary.py $(BUILD)

# The same suite built with AddressSanitizer and UndefinedBehaviorSanitizer:
# any report fails its test. Sanitized code runs several times slower.
SAN_ENV = ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	WAYMARK_TEST_TIMEOUT_SCALE=4

test-asan: deps
	@[ -f $(ASAN_BUILD)/build.ninja ] || meson setup $(ASAN_BUILD) -Db_sanitize=address,undefined -Db_lundef=false \
	  -Dc_args=-fno-omit-frame-pointer
	ninja -C $(ASAN_BUILD)
	@$(SAN_ENV) $(XVFB) meson test -C $(ASAN_BUILD) --print-errorlogs --num-processes 2 --timeout-multiplier 5 \
	  >$(ASAN_BUILD)/test-output.log 2>&1; \
	  tail -n 40 $(ASAN_BUILD)/test-output.log; \
	  python3 build-aux/test-summary.py $(ASAN_BUILD)

# Redraws every golden image of tests/core/test-goldens.c into
# tests/core/goldens/: review the changed PNGs with `git status`/`git diff`.
goldens: build
	WAYMARK_UPDATE_GOLDENS=1 meson test -C $(BUILD) test-goldens --print-errorlogs

# Plants each fault of tests/mutants/mutants.py in the renderer or the
# layout, rebuilds a scratch copy and reports how many the tests catch.
check-mutants: deps
	python3 tests/mutants/check-mutants.py .

bench: build
	bash tests/bench/run-all.sh $(BUILD)

# libFuzzer targets, built with clang in build-fuzz: 60 s each.
fuzz: deps
	bash tests/fuzz/run.sh 60

install: build
	meson install -C $(BUILD)

clean:
	rm -rf $(BUILD)
