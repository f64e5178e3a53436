#pragma once
// How pavilionctl prints issues: for people (text) and for programs (JSON, without phone numbers).
#include <QJsonObject>
#include <QTextStream>

#include "core/event.h"
#include "core/issue.h"

namespace pavilion::ctl {

QString categoryLabel(const QString& id);
void printIssueLine(QTextStream& out, const Issue& i);
void printIssueDetail(QTextStream& out, const Issue& i, const QList<TimelineEntry>& timeline);
QJsonObject issueJson(const Issue& i);
// An event as exported: a phone number in a payload is replaced by "hasPhone": true.
QJsonObject exportedEventJson(const Event& e);

}  // namespace pavilion::ctl
