// Data elements and indicators over the API: lists with filters, one entry,
// creation and change by national administrators, history. The handlers read
// and map; the rules are the catalogue module's.
#include "catalogue/catalogue_json.hpp"
#include "catalogue/formula.hpp"
#include "catalogue/validation.hpp"
#include "core/text.hpp"
#include "web/api/catalogue_api.hpp"
#include "web/api/catalogue_writes.hpp"
#include "web/api/json_views.hpp"
#include "web/api/parameters.hpp"
#include "web/api/request_body.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

namespace boussole::web::api {

namespace {

using catalogue::Catalogue;
using catalogue::DataElement;
using catalogue::Indicator;

// A filter given as text, checked with the enumeration's parser.
template <typename Enum>
core::Result<std::optional<Enum>> enum_query(const http::Request& request, const char* name,
                                             core::Result<Enum> (*parse)(std::string_view))
{
    auto text = text_query(request, name, 40);
    if (!text.ok())
        return std::move(text).error();
    if (text->empty())
        return std::optional<Enum>{};
    auto parsed = parse(*text);
    if (!parsed.ok())
        return invalid_parameter(name, parsed.error().message, *text);
    return std::optional<Enum>(*parsed);
}

http::Response list_elements(AppState& state, http::Request& request)
{
    auto search = text_query(request, "q");
    auto source = text_query(request, "source", 80);
    auto period = enum_query(request, "period_type", core::parse_period_type);
    auto collected = bool_query(request, "collected");
    auto page = page_parameters(request);
    for (const core::Error* error :
         {search.ok() ? nullptr : &search.error(), source.ok() ? nullptr : &source.error(),
          period.ok() ? nullptr : &period.error(), collected.ok() ? nullptr : &collected.error(),
          page.ok() ? nullptr : &page.error()})
        if (error)
            return problem_response(*error, request);
    auto loaded = load_catalogue(state);
    auto folded = core::fold_for_search(*search);
    std::vector<const DataElement*> found;
    for (const auto& element : loaded.elements())
        if ((source->empty() || element.source_code == *source) && (!*period || element.period_type == **period) &&
            (!*collected || element.collected == **collected) &&
            matches_search(folded, {&element.code, &element.name, &element.description}))
            found.push_back(&element);
    return http::Response::json(200, page_json(slice_page(std::move(found), *page), [&](const DataElement* element) {
                                    return element_view(*element, loaded);
                                }));
}

http::Response list_indicators(AppState& state, http::Request& request)
{
    auto search = text_query(request, "q");
    auto priority = text_query(request, "priority", 10);
    auto kind = enum_query(request, "kind", catalogue::parse_indicator_kind);
    auto status = enum_query(request, "definition_status", catalogue::parse_definition_status);
    auto periodicity = enum_query(request, "periodicity", core::parse_period_type);
    auto page = page_parameters(request);
    for (const core::Error* error :
         {search.ok() ? nullptr : &search.error(), priority.ok() ? nullptr : &priority.error(),
          kind.ok() ? nullptr : &kind.error(), status.ok() ? nullptr : &status.error(),
          periodicity.ok() ? nullptr : &periodicity.error(), page.ok() ? nullptr : &page.error()})
        if (error)
            return problem_response(*error, request);
    auto loaded = load_catalogue(state);
    auto folded = core::fold_for_search(*search);
    std::vector<const Indicator*> found;
    for (const auto& indicator : loaded.indicators()) {
        bool in_priority = priority->empty() || std::find(indicator.priorities.begin(), indicator.priorities.end(),
                                                          *priority) != indicator.priorities.end();
        if (in_priority && (!*kind || indicator.kind == **kind) &&
            (!*status || indicator.definition_status == **status) &&
            (!*periodicity || indicator.periodicity == **periodicity) &&
            matches_search(folded, {&indicator.code, &indicator.name, &indicator.definition}))
            found.push_back(&indicator);
    }
    return http::Response::json(200, page_json(slice_page(std::move(found), *page),
                                               [](const Indicator* indicator) { return indicator_view(*indicator); }));
}

core::Error unknown(const char* what, const std::string& code, const char* list)
{
    return core::Error::not_found(std::string(what) + " « " + code + " » inconnu" + (what[0] == 'D' ? "e" : "") +
                                  " du catalogue : la liste est à l'adresse " + list + ".");
}

http::Response get_element(AppState& state, http::Request& request)
{
    auto code = code_parameter(request);
    if (!code.ok())
        return problem_response(code.error(), request);
    auto loaded = load_catalogue(state);
    const auto* element = loaded.find_element(*code);
    if (!element)
        return problem_response(unknown("Donnée", *code, "/api/v1/data-elements"), request);
    return http::Response::json(200, element_view(*element, loaded));
}

http::Response get_indicator(AppState& state, http::Request& request)
{
    auto code = code_parameter(request);
    if (!code.ok())
        return problem_response(code.error(), request);
    auto loaded = load_catalogue(state);
    const auto* indicator = loaded.find_indicator(*code);
    if (!indicator)
        return problem_response(unknown("Indicateur", *code, "/api/v1/indicators"), request);
    return http::Response::json(200, indicator_view(*indicator));
}

}  // namespace

void register_catalogue_entry_routes(http::Router& router, AppState& state)
{
    router.get("/api/v1/data-elements", [&state](http::Request& request) { return list_elements(state, request); });
    router.get("/api/v1/data-elements/{code}",
               [&state](http::Request& request) { return get_element(state, request); });
    router.post("/api/v1/data-elements", [&state](http::Request& request) {
        return create_entry<DataElement>(state, request,
                                         {"code", "name", "unit", "value_type", "period_type", "territory_aggregation",
                                          "time_aggregation", "source_code"},
                                         "/api/v1/data-elements/", catalogue::create_element);
    });
    router.patch("/api/v1/data-elements/{code}", [&state](http::Request& request) {
        return patch_entry<DataElement>(
            state, request, "Donnée",
            [](const Catalogue& loaded, const std::string& code) { return loaded.find_element(code); },
            catalogue::update_element);
    });
    router.get("/api/v1/data-elements/{code}/history", [&state](http::Request& request) {
        return history_response(state, request, catalogue::EntityType::DataElement);
    });

    router.get("/api/v1/indicators", [&state](http::Request& request) { return list_indicators(state, request); });
    router.get("/api/v1/indicators/{code}", [&state](http::Request& request) { return get_indicator(state, request); });
    router.post("/api/v1/indicators", [&state](http::Request& request) {
        return create_entry<Indicator>(state, request,
                                       {"code", "name", "definition", "kind", "unit", "direction", "periodicity",
                                        "source_code", "definition_status", "priorities"},
                                       "/api/v1/indicators/", catalogue::create_indicator);
    });
    router.patch("/api/v1/indicators/{code}", [&state](http::Request& request) {
        return patch_entry<Indicator>(
            state, request, "Indicateur",
            [](const Catalogue& loaded, const std::string& code) { return loaded.find_indicator(code); },
            catalogue::update_indicator);
    });
    router.get("/api/v1/indicators/{code}/history", [&state](http::Request& request) {
        return history_response(state, request, catalogue::EntityType::Indicator);
    });
}

}  // namespace boussole::web::api
