#!/usr/bin/env python3
"""Write the figures of the booted scenarios as JSON records.

Reads the console log of every scenario and variant there is,
OUT/<variant>/<scenario>.log (OUT is .cache/out), with report.py's
parsers, and its boot time OUT/<variant>/<scenario>.secs, and writes
OUT/figures.json: a list of records

    {"scenario": "its", "variant": "debug", "arch": "arm64",
     "figure": "grow_dyn", "value": 237637056, "unit": "ns", "n": 64}

"n" only where the figure is for N vectors or interrupts.  Figures:
  boot                      s      the scenario's boot, guest and power-off
  grow_reenable, grow_dyn   ns     N MSI-X vectors brought up one at a time
                                   by pci_msix.sh: MSI-X disabled and
                                   enabled again with one more vector each
                                   time, or allocated dynamically
  vfio_grow_reenable, vfio_grow_dyn  ns  the same through VFIO (vfio_msix)
  msix_alloc, msix_free, ims_alloc, ims_free  ns  N MSI-X vectors or IMS
                                   interrupts allocated, then freed
  <name>_<key>              count  the counts of the headline figures
                                   (COUNTS): msi_moving_lost,
                                   fail_nth_msix_grow_failed ..
  line                      text   each figure line as the report prints
                                   it (README.md's figures are these)
The order is fixed: variants and scenarios in the order of VARIANTS and
SCENARIOS, then the log's order.

Usage: figures.py [--out DIR] [--json FILE] [--quiet]
"""

import argparse
import json
import os
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(TOP, '.cache', 'out')
sys.path.insert(0, os.path.join(TOP, 'scripts'))
import report  # noqa: E402  (Log and the parsers of the figure lines)

VARIANTS = ('base', 'patched', 'debug', 'bisect')
SCENARIOS = {'vtd': 'x86_64', 'noiommu': 'x86_64', 'amd': 'x86_64',
             'its': 'arm64', 'v2m': 'arm64'}
# Headline figures whose key=value counts are kept: the figure line's first
# word, and its keys.  A word between the first and the counts (the part
# fail_nth injected into) becomes part of the figure's name.
COUNTS = {
    'msi_moving': ('raised', 'delivered', 'lost', 'moves'),
    'msi_hotplug': ('cycles', 'raised', 'delivered', 'lost'),
    'race': ('msix_failed', 'other_failed'),
    'fail_nth': ('injected', 'failed', 'tolerated'),
    'alloc_under_msi': ('msi_raised', 'msi_delivered', 'msi_lost'),
    'ims_vectors': ('allocated', 'fired', 'received'),
}


def count_records(fig):
    """(figure, value, unit, n) of the counts of one headline figure."""
    words = fig.split()
    if not words or words[0] not in COUNTS:
        return []
    name = words[0]
    if len(words) > 1 and '=' not in words[1] and not words[1].isdigit():
        name += '_' + words[1]
    out = []
    for key in COUNTS[words[0]]:
        value = report.field(fig, key)
        if value.isdigit():
            out.append((f'{name}_{key}', int(value), 'count', None))
    return out


def line_records(fig):
    """(figure, value, unit, n) of one figure line: the line itself, then
    what it measures."""
    out = [('line', fig, 'text', None)]
    for prefix, n, how, ns in report.grows([fig]):
        out.append((prefix.replace(' ', '_') + 'grow_' + how, ns, 'ns', n))
    for kind, n, alloc, free in report.timings([fig]):
        out += [(kind + '_alloc', alloc, 'ns', n),
                (kind + '_free', free, 'ns', n)]
    return out + count_records(fig)


def boot_secs(path):
    """The boot time in a .secs file, or None."""
    try:
        with open(path) as f:
            return float(f.read().split()[0])
    except (OSError, IndexError, ValueError):
        return None


def log_records(out, variant, scenario):
    """The records of one scenario's log and boot time in variant."""
    base = os.path.join(out, variant, scenario)
    rows = []
    secs = boot_secs(base + '.secs')
    if secs is not None:
        rows.append(('boot', secs, 's', None))
    if os.path.exists(base + '.log'):
        for fig in report.figures(report.Log(base + '.log').guest):
            rows += line_records(fig)
    head = {'scenario': scenario, 'variant': variant,
            'arch': SCENARIOS[scenario]}
    records = []
    for figure, value, unit, n in rows:
        rec = dict(head, figure=figure, value=value, unit=unit)
        if n is not None:
            rec['n'] = n
        records.append(rec)
    return records


def collect(out):
    """The records of every variant and scenario under out."""
    records = []
    for variant in VARIANTS:
        for scenario in SCENARIOS:
            records += log_records(out, variant, scenario)
    return records


def write(out, path=None):
    """Write the records of out to path (out/figures.json); return them."""
    records = collect(out)
    path = path or os.path.join(out, 'figures.json')
    tmp = path + '.tmp'
    with open(tmp, 'w') as f:
        f.write('[\n' + ',\n'.join(json.dumps(r) for r in records) + '\n]\n')
    os.replace(tmp, path)
    return records


def load(out):
    """The records of out/figures.json, written first where it is
    missing or older than a console log or boot time under out."""
    path = os.path.join(out, 'figures.json')
    logs = [os.path.join(out, v, s + ext) for v in VARIANTS
            for s in SCENARIOS for ext in ('.log', '.secs')]
    newest = max((os.path.getmtime(p) for p in logs if os.path.exists(p)),
                 default=0)
    if not os.path.exists(path) or os.path.getmtime(path) < newest:
        return write(out, path)
    with open(path) as f:
        return json.load(f)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', default=OUT,
                    help='the directory of the variants\' logs')
    ap.add_argument('--json', help='where to write (OUT/figures.json)')
    ap.add_argument('--quiet', action='store_true')
    args = ap.parse_args(argv)
    records = write(args.out, args.json)
    if not args.quiet:
        logs = sorted({(r['variant'], r['scenario']) for r in records})
        print(f'figures: {len(records)} records of {len(logs)} logs ('
              + ', '.join(f'{v}/{s}' for v, s in logs) + ') in '
              + (args.json or os.path.join(args.out, 'figures.json')))
    return 0


if __name__ == '__main__':
    sys.exit(main())
