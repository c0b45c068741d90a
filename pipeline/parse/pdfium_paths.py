"""A page's paths and images from pdfium's page objects, as pdfplumber's lines, rects, curves and images.

Ruling lines come from painted paths. pdfminer (under pdfplumber) splits a path at every move into
subpaths and sorts each: one straight segment is a line, four that close an axis-aligned box are a
rectangle, anything else a curve through its segments' end points. The same rules are applied to
pdfium's path segments here, so the edges finsam finds its table rules among are pdfplumber's.
Objects inside form XObjects are read too, their matrices composed with the form's.
"""

from __future__ import annotations

import ctypes
import re

from .pdfium_page import Frame, Matrix, apply, multiply

_SEGMENT_OPS = {0: "l", 1: "c", 2: "m"}  # FPDF_SEGMENT_LINETO, _BEZIERTO, _MOVETO
_MAX_FORM_DEPTH = 16
Point = tuple[float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _matrix(handle) -> Matrix:
    import pypdfium2.raw as pdfium_c

    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(handle, m):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _children(page_raw, form=None) -> list:
    import pypdfium2.raw as pdfium_c

    if form is None:
        return [pdfium_c.FPDFPage_GetObject(page_raw, i) for i in range(pdfium_c.FPDFPage_CountObjects(page_raw))]
    return [pdfium_c.FPDFFormObj_GetObject(form, i) for i in range(pdfium_c.FPDFFormObj_CountObjects(form))]


def read_objects(page_raw, frame: Frame, doctop: float) -> tuple[dict[str, list[dict]], dict[int, tuple]]:
    """Lines, rects, curves and images of the page (and of the forms it draws), in drawing order; and
    its text objects by their handle's address: their place in that order, matrix (user space) and handle."""
    import pypdfium2.raw as pdfium_c

    found: dict[str, list[dict]] = {"lines": [], "rects": [], "curves": [], "images": []}
    texts: dict[int, tuple] = {}
    stack = [(handle, IDENTITY, 0) for handle in reversed(_children(page_raw))]
    while stack:
        handle, outer, depth = stack.pop()
        kind = pdfium_c.FPDFPageObj_GetType(handle)
        user = multiply(_matrix(handle), outer)
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            texts[ctypes.cast(handle, ctypes.c_void_p).value] = (len(texts), user, handle)
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            _path_shapes(handle, multiply(user, frame.ctm), frame, doctop, found)
        elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            found["images"].append(_image(handle, multiply(user, frame.ctm), frame, doctop))
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < _MAX_FORM_DEPTH:
            stack += [(child, user, depth + 1) for child in reversed(_children(page_raw, handle))]
    return found, texts


def _segments(handle, device: Matrix) -> list[tuple[str, Point]]:
    """pdfminer's view of a path: one operator and end point per segment, 'h' where one closes."""
    import pypdfium2.raw as pdfium_c

    x, y = ctypes.c_float(), ctypes.c_float()
    ops: list[tuple[str, Point]] = []
    start: Point = (0.0, 0.0)
    count = pdfium_c.FPDFPath_CountSegments(handle)
    index = 0
    while index < count:
        segment = pdfium_c.FPDFPath_GetPathSegment(handle, index)
        op = _SEGMENT_OPS.get(pdfium_c.FPDFPathSegment_GetType(segment), "l")
        if op == "c":  # a Bézier curve is three segments: two control points, then the end point
            index = min(index + 2, count - 1)
            segment = pdfium_c.FPDFPath_GetPathSegment(handle, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = apply(device, x.value, y.value)
        if op == "m":
            start = point
        ops.append((op, point))
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            ops.append(("h", start))
        index += 1
    return ops


def _painted(handle) -> tuple[bool, bool]:
    import pypdfium2.raw as pdfium_c

    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(handle, fill, stroke)
    return bool(stroke.value), fill.value != 0


def _path_shapes(handle, device: Matrix, frame: Frame, doctop: float, found: dict[str, list[dict]]) -> None:
    stroke, fill = _painted(handle)
    if not (stroke or fill):
        return  # a path that is only a clip: pdfminer never sees it painted
    ops = _segments(handle, device)
    shape = "".join(op for op, _ in ops)
    if shape[:1] != "m":
        return
    subpaths = [ops[m.start():m.end()] for m in re.finditer(r"m[^m]+", shape)] if shape.count("m") > 1 else [ops]
    for subpath in subpaths:
        kind, pts = classify([op for op, _ in subpath], [p for _, p in subpath])
        found[kind].append(_shape(kind, pts, frame, doctop, stroke, fill))


def classify(ops: list[str], pts: list[Point]) -> tuple[str, list[Point]]:
    """pdfminer's sorting of one subpath: 'lines', 'rects' or 'curves', with the points kept."""
    shape = "".join(ops)
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:  # a redundant 'l' before the close
        shape, pts = shape[:-2] + "h", pts[:-2] + pts[-1:]
    if shape in {"mlh", "ml"}:
        return "lines", pts[:2]
    if shape in {"mlllh", "mllll"}:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            return "rects", pts
    return "curves", pts


def _shape(kind: str, pts: list[Point], frame: Frame, doctop: float, stroke: bool, fill: bool) -> dict:
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    box = frame.box(min(xs), min(ys), max(xs), max(ys))
    shape = {**box, "doctop": box["top"] + doctop, "width": box["x1"] - box["x0"],
             "height": box["bottom"] - box["top"], "stroke": stroke, "fill": fill,
             "object_type": kind[:-1]}
    if kind == "curves":
        shape["pts"] = [(x + frame.left, frame.height - y + frame.top) for x, y in pts]
    return shape


def _image(handle, device: Matrix, frame: Frame, doctop: float) -> dict:
    import pypdfium2.raw as pdfium_c

    corners = [apply(device, x, y) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    box = frame.box(min(xs), min(ys), max(xs), max(ys))
    width, height = ctypes.c_uint(), ctypes.c_uint()
    size = (width.value, height.value) if pdfium_c.FPDFImageObj_GetImagePixelSize(handle, width, height) else None
    return {**box, "doctop": box["top"] + doctop, "width": box["x1"] - box["x0"],
            "height": box["bottom"] - box["top"], "srcsize": size, "object_type": "image"}


def line_edge(line: dict) -> dict:
    return {**line, "orientation": "h" if line["top"] == line["bottom"] else "v"}


def rect_edges(rect: dict) -> list[dict]:
    """pdfplumber's rect_to_edges: the top, bottom, left and right sides."""
    edge = {**rect, "object_type": "rect_edge"}
    height = rect["height"]
    return [edge | {"height": 0, "bottom": rect["top"], "orientation": "h"},
            edge | {"height": 0, "top": rect["top"] + height, "doctop": rect["doctop"] + height, "orientation": "h"},
            edge | {"width": 0, "x1": rect["x0"], "orientation": "v"},
            edge | {"width": 0, "x0": rect["x1"], "orientation": "v"}]


def curve_edges(curve: dict) -> list[dict]:
    """pdfplumber's curve_to_edges: one edge per segment between the curve's points."""
    shift = curve["doctop"] - curve["top"]
    edges = []
    for (x0, y0), (x1, y1) in zip(curve["pts"], curve["pts"][1:], strict=False):
        top = min(y0, y1)
        edges.append({"object_type": "curve_edge", "x0": min(x0, x1), "x1": max(x0, x1), "top": top,
                      "doctop": top + shift, "bottom": max(y0, y1), "width": abs(x0 - x1), "height": abs(y0 - y1),
                      "orientation": "v" if x0 == x1 else ("h" if y0 == y1 else None)})
    return edges
