#include "labdstream.h"

#include "jsonfields.h"

namespace tcplab {

using json::FieldReader;
using json::Json;

std::string labdReadyLine()
{
    Json o;
    o["type"] = "ready";
    o["netns"] = "private";
    return json::dumpLine(o);
}

std::string labdReplyLine(int line, bool ok, const std::string &result, const std::string &message,
                          const Message &why)
{
    Json o;
    o["type"] = "reply";
    o["line"] = line;
    o["ok"] = ok;
    o["result"] = result;
    o["message"] = message;
    if (!why.empty())
        o["why"] = json::messageToJson(why);
    return json::dumpLine(o);
}

std::string labdDoneLine(bool ok, int line, const std::string &message, const Message &why)
{
    Json o;
    o["type"] = "done";
    o["ok"] = ok;
    o["line"] = line;
    o["message"] = message;
    if (!why.empty())
        o["why"] = json::messageToJson(why);
    return json::dumpLine(o);
}

std::string labdErrorLine(const std::string &message)
{
    Json o;
    o["type"] = "error";
    o["message"] = message;
    return json::dumpLine(o);
}

namespace {

LabdMessage::Kind kindOf(const std::string &type)
{
    EventType ignored;
    if (type == "ready")
        return LabdMessage::Ready;
    if (type == "reply")
        return LabdMessage::Reply;
    if (type == "done")
        return LabdMessage::Done;
    if (type == "error")
        return LabdMessage::Error;
    return parseEventType(type, ignored) ? LabdMessage::Event : LabdMessage::Other;
}

// The fields of each kind of line; false with error set when one is of the wrong type.
bool readFields(const Json &o, LabdMessage &m, std::string &error)
{
    FieldReader r(o);
    bool ok = true;
    switch (m.kind) {
    case LabdMessage::Event:
        return json::eventFromJson(o, m.event, error);
    case LabdMessage::Reply:
        ok = r.integer("line", m.line, 0) && r.boolean("ok", m.ok) && r.text("result", m.result)
            && r.text("message", m.message) && r.message("why", m.why);
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
    Json o;
    if (!json::parseObject(line, o, m.message))
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
