#include "counterfactual.h"

namespace tcplab {

Event makeCounterfactualNote(const std::string &what)
{
    return makeNote(0, kCounterfactualPrefix + what + " \u2014 not TCP");
}

bool isCounterfactualNote(const Event &e)
{
    return e.type == EventType::Note && e.text.rfind(kCounterfactualPrefix, 0) == 0;
}

bool isCounterfactual(const Trace &trace)
{
    for (const Event &e : trace.events)
        if (isCounterfactualNote(e))
            return true;
    return false;
}

} // namespace tcplab
