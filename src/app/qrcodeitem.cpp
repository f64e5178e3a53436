#include "app/qrcodeitem.h"

#include <qrencode.h>

#include <QPainter>

namespace pavilion {

QrCodeItem::QrCodeItem(QQuickItem* parent) : QQuickPaintedItem(parent) { setAntialiasing(false); }

QVector<bool> QrCodeItem::encode(const QString& text, int* size) {
    *size = 0;
    if (text.isEmpty()) return {};
    const QByteArray utf8 = text.toUtf8();
    QRcode* code = QRcode_encodeString(utf8.constData(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!code) return {};
    QVector<bool> modules(code->width * code->width);
    for (int i = 0; i < modules.size(); ++i) modules[i] = code->data[i] & 1;
    *size = code->width;
    QRcode_free(code);
    return modules;
}

void QrCodeItem::setText(const QString& t) {
    if (t == text_) return;
    text_ = t;
    modules_ = encode(t, &size_);
    emit textChanged();
    update();
}

void QrCodeItem::setColor(const QColor& c) {
    if (c == color_) return;
    color_ = c;
    emit colorChanged();
    update();
}

void QrCodeItem::paint(QPainter* p) {
    if (size_ == 0) return;
    const int quiet = 2;  // quiet zone in modules; the item's own margin adds the rest
    const int total = size_ + 2 * quiet;
    const qreal side = qMin(width(), height());
    const int module = qMax(1, static_cast<int>(side / total));  // whole pixels keep edges sharp
    const qreal offset = (side - module * total) / 2.0;
    p->fillRect(QRectF(0, 0, width(), height()), Qt::white);
    for (int y = 0; y < size_; ++y) {
        for (int x = 0; x < size_; ++x) {
            if (modules_[y * size_ + x])
                p->fillRect(QRectF(offset + (x + quiet) * module, offset + (y + quiet) * module, module, module), color_);
        }
    }
}

}  // namespace pavilion
