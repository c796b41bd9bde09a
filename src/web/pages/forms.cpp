#include "web/pages/forms.hpp"

#include "web/http/url.hpp"

#include "core/text.hpp"

#include <charconv>
#include <limits>

namespace boussole::web::pages {

nlohmann::json error_view(const core::Error& error, const FieldIds& ids)
{
    nlohmann::json summary = nlohmann::json::array();
    nlohmann::json fields = nlohmann::json::object();
    bool single = error.fields.size() == 1;
    for (const auto& field : error.fields) {
        std::string message = single ? error.message : field.message;
        auto id = ids.find(field.field);
        if (id == ids.end()) {
            summary.push_back({{"href", nullptr}, {"message", message}});
            continue;
        }
        if (!fields.contains(field.field))
            fields[field.field] = message;
        summary.push_back({{"href", "#" + id->second}, {"message", message}});
    }
    if (error.fields.empty())
        summary.push_back({{"href", nullptr}, {"message", error.message}});
    bool plural = summary.size() > 1;
    return {{"summary", summary}, {"fields", fields}, {"plural", plural}, {"any", !summary.empty()}};
}

core::Error field_error(std::string field, std::string message)
{
    return core::Error::invalid(message, {{std::move(field), message, std::nullopt, std::nullopt}});
}

std::optional<int> parse_positive_int(std::string_view text)
{
    auto value = core::parse_positive_integer(text);
    if (!value || *value > std::numeric_limits<int>::max())
        return std::nullopt;
    return static_cast<int>(*value);
}

std::optional<std::int64_t> parse_id(std::string_view text)
{
    return core::parse_positive_integer(text);
}

std::string query_string(const std::vector<std::pair<std::string, std::string>>& params)
{
    std::string query;
    for (const auto& [name, value] : params) {
        if (value.empty())
            continue;
        query += query.empty() ? "?" : "&";
        query += http::percent_encode(name) + "=" + http::percent_encode(value);
    }
    return query;
}

nlohmann::json pagination_view(int current, int count, const std::function<std::string(int)>& href)
{
    auto link = [&](int number) {
        bool is_current = number == current;
        return nlohmann::json{{"number", number},
                              {"href", is_current ? nlohmann::json(nullptr) : nlohmann::json(href(number))},
                              {"current", is_current},
                              {"ellipsis", false}};
    };
    nlohmann::json pages = nlohmann::json::array();
    int previous = 0;
    for (int number = 1; number <= count; ++number) {
        bool shown = number == 1 || number == count || (number >= current - 2 && number <= current + 2);
        if (!shown)
            continue;
        if (number > previous + 1)
            pages.push_back({{"ellipsis", true}, {"number", nullptr}, {"href", nullptr}, {"current", false}});
        pages.push_back(link(number));
        previous = number;
    }
    auto optional_href = [&](bool available, int number) {
        return available ? nlohmann::json(href(number)) : nlohmann::json(nullptr);
    };
    return {{"pages", pages},
            {"first_href", optional_href(current > 1, 1)},
            {"previous_href", optional_href(current > 1, current - 1)},
            {"next_href", optional_href(current < count, current + 1)},
            {"last_href", optional_href(current < count, count)},
            {"several", count > 1}};
}

std::string title_with_errors(std::string title, bool has_errors)
{
    return has_errors ? "Erreur : " + title : title;
}

}  // namespace boussole::web::pages
