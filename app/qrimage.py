"""A QR code as a QPixmap, for the transfer dialog: drawn module by module from `qrcode`'s
matrix, so no image library is needed on the GUI side and the code stays sharp at any size."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap


def qr_matrix(text: str) -> list[list[bool]]:
    """The modules, quiet zone included; error level M as banking apps' codes use."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4)
    code.add_data(text)
    code.make(fit=True)
    return [[bool(cell) for cell in row] for row in code.get_matrix()]


def qr_pixmap(text: str, side: int) -> QPixmap:
    """A square pixmap at most `side` pixels, whole pixels per module (no blurred edges)."""
    matrix = qr_matrix(text)
    count = len(matrix)
    module = max(1, side // count)
    size = module * count
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor("white"))
    painter = QPainter(pixmap)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.drawRect(QRect(x * module, y * module, module, module))
    painter.end()
    return pixmap
