# Tests of scripts/report.py against console logs kept in fixtures/: no
# kernel is built or booted.  Run them with scripts/check-harness.sh
# (make check-harness), which finds the kernel's kunit.py for report.py
# and passes it in KUNIT_PY.
#
# fixtures/vtd.log is the console log of a clean boot of the vtd scenario:
# the kernel's KUnit KTAP, the guest's KTAP between "msi-boot: begin" and
# "msi-boot: end", the kernel log dump and the taint flags.
# fixtures/expect/ holds the lists report.py --update-expect writes from it.
# Every bad case is that log with one thing changed, in a copy under
# tmp_path: report.py must exit 1 and its FAIL lines must name the cause.

import os
import re
import shutil
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
REPORT = os.path.join(TOP, 'scripts', 'report.py')
EXPECT = os.path.join(HERE, 'fixtures', 'expect')

# The summary line report.py prints for each failed test.
FAIL_LINE = re.compile(r'^FAIL (\S+): (.*); console log: .*$', re.M)


def fixture_path(name):
	return os.path.join(HERE, 'fixtures', name)


@pytest.fixture(scope='session')
def kunit_py():
	"""The kunit.py scripts/check-harness.sh found, else the work tree's
	or the one it extracted before."""
	tool = os.path.join('tools', 'testing', 'kunit', 'kunit.py')
	paths = [os.environ.get('KUNIT_PY', ''),
		 os.path.join(TOP, '.cache', 'linux', tool),
		 os.path.join(TOP, '.cache', 'kunit-tool', tool)]
	for path in paths:
		if os.path.isfile(path):
			return path
	pytest.fail('no kunit.py: run scripts/check-harness.sh or set KUNIT_PY')


@pytest.fixture
def clean():
	with open(fixture_path('vtd.log')) as f:
		return f.read()


class Run:
	"""What one run of report.py did."""

	def __init__(self, proc, results):
		self.rc = proc.returncode
		self.out = proc.stdout + proc.stderr
		# {test: why} of the FAIL summary lines
		self.fails = dict(FAIL_LINE.findall(proc.stdout))
		self.results = results

	def why(self, name):
		"""The reason given for the failure of name, which must fail."""
		assert name in self.fails, f'no FAIL {name}:\n{self.out}'
		return self.fails[name]


@pytest.fixture
def report(kunit_py, tmp_path):
	"""report(text): run report.py on console log text, saved as the
	vtd scenario's log, for the x86_64 kernel's KUnit results and the
	guest's checks, against the lists of fixtures/expect/."""
	def run(text, *, kunit=True, guest=True, expect=EXPECT, scenario='vtd'):
		log = tmp_path / f'{scenario}.log'
		log.write_text(text)
		results = tmp_path / 'results.txt'
		results.write_text('')
		args = [sys.executable, REPORT, '--kunit-py', kunit_py,
			'--results', str(results)]
		if expect:
			args += ['--expect', str(expect)]
		if kunit:
			args += ['--kunit', f'x86_64={log}']
		if guest:
			args += ['--guest', str(log)]
		proc = subprocess.run(args, capture_output=True, text=True,
				      check=False, timeout=60)
		return Run(proc, results.read_text().splitlines())
	return run


# Edits of the clean log.  Each names whole lines, which must be there
# exactly once, so that a change of the fixture cannot turn a bad case into
# a clean one unnoticed.

def replace_line(text, old, *new):
	"""text with its line old replaced by the lines new (none: dropped)."""
	lines = text.split('\n')
	assert lines.count(old) == 1, f'{old!r} is not one line of the log'
	i = lines.index(old)
	return '\n'.join(lines[:i] + list(new) + lines[i + 1:])


def insert_before(text, line, *new):
	return replace_line(text, line, *new, line)


def cut_after(text, line):
	"""text up to and with line: a log that stops there."""
	lines = text.split('\n')
	assert lines.count(line) == 1, f'{line!r} is not one line of the log'
	return '\n'.join(lines[:lines.index(line) + 1]) + '\n'


def in_dmesg(text, *lines):
	"""text with lines at the end of its kernel log dump."""
	return insert_before(text, 'msi-boot: dmesg end', *lines)


