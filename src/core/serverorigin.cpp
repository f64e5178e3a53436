#include "core/serverorigin.h"

#include <QRegularExpression>
#include <QUrl>

namespace pavilion {

QString ServerOrigin::text() const {
    const QString h = host.contains(u':') ? QStringLiteral("[%1]").arg(host) : host;
    return QStringLiteral("%1://%2:%3").arg(scheme, h).arg(port);
}

bool isLoopbackHost(const QString& host) {
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) return true;
    // Qt Network's QHostAddress would do this, but core stays on Qt Core alone.
    static const QRegularExpression v4(QStringLiteral("^127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){2}$"));
    return host == QLatin1String("::1") || v4.match(host).hasMatch();
}

bool parseServerOrigin(const QString& url, ServerOrigin* out, QString* error) {
    const QUrl u(url, QUrl::StrictMode);
    auto fail = [&](const QString& why) {
        if (error) *error = why;
        return false;
    };
    if (!u.isValid() || u.host().isEmpty()) return fail(QStringLiteral("must look like https://host or https://host:port"));
    const QString scheme = u.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return fail(QStringLiteral("must start with https://"));
    if (scheme == QLatin1String("http") && !isLoopbackHost(u.host()))
        return fail(QStringLiteral("must use https:// (plain http:// is allowed only to this machine, 127.0.0.1)"));
    if (!u.userInfo().isEmpty()) return fail(QStringLiteral("must not contain a user name or password"));
    if (!(u.path().isEmpty() || u.path() == QLatin1String("/")) || u.hasQuery() || u.hasFragment())
        return fail(QStringLiteral("must be only the server's address, without a path (the /v1/… paths are added)"));
    if (out) {
        out->scheme = scheme;
        out->host = u.host();
        out->port = u.port(scheme == QLatin1String("https") ? 443 : 80);
    }
    return true;
}

}  // namespace pavilion
