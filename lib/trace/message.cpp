#include "message.h"

namespace tcplab {

std::string Message::english() const
{
    if (word)
        return text;
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const int n = placeholderAt(text, i);
        if (n >= 0 && std::size_t(n) < args.size()) {
            out += args[std::size_t(n)].english();
            ++i;
        } else {
            out += text[i];
        }
    }
    return out;
}

bool Message::operator==(const Message &o) const
{
    return text == o.text && word == o.word && args == o.args;
}

Message word(std::string text) { return Message{std::move(text), {}, true}; }

} // namespace tcplab
