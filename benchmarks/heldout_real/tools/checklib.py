import sys
import os
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from spec2gold import parse_spec, amount

class Checker:
    def __init__(self, spec):
        self.T = {str(i): t for i, t in enumerate(parse_spec(spec))}
        self.findings, self.consistent = [], []
    def _row(self, t, label, occ):
        rows = [r for r in t['rows'] if r['label'] == label]
        return rows[occ]
    def val(self, tn, label, year, occ=0):
        t = self.T[tn]; r = self._row(t, label, occ)
        c = r['cells'][[y for y, k in t['cols']].index(year)]
        return None if c == '' else amount(c, t['unit'])
    def unit(self, tn, label, year, occ=0):
        t = self.T[tn]; r = self._row(t, label, occ)
        c = r['cells'][[y for y, k in t['cols']].index(year)]
        dec = len(c.split(',')[1]) if ',' in c else 0
        return t['unit'] // (10 ** dec)
    def kind(self, tn, year):
        return dict(self.T[tn]['cols'])[year]
    def check(self, tn, total, terms, years, rule, sign=1, tot_occ=0, optional_over=None):
        for y in years:
            stated = self.val(tn, total, y, tot_occ)
            vals, units = [], [self.unit(tn, total, y, tot_occ)]
            for term in terms:
                if isinstance(term, tuple):
                    lab, occ = term
                else:
                    lab, occ = term, 0
                v = self.val(tn, lab, y, occ)
                vals.append(v or 0)
                if v is not None:
                    units.append(self.unit(tn, lab, y, occ))
            computed = sign * sum(vals)
            bound = 0.5 * max(units) * len(terms)
            rec = dict(label=total, year=y, column=self.kind(tn, y), stated=stated, computed=computed)
            if stated == computed:
                self.consistent.append(dict(label=total, year=y, column=self.kind(tn, y), stated=stated, rule=rule))
            elif abs(stated - computed) <= bound:
                rec.update(kind='sum_rounding', note=f'{rule}; |diff| {abs(stated-computed)} kr <= 0.5 printed unit x {len(terms)} terms'); self.findings.append(rec)
            else:
                rec.update(kind='sum_mismatch', note=rule); self.findings.append(rec)
                print('MISMATCH', tn, total, y, stated, computed)
    def xeq(self, desc, a, b, year=None):
        ok = a == b
        print(('OK   ' if ok else 'DIFF ') + desc, a, b)
        if ok:
            self.consistent.append(dict(label=desc, year=year, column=None, stated=a, rule='cross-table equality'))
        return ok
