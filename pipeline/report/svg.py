"""Small inline SVG charts: no script, no external asset, readable when printed."""

from __future__ import annotations

from html import escape

PALETTE = ("#1b6ca8", "#e3a33b", "#6a9f58", "#b45a8a", "#999999")
_W, _LABEL, _ROW = 760, 260, 26


def _frame(title: str, rows: int, body: str, legend: str = "") -> str:
    height = rows * _ROW + 40 + (22 if legend else 0)
    return (f"<figure><svg xmlns='http://www.w3.org/2000/svg' role='img' aria-label='{escape(title)}' "
            f"width='{_W}' height='{height}' viewBox='0 0 {_W} {height}' font-size='12' "
            f"font-family='system-ui,sans-serif'><title>{escape(title)}</title>{body}{legend}</svg>"
            f"<figcaption>{escape(title)}</figcaption></figure>")


def _label(i: int, text: str) -> str:
    return f"<text x='{_LABEL - 8}' y='{30 + i * _ROW + 13}' text-anchor='end'>{escape(text[:40])}</text>"


def bars(title: str, items: list[tuple[str, float | None]], fmt) -> str:
    """One horizontal bar per item; a missing value says so instead of drawing nothing."""
    top = max((v for _, v in items if v), default=1) or 1
    span = _W - _LABEL - 120
    body = []
    for i, (name, value) in enumerate(items):
        y = 30 + i * _ROW
        body.append(_label(i, name))
        if value is None:
            body.append(f"<text x='{_LABEL}' y='{y + 13}' fill='#777'>uppgift saknas</text>")
            continue
        width = max(1.0, span * value / top)
        body.append(f"<rect x='{_LABEL}' y='{y}' width='{width:.1f}' height='{_ROW - 8}' fill='{PALETTE[0]}'/>"
                    f"<text x='{_LABEL + width + 6:.1f}' y='{y + 13}'>{escape(fmt(value))}</text>")
    return _frame(title, len(items), "".join(body))


def stacked(title: str, items: list[tuple[str, list[float]]], parts: list[str]) -> str:
    """Shares that add up to one bar per item (each bar is 100 %)."""
    span = _W - _LABEL - 40
    body = []
    for i, (name, values) in enumerate(items):
        y, x, total = 30 + i * _ROW, float(_LABEL), sum(values) or 1
        body.append(_label(i, name))
        for j, value in enumerate(values):
            width = span * value / total
            if width > 0:
                body.append(f"<rect x='{x:.1f}' y='{y}' width='{width:.1f}' height='{_ROW - 8}' "
                            f"fill='{PALETTE[j % len(PALETTE)]}'><title>{escape(parts[j])}: "
                            f"{value / total:.0%}</title></rect>")
                if width > 34:
                    body.append(f"<text x='{x + 4:.1f}' y='{y + 13}' fill='white'>{value / total:.0%}</text>")
            x += width
    return _frame(title, len(items), "".join(body), _legend(parts, len(items)))


def paired(title: str, items: list[tuple[str, float | None, float | None]], names: tuple[str, str], fmt) -> str:
    """Two bars per item (e.g. eget kapital against the recommended level)."""
    top = max((v for _, a, b in items for v in (a, b) if v), default=1) or 1
    span = _W - _LABEL - 120
    body = []
    for i, (name, first, second) in enumerate(items):
        y = 30 + i * _ROW
        body.append(_label(i, name))
        for j, value in enumerate((first, second)):
            yy = y + j * (_ROW - 8) / 2
            if value is None:
                body.append(f"<text x='{_LABEL}' y='{yy + 9:.1f}' fill='#777' font-size='10'>uppgift saknas</text>")
                continue
            width = max(1.0, span * value / top)
            body.append(f"<rect x='{_LABEL}' y='{yy:.1f}' width='{width:.1f}' height='{(_ROW - 8) / 2 - 1:.1f}' "
                        f"fill='{PALETTE[j]}'/><text x='{_LABEL + width + 6:.1f}' y='{yy + 9:.1f}' "
                        f"font-size='10'>{escape(fmt(value))}</text>")
    return _frame(title, len(items), "".join(body), _legend(list(names), len(items)))


def with_limits(title: str, items: list[tuple[str, float | None, float | None]], fmt) -> str:
    """A bar per item and a red mark at that item's own limit, where it states one."""
    top = max((v for _, a, b in items for v in (a, b) if v), default=1) or 1
    span = _W - _LABEL - 120
    body = []
    for i, (name, value, limit) in enumerate(items):
        y = 30 + i * _ROW
        body.append(_label(i, name))
        if value is not None:
            width = max(1.0, span * value / top)
            body.append(f"<rect x='{_LABEL}' y='{y}' width='{width:.1f}' height='{_ROW - 8}' fill='{PALETTE[0]}'/>"
                        f"<text x='{_LABEL + width + 6:.1f}' y='{y + 13}'>{escape(fmt(value))}</text>")
        if limit is not None:
            x = _LABEL + span * limit / top
            body.append(f"<line x1='{x:.1f}' x2='{x:.1f}' y1='{y - 3}' y2='{y + _ROW - 5}' stroke='#c0392b' "
                        f"stroke-width='3'><title>egen gräns {escape(fmt(limit))}</title></line>")
    legend = _legend(["andel", "förbundets egen gräns"], len(items), ("#1b6ca8", "#c0392b"))
    return _frame(title, len(items), "".join(body), legend)


def _legend(names: list[str], rows: int, colours: tuple[str, ...] = PALETTE) -> str:
    y = 30 + rows * _ROW + 8
    out, x = [], _LABEL
    for j, name in enumerate(names):
        out.append(f"<rect x='{x}' y='{y}' width='12' height='12' fill='{colours[j % len(colours)]}'/>"
                   f"<text x='{x + 16}' y='{y + 10}'>{escape(name)}</text>")
        x += 24 + 7 * len(name)
    return "".join(out)
