#!/usr/bin/env python3
"""Draw the figures of figures.json as the README's two plots.

  P1  docs/p1-grow.png: the time to bring up N MSI-X vectors one at a
      time with pci_msix.sh, by disabling and re-enabling MSI-X with one
      more vector each time ("re-enable") and by dynamic allocation,
      pci_msix_alloc_irq_at() ("grow"); one bar each per scenario and
      variant, x86_64 and arm64 side by side.
  P2  docs/p2-alloc-free.png: allocating and then freeing N interrupts,
      per interrupt, against N: MSI-X next to PCI/IMS, one panel per
      scenario.

Only what the logs measured is drawn: a variant or scenario without the
figures is named as missing in the panel's title, never filled in.  A
plot with no figures at all is not drawn and its last PNG is kept.

Usage: plot.py [--out DIR] [--json FILE] [--docs DIR]
  --out   the directory of the runs' logs (.cache/out): figures.json
          there, written first by figures.py where missing or stale
  --json  read this figures.json instead
  --docs  where the PNG files go (docs/)
"""

import argparse
import json
import os
import sys

try:
    import matplotlib
except ImportError:
    sys.exit('plot.py: python3-matplotlib is missing (run \'make deps\')')
matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.ticker  # noqa: E402

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, 'scripts'))
import figures  # noqa: E402  (figures.json and its scenarios)

DOCS = os.path.join(TOP, 'docs')
# The variants in the order drawn, and their colours; base and patched are
# what make compare compares, so a missing one is said.
COLOURS = {'base': 'tab:gray', 'patched': 'tab:blue',
           'debug': 'tab:orange', 'bisect': 'tab:purple'}
COMPARED = ('base', 'patched')
# P1: figure -> (label, hatch)
GROW = {'grow_reenable': ('re-enable MSI-X per vector', '//'),
        'grow_dyn': ('grow (dynamic allocation)', '')}
# P2: kind -> (label, line style, marker)
KINDS = {'msix': ('MSI-X', '-', 'o'), 'ims': ('PCI/IMS', '--', 's')}
# P2's figures, and how a missing one is named
TIMED = {'msix_alloc': 'MSI-X', 'ims_alloc': 'IMS'}


def select(records, **want):
    """The records whose fields have the values of want."""
    return [r for r in records
            if all(r.get(k) == v for k, v in want.items())]


def arch_scenarios():
    """{arch: [scenario, ..]} in figures.SCENARIOS' order."""
    out = {}
    for scenario, arch in figures.SCENARIOS.items():
        out.setdefault(arch, []).append(scenario)
    return out


def shown_variants(records):
    """The variants to draw or to name as missing: base and patched, and
    any other that has figures here."""
    have = {r['variant'] for r in records}
    return [v for v in COLOURS if v in COMPARED or v in have]


def missing_note(records, scenarios, names, variants):
    """'no data: ...' naming, per variant, the scenarios without any of
    the figures names, and the figures missing where some are there."""
    parts = []
    for variant in variants:
        gaps = []
        for s in scenarios:
            got = {r['figure']
                   for r in select(records, variant=variant, scenario=s)}
            lack = [names[f] for f in names if f not in got]
            if len(lack) == len(names):
                gaps.append(s)
            elif lack:
                gaps.append(' '.join([s] * (len(scenarios) > 1) + lack))
        if gaps == scenarios:
            parts.append(f'{variant} (all)')
        elif gaps:
            parts.append(f'{variant} ({", ".join(gaps)})')
    return 'no data: ' + '; '.join(parts) if parts else 'all measured'


def seconds(ns):
    """A time in ns as text: ms below a second."""
    s = ns / 1e9
    return f'{s * 1000:.0f} ms' if s < 1 else f'{s:.1f} s'


