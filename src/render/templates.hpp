#pragma once
// Server-side HTML from mustache templates (web/templates/*.mustache). Values
// are HTML-escaped by default ({{name}}); only {{{name}}} writes raw HTML, and
// only for HTML the program itself produced. Every template is also a partial,
// under its file name: {{> breadcrumb}}. Thread-safe after load.

#include "core/result.hpp"

#include <nlohmann/json_fwd.hpp>

#include <map>
#include <string>
#include <string_view>

namespace boussole::render {

class Templates {
public:
    // Reads every *.mustache file of the directory (not recursive). Fails with
    // NotFound when the directory is missing or has no templates.
    static core::Result<Templates> load(const std::string& directory);
    static Templates from_texts(std::map<std::string, std::string> texts);

    bool has(std::string_view name) const { return m_texts.count(std::string(name)) > 0; }

    // Renders a template with a JSON context (objects, arrays, strings,
    // numbers, booleans; null is false). Throws std::runtime_error for an
    // unknown template or a template syntax error: both are programming errors.
    std::string render(std::string_view name, const nlohmann::json& context) const;

private:
    std::map<std::string, std::string> m_texts;
};

}  // namespace boussole::render