def renumber_guest(text):
	"""The guest's results numbered 1, 2, .. again and its plan made to
	match them, as guest/init prints them."""
	head, begin, rest = text.partition('msi-boot: begin\n')
	guest, end, tail = rest.partition('msi-boot: end\n')
	n = 0

	def number(m):
		nonlocal n
		n += 1
		return f'{m.group(1)} {n} '
	guest = re.sub(r'^(    (?:not )?ok) \d+ ', number, guest, flags=re.M)
	guest = re.sub(r'^    1\.\.\d+$', f'    1..{n}', guest, flags=re.M)
	return head + begin + guest + end + tail


def drop_check(text, name):
	"""text without the result of guest check name, plan fixed."""
	m = re.search(r'^    ok \d+ ' + re.escape(name) + '$', text, re.M)
	assert m, f'no check {name} in the log'
	return renumber_guest(replace_line(text, m.group(0)))


def drop_suite(text, suite):
	"""text without the KTAP of KUnit suite, from its 'KTAP version 1' to
	its 'ok N suite', and with one suite fewer in the plan."""
	lines = text.split('\n')
	start = lines.index(f'    # Subtest: {suite}') - 1
	assert lines[start] == '    KTAP version 1'
	end = next(i for i in range(start, len(lines))
		   if re.fullmatch(r'(not )?ok \d+ ' + suite, lines[i]))
	kernel = text.partition('msi-boot: begin\n')[0]
	nsuites = kernel.count('\n    # Subtest: ')
	text = '\n'.join(lines[:start] + lines[end + 1:])
	return replace_line(text, f'1..{nsuites}', f'1..{nsuites - 1}')


def no_nameless_results(run):
	"""No result named after the place holder kunit.py puts where a
	result of the plan is missing: FAIL lines must name the check."""
	return not [name for name in run.fails if name.endswith('/')] and \
		not [r for r in run.results if r.endswith('/')]


# The clean log.

def test_clean_log_passes(report, clean):
	run = report(clean)
	assert run.rc == 0, run.out
	assert not run.fails
	assert 'FAIL' not in run.out
	assert run.results, 'nothing written to --results'
	assert all(r.startswith(('PASS ', 'SKIP ')) for r in run.results)
	for name in ('kunit/x86_64/ktap',
		     'kunit/x86_64/pci_msix_mask/unmask_restores_entry',
		     'boot/vtd/ktap', 'boot/vtd/edu_present',
		     'boot/vtd/bound_grow_dyn_20x', 'boot/vtd/finished',
		     'boot/vtd/kernel_log_clean', 'boot/vtd/not_tainted'):
		assert f'PASS {name}' in run.results
	assert 'SKIP boot/vtd/pci_ims_ims_realloc_lowest' in run.results


def test_clean_log_figures(report, clean):
	run = report(clean)
	assert 'figure: grow 256 dyn ns=29105452 delivered=256' in run.out
	assert 'figure: vfio grow 256 reenable ns=4981234567' in run.out
	assert 'figure: ims_lost 0' in run.out
	assert re.search(r'0000:00:03\.0 +virtio_rng +2 .* 16$', run.out, re.M)


def test_expect_lists_match_clean_log(kunit_py, tmp_path):
	"""fixtures/expect/ is what --update-expect writes from the clean log."""
	log = tmp_path / 'vtd.log'
	shutil.copy(fixture_path('vtd.log'), log)
	subprocess.run([sys.executable, REPORT, '--kunit-py', kunit_py,
			'--expect', str(tmp_path), '--update-expect',
			'--kunit', f'x86_64={log}', '--guest', str(log)],
		       capture_output=True, check=True, timeout=60)
	for name in ('kunit-x86_64.txt', 'boot-vtd.txt'):
		with open(os.path.join(EXPECT, name)) as f:
			assert (tmp_path / name).read_text() == f.read(), name


# What the kernel says of itself: its reports and its taint flags.

