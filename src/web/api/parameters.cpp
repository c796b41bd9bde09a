#include "web/api/parameters.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace boussole::web::api {

namespace {

bool all_digits(std::string_view text)
{
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// "+01:00" or "-05:30" -> signed minutes; nothing when malformed.
std::optional<int> parse_offset(std::string_view text)
{
    if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':' || !all_digits(text.substr(1, 2)) ||
        !all_digits(text.substr(4, 2)))
        return std::nullopt;
    int hours = (text[1] - '0') * 10 + (text[2] - '0');
    int minutes = (text[4] - '0') * 10 + (text[5] - '0');
    if (hours > 14 || minutes > 59)
        return std::nullopt;
    int total = hours * 60 + minutes;
    return text[0] == '-' ? -total : total;
}

std::optional<core::Timestamp> parse_instant(std::string_view text)
{
    // A date alone means the whole of that day: the token expires at its end.
    if (text.size() == 10)
        return core::parse_iso8601(std::string(text) + "T23:59:59Z");
    if (!text.empty() && (text.back() == 'Z' || text.back() == 'z'))
        return core::parse_iso8601(std::string(text.substr(0, text.size() - 1)) + "Z");
    if (text.size() < 6)
        return std::nullopt;
    auto offset = parse_offset(text.substr(text.size() - 6));
    if (!offset)
        return std::nullopt;
    auto local = core::parse_iso8601(std::string(text.substr(0, text.size() - 6)) + "Z");
    if (!local)
        return std::nullopt;
    return *local - std::chrono::minutes(*offset);
}

}  // namespace

core::Error invalid_parameter(const std::string& name, const std::string& message, std::optional<std::string> value)
{
    return core::Error::invalid("Paramètre « " + name + " » invalide : " + message + ".",
                                {{name, message, std::nullopt, std::move(value)}});
}

core::Result<std::string> text_query(const http::Request& request, const char* name, std::size_t maximum_length)
{
    auto value = request.query_param(name);
    if (!value)
        return std::string();
    if (!core::is_valid_utf8(*value))
        return invalid_parameter(name, "texte illisible, encodez-le en UTF-8");
    auto trimmed = core::trim(*value);
    if (core::utf8_length(trimmed) > maximum_length)
        return invalid_parameter(name, std::to_string(maximum_length) + " caractères au plus");
    return std::string(trimmed);
}

core::Result<std::optional<std::int64_t>> id_query(const http::Request& request, const char* name)
{
    auto value = request.query_param(name);
    if (!value || value->empty())
        return std::optional<std::int64_t>{};
    auto parsed = core::parse_positive_integer(*value);
    if (!parsed)
        return invalid_parameter(name, "attendu un identifiant numérique (entier à partir de 1)",
                                 core::is_valid_utf8(*value) ? std::optional<std::string>(*value) : std::nullopt);
    return std::optional<std::int64_t>{*parsed};
}

core::Result<std::optional<int>> version_query(const http::Request& request)
{
    auto version = id_query(request, "version");
    if (!version.ok())
        return std::move(version).error();
    if (!*version)
        return std::optional<int>();
    // Beyond any real version: compared, it is simply stale.
    return std::optional<int>(static_cast<int>(std::min<std::int64_t>(**version, 1'000'000'000)));
}

core::Result<std::optional<bool>> bool_query(const http::Request& request, const char* name)
{
    auto value = request.query_param(name);
    if (!value || value->empty())
        return std::optional<bool>{};
    if (*value == "true")
        return std::optional<bool>{true};
    if (*value == "false")
        return std::optional<bool>{false};
    return invalid_parameter(name, "attendu true ou false",
                             core::is_valid_utf8(*value) ? std::optional<std::string>(*value) : std::nullopt);
}

core::Result<std::optional<std::int64_t>> optional_id(const nlohmann::json& body, const char* member)
{
    auto found = body.find(member);
    if (found == body.end() || found->is_null())
        return std::optional<std::int64_t>{};
    if (!found->is_number_integer() || found->get<std::int64_t>() < 1)
        return core::Error::invalid(std::string("Champ « ") + member +
                                        " » : identifiant numérique attendu (entier à "
                                        "partir de 1).",
                                    {{member, "identifiant numérique attendu", std::nullopt, std::nullopt}});
    return std::optional<std::int64_t>{found->get<std::int64_t>()};
}

core::Result<std::optional<std::vector<std::string>>> optional_string_array(const nlohmann::json& body,
                                                                            const char* member)
{
    auto found = body.find(member);
    if (found == body.end() || found->is_null())
        return std::optional<std::vector<std::string>>{};
    auto wrong = core::Error::invalid(
        std::string("Champ « ") + member + " » : liste de chaînes de caractères attendue ([\"…\", \"…\"]).",
        {{member, "liste de chaînes attendue", std::nullopt, std::nullopt}});
    if (!found->is_array())
        return wrong;
    std::vector<std::string> values;
    for (const auto& entry : *found) {
        if (!entry.is_string())
            return wrong;
        values.push_back(entry.get<std::string>());
    }
    return std::optional<std::vector<std::string>>{std::move(values)};
}

core::Result<std::optional<core::Timestamp>> optional_instant(const nlohmann::json& body, const char* member)
{
    auto found = body.find(member);
    if (found == body.end() || found->is_null())
        return std::optional<core::Timestamp>{};
    std::optional<core::Timestamp> instant;
    if (found->is_string())
        instant = parse_instant(found->get<std::string>());
    if (!instant)
        return core::Error::invalid(
            std::string("Champ « ") + member +
                " » : date ISO 8601 attendue (ex. 2026-12-31 ou 2026-12-31T18:00:00+01:00).",
            {{member, "date ISO 8601 attendue", std::nullopt,
              found->is_string() ? std::optional<std::string>(found->get<std::string>()) : std::nullopt}});
    return std::optional<core::Timestamp>{*instant};
}

core::Status only_members(const nlohmann::json& body, std::initializer_list<const char*> allowed)
{
    for (const auto& [name, value] : body.items()) {
        bool known = std::any_of(allowed.begin(), allowed.end(), [&](const char* member) { return name == member; });
        if (known)
            continue;
        std::string list;
        for (const char* member : allowed)
            list += (list.empty() ? "" : ", ") + std::string(member);
        return core::Error::invalid("Champ « " + name + " » inconnu : champs acceptés : " + list + ".",
                                    {{name, "champ inconnu", std::nullopt, std::nullopt}});
    }
    return {};
}

http::Response created(const nlohmann::json& resource, std::string location)
{
    auto response = http::Response::json(201, resource);
    response.set_header("Location", std::move(location));
    return response;
}

}  // namespace boussole::web::api
