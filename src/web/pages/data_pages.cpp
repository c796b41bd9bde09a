#include "web/pages/data_pages.hpp"

#include "access/policy.hpp"
#include "core/french.hpp"
#include "core/text.hpp"
#include "web/pages/forms.hpp"
#include "web/request_context.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace boussole::web::pages {

nlohmann::json data_tabs(std::string_view current)
{
    struct Tab {
        const char* code;
        const char* label;
        const char* href;
    };
    constexpr Tab kTabs[] = {{"saisie", "Saisie des valeurs", "/donnees/saisie"},
                             {"completude", "Complétude", "/donnees/completude"},
                             {"validation", "Transmission et validation", "/donnees/validation"},
                             {"import", "Import de fichiers", "/donnees/import"}};
    nlohmann::json tabs = nlohmann::json::array();
    for (const auto& tab : kTabs)
        tabs.push_back({{"label", tab.label}, {"href", tab.href}, {"current", current == tab.code}});
    return tabs;
}

core::Status require_signed_in(const http::Request& request, std::string_view what)
{
    if (!request_context(request).principal.authenticated())
        return core::Error::unauthenticated("Connectez-vous pour " + std::string(what) + ".");
    return {};
}

std::vector<const territory::Territory*> departments_of(const AppState& state, const access::Principal& principal)
{
    if (principal.scope.national() || access::is_national(principal.role))
        return state.registry.departments();
    std::vector<const territory::Territory*> departments;
    for (const auto* department : state.registry.departments())
        if (principal.scope.covers(department->key))
            departments.push_back(department);
    return departments;
}

nlohmann::json department_options(const std::vector<const territory::Territory*>& departments,
                                  std::string_view selected)
{
    nlohmann::json options = nlohmann::json::array();
    for (const auto* department : departments)
        options.push_back({{"value", department->key.to_string()},
                           {"label", department->label()},
                           {"selected", department->key.to_string() == selected}});
    return options;
}

nlohmann::json status_view(collection::ValueStatus status)
{
    const char* badge = status == collection::ValueStatus::Validated   ? "success"
                        : status == collection::ValueStatus::Submitted ? "info"
                                                                       : "new";
    return {{"label", collection::label(status)}, {"badge", badge}, {"code", collection::to_string(status)}};
}

nlohmann::json import_status_view(collection::ImportStatus status)
{
    const char* badge = status == collection::ImportStatus::Applied   ? "success"
                        : status == collection::ImportStatus::Refused ? "error"
                                                                      : "info";
    return {{"label", collection::label(status)}, {"badge", badge}, {"code", collection::to_string(status)}};
}

std::string count_of(std::int64_t count, std::string_view singular, std::string_view plural)
{
    return core::format_integer(count) + " " + std::string(count > 1 ? plural : singular);
}

std::optional<double> parse_form_number(std::string_view text)
{
    std::string compact;
    for (std::size_t i = 0; i < text.size(); ++i) {
        // Spaces group thousands: ordinary, no-break (C2 A0), narrow no-break (E2 80 AF).
        if (text[i] == ' ' || text[i] == '\t')
            continue;
        if (text.substr(i, 2) == "\xC2\xA0") {
            ++i;
            continue;
        }
        if (text.substr(i, 3) == "\xE2\x80\xAF") {
            i += 2;
            continue;
        }
        compact += text[i] == ',' ? '.' : text[i];
    }
    if (compact.empty() || compact.find_first_not_of("+-.0123456789") != std::string::npos ||
        compact.find('.') != compact.rfind('.'))
        return std::nullopt;
    const char* begin = compact.data() + (compact[0] == '+' ? 1 : 0);
    double value = 0;
    auto [end, error] = std::from_chars(begin, compact.data() + compact.size(), value);
    if (error != std::errc() || end != compact.data() + compact.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::string form_number(double value)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.15g", value);
    std::string text = buffer;
    for (char& c : text)
        if (c == '.')
            c = ',';
    return text;
}

std::string entry_href(const territory::TerritoryKey& territory, const core::Period& period)
{
    return "/donnees/saisie" + query_string({{"territoire", territory.to_string()}, {"periode", period.to_string()}});
}

std::string history_href(std::string_view element, const territory::TerritoryKey& territory, const core::Period& period)
{
    return "/donnees/historique/" + std::string(element) + "/" + territory.to_string() + "/" + period.to_string();
}

std::string import_href(std::int64_t id)
{
    return "/donnees/import/" + std::to_string(id);
}

}  // namespace boussole::web::pages