# Kernel reports, as the kernel prints them, and the line of each that a
# failure must name.
SPLATS = [
	pytest.param([
		'------------[ cut here ]------------',
		'WARNING: CPU: 0 PID: 1 at kernel/irq/msi.c:123 msi_domain_alloc_irqs_all_locked+0x5c/0x90',
		'Modules linked in:',
		'CPU: 0 UID: 0 PID: 1 Comm: init Not tainted 6.12.57 #1',
		'RIP: 0010:msi_domain_alloc_irqs_all_locked+0x5c/0x90',
		'Call Trace:',
		' <TASK>',
		' pci_msix_alloc_irq_at+0x4a/0xa0',
		' </TASK>',
		'---[ end trace 0000000000000000 ]---',
	], 'WARNING: CPU: 0 PID: 1 at kernel/irq/msi.c:123', id='warning'),
	pytest.param([
		'==================================================================',
		'BUG: KASAN: slab-use-after-free in msi_domain_free_irqs_all_locked+0x2c/0x60',
		'Read of size 8 at addr ffff888003a1b208 by task init/1',
	], 'BUG: KASAN: slab-use-after-free in msi_domain', id='kasan'),
	pytest.param([
		'======================================================',
		'WARNING: possible circular locking dependency detected',
		'6.12.57 #1 Not tainted',
		'------------------------------------------------------',
		'init/1 is trying to acquire lock:',
	], 'WARNING: possible circular locking dependency detected',
		id='lockdep'),
	pytest.param([
		'unreferenced object 0xffff888003a1b200 (size 64):',
		'  comm "init", pid 1, jiffies 4294937296',
		'  backtrace (crc 5d8a3e1f):',
	], 'unreferenced object 0xffff888003a1b200', id='kmemleak'),
	pytest.param([
		'INFO: task foo:12 blocked for more than 120 seconds.',
		'      Not tainted 6.12.57 #1',
		'"echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.',
	], 'INFO: task foo:12 blocked for more than 120 seconds.',
		id='hung-task'),
	pytest.param([
		'irq 11: nobody cared (try booting with the "irqpoll" option)',
		'handlers:',
		'Disabling IRQ #11',
	], 'irq 11: nobody cared', id='nobody-cared'),
	pytest.param([
		'------------[ cut here ]------------',
		'UBSAN: shift-out-of-bounds in kernel/irq/msi.c:42:10',
		'shift exponent 64 is too large for 64-bit type \'long unsigned int\'',
		'---[ end trace ]---',
	], 'UBSAN: shift-out-of-bounds in kernel/irq/msi.c:42:10', id='ubsan'),
	pytest.param([
		'INFO: trying to register non-static key.',
		'The code is fine but needs lockdep annotation, or maybe',
		'Call trace:',
		' dump_backtrace+0x9c/0x100',
	], 'INFO: trying to register non-static key.', id='lockdep-key'),
	pytest.param([
		'CPU: 1 UID: 0 PID: 1 Comm: init Not tainted 6.12.57 #1',
		'Call trace:',
		' show_stack+0x18/0x24',
	], 'Call trace:', id='arm64-stack'),
	pytest.param([
		'init: page allocation failure: order:10, mode:0xcc0(GFP_KERNEL)',
	], 'init: page allocation failure: order:10', id='alloc-failure'),
	pytest.param([
		'kmemleak: Cannot allocate a kmemleak_object structure',
		'kmemleak: Kernel memory leak detector disabled',
	], 'kmemleak: Kernel memory leak detector disabled',
		id='kmemleak-off'),
	pytest.param([
		'msi-boot: kmemleak scan failed',
	], 'msi-boot: kmemleak scan failed', id='kmemleak-scan'),
]


@pytest.mark.parametrize('splat, named', SPLATS)
def test_kernel_report_fails(report, clean, splat, named):
	run = report(in_dmesg(clean, *splat))
	assert run.rc == 1
	assert set(run.fails) == {'boot/vtd/kernel_log_clean'}, run.out
	assert named in run.why('boot/vtd/kernel_log_clean')
	assert 'FAIL boot/vtd/kernel_log_clean' in run.results


def test_kernel_report_in_kunit_fails(report, clean):
	"""A report on the console while a boot-time KUnit case ran."""
	run = report(insert_before(clean, '    ok 2 free_one_by_one_without_flag',
				   'BUG: KASAN: slab-out-of-bounds in irq_domain_free_irqs+0x1c/0x80'))
	assert run.rc == 1
	assert set(run.fails) == {'boot/vtd/kernel_log_clean'}, run.out
	assert 'BUG: KASAN: slab-out-of-bounds in irq_domain_free_irqs' in \
		run.why('boot/vtd/kernel_log_clean')


