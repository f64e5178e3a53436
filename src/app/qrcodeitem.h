#pragma once
// A QR code drawn from libqrencode, so a resident can photograph the tracking link.
#include <QQuickPaintedItem>
#include <QtQml/qqmlregistration.h>

namespace pavilion {

class QrCodeItem : public QQuickPaintedItem {
    Q_OBJECT
    QML_NAMED_ELEMENT(QrCode)
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY textChanged)
    Q_PROPERTY(QColor color READ color WRITE setColor NOTIFY colorChanged)
    Q_PROPERTY(bool valid READ valid NOTIFY textChanged)
public:
    explicit QrCodeItem(QQuickItem* parent = nullptr);
    void paint(QPainter* painter) override;

    QString text() const { return text_; }
    void setText(const QString& t);
    QColor color() const { return color_; }
    void setColor(const QColor& c);
    bool valid() const { return size_ > 0; }

    // Modules of the symbol, row-major, true = dark; empty when the text cannot be encoded.
    static QVector<bool> encode(const QString& text, int* size);

signals:
    void textChanged();
    void colorChanged();

private:
    QString text_;
    QColor color_{Qt::black};
    QVector<bool> modules_;
    int size_ = 0;
};

}  // namespace pavilion
