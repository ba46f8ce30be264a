#!/usr/bin/env python3
"""Copy the figures of the last `make test` into the cover letter.

The cover letter is the description of the work tree's branch (git
config branch.series.description, exported by scripts/export.sh).  Its
paragraph that starts with the line HEADER is replaced by the counts of
.cache/out/results.txt, the KUnit cases the series adds (expect/ against
the base's suites) and the headline figures of each scenario from
.cache/out/figures.json, so that no count or figure in it is typed;
the paragraph that starts with CMP_HEADER likewise by the summary of the
last `make compare` (.cache/out/compare-summary.txt), where there is one.
The paragraph is the header, an empty line and the items, up to the
next empty line.

Usage: cover_figures.py [--out DIR] [--print]   (make cover)
"""

import argparse
import os
import re
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, 'scripts'))
import figures  # noqa: E402
import readme_figures  # noqa: E402

SRC = os.path.join(TOP, '.cache', 'linux')
HEADER = 'Figures of the last run'
# and the paragraph of the last make compare, where there is one
CMP_HEADER = 'Base against patched'
# The figures of that paragraph: what the fixes and the new capabilities
# change, side by side
CMP_FIGURES = re.compile(r'^(xhci_block|xhci_rebind|its_lpis|vfio: |mask: |'
                         r'grow \d+ |vfio grow \d+ |its_economy |ims_vectors)')
# Suites of the series (the base's kernels run the others too)
SERIES_SUITES = ('irqdomain_free_bulk', 'msi_device_domain', 'pci_msix_mask',
                 'pci_ims', 'pci_msi_misuse')
WIDTH = 72


def wrap(text, indent='  - ', cont='    '):
    """Lines of at most WIDTH columns, the first with indent."""
    out, line = [], indent
    for word in text.split():
        if len(line) + len(word) + 1 > WIDTH and line.strip() not in ('', '-'):
            out.append(line.rstrip())
            line = cont
        line += word + ' '
    out.append(line.rstrip())
    return out


def kunit_cases(arch):
    """{suite: cases} of the suites expect/ requires on arch's kernel."""
    cases = {}
    with open(os.path.join(TOP, 'expect', f'kunit-{arch}.txt')) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 2 and not line.startswith('#'):
                cases[parts[0]] = int(parts[1])
    return cases


def per_scenario(out):
    """{scenario: {figure: value}} of the debug kernels' numeric figures."""
    per = {}
    for rec in figures.load(out):
        if rec['variant'] == 'debug' and rec['unit'] != 'text':
            per.setdefault(rec['scenario'], {})[rec['figure']] = rec['value']
    return per


def scenario_line(name, f):
    parts = []
    inj = sum(v for k, v in f.items()
              if k.startswith('fail_nth_') and k.endswith('_injected'))
    if inj:
        parts.append(f'{inj} allocation failures injected')
    if 'msi_moving_raised' in f:
        parts.append(f"MSI raised {f['msi_moving_raised']} times while it "
                     f"moved {f.get('msi_moving_moves', '?')} times, "
                     f"{f.get('msi_moving_lost', '?')} lost")
    if 'msi_hotplug_cycles' in f:
        parts.append(f"{f['msi_hotplug_cycles']} CPU offline/online cycles, "
                     f"{f.get('msi_hotplug_delivered', '?')} of "
                     f"{f.get('msi_hotplug_raised', '?')} delivered")
    if 'race_msix_failed' in f:
        parts.append(f"MSI-X/IMS race: {f['race_msix_failed']} and "
                     f"{f.get('race_other_failed', '?')} failed")
    if 'grow_dyn' in f and 'grow_reenable' in f:
        parts.append(f"MSI-X grown one at a time in {f['grow_dyn'] / 1e9:.2f} s, "
                     f"{f['grow_reenable'] / 1e9:.1f} s by re-enabling")
    return wrap(f'{name}: ' + '; '.join(parts) + '.')