@pytest.mark.parametrize('flags, masked', [
	(262656, '0x200'),		# TAINT_TEST | TAINT_WARN
	(1, '0x1'),			# TAINT_PROPRIETARY_MODULE
	(262208, '0x40'),		# TAINT_USER, but VFIO did not say so
])
def test_taint_fails(report, clean, flags, masked):
	run = report(replace_line(clean, 'msi-boot: tainted 262144',
				  f'msi-boot: tainted {flags}'))
	assert run.rc == 1
	assert set(run.fails) == {'boot/vtd/not_tainted'}, run.out
	assert f'TAINT_TEST masked: {masked}' in run.why('boot/vtd/not_tainted')


VFIO_TAINT = ('vfio-pci 0000:00:10.0: Adding kernel taint for vfio-noiommu '
	      'group on device')


def test_vfio_noiommu_taint_passes(report, clean):
	"""VFIO's no-IOMMU mode taints with TAINT_USER on purpose where
	there is no IOMMU (no expected list: the fixture's is vtd's)."""
	text = replace_line(in_dmesg(clean, VFIO_TAINT),
			    'msi-boot: tainted 262144', 'msi-boot: tainted 262208')
	run = report(text, scenario='noiommu', expect=None)
	assert run.rc == 0, run.out
	assert not run.fails


def test_vfio_noiommu_taint_fails_with_iommu(report, clean):
	"""With an IOMMU (vtd) VFIO must not fall back to no-IOMMU mode."""
	text = replace_line(in_dmesg(clean, VFIO_TAINT),
			    'msi-boot: tainted 262144', 'msi-boot: tainted 262208')
	run = report(text)
	assert run.rc == 1
	assert set(run.fails) == {'boot/vtd/not_tainted'}, run.out


def test_vfio_noiommu_taint_masks_only_user(report, clean):
	"""TAINT_USER from VFIO does not hide a TAINT_WARN next to it."""
	text = replace_line(in_dmesg(clean, VFIO_TAINT),
			    'msi-boot: tainted 262144', 'msi-boot: tainted 262720')
	run = report(text, scenario='noiommu', expect=None)
	assert run.rc == 1
	assert set(run.fails) == {'boot/noiommu/not_tainted'}, run.out
	assert 'TAINT_USER masked: 0x200' in run.why('boot/noiommu/not_tainted')


def test_no_taint_line_fails(report, clean):
	run = report(replace_line(clean, 'msi-boot: tainted 262144'))
	assert run.rc == 1
	assert 'no taint value' in run.why('boot/vtd/not_tainted')
	assert 'taint line' in run.why('boot/vtd/finished')


# The boot-time KUnit results against fixtures/expect/kunit-x86_64.txt.

def test_missing_kunit_suite_fails(report, clean):
	run = report(drop_suite(clean, 'pci_msix_mask'))
	assert run.rc == 1
	assert set(run.fails) == {'kunit/x86_64/pci_msix_mask/expected'}, run.out
	assert 'suite pci_msix_mask: 0 cases ran, 3 expected' in \
		run.why('kunit/x86_64/pci_msix_mask/expected')


def test_missing_kunit_case_fails(report, clean):
	text = replace_line(clean, '    ok 3 unmask_restores_entry')
	text = replace_line(text, '    1..3', '    1..2')
	text = replace_line(text, '# pci_msix_mask: pass:3 fail:0 skip:0 total:3',
			    '# pci_msix_mask: pass:2 fail:0 skip:0 total:2')
	run = report(text)
	assert run.rc == 1
	assert set(run.fails) == {'kunit/x86_64/pci_msix_mask/expected'}, run.out
	assert 'suite pci_msix_mask: 2 cases ran, 3 expected' in \
		run.why('kunit/x86_64/pci_msix_mask/expected')


def test_kunit_suite_not_in_list_fails(report, clean, tmp_path):
	expect = tmp_path / 'expect'
	expect.mkdir()
	(expect / 'kunit-x86_64.txt').write_text('irqdomain_free_bulk 2\n')
	run = report(clean, guest=False, expect=expect)
	assert run.rc == 1
	assert 'suite pci_msix_mask is not in kunit-x86_64.txt' in \
		run.why('kunit/x86_64/pci_msix_mask/expected')


def test_skipped_kunit_case_fails(report, clean):
	"""A KUnit case that skips has tested nothing."""
	run = report(replace_line(clean, '    ok 2 mask_at_parent',
				  '    ok 2 mask_at_parent # SKIP no parent'))
	assert run.rc == 1
	assert set(run.fails) == {'kunit/x86_64/pci_msix_mask/mask_at_parent'}, \
		run.out
	assert run.why('kunit/x86_64/pci_msix_mask/mask_at_parent') == \
		'KUnit says SKIP'