def save(fig, path):
    """Write fig to path as PNG, replacing the file in one step."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + '.tmp.png'
    fig.savefig(tmp, dpi=110, metadata={'Software': None})
    plt.close(fig)
    os.replace(tmp, path)
    print(f'plot: wrote {os.path.relpath(path, TOP)}')


def no_data(path, what):
    """Say that path was not drawn for want of figures."""
    kept = 'kept the last one' if os.path.exists(path) else 'none written'
    print(f'plot: no {what} in the figures; {os.path.basename(path)} not '
          f'drawn ({kept})')


def grow_bars(ax, records, scenarios, variants):
    """P1's bars of one arch on ax: per scenario, per variant re-enable
    then grow, each labelled with its time; N under the scenario."""
    groups = [[r for v in variants for f in GROW
               for r in select(records, scenario=s, variant=v, figure=f)]
              for s in scenarios]
    width = 0.8 / max(2, *map(len, groups))
    ticks = []
    for i, (s, bars) in enumerate(zip(scenarios, groups)):
        ns = {}
        for j, r in enumerate(bars):
            x, y = i + width * (j - (len(bars) - 1) / 2), r['value'] / 1e9
            label, hatch = GROW[r['figure']]
            ax.bar(x, y, width, color=COLOURS[r['variant']], hatch=hatch,
                   edgecolor='black', linewidth=0.5,
                   label=f'{r["variant"]}: {label}')
            ax.annotate(seconds(r['value']), (x, y), ha='center',
                        va='bottom', fontsize=7, rotation=90,
                        xytext=(0, 2), textcoords='offset points')
            ns.setdefault(r['n'], set()).add(r['variant'])
        ticks.append(s + '\n' + ', '.join(
            f'N={n}' + (f' ({"/".join(sorted(v))})' if len(ns) > 1 else '')
            for n, v in sorted(ns.items())))
    ax.set_xticks(range(len(scenarios)), ticks)
    ax.set_xlim(-0.5, len(scenarios) - 0.5)
    ax.set_yscale('log')
    ax.margins(y=0.25)


def plot_grow(records, path):
    """P1 into path; False where there is nothing to draw."""
    records = [r for r in records if r['figure'] in GROW]
    if not records:
        no_data(path, 'grow figures (pci_msix.sh)')
        return False
    variants = shown_variants(records)
    arches = arch_scenarios()
    fig, axes = plt.subplots(
        1, len(arches), figsize=(11, 5.5), sharey=True,
        gridspec_kw={'width_ratios': [len(s) for s in arches.values()]})
    for ax, (arch, scenarios) in zip(axes, arches.items()):
        here = [r for r in records if r['arch'] == arch]
        grow_bars(ax, here, scenarios, variants)
        ax.set_title(f'{arch}\n' + missing_note(
            here, scenarios, {f: GROW[f][0].split()[0] for f in GROW},
            variants), fontsize=9)
        ax.grid(axis='y', which='major', alpha=0.3)
    # Every bar in sight: the panels share the axis, and log-scale bars
    # from 0 would leave the limits to matplotlib's guess
    secs = [r['value'] / 1e9 for r in records]
    axes[0].set_ylim(min(secs) / 3, max(secs) * 6)
    axes[0].set_ylabel('time to bring up N vectors (s, log scale)')
    finish(fig, axes, 'P1: bringing up N MSI-X vectors one at a time '
           '(pci_msix.sh; both ways in the same boot)', variants, path)
    return True


def finish(fig, axes, title, variants, path):
    """Give fig its legend, title and footnote, and write it to path."""
    legend(fig, axes)
    fig.suptitle(title)
    footnote(fig, variants)
    fig.tight_layout(rect=(0, 0.03, 1, 0.9))
    save(fig, path)


def legend(fig, axes):
    """One legend of every label drawn on axes, above the panels, in
    the order of the variants."""
    seen = {}
    for ax in axes:
        for handle, label in zip(*ax.get_legend_handles_labels()):
            seen.setdefault(label, handle)
    order = list(COLOURS)
    seen = dict(sorted(seen.items(),
                       key=lambda item: order.index(item[0].split(':')[0])))
    fig.legend(seen.values(), seen.keys(), loc='upper center',
               ncol=max(1, (len(seen) + 1) // 2),
               fontsize=8, bbox_to_anchor=(0.5, 0.94), frameon=False)


def footnote(fig, variants):
    """Say under the panels what the variants drawn are."""
    what = {'base': 'the base kernel',
            'patched': 'the series (plain kernels of make compare/run)',
            'debug': 'the series on make test\'s debug kernels (KASAN, '
                     'lockdep ..: slower, smaller N)',
            'bisect': 'a prefix of the series'}
    fig.text(0.5, 0.01, '; '.join(f'{v}: {what[v]}' for v in variants),
             ha='center', fontsize=8)


def per_interrupt(records, scenario, variant, kind):
    """[(N, microseconds per interrupt)] of alloc + free of N."""
    alloc = {r['n']: r['value'] for r in select(
        records, scenario=scenario, variant=variant, figure=kind + '_alloc')}
    free = {r['n']: r['value'] for r in select(
        records, scenario=scenario, variant=variant, figure=kind + '_free')}
    return [(n, (alloc[n] + free[n]) / n / 1000)
            for n in sorted(alloc) if n in free]


def time_lines(ax, records, scenario, variants):
    """P2's lines of one scenario on ax."""
    for variant in variants:
        for kind, (label, style, marker) in KINDS.items():
            points = per_interrupt(records, scenario, variant, kind)
            if points:
                ax.plot(*zip(*points), linestyle=style, marker=marker,
                        markersize=4, color=COLOURS[variant],
                        label=f'{variant}: {label}')
    ax.set_xscale('log', base=2)
    top = max((r['n'] for r in records), default=1)
    ax.set_xticks([4 ** k for k in range(top.bit_length() // 2 + 1)])
    ax.xaxis.set_major_formatter(matplotlib.ticker.ScalarFormatter())
    ax.set_yscale('log')
    ax.grid(which='major', alpha=0.3)


def plot_times(records, path):
    """P2 into path; False where there is nothing to draw."""
    records = [r for r in records
               if r['figure'] in ('msix_alloc', 'msix_free',
                                  'ims_alloc', 'ims_free')]
    if not records:
        no_data(path, 'msix_time or ims_time figures')
        return False
    variants = shown_variants(records)
    arches = arch_scenarios()
    cols = max(len(s) for s in arches.values())
    fig, grid = plt.subplots(len(arches), cols, figsize=(12, 7.5),
                             sharex=True, sharey=True, squeeze=False)
    axes = []
    for row, (arch, scenarios) in zip(grid, arches.items()):
        for ax, scenario in zip(row, scenarios):
            time_lines(ax, records, scenario, variants)
            note = missing_note(records, [scenario], TIMED, variants)
            ax.set_title(f'{scenario} ({arch})\n{note}', fontsize=9)
            axes.append(ax)
        for ax in row[len(scenarios):]:
            ax.axis('off')
    for row in grid:
        row[0].set_ylabel('alloc + free per interrupt (µs, log)')
    for ax in axes:
        ax.set_xlabel('N interrupts allocated, then freed (log)')
        ax.xaxis.set_tick_params(labelbottom=True)
    finish(fig, axes, 'P2: allocating and then freeing N interrupts, per '
           'interrupt: MSI-X (pci_msix.sh) and PCI/IMS (pci_ims.sh)',
           variants, path)
    return True


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', default=figures.OUT)
    ap.add_argument('--json')
    ap.add_argument('--docs', default=DOCS)
    args = ap.parse_args(argv)
    if args.json:
        with open(args.json) as f:
            records = json.load(f)
    else:
        records = figures.load(args.out)
    plot_grow(records, os.path.join(args.docs, 'p1-grow.png'))
    plot_times(records, os.path.join(args.docs, 'p2-alloc-free.png'))
    return 0


if __name__ == '__main__':
    sys.exit(main())
