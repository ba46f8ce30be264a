# Tests of scripts/figures.py, scripts/plot.py and the figures
# scripts/readme_figures.py copies from figures.json, on the clean console
# log of fixtures/vtd.log with timing and headline figure lines added: no
# kernel is built or booted.  Run them with scripts/check-harness.sh.

import json
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
SCRIPTS = os.path.join(TOP, 'scripts')
PNG = b'\x89PNG\r\n\x1a\n'

# Figure lines as the selftests print them, put into the fixture's guest
# KTAP after pci_msix.sh's results.
EXTRA = [
    '    # figure: msix_time n=1 alloc_ns=353307 free_ns=185537',
    '    # figure: msix_time n=4 alloc_ns=630721 free_ns=279878',
    '    # figure: ims_time n=4 alloc_ns=584052 free_ns=263393',
    '    # figure: msi_moving 100000 raised=100000 delivered=100000 '
    'lost=0 moves=631',
    '    # figure: fail_nth msix_grow injected=84 failed=12 tolerated=72 '
    'errnos=12',
]


def script(name, *args, check=True):
    """Run scripts/name with args; the finished process."""
    return subprocess.run([sys.executable, os.path.join(SCRIPTS, name),
                           *map(str, args)], capture_output=True, text=True,
                          check=check, timeout=120)


@pytest.fixture
def out(tmp_path):
    """A .cache/out with the vtd scenario of the debug variant (boot time
    123.4 s) and the same log as the its scenario of the base variant."""
    with open(os.path.join(HERE, 'fixtures', 'vtd.log')) as f:
        lines = f.read().split('\n')
    i = lines.index('    ok 6 pci_msix_ran')
    text = '\n'.join(lines[:i] + EXTRA + lines[i:])
    for variant, scenario in (('debug', 'vtd'), ('base', 'its')):
        (tmp_path / variant).mkdir()
        (tmp_path / variant / f'{scenario}.log').write_text(text)
    (tmp_path / 'debug' / 'vtd.secs').write_text('123.4\n')
    return tmp_path


@pytest.fixture
def records(out):
    script('figures.py', '--out', out, '--quiet')
    with open(out / 'figures.json') as f:
        return json.load(f)


def test_grow_and_timing_records(records):
    vtd = {'scenario': 'vtd', 'variant': 'debug', 'arch': 'x86_64'}
    for rec in (dict(vtd, figure='grow_dyn', value=29105452, unit='ns',
                     n=256),
                dict(vtd, figure='grow_reenable', value=5173535464,
                     unit='ns', n=256),
                dict(vtd, figure='vfio_grow_dyn', value=31234567, unit='ns',
                     n=256),
                dict(vtd, figure='msix_alloc', value=630721, unit='ns', n=4),
                dict(vtd, figure='ims_free', value=263393, unit='ns', n=4),
                dict(vtd, figure='boot', value=123.4, unit='s')):
        assert rec in records, rec


def test_headline_records(records):
    vtd = {'scenario': 'vtd', 'variant': 'debug', 'arch': 'x86_64'}
    for rec in (dict(vtd, figure='msi_moving_lost', value=0, unit='count'),
                dict(vtd, figure='fail_nth_msix_grow_failed', value=12,
                     unit='count'),
                dict(vtd, figure='ims_vectors_allocated', value=8,
                     unit='count'),
                dict(vtd, figure='line', value='ims_lost 0', unit='text')):
        assert rec in records, rec
    # errnos are not counts
    assert not [r for r in records if 'errnos' in r['figure']]


def test_variants_arches_and_order(out, records):
    assert {(r['variant'], r['scenario'], r['arch']) for r in records} == \
        {('base', 'its', 'arm64'), ('debug', 'vtd', 'x86_64')}
    variants = [r['variant'] for r in records]
    assert variants == sorted(variants), 'base first, then debug'
    before = (out / 'figures.json').read_bytes()
    script('figures.py', '--out', out, '--quiet')
    assert (out / 'figures.json').read_bytes() == before


def test_plots(out, records, tmp_path):
    docs = tmp_path / 'docs'
    run = script('plot.py', '--json', out / 'figures.json', '--docs', docs)
    for name in ('p1-grow.png', 'p2-alloc-free.png'):
        assert (docs / name).read_bytes().startswith(PNG), run.stdout


