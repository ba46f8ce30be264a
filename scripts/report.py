#!/usr/bin/env python3
"""Read the console logs of booted scenarios and report what they did.

A console log holds the kernel's boot-time KUnit KTAP, then the line
"msi-boot: begin", the guest's own KTAP (guest/init), "msi-boot: end", the
whole kernel log between "msi-boot: dmesg" and "msi-boot: dmesg end" and
"msi-boot: tainted <flags>".  Both KTAP parts are parsed with the kernel's
tools/testing/kunit/kunit.py.  A test fails when:
  - its KTAP says so, or kunit.py finds errors in the KTAP (a plan that
    does not match the results, a malformed line);
  - it is in the checked-in list of what must run (--expect) and did not
    run, or skipped where the list does not allow it; a result that is not
    in the list fails too (the list is out of date);
  - the kernel reported a bug anywhere in the log (a WARNING, BUG, Oops,
    lockdep, KASAN, UBSAN or kmemleak report, a hung task, an interrupt
    nobody cared for), the taint flags other than TAINT_TEST are not 0,
    or the log ends before the guest finished;
  - a headline figure is past its bound (BOUNDS).

Usage: report.py --kunit-py PATH [--results FILE] [--expect DIR]
                 [--update-expect] [--kunit [NAME=]LOG]... [--guest LOG]...
  --kunit [NAME=]LOG  the KUnit results of the kernel (NAME) that printed LOG
  --guest LOG   the guest checks of LOG (its scenario is the file name),
                with a table of its MSI-X devices and its figures
  --expect DIR  DIR/kunit-NAME.txt ("suite cases" lines) and
                DIR/boot-SCENARIO.txt ("check" or "check skip" lines)
  --update-expect  write those lists from these logs instead of checking
  --results F   append one "PASS name" / "FAIL name" / "SKIP name" line
                per test to F
Exits 1 if any test failed or any result is missing.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

BEGIN = 'msi-boot: begin'
END = 'msi-boot: end'
DMESG = 'msi-boot: dmesg'
DMESG_END = 'msi-boot: dmesg end'
TAINTED = re.compile(r'^msi-boot: tainted (\d+)$')
MSIDEV = re.compile(r'#\s+msidev (\S+) (\S+) (.*)$')
# KUnit taints the kernel with TAINT_TEST (bit 18) whenever a suite runs.
TAINT_TEST = 1 << 18
# VFIO taints it with TAINT_USER (bit 6) when a group is opened in no-IOMMU
# mode, which the guest does on purpose where there is no IOMMU: masked
# only in those scenarios and where the log says that VFIO set it.
NOIOMMU_SCENARIOS = ('noiommu', 'its', 'v2m')
TAINT_USER = 1 << 6
VFIO_NOIOMMU_TAINT = 'Adding kernel taint for vfio-noiommu group'
TIMESTAMP = re.compile(r'^\[\s*\d+\.\d+\]\s?')

# What the kernel prints when it finds a bug in itself.  Any of these
# anywhere in a console log fails the scenario.
SPLATS = re.compile(
    r'WARNING:|BUG:|Oops|Call [Tt]race:|Kernel panic|'
    r'general protection fault|Unable to handle kernel|Internal error:|'
    r'INFO: task \S+ blocked|irq \d+: nobody cared|Disabling IRQ #|'
    r'UBSAN:|KASAN:|ODEBUG:|unreferenced object 0x|'
    r'suspected memory leak|possible recursive locking|'
    r'circular locking dependency|inconsistent lock state|'
    r'list_(add|del) corruption|rcu: INFO:|self-detected stall|'
    r'soft lockup|hard LOCKUP|\[ cut here \]|'
    r'INFO: trying to register non-static key|page allocation failure|'
    r'memory leak detector disabled|kmemleak scan failed')


class Log:
    """The parts of one console log."""

    def __init__(self, path):
        with open(path, errors='backslashreplace') as f:
            lines = [line.rstrip('\r') for line in f.read().splitlines()]
        self.path = path
        self.lines = lines
        self.kernel, self.guest, self.dmesg = [], [], []
        self.ended = self.dumped = False
        self.taint = None
        where = self.kernel
        for line in lines:
            m = TAINTED.match(line)
            if line == BEGIN:
                where = self.guest
            elif line == END:
                self.ended, where = True, None
            elif line == DMESG:
                where = self.dmesg
            elif line == DMESG_END:
                self.dumped, where = True, None
            elif m:
                self.taint = int(m.group(1))
            elif where is not None:
                where.append(line)


def one_ktap(lines):
    """lines with their KTAP documents made one.  KUnit prints a document
    of its own for the built-in suites and for each module it runs suites
    of when loaded; kunit.py parses only the first.  The documents after
    it lose their header and plan, and their top-level results are
    numbered on."""
    docs = [i for i, line in enumerate(lines) if line == 'KTAP version 1']
    if len(docs) < 2:
        return lines
    body, n = [], 0
    for line in lines[docs[0]:]:
        if line == 'KTAP version 1' or re.match(r'^1\.\.\d+$', line):
            continue
        m = re.match(r'^(ok|not ok) \d+ (.*)$', line)
        if m:
            n += 1
            line = f'{m[1]} {n} {m[2]}'
        body.append(line)
    return lines[:docs[0]] + ['KTAP version 1', f'1..{n}'] + body


def kunit_parse(kunit_py, lines):
    """Run kunit.py parse on lines; return (JSON tree or None, errors)."""
    with tempfile.TemporaryDirectory() as tmp:
        inp = os.path.join(tmp, 'log')
        out = os.path.join(tmp, 'json')
        with open(inp, 'w') as f:
            f.write('\n'.join(lines) + '\n')
        run = subprocess.run([sys.executable, kunit_py, 'parse',
                              '--json=' + out, inp], capture_output=True,
                             text=True, check=False)
        m = re.findall(r'errors: (\d+)', run.stdout)
        errors = int(m[-1]) if m else 0
        if run.returncode not in (0, 1) or not os.path.exists(out):
            return None, errors
        with open(out) as f:
            return json.load(f), errors


def leaves(group, path=()):
    """Yield (path, status) of every test case in a kunit.py JSON tree.
    For each result that a plan promises and the KTAP lacks, kunit.py
    makes up a nameless ERROR case: that is left out, as kunit.py counts
    it as an error of the KTAP and the expected lists name what is
    missing."""
    name = group.get('name', '')
    here = path if name == 'KUnit Test Group' else path + (name,)
    for case in group.get('test_cases', []):
        if case['name'] or case['status'] != 'ERROR':
            yield here + (case['name'],), case['status']
    for sub in group.get('sub_groups', []):
        yield from leaves(sub, here)


def field(rest, key):
    m = re.search(r'\b' + key + r'=(\S*)', rest)
    return m.group(1) if m else '?'


def device_table(guest):
    rows = []
    for line in guest:
        m = MSIDEV.search(line)
        if not m:
            continue
        bdf, label, rest = m.groups()
        before, after = field(rest, 'before'), field(rest, 'after')
        delivered = (int(after) - int(before)
                     if before.isdigit() and after.isdigit() else '-')
        rows.append((bdf, label, field(rest, 'vectors'), field(rest, 'chip'),
                     field(rest, 'chain').replace('>', ' > '),
                     str(delivered)))
    if not rows:
        return ['    (no MSI-X device reported)']
    head = ('device', 'driver', 'vectors', 'chip', 'domain chain',
            'delivered')
    width = [max(len(r[i]) for r in rows + [head]) for i in range(5)]
    out = []
    for r in [head] + rows:
        out.append('    ' + '  '.join(r[i].ljust(width[i]) for i in range(5))
                   + '  ' + r[5])
    return out


# Diagnostic lines of the guest that carry figures: dynamic MSI-X support,
# device writes per disable/enable round, bring-up times, xhci and MSI-X
# rebinds, xhci's Multi-MSI block on GICv2m and the frame's SPIs left, the
# ITS's free LPIs and event usage around the rebinds, VFIO's MSI-X
# resizability and bring-up times, IMS filled next to MSI-X or MSI while
# they fire, and what the guest and the selftests print as "# figure: ..."
# (IMS delivery and losses, MSI-X and IMS timings, the ITS's LPI economy).
FIGURES = re.compile(r'#\s+(?:figure: )?(\S+: \d+ MSI-X table entries.*|'
                     r'mask: .*|grow \d+ \w+ ns=.*|xhci_rebind .*|'
                     r'its_lpis .*|msix_rebind .*|vfio: MSI-X .*|'
                     r'vfio grow .*|xhci_block .*|v2m_room .*|'
                     r'ims \d+ \d+ delivered=.*|alloc_under_msi .*|'
                     r'(?<=figure: )\S+ .*)$')
TIMING = re.compile(r'^(msix|ims)_time n=(\d+) alloc_ns=(\d+) free_ns=(\d+)')
GROW = re.compile(r'^(vfio )?grow (\d+) (reenable|dyn) ns=(\d+)')


def figures(lines):
    return [m.group(1) for m in map(FIGURES.search, lines) if m]


def timings(figs):
    """(kind, n, alloc_ns, free_ns) of each msix_time and ims_time figure:
    N interrupts allocated, then freed, kind "msix" or "ims"."""
    for m in filter(None, map(TIMING.match, figs)):
        yield m.group(1), int(m.group(2)), int(m.group(3)), int(m.group(4))


def grows(figs):
    """(prefix, n, how, ns) of each grow figure: N vectors brought up one
    at a time by pci_msix.sh (prefix "") or vfio_msix ("vfio "), how
    "reenable" or "dyn"."""
    for m in filter(None, map(GROW.match, figs)):
        yield m.group(1) or '', int(m.group(2)), m.group(3), int(m.group(4))


def timing_table(figs):
    """Allocation + free per interrupt, MSI-X next to IMS, from the
    msix_time and ims_time figures of the same boot."""
    per = {}
    for kind, n, a, f in timings(figs):
        per.setdefault(n, {})[kind] = (a + f) / n / 1000
    if not per:
        return []
    out = ['    alloc+free per interrupt (us), same boot:',
           '            N    MSI-X      IMS']
    for n in sorted(per):
        cell = [f'{per[n][k]:8.1f}' if k in per[n] else '       -'
                for k in ('msix', 'ims')]
        out.append(f'        {n:5} {cell[0]} {cell[1]}')
    return out


def grow_ratio(prefix):
    """Bound: bringing up N vectors one at a time by dynamic allocation is
    at least 20 times faster than by disabling and re-enabling MSI-X for
    each, both measured in the same boot.  Re-enabling sets up 1 + 2 + ..
    + N vectors against N, so the gap grows with N: for fewer than 80
    vectors (a GICv2m frame's 44) the bound is N / 4 times."""
    def check(figs):
        ns, want = {}, 20
        for pre, n, how, t in grows(figs):
            if pre == prefix:
                ns[how], want = t, min(20, n // 4)
        if 'reenable' not in ns or 'dyn' not in ns:
            return None
        ratio = ns['reenable'] / max(ns['dyn'], 1)
        return (ratio >= want,
                f'{prefix}grow: re-enable/dynamic = {ratio:.1f}, '
                f'want >= {want}')
    return check


def ims_lost(figs):
    """Bound: no IMS interrupt lost while the affinity moves."""
    for fig in figs:
        m = re.match(r'^ims_lost (\d+)$', fig)
        if m:
            return int(m.group(1)) == 0, f'{m.group(1)} IMS interrupts lost'
    return None


# name -> check(figures) returning None when the figure is not there (the
# expected list then reports the bound as missing where it must run), or
# (passed, what was measured).
BOUNDS = {
    'bound_grow_dyn_20x': grow_ratio(''),
    'bound_vfio_grow_dyn_20x': grow_ratio('vfio '),
    'bound_ims_lost_0': ims_lost,
}


def diagnostics(lines, name):
    """Why a test did not pass: the '# name: why' line printed before a
    failed test, or the reason of an 'ok N name # SKIP why'; a skip
    ktap_test_skip() printed has none after SKIP, its test printed the
    '# name: why' line before.  A selftest names its own tests without
    the prefix guest/init adds (pci_msix_...), so shorter and shorter
    suffixes of the name are tried too."""
    skip = re.compile(r'ok \d+ ' + re.escape(name) + r' # SKIP\s*(.*)$')
    for line in lines:
        m = skip.match(line.strip())
        if m and m.group(1):
            return m.group(1)
    parts = name.split('_')
    for i in range(len(parts) - 1):
        tag = '# ' + '_'.join(parts[i:]) + ':'
        for line in lines:
            s = line.strip()
            if s.startswith(tag):
                return s[len(tag):].strip()
    return ''


def first_splat(lines):
    """(count, first line) of the kernel's bug reports in lines.  The
    "[ cut here ]" a WARNING or UBSAN report starts with names nothing:
    the first line is the first other one, where there is one."""
    hits = [TIMESTAMP.sub('', line) for line in lines if SPLATS.search(line)]
    named = [hit for hit in hits if '[ cut here ]' not in hit] or hits
    return len(hits), (named[0] if named else '')


def kernel_health(log, scenario):
    """Results for what the kernel said of itself during one boot."""
    res = []
    last = next((line for line in reversed(log.lines) if line.strip()),
                '(empty log)')
    done = log.ended and log.dumped and log.taint is not None
    res.append(('finished', done, '' if done else
                'the log ends before the guest finished (no '
                + ('"' + END + '"' if not log.ended else
                   'kernel log dump' if not log.dumped else 'taint line')
                + f'); last line: {last.strip()[:160]}'))
    count, line = first_splat(log.lines)
    res.append(('kernel_log_clean', count == 0,
                f'{count} kernel report lines, first: {line[:200]}'))
    if log.taint is not None:
        mask, masked = TAINT_TEST, 'TAINT_TEST'
        if scenario in NOIOMMU_SCENARIOS and any(
                VFIO_NOIOMMU_TAINT in line for line in log.lines):
            mask |= TAINT_USER
            masked += ' and VFIO no-IOMMU\'s TAINT_USER'
        bad = log.taint & ~mask
        res.append(('not_tainted', bad == 0,
                    f'taint flags {log.taint:#x} ({masked} masked: '
                    f'{bad:#x})'))
    else:
        res.append(('not_tainted', False, 'no taint value in the log'))
    return res


def read_expect(path):
    """{name: value} of a list: 'name' or 'name value' per line."""
    if not os.path.exists(path):
        return None
    want = {}
    with open(path) as f:
        for line in f:
            line = line.split('#', 1)[0].strip()
            if line:
                name, _, value = line.partition(' ')
                want[name] = value.strip()
    return want


def write_expect(path, header, items):
    with open(path, 'w') as f:
        f.write(header)
        for name, value in items:
            f.write(f'{name} {value}'.rstrip() + '\n')


class Report:
    def __init__(self, args):
        self.args = args
        self.results = []       # (name, PASS|FAIL|SKIP, why, log)

    def add(self, name, status, why='', log=''):
        self.results.append((name, status, why, log))
        if status == 'FAIL':
            print(f'    FAIL {name.split("/")[-1]}: {why}')

    def expect_file(self, kind, tag):
        if not self.args.expect:
            return None
        return os.path.join(self.args.expect, f'{kind}-{tag}.txt')

    def kunit(self, spec):
        tag, _, path = spec.rpartition('=')
        tag = tag or os.path.splitext(os.path.basename(path))[0]
        log = Log(path)
        tree, errors = kunit_parse(self.args.kunit_py, one_ktap(log.kernel))
        cases = list(leaves(tree)) if tree else []
        suites = {}
        for p, _ in cases:
            suites[p[0]] = suites.get(p[0], 0) + 1
        npass = sum(1 for _, s in cases if s == 'PASS')
        print(f'KUnit ({tag} kernel): {npass}/{len(cases)} passed; '
              f'suites: {", ".join(sorted(suites)) or "none"}')
        pre = f'kunit/{tag}/'
        if not cases:
            self.add(pre + 'results', 'FAIL', 'no KUnit results', path)
        self.add(pre + 'ktap', 'PASS' if not errors else 'FAIL',
                 f'kunit.py found {errors} errors in the KTAP', path)
        # No KUnit case of these kernels may skip: one that does has not
        # tested anything.
        for p, status in cases:
            self.add(pre + '/'.join(p), 'PASS' if status == 'PASS' else 'FAIL',
                     f'KUnit says {status}', path)
        efile = self.expect_file('kunit', tag)
        if efile and self.args.update_expect:
            write_expect(efile, '# KUnit suites that must run on the '
                         f'{tag} kernel, and their number of cases.\n',
                         sorted((s, str(n)) for s, n in suites.items()))
            return
        want = read_expect(efile) if efile else None
        if efile and want is None:
            self.add(pre + 'expected_list', 'FAIL', f'{efile} missing', path)
        for suite, n in sorted((want or {}).items()):
            got = suites.get(suite, 0)
            if got != int(n or 0):
                self.add(pre + suite + '/expected', 'FAIL',
                         f'suite {suite}: {got} cases ran, {n} expected '
                         f'({os.path.basename(efile)})', path)
        for suite in sorted(set(suites) - set(want or suites)):
            self.add(pre + suite + '/expected', 'FAIL',
                     f'suite {suite} is not in {os.path.basename(efile)}',
                     path)

    def guest(self, path):
        tag = os.path.splitext(os.path.basename(path))[0]
        pre = f'boot/{tag}/'
        log = Log(path)
        print(f'Scenario {tag}: MSI-X devices')
        print('\n'.join(device_table(log.guest)))
        figs = figures(log.guest)
        for fig in figs:
            print(f'    figure: {fig}')
        for line in timing_table(figs):
            print(line)
        tree, errors = kunit_parse(self.args.kunit_py, log.guest)
        cases = [(p[-1], s) for p, s in (leaves(tree) if tree else [])]
        # kunit.py writes a tree even when it finds no KTAP at all.
        ran = bool(cases)
        # Why the host's own checks failed: the bounds and the kernel's log.
        reasons = {}
        for name, check in BOUNDS.items():
            got = check(figs)
            if got is not None:
                cases.append((name, 'PASS' if got[0] else 'FAIL'))
                reasons[name] = got[1]
        for name, ok, why in kernel_health(log, tag):
            cases.append((name, 'PASS' if ok else 'FAIL'))
            reasons[name] = why
        if not ran:
            self.add(pre + 'results', 'FAIL', 'no guest KTAP', path)
        self.add(pre + 'ktap', 'PASS' if not errors else 'FAIL',
                 f'kunit.py found {errors} errors in the guest KTAP', path)

        efile = self.expect_file('boot', tag)
        if efile and self.args.update_expect:
            write_expect(efile, f'# Checks scenario {tag} must run, in '
                         'order; "skip" where a SKIP is allowed.\n',
                         [(n, 'skip' if s == 'SKIP' else '')
                          for n, s in cases])
        want = read_expect(efile) if efile else None
        if efile and want is None and not self.args.update_expect:
            self.add(pre + 'expected_list', 'FAIL', f'{efile} missing', path)
        seen = set()
        for name, status in cases:
            seen.add(name)
            st = status_of(status)
            why = reasons.get(name) or diagnostics(log.guest, name)
            if want is not None and not self.args.update_expect:
                if name not in want:
                    st, why = 'FAIL', (f'not in {os.path.basename(efile)} '
                                       f'(ran: {status})')
                elif st == 'SKIP' and want[name] != 'skip':
                    st, why = 'FAIL', f'skipped where it must run: {why}'
            if st == 'SKIP':
                print(f'    SKIP {name}: {why}')
            self.results.append((pre + name, st, why, path))
            if st == 'FAIL':
                print(f'    FAIL {name}: {why}')
        if want is not None and not self.args.update_expect:
            for name in want:
                if name not in seen:
                    self.add(pre + name, 'FAIL', 'did not run (in '
                             f'{os.path.basename(efile)})', path)
        npass = sum(1 for r in self.results
                    if r[0].startswith(pre) and r[1] == 'PASS')
        ntot = sum(1 for r in self.results if r[0].startswith(pre))
        nskip = sum(1 for r in self.results
                    if r[0].startswith(pre) and r[1] == 'SKIP')
        print(f'    checks: {npass}/{ntot} passed' +
              (f', {nskip} skipped' if nskip else ''))


def status_of(status):
    return status if status in ('PASS', 'SKIP') else 'FAIL'


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument('--results')
    ap.add_argument('--kunit', action='append', default=[])
    ap.add_argument('--guest', action='append', default=[])
    ap.add_argument('--kunit-py', required=True)
    ap.add_argument('--expect')
    ap.add_argument('--update-expect', action='store_true')
    args = ap.parse_args(argv)

    rep = Report(args)
    for spec in args.kunit:
        rep.kunit(spec)
    for path in args.guest:
        rep.guest(path)

    failed = [r for r in rep.results if r[1] == 'FAIL']
    for name, _, why, log in failed:
        print(f'FAIL {name}: {why}; console log: {log}')
    if args.results:
        with open(args.results, 'a') as f:
            for name, status, _, _ in rep.results:
                f.write(f'{status} {name}\n')
    return 1 if failed or not rep.results else 0


if __name__ == '__main__':
    sys.exit(main())
