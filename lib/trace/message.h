#pragma once
// A sentence for the user as a template and its arguments: "unknown state %1 (did you mean
// %2?)" with "SYN_SEND" and "SYN_SENT" (quoted). The libraries that do not link Qt
// (lib/scenario, lib/sim, lib/live) build the messages they give the user this way: english()
// is the text the command line prints and the tests compare, and the UI translates the
// template and puts the arguments in (lib/model/messagetext.h), the way the state graph
// translates lib/tcp's edge labels. Templates are marked for lupdate where they are written,
// with QT_TRANSLATE_NOOP("scenario", "...") (a no-op macro outside Qt).
//
// An argument is either a word, shown as it is in every language (a state, a keyword, a
// number, the user's own text), or a message of its own, translated in turn ("expected %1
// from %2 to %3" takes "a byte count").

#include <string>
#include <utility>
#include <vector>

namespace tcplab {

// The translation context of every template (lupdate's and QCoreApplication::translate's).
constexpr const char kMessageContext[] = "scenario";

struct Message {
    std::string text;          // the English template; or, for a word, the word itself
    std::vector<Message> args; // %1, %2, ... %9 (a placeholder may occur more than once)
    bool word = false;         // true: text is shown as it is, never translated

    bool empty() const { return text.empty(); }
    // The template with every %N replaced by the English of argument N, in one pass (an
    // argument's own text is never scanned for placeholders).
    std::string english() const;
    bool operator==(const Message &o) const;
    bool operator!=(const Message &o) const { return !(*this == o); }
};

// A word, shown as it is.
Message word(std::string text);

namespace detail {
inline Message argument(std::string text) { return word(std::move(text)); }
inline Message argument(Message m) { return m; }
} // namespace detail

// A template and its arguments (std::string for words, Message for nested messages):
// message(QT_TRANSLATE_NOOP("scenario", "unknown state %1"), quoted).
template <typename... Args> Message message(const char *text, Args &&...args)
{
    return Message{text, {detail::argument(std::forward<Args>(args))...}, false};
}

// A template's placeholder at text[i] ("%1" .. "%9"): its argument index, or -1.
inline int placeholderAt(const std::string &text, std::size_t i)
{
    return i + 1 < text.size() && text[i] == '%' && text[i + 1] >= '1' && text[i + 1] <= '9'
               ? text[i + 1] - '1'
               : -1;
}

} // namespace tcplab