def test_plot_without_data_keeps_png(tmp_path):
    """No figures: exit 0, say so, and keep the PNG of the last run."""
    docs = tmp_path / 'docs'
    docs.mkdir()
    (docs / 'p1-grow.png').write_bytes(PNG + b'last run')
    empty = tmp_path / 'figures.json'
    empty.write_text('[]\n')
    run = script('plot.py', '--json', empty, '--docs', docs)
    assert 'no grow figures' in run.stdout
    assert 'kept the last one' in run.stdout
    assert (docs / 'p1-grow.png').read_bytes() == PNG + b'last run'
    assert not (docs / 'p2-alloc-free.png').exists()


def test_readme_figures_come_from_json(out, tmp_path):
    """readme_figures.py writes figures.json where it is missing and
    copies the scenario's figures from it."""
    (out / 'timings.txt').write_text('deps                            1 s  '
                                     'ok\n')
    (out / 'results.txt').write_text('PASS harness/self-test\n')
    readme = tmp_path / 'README.md'
    readme.write_text('<!-- BEGIN figures:warm -->\n'
                      '<!-- END figures:warm -->\n')
    script('readme_figures.py', 'warm', '--out', out, '--readme', readme)
    assert (out / 'figures.json').exists()
    line = next(s for s in readme.read_text().split('\n')
                if s.startswith('- vtd: '))
    assert line.startswith('- vtd: boot 123.4 s; ')
    assert 'grow 256 dyn ns=29105452 delivered=256' in line
    assert 'fail_nth msix_grow injected=84 failed=12' in line


def test_cover_figures_count_the_run(out):
    """cover_figures.py --print counts results.txt of --out, not of this
    clone, and takes the scenario's figures from figures.json."""
    (out / 'results.txt').write_text('PASS harness/self-test\n'
                                     'PASS boot/vtd/a\nFAIL boot/vtd/b\n'
                                     'SKIP boot/vtd/c\nPASS checkpatch/1\n')
    run = script('cover_figures.py', '--out', out, '--print')
    text = ' '.join(run.stdout.split())
    assert '3 tests passed, 1 failed, 1 skipped' in text, run.stdout
    assert 'vtd: 84 allocation failures injected; MSI raised 100000 ' \
        'times while it moved 631 times, 0 lost' in text, run.stdout
    assert 'KUnit at boot, x86_64:' in text


def test_compare_block_keeps_headline_figures(tmp_path):
    """readme_figures.py compare copies the compare summary: the table
    whole, of the figures only the headline ones."""
    out = tmp_path / 'out'
    out.mkdir()
    (out / 'compare-summary.txt').write_text(
        'scenario                     base                patched\n'
        'its            28/46 pass, 113.1s     63/63 pass, 128.6s\n'
        '\n'
        'Figures (guest diagnostics, base then patched):\n'
        '  its base: xhci_rebind 1000 vectors=1\n'
        '  its patched: xhci_rebind 1000 vectors=3\n'
        '  its patched: irq_count 17\n')
    readme = tmp_path / 'README.md'
    readme.write_text('<!-- BEGIN figures:compare -->\n'
                      '<!-- END figures:compare -->\n')
    script('readme_figures.py', 'compare', '--out', out, '--readme', readme)
    text = readme.read_text()
    assert '    its            28/46 pass, 113.1s     63/63 pass' in text
    assert '      its base: xhci_rebind 1000 vectors=1' in text
    assert '      its patched: xhci_rebind 1000 vectors=3' in text
    assert 'irq_count' not in text


def test_cover_compare_paragraph(out):
    """cover_figures.py takes base against patched from the compare
    summary, where there is one."""
    (out / 'results.txt').write_text('PASS boot/vtd/a\n')
    run = script('cover_figures.py', '--out', out, '--print')
    assert 'Base against patched' not in run.stdout
    (out / 'compare-summary.txt').write_text(
        'scenario                     base                patched\n'
        'its            28/46 pass, 113.1s     63/63 pass, 128.6s\n'
        '\n'
        'Figures (guest diagnostics, base then patched):\n'
        '  its base: xhci_rebind 0000:00:05.0 rebinds=200 vectors=3 short=200\n'
        '  its patched: msix_time n=1 alloc_ns=434592 free_ns=228464\n')
    run = script('cover_figures.py', '--out', out, '--print')
    text = ' '.join(run.stdout.split())
    assert '- its base: xhci_rebind 0000:00:05.0 rebinds=200 vectors=3 ' \
        'short=200' in text, run.stdout
    assert 'msix_time' not in text
    assert 'Base against patched (make compare: the base with patches ' \
        '7, 8, 9' in text, run.stdout
    assert '- its: base 28/46 in 113.1 s, patched 63/63 in 128.6 s.' in text