def test_failed_kunit_case_fails(report, clean):
	run = report(replace_line(clean, '    ok 2 mask_at_parent',
				  '    # mask_at_parent: EXPECTATION FAILED at drivers/pci/msi/msi_test.c:42',
				  '    not ok 2 mask_at_parent'))
	assert run.rc == 1
	assert run.why('kunit/x86_64/pci_msix_mask/mask_at_parent') == \
		'KUnit says FAIL'


# The guest's checks against fixtures/expect/boot-vtd.txt.

def test_missing_check_fails(report, clean):
	run = report(drop_check(clean, 'edu_present'))
	assert run.rc == 1
	assert set(run.fails) == {'boot/vtd/edu_present'}, run.out
	assert 'did not run' in run.why('boot/vtd/edu_present')


def test_failed_check_fails(report, clean):
	run = report(replace_line(clean, '    ok 10 edu_present',
				  '    # edu_present: no edu device (1234:11e8) on the PCI bus',
				  '    not ok 10 edu_present'))
	assert run.rc == 1
	assert set(run.fails) == {'boot/vtd/edu_present'}, run.out
	assert run.why('boot/vtd/edu_present') == \
		'no edu device (1234:11e8) on the PCI bus'


# The reason after "# SKIP", or, as ktap_test_skip() prints none there,
# on the "# name: why" line the selftest printed before.
@pytest.mark.parametrize('lines', [
	('    ok 10 edu_present # SKIP no edu device',),
	('    # edu_present: no edu device', '    ok 10 edu_present # SKIP'),
])
def test_skip_not_allowed_fails(report, clean, lines):
	run = report(replace_line(clean, '    ok 10 edu_present', *lines))
	assert run.rc == 1
	assert set(run.fails) == {'boot/vtd/edu_present'}, run.out
	assert run.why('boot/vtd/edu_present') == \
		'skipped where it must run: no edu device'


def test_check_not_in_list_fails(report, clean):
	text = insert_before(clean, 'ok 1 msi_boot_vtd', '    ok 14 pci_ims_new_check')
	run = report(renumber_guest(text))
	assert run.rc == 1
	assert set(run.fails) == {'boot/vtd/pci_ims_new_check'}, run.out
	assert 'not in boot-vtd.txt' in run.why('boot/vtd/pci_ims_new_check')


def test_missing_expect_list_fails(report, clean, tmp_path):
	empty = tmp_path / 'expect'
	empty.mkdir()
	run = report(clean, expect=empty)
	assert run.rc == 1
	assert 'kunit-x86_64.txt missing' in run.why('kunit/x86_64/expected_list')
	assert 'boot-vtd.txt missing' in run.why('boot/vtd/expected_list')


# Logs that are not whole.

@pytest.mark.parametrize('last, missing', [
	('    ok 6 pci_msix_ran', 'no "msi-boot: end"'),
	('vfio-pci 0000:00:10.0: enabling device (0000 -> 0002)',
	 'no kernel log dump'),
	('msi-boot: dmesg end', 'no taint line'),
], ids=['in-guest-ktap', 'in-dmesg', 'before-taint'])
def test_truncated_log_fails(report, clean, last, missing):
	"""The log stops at line last."""
	run = report(cut_after(clean, last))
	assert run.rc == 1
	why = run.why('boot/vtd/finished')
	assert missing in why
	assert why.endswith(f'last line: {last.strip()}')


def test_truncated_guest_ktap_fails(report, clean):
	"""The log stops half way through the guest's KTAP: the checks after
	that did not run."""
	run = report(cut_after(clean, '    ok 6 pci_msix_ran'))
	assert run.rc == 1
	assert 'did not run' in run.why('boot/vtd/pci_ims_ran')
	assert 'did not run' in run.why('boot/vtd/vfio_msix_ran')
	assert no_nameless_results(run)


def test_plan_mismatch_fails(report, clean):
	"""Plan 1..13 and 12 results: the guest died before its last check."""
	run = report(replace_line(clean, '    ok 13 pci_ims_ran'))
	assert run.rc == 1
	assert 'errors in the guest KTAP' in run.why('boot/vtd/ktap')
	assert 'did not run' in run.why('boot/vtd/pci_ims_ran')
	assert no_nameless_results(run)


