#include "yamlfields.h"

#include "closestword.h"

#include <algorithm>
#include <set>

namespace lesson {

std::string LessonError::format() const
{
    return line > 0 ? file + ":" + std::to_string(line) + ": " + message : file + ": " + message;
}

int YamlFields::lineOf(const YAML::Node &node, int fallback)
{
    if (!node.IsDefined())
        return fallback;
    const YAML::Mark m = node.Mark();
    return m.is_null() ? fallback : m.line + 1;
}

void YamlFields::error(int line, const std::string &message)
{
    m_errors.push_back(LessonError{m_file, line, message});
}

void YamlFields::checkKeys(const YAML::Node &map, const std::vector<std::string> &allowed,
                           const std::string &where)
{
    std::set<std::string> seen;
    for (auto it = map.begin(); it != map.end(); ++it) {
        const YAML::Node key = it->first;
        const std::string name = key.IsScalar() ? key.Scalar() : std::string("?");
        const std::string prefix = where.empty() ? std::string() : where + ": ";
        if (!seen.insert(name).second) {
            error(key, prefix + name + " is given twice");
            continue;
        }
        if (std::find(allowed.begin(), allowed.end(), name) != allowed.end())
            continue;
        const std::string hint = closestWord(name, allowed);
        std::string known;
        for (const std::string &a : allowed)
            known += (known.empty() ? "" : ", ") + a;
        error(key, prefix + "unknown key \"" + name + "\"" +
                       (hint.empty() ? " (known here: " + known + ")"
                                     : " (did you mean \"" + hint + "\"?)"));
    }
}

bool YamlFields::expectMap(const YAML::Node &node, int fallbackLine, const std::string &where)
{
    if (node.IsMap())
        return true;
    error(lineOf(node, fallbackLine), where + ": expected keys and values (key: value lines)");
    return false;
}

std::optional<std::string> YamlFields::scalar(const YAML::Node &map, const char *key, int mapLine,
                                              const std::string &where, bool required)
{
    const YAML::Node n = map[key];
    const std::string name = (where.empty() ? std::string() : where + ": ") + key;
    if (!n.IsDefined() || n.IsNull()) {
        if (required)
            error(lineOf(n, mapLine), name + " is missing");
        return std::nullopt;
    }
    if (!n.IsScalar()) {
        error(n, name + " must be text, not a list or map");
        return std::nullopt;
    }
    return n.Scalar();
}

std::optional<Text> YamlFields::text(const YAML::Node &map, const char *key, int mapLine,
                                     const std::string &where, bool required)
{
    const YAML::Node n = map[key];
    const std::string name = (where.empty() ? std::string() : where + ": ") + key;
    if (!n.IsDefined() || n.IsNull()) {
        if (required)
            error(lineOf(n, mapLine), name + " is missing (a text: en and zh_CN)");
        return std::nullopt;
    }
    if (!n.IsMap()) {
        error(n, name + ": a text needs both languages, as {en: ..., zh_CN: ...}");
        return std::nullopt;
    }
    checkKeys(n, {"en", "zh_CN"}, name);
    Text t;
    t.line = lineOf(n);
    std::vector<std::string> missing;
    for (const char *lang : {"en", "zh_CN"}) {
        const YAML::Node v = n[lang];
        std::string &into = std::string(lang) == "en" ? t.en : t.zhCN;
        if (v.IsDefined() && v.IsScalar())
            into = v.Scalar();
        else if (v.IsDefined() && !v.IsNull())
            error(v, name + ": " + lang + " must be text");
        if (into.find_first_not_of(" \t\n") == std::string::npos)
            missing.push_back(lang);
    }
    if (missing.size() == 2)
        error(t.line, name + ": missing en and zh_CN (every text is given in both)");
    else if (missing.size() == 1)
        error(t.line, name + ": missing " + missing.front() +
                          " (every text is given in both en and zh_CN)");
    return missing.empty() ? std::optional<Text>(t) : std::nullopt;
}

} // namespace lesson
