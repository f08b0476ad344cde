#include "counterfactualtext.h"

#include "trace/counterfactual.h"

#include <QStringList>

QString CounterfactualText::deviations(const tcplab::Trace &trace)
{
    QStringList parts;
    for (const tcplab::Event &e : trace.events) {
        const std::string what = tcplab::counterfactualWhat(e);
        QString text;
        if (what == tcplab::kCounterfactualTwoWay)
            text = tr("two-way handshake");
        else if (what == tcplab::kCounterfactualNoTimeWait)
            text = tr("no TIME_WAIT");
        else
            text = QString::fromStdString(what);
        if (!text.isEmpty() && !parts.contains(text))
            parts.append(text);
    }
    return parts.join(tr(", "));
}
