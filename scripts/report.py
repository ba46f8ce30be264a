#!/usr/bin/env python3
"""Read the console logs of booted scenarios and report what they did.

A console log holds the kernel's boot-time KUnit KTAP, then the line
"msi-boot: begin", the guest's own KTAP (guest/init) and "msi-boot: end".
Both parts are parsed with the kernel's tools/testing/kunit/kunit.py, so a
missing or malformed result is a failure, never a silent pass.

Usage: report.py [--results FILE] [--kunit LOG]... [--guest LOG]...
  --kunit [NAME=]LOG  the KUnit results of the kernel (NAME) that printed LOG
  --guest LOG   the guest checks of LOG, with a table of its MSI-X devices
  --results F   append one "PASS name" / "FAIL name" line per test to F
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
MSIDEV = re.compile(r'#\s+msidev (\S+) (\S+) (.*)$')


def split_log(path):
    """Return (kernel part, guest part) of a console log."""
    with open(path, errors='backslashreplace') as f:
        lines = f.read().splitlines()
    kernel, guest, where = [], [], 'kernel'
    for line in lines:
        line = line.rstrip('\r')
        if line == BEGIN:
            where = 'guest'
        elif line == END:
            where = 'done'
        elif where == 'kernel':
            kernel.append(line)
        elif where == 'guest':
            guest.append(line)
    return kernel, guest


def kunit_parse(kunit_py, lines):
    """Run kunit.py parse on lines; return its JSON tree or None."""
    with tempfile.TemporaryDirectory() as tmp:
        inp = os.path.join(tmp, 'log')
        out = os.path.join(tmp, 'json')
        with open(inp, 'w') as f:
            f.write('\n'.join(lines) + '\n')
        subprocess.run([sys.executable, kunit_py, 'parse', '--json=' + out,
                        inp], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        if not os.path.exists(out):
            return None
        with open(out) as f:
            return json.load(f)


def leaves(group, path=()):
    """Yield (path, status) of every test case in a kunit.py JSON tree."""
    name = group.get('name', '')
    here = path if name == 'KUnit Test Group' else path + (name,)
    for case in group.get('test_cases', []):
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
# rebinds, the ITS's free LPIs and event usage around the rebinds, VFIO's
# MSI-X resizability and bring-up times, and what selftests print as
# "# figure: ..." (IMS delivery and losses, MSI-X and IMS timings).
FIGURES = re.compile(r'#\s+(?:figure: )?(\S+: \d+ MSI-X table entries.*|'
                     r'mask: .*|grow \d+ \w+ ns=.*|xhci_rebind .*|'
                     r'its_lpis .*|msix_rebind .*|vfio: MSI-X .*|'
                     r'vfio grow .*|(?<=figure: )\S+ .*)$')
TIMING = re.compile(r'^(msix|ims)_time n=(\d+) alloc_ns=(\d+) free_ns=(\d+)')


def figures(lines):
    return [m.group(1) for m in map(FIGURES.search, lines) if m]


def timing_table(figs):
    """Allocation + free per interrupt, MSI-X next to IMS, from the
    msix_time and ims_time figures of the same boot."""
    per = {}
    for m in filter(None, map(TIMING.match, figs)):
        kind, n, a, f = m.group(1), int(m.group(2)), int(m.group(3)), int(m.group(4))
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


def diagnostics(lines, name):
    """Why a test did not pass: the '# name: why' line printed before a
    failed test, or the reason of an 'ok N name # SKIP why'.  A selftest
    names its own tests without the prefix guest/init adds (pci_msix_...),
    so shorter and shorter suffixes of the name are tried too."""
    skip = re.compile(r'ok \d+ ' + re.escape(name) + r' # SKIP\s*(.*)$')
    for line in lines:
        m = skip.match(line.strip())
        if m:
            return m.group(1)
    parts = name.split('_')
    for i in range(len(parts) - 1):
        tag = '# ' + '_'.join(parts[i:]) + ':'
        for line in lines:
            s = line.strip()
            if s.startswith(tag):
                return s[len(tag):].strip()
    return ''


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--results')
    ap.add_argument('--kunit', action='append', default=[])
    ap.add_argument('--guest', action='append', default=[])
    ap.add_argument('--kunit-py', required=True)
    args = ap.parse_args()

    results = []
    for spec in args.kunit:
        tag, _, log = spec.rpartition('=')
        tag = tag or os.path.splitext(os.path.basename(log))[0]
        kernel, _ = split_log(log)
        tree = kunit_parse(args.kunit_py, kernel)
        cases = list(leaves(tree)) if tree else []
        if not cases:
            results.append(('kunit/' + tag + '/no-results', 'FAIL', log))
        for path, status in cases:
            results.append(('kunit/' + tag + '/' + '/'.join(path), status,
                            log))
        npass = sum(1 for _, s in cases if s == 'PASS')
        suites = sorted({p[0] for p, _ in cases if len(p) > 1})
        print(f'KUnit ({tag} kernel): {npass}/{len(cases)} passed; '
              f'suites: {", ".join(suites) or "none"}')

    for log in args.guest:
        tag = os.path.splitext(os.path.basename(log))[0]
        _, guest = split_log(log)
        print(f'Scenario {tag}: MSI-X devices')
        print('\n'.join(device_table(guest)))
        figs = figures(guest)
        for fig in figs:
            print(f'    figure: {fig}')
        for line in timing_table(figs):
            print(line)
        tree = kunit_parse(args.kunit_py, guest)
        cases = list(leaves(tree)) if tree else []
        if not cases:
            results.append(('boot/' + tag + '/no-results', 'FAIL', log))
        for path, status in cases:
            results.append(('boot/' + tag + '/' + path[-1], status, log))
            if status != 'PASS':
                word = 'SKIP' if status == 'SKIP' else 'FAIL'
                print(f'    {word} {path[-1]}: {diagnostics(guest, path[-1])}')
        npass = sum(1 for _, s in cases if s == 'PASS')
        nskip = sum(1 for _, s in cases if s == 'SKIP')
        print(f'    checks: {npass}/{len(cases)} passed' +
              (f', {nskip} skipped' if nskip else ''))

    failed = [r for r in results if r[1] not in ('PASS', 'SKIP')]
    for name, status, log in failed:
        print(f'FAIL {name} ({status}); console log: {log}')
    if args.results:
        with open(args.results, 'a') as f:
            for name, status, _ in results:
                f.write(f'{"FAIL" if status not in ("PASS", "SKIP") else status} {name}\n')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