def paragraph(out):
    per_kind = readme_figures.counts(out)
    total = {k: sum(c.get(k, 0) for c in per_kind.values())
             for k in ('PASS', 'FAIL', 'SKIP')}
    lines = [HEADER + ' (make test, debug kernels; copied from its',
             'results by the tooling, scripts/cover_figures.py):', '']
    lines += wrap(f"{total['PASS']} tests passed, {total['FAIL']} failed, "
                  f"{total['SKIP']} skipped (every KTAP case, patch, "
                  'build and kernel log check counts once).')
    for arch in ('x86_64', 'arm64'):
        cases = kunit_cases(arch)
        ours = {s: cases[s] for s in SERIES_SUITES if s in cases}
        base = sum(cases.values()) - sum(ours.values())
        lines += wrap(f'KUnit at boot, {arch}: {sum(ours.values())} cases of '
                      f'the series in {len(ours)} suites ('
                      + ', '.join(f'{s} {n}' for s, n in ours.items())
                      + f') and {base} of the base.')
    per = per_scenario(out)
    for s in figures.SCENARIOS:
        if s in per:
            lines += scenario_line(s, per[s])
    return lines


def compare_paragraph(out):
    """The side-by-side summary of the last make compare, or None."""
    path = os.path.join(out, 'compare-summary.txt')
    if not os.path.exists(path):
        return None
    with open(os.path.join(TOP, 'base.conf')) as f:
        tests = re.search(r'^BASE_TESTS="([^"]*)"', f.read(), re.M)[1]
    lines = wrap(f'{CMP_HEADER} (make compare: the base with patches '
                 f'{", ".join(tests.split())} and the patched kernel, both '
                 'plain; copied from its summary by scripts/cover_figures.py): '
                 'guest checks passed and boot time, then the figures which '
                 'show what the series changes:', indent='', cont='')
    lines.append('')
    for line in readme_figures.read(path):
        m = re.match(r'^(\w+)\s+(\d+/\d+) pass, (\S+)s\s+'
                     r'(\d+/\d+) pass, (\S+)s$', line)
        if m:
            lines += wrap(f'{m[1]}: base {m[2]} in {m[3]} s, '
                          f'patched {m[4]} in {m[5]} s.')
            continue
        m = re.match(r'^  (\w+ (?:base|patched)): (.*)$', line)
        if m and CMP_FIGURES.match(m[2]):
            lines += wrap(f'{m[1]}: {m[2].strip()}')
    return lines


def replace(text, header, new):
    """text with the paragraph starting with header replaced by new."""
    starts = [i for i, line in enumerate(text) if line.startswith(header)]
    if not starts:
        sys.exit(f'the cover letter has no paragraph "{header} ..."')
    i = starts[0]
    # The header, an empty line, the items; or the header alone
    j = text.index('', i)
    if j + 1 < len(text) and text[j + 1].startswith('  - '):
        j = text.index('', j + 1)
    text[i:j] = new
    return text


def git_config(*args):
    return subprocess.run(['git', '-C', SRC, 'config', *args],
                          capture_output=True, text=True, check=False)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', default=os.path.join(TOP, '.cache', 'out'))
    ap.add_argument('--print', action='store_true',
                    help='print the paragraph, change nothing')
    args = ap.parse_args()
    new = paragraph(args.out)
    cmp = compare_paragraph(args.out)
    if args.print:
        print('\n'.join(new + ([''] + cmp if cmp else [])))
        return
    text = git_config('branch.series.description').stdout.rstrip('\n').split('\n')
    text = replace(text, HEADER, new)
    if cmp:
        text = replace(text, CMP_HEADER, cmp)
        new += [''] + cmp
    if git_config('branch.series.description', '\n'.join(text)).returncode:
        sys.exit('cannot write the cover letter (git config)')
    print('\n'.join(new))


if __name__ == '__main__':
    main()
