# Boussole — the two commands of the README, and a few helpers.
#   make run    installs what is missing, builds, creates the demo database, serves
#   make test   installs what is missing, builds, runs every test

BUILD_DIR  ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS       ?= $(shell nproc)
DATABASE   ?= sqlite:var/boussole-demo.db
ADDRESS    ?= 127.0.0.1
PORT       ?= 8080
BOUSSOLE   := $(BUILD_DIR)/src/cli/boussole

.PHONY: all setup configure build run test test-unit test-browser bench bench-ingest bench-analytics clean format

all: build

setup:
	@scripts/setup.sh

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

configure: $(BUILD_DIR)/build.ninja

build: setup configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@scripts/run-demo.sh "$(BOUSSOLE)" "$(DATABASE)" "$(ADDRESS)" "$(PORT)"

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure --timeout 1200 -j $(JOBS)

test-unit: build
	cd $(BUILD_DIR) && ctest --output-on-failure --timeout 1200 -j $(JOBS) -R '^cpp_'

test-browser: build
	cd $(BUILD_DIR) && ctest --output-on-failure -L browser

bench: build
	bench/http.sh "$(BOUSSOLE)"

# ROWS=100000 make bench-ingest for a shorter run (500 000 rows by default).
bench-ingest: build
	bench/ingest.sh "$(BOUSSOLE)"

# The live analytics: compute at national scale against PostgreSQL, SQLite and
# the memory floor, memory, freshness on one and two nodes, dashboard HTTP.
bench-analytics: build
	bench/analytics.sh "$(BOUSSOLE)" "$(BUILD_DIR)/bench/boussole-bench-analytics"

format:
	find src tests bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR)
