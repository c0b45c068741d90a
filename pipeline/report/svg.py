"""Small inline SVG charts: no script, no external asset, readable when printed."""

from __future__ import annotations

from html import escape

# Each colour has at least 4.5:1 contrast against white (WCAG AA for text, so white text on a bar and
# the bar against the page both pass); tests/report checks it.
PALETTE = ("#1b6ca8", "#8a5a00", "#2e7d32", "#9c3d72", "#595959")
TEXT, MUTED, LIMIT = "#222222", "#595959", "#b3261e"
_W, _LABEL, _ROW = 760, 260, 26
_LEGEND_ROW = 20
_CHAR = 7  # width of one character of the 12 px legend text, generously


def _frame(title: str, rows: int, body: str, legend: tuple[str, int] = ("", 0), note: str = "") -> str:
    """A figure whose caption (and a note on what it leaves out) stands above its chart; the SVG scales to
    the page width (viewBox)."""
    markup, legend_rows = legend
    height = rows * _ROW + 40 + legend_rows * _LEGEND_ROW
    shown = f"<span class='note muted'>{escape(note)}</span>" if note else ""
    return (f"<figure><figcaption>{escape(title)}{shown}</figcaption><svg xmlns='http://www.w3.org/2000/svg' "
            f"role='img' aria-label='{escape(title)}' width='100%' style='max-width:{_W}px' "
            f"viewBox='0 0 {_W} {height}' font-size='12' font-family='system-ui,sans-serif' fill='{TEXT}'>"
            f"<title>{escape(title)}</title>{body}{markup}</svg></figure>")


def _label(i: int, text: str) -> str:
    return f"<text x='{_LABEL - 8}' y='{30 + i * _ROW + 13}' text-anchor='end'>{escape(text[:40])}</text>"


def _top(values) -> float:
    return max((v for v in values if v), default=1) or 1


def _bar(y: float, width: float, height: float, colour: str, text: str, size: int = 12) -> str:
    """One bar from the label column, with its value written after it."""
    return (f"<rect x='{_LABEL}' y='{y:.1f}' width='{width:.1f}' height='{height:.1f}' fill='{colour}'/>"
            f"<text x='{_LABEL + width + 6:.1f}' y='{y + height - 4:.1f}' font-size='{size}'>{escape(text)}</text>")


def bars(title: str, items: list[tuple[str, float | None]], fmt, note: str = "") -> str:
    """One horizontal bar per item; a missing value says so instead of drawing nothing."""
    top, span = _top(v for _, v in items), _W - _LABEL - 120
    body = []
    for i, (name, value) in enumerate(items):
        y = 30 + i * _ROW
        body.append(_label(i, name))
        if value is None:
            body.append(f"<text x='{_LABEL}' y='{y + 13}' fill='{MUTED}'>uppgift saknas</text>")
            continue
        body.append(_bar(y, max(1.0, span * value / top), _ROW - 8, PALETTE[0], fmt(value)))
    return _frame(title, len(items), "".join(body), note=note)


def stacked(title: str, items: list[tuple[str, list[float]]], parts: list[str], note: str = "") -> str:
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
    return _frame(title, len(items), "".join(body), _legend(parts, len(items)), note)


def paired(title: str, items: list[tuple[str, float | None, float | None]], names: tuple[str, str], fmt,
           note: str = "") -> str:
    """Two bars per item (e.g. eget kapital against the recommended level)."""
    top, span = _top(v for _, a, b in items for v in (a, b)), _W - _LABEL - 120
    body = []
    for i, (name, first, second) in enumerate(items):
        y = 30 + i * _ROW
        body.append(_label(i, name))
        for j, value in enumerate((first, second)):
            yy = y + j * (_ROW - 8) / 2
            if value is None:
                body.append(f"<text x='{_LABEL}' y='{yy + 7.5:.1f}' fill='{MUTED}' font-size='9'>uppgift saknas</text>")
                continue
            body.append(_bar(yy, max(1.0, span * value / top), (_ROW - 8) / 2 - 1, PALETTE[j], fmt(value), 10))
    return _frame(title, len(items), "".join(body), _legend(list(names), len(items)), note)


def with_limits(title: str, items: list[tuple[str, float | None, float | None]], fmt, note: str = "") -> str:
    """A bar per item and a red mark at that item's own limit, where it states one."""
    top, span = _top(v for _, a, b in items for v in (a, b)), _W - _LABEL - 120
    body = []
    for i, (name, value, limit) in enumerate(items):
        y = 30 + i * _ROW
        body.append(_label(i, name))
        if value is not None:
            body.append(_bar(y, max(1.0, span * value / top), _ROW - 8, PALETTE[0], fmt(value)))
        if limit is not None:
            x = _LABEL + span * limit / top
            body.append(f"<line x1='{x:.1f}' x2='{x:.1f}' y1='{y - 3}' y2='{y + _ROW - 5}' stroke='{LIMIT}' "
                        f"stroke-width='3'><title>egen gräns {escape(fmt(limit))}</title></line>")
    legend = _legend(["andel", "förbundets egen gräns"], len(items), (PALETTE[0], LIMIT))
    return _frame(title, len(items), "".join(body), legend, note)


def _legend(names: list[str], rows: int, colours: tuple[str, ...] = PALETTE) -> tuple[str, int]:
    """Legend entries under the bars, wrapped onto a new line before one would leave the frame;
    (markup, lines used)."""
    y, x, lines = 30 + rows * _ROW + 8, _LABEL, 1
    out = []
    for j, name in enumerate(names):
        width = 24 + _CHAR * len(name)
        if x + width > _W and x > _LABEL:
            x, y, lines = _LABEL, y + _LEGEND_ROW, lines + 1
        out.append(f"<rect x='{x}' y='{y}' width='12' height='12' fill='{colours[j % len(colours)]}'/>"
                   f"<text x='{x + 16}' y='{y + 10}'>{escape(name)}</text>")
        x += width
    return "".join(out), lines
