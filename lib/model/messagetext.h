#pragma once
// A message of the libraries that do not link Qt (trace/message.h: a parse error, a failed
// expect, a fault note) in the UI's language: the template translated in the "scenario"
// context, then each argument put in, words as they are and nested messages translated in turn.
// The templates are extracted by lupdate from lib/scenario, lib/sim, lib/live and lib/trace.

#include "trace/message.h"

#include <QString>

#include <string>

class MessageText {
public:
    static QString translated(const tcplab::Message &message);
    // The message translated, or english as it is when there is no message (a note written by
    // the user, a trace saved before notes carried one).
    static QString translated(const tcplab::Message &message, const std::string &english);
    // The UI's language, "en" or "zh_CN" (LanguageManager makes it QLocale's default): the
    // language a scenario's title and sentence are shown in (Scenario::titleIn()).
    static std::string language();
};
