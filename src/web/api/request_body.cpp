#include "web/api/request_body.hpp"

#include "core/text.hpp"

#include <charconv>

namespace boussole::web::api {

namespace {

core::Error wrong_type(const char* member, const char* expected)
{
    return core::Error::invalid(std::string("Champ « ") + member + " » : " + expected + " attendu.",
                                {{member, std::string(expected) + " attendu", std::nullopt, std::nullopt}});
}

}  // namespace

core::Result<nlohmann::json> json_object_body(const http::Request& request)
{
    auto content_type = request.header("Content-Type").value_or("");
    if (content_type.substr(0, 16) != "application/json")
        return core::Error::unsupported_media_type(
            "Corps de requête attendu en JSON : envoyez l'en-tête Content-Type: application/json.");
    if (!core::is_valid_utf8(request.body))
        return core::Error::invalid("Corps de requête illisible : le JSON doit être encodé en UTF-8.");
    auto body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_discarded())
        return core::Error::invalid("JSON mal formé : vérifiez les guillemets, virgules et accolades.");
    if (!body.is_object())
        return core::Error::invalid("Corps de requête attendu : un objet JSON ({ … }).");
    return body;
}

core::Result<std::optional<std::string>> optional_string(const nlohmann::json& body, const char* member)
{
    auto found = body.find(member);
    if (found == body.end() || found->is_null())
        return std::optional<std::string>{};
    if (!found->is_string())
        return wrong_type(member, "une chaîne de caractères");
    return std::optional<std::string>{found->get<std::string>()};
}

core::Result<std::string> required_string(const nlohmann::json& body, const char* member)
{
    auto value = optional_string(body, member);
    if (!value.ok())
        return std::move(value).error();
    if (!*value)
        return core::Error::invalid(std::string("Champ « ") + member + " » obligatoire.",
                                    {{member, "obligatoire", std::nullopt, std::nullopt}});
    return **value;
}

core::Result<std::optional<bool>> optional_bool(const nlohmann::json& body, const char* member)
{
    auto found = body.find(member);
    if (found == body.end() || found->is_null())
        return std::optional<bool>{};
    if (!found->is_boolean())
        return wrong_type(member, "true ou false");
    return std::optional<bool>{found->get<bool>()};
}

core::Result<int> required_version(const nlohmann::json& body)
{
    auto found = body.find("version");
    if (found == body.end() || !found->is_number_integer() || found->get<std::int64_t>() < 1 ||
        found->get<std::int64_t>() > 1'000'000'000)
        return core::Error::invalid(
            "Champ « version » obligatoire : la version lue avant la modification (entier), "
            "pour ne pas écraser une modification concurrente.",
            {{"version", "entier attendu", std::nullopt, std::nullopt}});
    return static_cast<int>(found->get<std::int64_t>());
}

core::Result<std::int64_t> id_parameter(const http::Request& request, const char* name)
{
    auto value = core::parse_positive_integer(request.path_param(name));
    if (!value)
        return core::Error::not_found("Identifiant « " + std::string(request.path_param(name)) + " » inconnu.");
    return *value;
}

core::Result<core::PageRequest> page_parameters(const http::Request& request)
{
    int number = 1;
    int size = core::PageRequest::kDefaultSize;
    if (auto text = request.query_param("page")) {
        auto value = core::parse_positive_integer(*text);
        if (!value || *value > 1'000'000)
            return core::Error::invalid("Paramètre « page » invalide : attendu un entier à partir de 1.",
                                        {{"page", "entier à partir de 1", std::nullopt, std::string(*text)}});
        number = static_cast<int>(*value);
    }
    if (auto text = request.query_param("page_size")) {
        auto value = core::parse_positive_integer(*text);
        if (!value || *value > core::PageRequest::kMaximumSize)
            return core::Error::invalid("Paramètre « page_size » invalide : attendu un entier de 1 à 100.",
                                        {{"page_size", "entier de 1 à 100", std::nullopt, std::string(*text)}});
        size = static_cast<int>(*value);
    }
    return core::PageRequest::make(number, size);
}

}  // namespace boussole::web::api
