#include "labdstream.h"

#include "jsonfields.h"

namespace tcplab {

using json::FieldReader;
using json::Object;
using json::ObjectWriter;

std::string labdReadyLine()
{
    std::string line;
    {
        ObjectWriter o(line);
        o.text("type", "ready");
        o.text("netns", "private");
    }
    return line;
}

std::string labdReplyLine(int line, bool ok, const std::string &result, const std::string &message,
                          const Message &why)
{
    std::string out;
    {
        ObjectWriter o(out);
        o.text("type", "reply");
        o.integer("line", line);
        o.boolean("ok", ok);
        o.text("result", result);
        o.text("message", message);
        if (!why.empty())
            o.message("why", why);
    }
    return out;
}

std::string labdReturnedLine(int line, const std::string &result)
{
    std::string out;
    {
        ObjectWriter o(out);
        o.text("type", "returned");
        o.integer("line", line);
        o.text("result", result);
    }
    return out;
}

std::string labdDoneLine(bool ok, int line, const std::string &message, const Message &why)
{
    std::string out;
    {
        ObjectWriter o(out);
        o.text("type", "done");
        o.boolean("ok", ok);
        o.integer("line", line);
        o.text("message", message);
        if (!why.empty())
            o.message("why", why);
    }
    return out;
}

std::string labdErrorLine(const std::string &message)
{
    std::string out;
    {
        ObjectWriter o(out);
        o.text("type", "error");
        o.text("message", message);
    }
    return out;
}

std::string labdHeldLine(int hold, const Event &segment)
{
    std::string out;
    json::appendHeld(out, hold, segment);
    return out;
}

std::string labdReleasedLine(int hold)
{
    std::string out;
    {
        ObjectWriter o(out);
        o.text("type", "released");
        o.integer("hold", hold);
    }
    return out;
}

namespace {

LabdMessage::Kind kindOf(const std::string &type)
{
    EventType ignored;
    if (type == "ready")
        return LabdMessage::Ready;
    if (type == "reply")
        return LabdMessage::Reply;
    if (type == "returned")
        return LabdMessage::Returned;
    if (type == "held")
        return LabdMessage::Held;
    if (type == "released")
        return LabdMessage::Released;
    if (type == "done")
        return LabdMessage::Done;
    if (type == "error")
        return LabdMessage::Error;
    return parseEventType(type, ignored) ? LabdMessage::Event : LabdMessage::Other;
}

// The fields of each kind of line; false with error set when one is of the wrong type.
bool readFields(const Object &o, LabdMessage &m, std::string &error)
{
    FieldReader r(o);
    bool ok = true;
    switch (m.kind) {
    case LabdMessage::Event:
        return json::eventFromObject(o, m.event, error);
    case LabdMessage::Reply:
        ok = r.integer("line", m.line, 0) && r.boolean("ok", m.ok) && r.text("result", m.result)
            && r.text("message", m.message) && r.message("why", m.why);
        break;
    case LabdMessage::Returned:
        ok = r.integer("line", m.line, 0) && r.text("result", m.result);
        break;
    case LabdMessage::Held:
        return json::heldFromObject(o, m.hold, m.event, error);
    case LabdMessage::Released:
        ok = r.integer("hold", m.hold, 0);
        break;
    case LabdMessage::Done:
        ok = r.boolean("ok", m.ok) && r.integer("line", m.line, 0) && r.text("message", m.message)
            && r.message("why", m.why);
        break;
    case LabdMessage::Error:
        ok = r.text("message", m.message);
        break;
    case LabdMessage::Ready:
    case LabdMessage::Other:
    case LabdMessage::Unreadable:
        break;
    }
    error = r.error();
    return ok;
}

} // namespace

LabdMessage parseLabdLine(const std::string &line)
{
    LabdMessage m;
    Object o;
    if (!o.parse(line, m.message))
        return m; // Unreadable, message says why
    std::string type;
    FieldReader r(o);
    if (!r.text("type", type)) {
        m.message = r.error();
        return m;
    }
    m.kind = kindOf(type);
    std::string error;
    if (!readFields(o, m, error)) {
        m.kind = LabdMessage::Unreadable;
        m.message = error;
    }
    return m;
}

} // namespace tcplab
