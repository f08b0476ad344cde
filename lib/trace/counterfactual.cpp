#include "counterfactual.h"

// Marks a message template for lupdate (as in lib/tcp/statediagram.cpp): the UI translates it in
// the "scenario" context (message.h); here, without Qt, it is the English text.
#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(context, text) text
#endif

namespace tcplab {

namespace {
constexpr const char kNotTcpSuffix[] = " \u2014 not TCP";
}

Event makeCounterfactualNote(const std::string &what)
{
    // The note as a message, for the views to show in the user's language; its English is
    // kCounterfactualPrefix + what + kNotTcpSuffix, which counterfactualWhat() reads back.
    Message whatMessage = word(what);
    if (what == kCounterfactualTwoWay)
        whatMessage = message(QT_TRANSLATE_NOOP("scenario", "two-way handshake"));
    else if (what == kCounterfactualNoTimeWait)
        whatMessage = message(QT_TRANSLATE_NOOP("scenario", "no TIME_WAIT"));
    return makeNote(
        0, message(QT_TRANSLATE_NOOP("scenario", "counterfactual: %1 — not TCP"), whatMessage));
}

bool isCounterfactualNote(const Event &e)
{
    return e.type == EventType::Note && e.text.str().rfind(kCounterfactualPrefix, 0) == 0;
}

std::string counterfactualWhat(const Event &e)
{
    if (!isCounterfactualNote(e))
        return {};
    std::string what = e.text.str().substr(sizeof kCounterfactualPrefix - 1);
    const std::string suffix = kNotTcpSuffix;
    if (what.size() >= suffix.size() &&
        what.compare(what.size() - suffix.size(), suffix.size(), suffix) == 0)
        what.resize(what.size() - suffix.size());
    return what;
}

bool isCounterfactual(const Trace &trace)
{
    for (const Event &e : trace.events)
        if (isCounterfactualNote(e))
            return true;
    return false;
}

tcp::DiagramVariant counterfactualVariant(const Trace &trace)
{
    tcp::DiagramVariant v;
    for (const Event &e : trace.events) {
        const std::string what = counterfactualWhat(e);
        if (what == kCounterfactualTwoWay)
            v.twoWayHandshake = true;
        else if (what == kCounterfactualNoTimeWait)
            v.timeWait = false;
    }
    return v;
}

} // namespace tcplab
