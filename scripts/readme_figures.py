#!/usr/bin/env python3
"""Copy the figures of the last `make test` into README.md.

Reads .cache/out/timings.txt and .cache/out/results.txt (written by
scripts/test.sh) and the figures of the scenarios it booted from
.cache/out/figures.json (scripts/figures.py; written first where it is
missing or older than the console logs), and replaces the block between
"<!-- BEGIN figures:LABEL -->" and "<!-- END figures:LABEL -->" in
README.md with them: the time of each stage, the result counts per kind
of test and the headline figures of each scenario.  The block is made
by this script only; no figure in it is typed.

LABEL "run" instead takes the report of the last `make run`
(.cache/out/run-report.txt, or --from FILE) as the README's sample of that
command's output, and LABEL "compare" the summary of the last `make
compare` (.cache/out/compare-summary.txt) with its headline figures.

Usage: readme_figures.py LABEL [--note TEXT] [--from FILE]
       (make figures LABEL=... [NOTE=...])
"""

import argparse
import os
import re
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(TOP, '.cache', 'out')
sys.path.insert(0, os.path.join(TOP, 'scripts'))
import figures  # noqa: E402  (the figures of the console logs, as JSON)

# The figure lines the README shows.
HEADLINE = re.compile(
    r'^(grow|vfio grow|xhci_rebind|msix_rebind|its_lpis|'
    r'ims_vectors|ims_lost|mask:|xhci_block|v2m_room|ims \d|'
    r'alloc_under_msi|its_economy|msi_moving|msi_hotplug|race|'
    r'fail_nth)')


def read(path):
    with open(path) as f:
        return f.read().splitlines()


def stage_rows(out):
    rows = []
    for line in read(os.path.join(out, 'timings.txt')):
        m = re.match(r'^(.*?)\s+(\d+) s(?:\s+(.*))?$', line)
        if m:
            rows.append((m.group(1), int(m.group(2)), m.group(3) or ''))
    return rows


def mmss(s):
    return f'{s // 60}:{s % 60:02d}'


def counts(out):
    """Results of the run in out per kind of test: {kind: {status: n}}."""
    per = {}
    for line in read(os.path.join(out, 'results.txt')):
        status, name = line.split(' ', 1)
        kind = '/'.join(name.split('/')[:2]) if name.startswith(
            ('boot/', 'kunit/')) else name.split('/')[0]
        per.setdefault(kind, {}).setdefault(status, 0)
        per[kind][status] += 1
    return per


def scenario_figures(out, variant):
    """One line per scenario of variant: its boot time and headline
    figures, as figures.py wrote them into figures.json."""
    per = {}
    for rec in figures.load(out):
        if rec['variant'] == variant:
            per.setdefault(rec['scenario'], []).append(rec)
    out = []
    for s in figures.SCENARIOS:
        if s not in per:
            continue
        secs = [r['value'] for r in per[s] if r['figure'] == 'boot']
        keep = [r['value'] for r in per[s] if r['figure'] == 'line'
                and HEADLINE.match(r['value'])]
        boot = f'{secs[0]:.1f}' if secs else '?'
        out.append(f'- {s}: boot {boot} s; ' + '; '.join(keep))
    return out


def tooling_commit(out):
    """The tooling commit of the clone whose .cache/out out is."""
    clone = os.path.dirname(os.path.dirname(os.path.abspath(out)))
    return subprocess.run(['git', '-C', clone, 'rev-parse', '--short',
                           'HEAD'], capture_output=True, text=True,
                          check=False).stdout.strip()


def block(out, label, note):
    commit = tooling_commit(out)
    lines = [f'<!-- BEGIN figures:{label} -->',
             f'`make test` ({label}{", " + note if note else ""}; '
             f'tooling commit {commit or "?"}), copied by '
             '`scripts/readme_figures.py` from `.cache/out/`:', '',
             '| stage | time | status |', '|---|---|---|']
    for name, secs, status in stage_rows(out):
        lines.append(f'| {name} | {mmss(secs)} | {status} |')
    lines += ['', '| tests | passed | failed | skipped |', '|---|---|---|---|']
    total = {'PASS': 0, 'FAIL': 0, 'SKIP': 0}
    for kind, c in sorted(counts(out).items()):
        lines.append(f'| {kind} | {c.get("PASS", 0)} | {c.get("FAIL", 0)} '
                     f'| {c.get("SKIP", 0)} |')
        for k in total:
            total[k] += c.get(k, 0)
    lines.append(f'| **all** | **{total["PASS"]}** | **{total["FAIL"]}** '
                 f'| **{total["SKIP"]}** |')
    figs = scenario_figures(out, 'debug')
    if figs:
        lines += ['', 'Figures of the debug kernels in that run:', ''] + figs
    lines.append(f'<!-- END figures:{label} -->')
    return lines


def run_block(path):
    lines = ['<!-- BEGIN figures:run -->',
             'The last `make run` (copied by `scripts/readme_figures.py` '
             'from its report):', '']
    keep = False
    for line in read(path):
        keep = keep or 'booting scenario' in line
        if keep:
            lines.append('    ' + line if line else '')
    lines.append('<!-- END figures:run -->')
    return lines


def compare_block(out, note):
    """The summary of the last `make compare` (compare-summary.txt): the
    side-by-side table and the headline figures of base and patched."""
    commit = tooling_commit(out)
    lines = ['<!-- BEGIN figures:compare -->',
             f'`make compare` ({note + "; " if note else ""}tooling commit '
             f'{commit or "?"}), copied by `scripts/readme_figures.py` from '
             '`.cache/out/compare-summary.txt`; the headline figures only:',
             '']
    for line in read(os.path.join(out, 'compare-summary.txt')):
        m = re.match(r'^  (\S+) (base|patched): (.*)$', line)
        if m and not HEADLINE.match(m.group(3)):
            continue
        lines.append('    ' + line if line else '')
    lines.append('<!-- END figures:compare -->')
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('label')
    ap.add_argument('--note', default='')
    ap.add_argument('--from', dest='source')
    ap.add_argument('--readme', default=os.path.join(TOP, 'README.md'))
    ap.add_argument('--out', default=OUT,
                    help='the .cache/out of the run (another clone\'s)')
    args = ap.parse_args()
    if args.source is None:
        args.source = os.path.join(args.out, 'run-report.txt')
    text = read(args.readme)
    if args.label == 'run':
        new = run_block(args.source)
    elif args.label == 'compare':
        new = compare_block(args.out, args.note)
    else:
        new = block(args.out, args.label, args.note)
    begin, end = new[0], new[-1]
    if begin in text and end in text:
        i, j = text.index(begin), text.index(end)
        text[i:j + 1] = new
    else:
        sys.exit(f'{args.readme} has no "{begin}" ... "{end}" block')
    with open(args.readme, 'w') as f:
        f.write('\n'.join(text) + '\n')
    print('\n'.join(new))


if __name__ == '__main__':
    main()
