# A thin wrapper: every target installs what is missing, then builds with meson.
BUILD ?= build
XVFB = xvfb-run -a -s "-screen 0 1280x800x24"
SAMPLE = data/templates/zh-CN/camping.waymark

.PHONY: all deps build run test bench fuzz install clean

all: build

deps:
	@bash build-aux/install-deps.sh

$(BUILD)/build.ninja:
	meson setup $(BUILD)

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

run: build
	GSETTINGS_SCHEMA_DIR=$(BUILD)/data WAYMARK_LOCALEDIR=$(BUILD)/po ./$(BUILD)/src/waymark $(SAMPLE)

test: build
	@$(XVFB) meson test -C $(BUILD) --print-errorlogs --num-processes 2 >$(BUILD)/test-output.log 2>&1; \
	  tail -n 40 $(BUILD)/test-output.log; \
	  python3 build-aux/test-summary.py $(BUILD)

bench: build
	bash tests/bench/run-all.sh $(BUILD)

# libFuzzer targets, built with clang in build-fuzz: 60 s each.
fuzz: deps
	bash tests/fuzz/run.sh 60

install: build
	meson install -C $(BUILD)

clean:
	rm -rf $(BUILD)
