#pragma once
// Internal to lib/lesson: typed reads of YAML nodes that record a "file:line: what is wrong"
// error instead of throwing, so the loader reports every mistake of a lesson file at once.

#include "lesson.h"
#include "lessonloader.h"

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

namespace lesson {

class YamlFields {
public:
    explicit YamlFields(std::string file)
        : m_file(std::move(file))
    {
    }

    // 1-based line of a node; fallback when the node has no position (a missing key).
    static int lineOf(const YAML::Node &node, int fallback = 0);

    void error(int line, const std::string &message);
    void error(const YAML::Node &node, const std::string &message) { error(lineOf(node), message); }

    // Reports keys of map that are not in allowed (with a suggestion) and keys given twice.
    void checkKeys(const YAML::Node &map, const std::vector<std::string> &allowed,
                   const std::string &where);
    // True when node is a map; otherwise reports "WHERE: expected KEY: VALUE lines".
    bool expectMap(const YAML::Node &node, int fallbackLine, const std::string &where);

    // map[key] as text: the scalar, or nothing (reported when required and missing or not text).
    std::optional<std::string> scalar(const YAML::Node &map, const char *key, int mapLine,
                                      const std::string &where, bool required);
    // map[key] as a two-language text {en, zh_CN}: both required, both non-empty.
    std::optional<Text> text(const YAML::Node &map, const char *key, int mapLine,
                             const std::string &where, bool required);

    const std::string &file() const { return m_file; }
    std::vector<LessonError> takeErrors() { return std::move(m_errors); }

private:
    std::string m_file;
    std::vector<LessonError> m_errors;
};

} // namespace lesson
