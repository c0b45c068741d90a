"""Convert a hand-written table spec into gold budget_lines and verify against the text."""
import json, re, sys
from decimal import Decimal

def parse_spec(path):
    tables = []
    cur = None
    for raw in open(path, encoding='utf-8'):
        line = raw.rstrip('\n')
        if not line.strip() or line.startswith('#'):
            continue
        if line.startswith('TABLE '):
            name, rng, unit = [x.strip() for x in line[6:].split(' | ')]
            a, b = map(int, rng.split('-'))
            cur = dict(name=name, lines=[a, b], unit=int(unit), cols=[], rows=[])
            tables.append(cur)
        elif line.startswith('COLS '):
            cur['cols'] = [(int(c.split(':')[0]), c.split(':')[1]) for c in line[5:].split()]
            cur['alts'] = [[int(a) for a in c.split(':')[2].split(',')] if c.count(':') == 2 else [] for c in line[5:].split()]
        else:
            parts = [x.strip() for x in line.split('|')]
            label = parts[0]
            total = label.startswith('T ')
            if total:
                label = label[2:]
            cells = [p.strip() for p in parts[1:]]
            # trailing empty cells may be cut by split when line ends with ' |'
            assert len(cells) == len(cur['cols']), (cur['name'], line, len(cells))
            cur['rows'].append(dict(label=label, total=total, cells=cells))
    return tables

def amount(cell, unit):
    s = cell.replace(' ', '').replace(',', '.').replace('\u2212', '-')
    v = Decimal(s) * unit
    assert v == v.to_integral_value(), (cell, v)
    return int(v)

def build(tables, avv_alt=None):
    out = []
    for t in tables:
        for r in t['rows']:
            for (year, kind), alt, cell in zip(t['cols'], t.get('alts') or [[]] * len(t['cols']), r['cells']):
                if cell == '':
                    continue
                g = dict(label=r['label'], year=year, column=kind,
                         amount_sek=amount(cell, t['unit']), is_total=r['total'])
                if alt:
                    g['year_alt'] = alt
                out.append(g)
    return out

def verify(tables, text_path):
    lines = open(text_path, encoding='utf-8').read().split('\n')
    problems = 0
    num = re.compile(r'(?<![\w,])-?\s?\d[\d ]*(?:,\d+)?')
    for t in tables:
        a, b = t['lines']
        block = lines[a-1:b]
        used = set()
        for r in t['rows']:
            cells = [c for c in r['cells'] if c]
            want = ' '.join(cells)
            hits = [i for i, l in enumerate(block) if i not in used and (' ' + want) in (' ' + l)
                    and re.search(r'(^|\s)' + re.escape(want) + r'(\s\D.*)?$', l)]
            # the label's first word should be on the same line (wrapped labels: first part)
            first = r['label'].split(',')[0].split()[0]
            def label_ok(l):
                prefix = l[:len(l) - len(want)].strip() if l.endswith(want) else l.split(want)[0].strip()
                return (l.startswith(first) or l.startswith(r['label'][:6]) or prefix == ''
                        or (len(prefix) > 5 and prefix in r['label']))
            hits2 = [i for i in hits if label_ok(block[i])]
            if not hits2:
                print('  NOT FOUND', t['name'], '|', r['label'], '|', want, '| candidates', hits)
                problems += 1
            else:
                used.add(hits2[0])
        # any unclaimed line in the block that carries numbers?
        for i, l in enumerate(block):
            if i in used:
                continue
            nums = re.findall(r'\d', l)
            if nums:
                print('  unclaimed line', a + i, repr(l))
    return problems

if __name__ == '__main__':
    spec, text, outjson = sys.argv[1:4]
    tables = parse_spec(spec)
    p = verify(tables, text)
    gl = build(tables)
    json.dump(dict(tables=[dict(name=t['name'], lines=t['lines'], unit_sek=t['unit'], rows=len(t['rows'])) for t in tables],
                   budget_lines=gl), open(outjson, 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
    print('tables', len(tables), 'lines', len(gl), 'problems', p)
