// The pieces the catalogue's handlers share (catalogue_api.hpp).
#include "catalogue/catalogue_json.hpp"
#include "catalogue/formula.hpp"
#include "catalogue/validation.hpp"
#include "core/text.hpp"
#include "web/api/catalogue_api.hpp"
#include "web/api/json_views.hpp"
#include "web/api/parameters.hpp"
#include "web/api/request_body.hpp"
#include "web/problem.hpp"

namespace boussole::web::api {

catalogue::Catalogue load_catalogue(AppState& state)
{
    return state.database.read([](storage::Connection& connection) { return catalogue::Catalogue::load(connection); });
}

nlohmann::json element_view(const catalogue::DataElement& element, const catalogue::Catalogue& catalogue)
{
    auto view = catalogue::to_json(element);
    nlohmann::json used_by = nlohmann::json::array();
    for (const auto& indicator : catalogue.indicators())
        for (const auto* text : {&indicator.numerator, &indicator.denominator}) {
            auto parsed = catalogue::Formula::try_parse(*text);
            if (!parsed.formula)
                continue;
            auto codes = parsed.formula->element_codes();
            if (std::find(codes.begin(), codes.end(), element.code) != codes.end()) {
                used_by.push_back(indicator.code);
                break;
            }
        }
    view["used_by"] = used_by;
    return view;
}

nlohmann::json indicator_view(const catalogue::Indicator& indicator)
{
    auto view = catalogue::to_json(indicator);
    std::vector<std::string> elements;
    std::vector<std::string> indicators;
    for (const auto* text : {&indicator.numerator, &indicator.denominator}) {
        auto parsed = catalogue::Formula::try_parse(*text);
        if (!parsed.formula)
            continue;
        for (auto& code : parsed.formula->element_codes())
            if (std::find(elements.begin(), elements.end(), code) == elements.end())
                elements.push_back(std::move(code));
        for (auto& code : parsed.formula->indicator_codes())
            if (std::find(indicators.begin(), indicators.end(), code) == indicators.end())
                indicators.push_back(std::move(code));
    }
    if (!indicator.base_indicator_code.empty())
        indicators.push_back(indicator.base_indicator_code);
    view["references"] = {{"data_elements", elements}, {"indicators", indicators}};
    return view;
}

core::Result<std::string> code_parameter(const http::Request& request)
{
    auto code = request.path_param("code");
    if (!catalogue::is_valid_code(code))
        return core::Error::not_found("Code « " + std::string(core::is_valid_utf8(code) ? code.substr(0, 80) : "") +
                                      " » introuvable : un code du catalogue s'écrit en minuscules, chiffres et « _ » "
                                      "(ex. mdph_decisions).");
    return std::string(code);
}

core::Status require_members(const nlohmann::json& body, std::initializer_list<const char*> required)
{
    std::vector<core::FieldError> missing;
    for (const char* member : required)
        if (!body.contains(member) || body.at(member).is_null())
            missing.push_back(
                {member, "« " + std::string(member) + " » : obligatoire à la création.", std::nullopt, std::nullopt});
    if (missing.empty())
        return {};
    std::string names;
    for (const auto& field : missing)
        names += (names.empty() ? "" : ", ") + field.field;
    return core::Error::invalid("Membres obligatoires absents : " + names + ". Donnez-les explicitement.",
                                std::move(missing));
}

core::Result<std::string> change_note(const nlohmann::json& body)
{
    auto note = optional_string(body, "change_note");
    if (!note.ok())
        return std::move(note).error();
    return note->value_or("");
}

http::Response history_response(AppState& state, http::Request& request, catalogue::EntityType type)
{
    auto code = code_parameter(request);
    if (!code.ok())
        return problem_response(code.error(), request);
    auto page = page_parameters(request);
    if (!page.ok())
        return problem_response(page.error(), request);
    auto versions = state.database.read(
        [&](storage::Connection& connection) { return catalogue::entry_history(connection, type, *code); });
    if (!versions.ok())
        return problem_response(versions.error(), request);
    auto body = page_json(slice_page(std::move(versions).value(), *page), [](const catalogue::CatalogueVersion& v) {
        return nlohmann::json{{"version", v.version},
                              {"changed_at", core::to_iso8601(v.changed_at)},
                              {"changed_by", v.changed_by},
                              {"change_note", v.change_note},
                              {"origin", catalogue::to_string(v.origin)},
                              {"snapshot", nlohmann::json::parse(v.snapshot, nullptr, false)}};
    });
    body["entity_type"] = catalogue::to_string(type);
    body["code"] = *code;
    return http::Response::json(200, body);
}

bool matches_search(const std::string& folded_query, std::initializer_list<const std::string*> texts)
{
    if (folded_query.empty())
        return true;
    std::string haystack;
    for (const auto* text : texts)
        haystack += " " + *text;
    return core::fold_for_search(haystack).find(folded_query) != std::string::npos;
}

}  // namespace boussole::web::api
