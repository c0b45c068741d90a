"""Ranked tables of any length, a page of rows at a time (plain script in the page; no network).

A table with class 'paged' and data-rows='N' shows N rows and a pager under it ('‹ Föregående',
'Sida 2 av 5', 'Nästa ›'); sorting a column (comparison.SORT_SCRIPT) goes back to its first page.
Without the script, and when printed, every row shows: the page is the whole table, as before.
"""

from __future__ import annotations

PAGER_STYLE = """
.pager{margin:-1rem 0 1.5rem;display:flex;gap:.6rem;align-items:center}
.pager button{font:inherit;padding:.15rem .6rem;cursor:pointer}
@media print{tbody tr[hidden]{display:table-row}.pager{display:none}}
"""

# finsamPage(table, page) shows one page of a paged table; called on load and by the sort script
PAGING_SCRIPT = """
window.finsamPage = function (table, page) {
  var size = +table.dataset.rows, pager = table.finsamPager;
  if (!size || !pager) { return; }
  var rows = Array.from(table.tBodies[0].rows), pages = Math.ceil(rows.length / size);
  page = Math.max(0, Math.min(page, pages - 1));
  rows.forEach(function (r, i) { r.hidden = Math.floor(i / size) !== page; });
  pager.dataset.page = page;
  pager.querySelector('output').textContent = 'Sida ' + (page + 1) + ' av ' + pages + ' (' + rows.length + ' rader)';
  pager.querySelector('[data-step="-1"]').disabled = page === 0;
  pager.querySelector('[data-step="1"]').disabled = page === pages - 1;
};
document.querySelectorAll('table.paged').forEach(function (table) {
  var pager = document.createElement('div');
  pager.className = 'pager';
  pager.innerHTML = "<button type='button' data-step='-1'>\\u2039 Föregående</button><output></output>" +
    "<button type='button' data-step='1'>Nästa \\u203a</button>";
  table.parentNode.insertAdjacentElement('afterend', pager);
  table.finsamPager = pager;
  pager.addEventListener('click', function (e) {
    var step = e.target.dataset && e.target.dataset.step;
    if (step) { window.finsamPage(table, +pager.dataset.page + +step); }
  });
  window.finsamPage(table, 0);
});
"""