def test_kunit_plan_mismatch_fails(report, clean):
	"""Plan 1..3 and 2 results: a KUnit case did not report."""
	run = report(replace_line(clean, '    ok 3 unmask_restores_entry'))
	assert run.rc == 1
	assert 'errors in the KTAP' in run.why('kunit/x86_64/ktap')
	assert 'suite pci_msix_mask: 2 cases ran, 3 expected' in \
		run.why('kunit/x86_64/pci_msix_mask/expected')
	assert no_nameless_results(run)


# Figures past their bounds (BOUNDS).

@pytest.mark.parametrize('old, new, name, why', [
	pytest.param('    # grow 256 dyn ns=29105452 delivered=256',
		     '    # grow 256 dyn ns=517353546 delivered=256',
		     'bound_grow_dyn_20x', 're-enable/dynamic = 10.0, want >= 20',
		     id='grow-10x'),
	pytest.param('    # vfio grow 256 dyn ns=31234567 delivered=256',
		     '    # vfio grow 256 dyn ns=498123456 delivered=256',
		     'bound_vfio_grow_dyn_20x',
		     'vfio grow: re-enable/dynamic = 10.0, want >= 20',
		     id='vfio-grow-10x'),
	pytest.param('    # figure: ims_lost 0', '    # figure: ims_lost 3',
		     'bound_ims_lost_0', '3 IMS interrupts lost', id='ims-lost'),
])
def test_bound_fails(report, clean, old, new, name, why):
	run = report(replace_line(clean, old, new))
	assert run.rc == 1
	assert set(run.fails) == {f'boot/vtd/{name}'}, run.out
	assert why in run.why(f'boot/vtd/{name}')


@pytest.mark.parametrize('dyn_ns, fails', [(9188336, False),
					    (18094935, True)],
			 ids=['44-19.7x', '44-10x'])
def test_grow_bound_of_few_vectors(report, clean, dyn_ns, fails):
	"""44 vectors (a GICv2m frame) need N / 4 = 11 times, not 20."""
	text = replace_line(clean, '    # grow 256 reenable ns=5173535464 delivered=256',
			    '    # grow 44 reenable ns=180949344 delivered=44')
	text = replace_line(text, '    # grow 256 dyn ns=29105452 delivered=256',
			    f'    # grow 44 dyn ns={dyn_ns} delivered=44')
	run = report(text)
	assert run.rc == int(fails), run.out
	if fails:
		assert 'want >= 11' in run.why('boot/vtd/bound_grow_dyn_20x')


def test_missing_figure_fails(report, clean):
	"""A bound whose figure is not in the log did not run."""
	run = report(replace_line(clean, '    # figure: ims_lost 0'))
	assert run.rc == 1
	assert set(run.fails) == {'boot/vtd/bound_ims_lost_0'}, run.out
	assert 'did not run' in run.why('boot/vtd/bound_ims_lost_0')


# Logs with no results at all.

def test_empty_log_fails(report):
	run = report('')
	assert run.rc == 1
	assert run.why('kunit/x86_64/results') == 'no KUnit results'
	assert run.why('boot/vtd/results') == 'no guest KTAP'
	assert 'last line: (empty log)' in run.why('boot/vtd/finished')


@pytest.mark.parametrize('expect', [EXPECT, None], ids=['expect', 'no-expect'])
def test_no_guest_ktap_fails(report, clean, expect):
	"""The guest printed nothing between begin and end."""
	head, begin, rest = clean.partition('msi-boot: begin\n')
	text = head + begin + rest[rest.index('msi-boot: end\n'):]
	run = report(text, kunit=False, expect=expect)
	assert run.rc == 1
	assert run.why('boot/vtd/results') == 'no guest KTAP'


def test_module_ktap_documents_are_parsed(report, clean):
	"""A suite built as a module prints a KTAP document of its own when
	loaded: its results count as the built-in ones do."""
	text = clean.replace('1..2\n', '1..1\n', 1)
	text = replace_line(text, 'ok 1 irqdomain_free_bulk',
			    'ok 1 irqdomain_free_bulk', 'insmod pci_msi_kunit.ko',
			    'KTAP version 1', '1..1')
	text = replace_line(text, 'ok 2 pci_msix_mask', 'ok 1 pci_msix_mask')
	run = report(text, guest=False)
	assert run.rc == 0, run.out
	assert 'PASS kunit/x86_64/pci_msix_mask/unmask_restores_entry' in \
		run.results
