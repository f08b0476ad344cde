#include "labdstream.h"

#include "jsonl.h"

namespace tcplab {

namespace {
const char *boolText(bool b) { return b ? "true" : "false"; }
} // namespace

std::string labdReadyLine() { return R"({"type":"ready","netns":"private"})"; }

std::string labdReplyLine(int line, bool ok, const std::string &result, const std::string &message)
{
    return "{\"type\":\"reply\",\"line\":" + std::to_string(line) + ",\"ok\":" + boolText(ok)
        + ",\"result\":" + jsonQuote(result) + ",\"message\":" + jsonQuote(message) + "}";
}

std::string labdDoneLine(bool ok, int line, const std::string &message)
{
    return std::string("{\"type\":\"done\",\"ok\":") + boolText(ok) + ",\"line\":"
        + std::to_string(line) + ",\"message\":" + jsonQuote(message) + "}";
}

std::string labdErrorLine(const std::string &message)
{
    return "{\"type\":\"error\",\"message\":" + jsonQuote(message) + "}";
}

LabdMessage parseLabdLine(const std::string &line)
{
    LabdMessage m;
    JsonObject obj;
    if (!parseJsonObject(line, obj, m.message))
        return m; // Unreadable, message says why
    auto text = [&obj](const char *key) {
        auto it = obj.find(key);
        return it == obj.end() ? std::string() : it->second.s;
    };
    m.ok = obj.count("ok") && obj["ok"].b;
    m.line = obj.count("line") ? int(obj["line"].i) : 0;
    m.result = text("result");
    m.message = text("message");
    const std::string type = text("type");
    if (type == "ready")
        m.kind = LabdMessage::Ready;
    else if (type == "reply")
        m.kind = LabdMessage::Reply;
    else if (type == "done")
        m.kind = LabdMessage::Done;
    else if (type == "error")
        m.kind = LabdMessage::Error;
    else if (eventFromJson(obj, m.event, m.message))
        m.kind = LabdMessage::Event;
    else
        m.kind = LabdMessage::Other;
    return m;
}

} // namespace tcplab
