# Front door of the tooling; every target is one script under scripts/.
#   make run      main job: build the patched x86_64 kernel, boot it with
#                 VT-d interrupt remapping and report what each device did
#                 (ARCH=arm64: the arm64 kernel on a GICv3 ITS)
#   make test     test command (CI): apply, checkpatch, build both arches,
#                 five QEMU scenarios (SCENARIOS="vtd its": those only),
#                 kunit.py; ends with "N passed, N failed"
#   make kunit    the series' KUnit suites through kunit.py run on QEMU,
#                 x86_64 and arm64 (ARCHS=x86_64: one), in minutes
#   make kunit-modules  the KUnit suites and test drivers built as modules
#                 and loaded in QEMU, x86_64 and arm64
#   make check-harness  tests of scripts/report.py on fixture console logs
#                 (tests/harness/), in seconds, without building a kernel
ARCH ?= x86_64
VARIANT ?= patched
SCENARIO ?= vtd
SCENARIOS ?= vtd noiommu amd its v2m
S := scripts

.PHONY: run test kunit kunit-modules check-harness deps base tree export checkpatch warnings \
	config build boot compare bisect figures cover clean distclean help

help:
	@sed -n '2,13p' Makefile | sed 's/^# *//'
	@echo 'other targets: deps base tree export checkpatch warnings config build boot compare bisect figures cover clean distclean'

run:
	@$(S)/run.sh $(ARCH)

test:
	@SCENARIOS="$(SCENARIOS)" $(S)/test.sh

kunit:
	@$(S)/kunit.sh

kunit-modules:
	@$(S)/kunit-modules.sh

check-harness:
	@$(S)/check-harness.sh

deps:
	@$(S)/deps.sh

base:
	@$(S)/fetch-base.sh

tree:
	@$(S)/tree.sh

export:
	@$(S)/export.sh

checkpatch:
	@$(S)/checkpatch.sh

warnings:
	@$(S)/warnings.sh

config:
	@$(S)/config.sh $(ARCH) $(VARIANT)

build:
	@$(S)/build.sh $(ARCH) $(VARIANT)

boot:
	@mkdir -p .cache/out && : >.cache/out/boot-results.txt
	@$(S)/scenarios.sh $(VARIANT) .cache/out/boot-results.txt $(SCENARIO)

compare:
	@$(S)/compare.sh $(SCENARIOS)

bisect:
	@$(S)/bisect.sh

# Copy the figures of the last make test into README.md's block LABEL.
figures:
	@python3 $(S)/readme_figures.py $(or $(LABEL),warm) --note "$(NOTE)"

# Copy them into the cover letter (the branch description) and export.
cover:
	@python3 $(S)/cover_figures.py && $(S)/export.sh

clean:
	rm -rf .cache/build .cache/base/build .cache/bisect/build .cache/out .cache/kunit \
		.cache/kselftest-* .cache/docs

distclean:
	rm -rf .cache
