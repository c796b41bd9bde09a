// The directory of actors: a search form (words, type, territory, sort) read
// from the query string, so that every result page has its own address and
// works without JavaScript, and the CSV export of the same filter.
#include "actors/organisation.hpp"
#include "core/french.hpp"
#include "core/text.hpp"
#include "render/csv_writer.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"

namespace boussole::web::pages {

namespace {

// The filter as read from the query, with what was wrong in it.
struct DirectoryFilter {
    std::string search;
    std::string type;
    std::string territory;
    std::string sort = "nom";
    int page = 1;
    std::vector<core::FieldError> errors;

    actors::OrganisationQuery query(const AppState& state) const
    {
        actors::OrganisationQuery query;
        query.search = search;
        query.type = type;
        if (!territory.empty())
            if (auto found = state.registry.resolve(territory); found.ok())
                query.territory = (*found)->key;
        query.sort = sort == "type" ? actors::OrganisationSort::Type : actors::OrganisationSort::Name;
        query.page = core::PageRequest{page, core::PageRequest::kDefaultSize};
        return query;
    }

    std::vector<std::pair<std::string, std::string>> params() const
    {
        return {{"q", search}, {"type", type}, {"territoire", territory}, {"tri", sort == "nom" ? "" : sort}};
    }
};

DirectoryFilter read_filter(const AppState& state, const http::Request& request)
{
    DirectoryFilter filter;
    std::string search(core::trim(request.query_param("q").value_or("")));
    if (!core::is_valid_utf8(search) || core::utf8_length(search) > 200)
        filter.errors.push_back({"q", "Recherche illisible ou trop longue : saisissez au plus 200 caractères.",
                                 std::nullopt, std::nullopt});
    else
        filter.search = search;

    std::string type(request.query_param("type").value_or(""));
    if (!type.empty() && !actors::find_organisation_type(type).ok())
        filter.errors.push_back(
            {"type", "Type d'acteur inconnu : choisissez un type dans la liste.", std::nullopt, std::nullopt});
    else
        filter.type = type;

    std::string territory(request.query_param("territoire").value_or(""));
    if (!territory.empty()) {
        auto found = state.registry.resolve(territory);
        if (!found.ok())
            filter.errors.push_back({"territoire", found.error().message + " Choisissez un territoire dans la liste.",
                                     std::nullopt, std::nullopt});
        else
            filter.territory = (*found)->key.to_string();
    }

    if (request.query_param("tri").value_or("") == "type")
        filter.sort = "type";
    filter.page = parse_positive_int(request.query_param("page").value_or("1")).value_or(1);
    return filter;
}

std::string covered_labels(const AppState& state, const actors::Organisation& organisation, std::string_view separator)
{
    std::string text;
    for (const auto& key : organisation.territories) {
        const auto* territory = state.registry.find(key);
        if (!text.empty())
            text += separator;
        text += key.level() == territory::Level::Nation ? "France entière"
                                                        : (territory ? territory->label() : key.to_string());
    }
    return text;
}

nlohmann::json type_options(const std::vector<std::pair<std::string, std::int64_t>>& counts,
                            const std::string& selected)
{
    nlohmann::json options = nlohmann::json::array();
    for (const auto& [code, count] : counts) {
        auto type = actors::find_organisation_type(code);
        if (!type.ok() || count == 0)
            continue;
        options.push_back({{"value", code},
                           {"label", std::string((*type)->plural) + " (" + core::format_integer(count) + ")"},
                           {"selected", code == selected}});
    }
    return options;
}

nlohmann::json territory_options(const std::vector<const territory::Territory*>& territories,
                                 const std::string& selected)
{
    nlohmann::json options = nlohmann::json::array();
    for (const auto* territory : territories) {
        auto key = territory->key.to_string();
        std::string label = territory->key.level() == territory::Level::Department
                                ? territory->key.code() + " — " + territory->name
                                : territory->name;
        options.push_back({{"value", key}, {"label", label}, {"selected", key == selected}});
    }
    return options;
}

http::Response directory(AppState& state, http::Request& request)
{
    auto filter = read_filter(state, request);
    auto query = filter.query(state);
    auto [page, counts] = state.database.read([&](storage::Connection& connection) {
        return std::make_pair(actors::search_organisations(connection, query), actors::count_by_type(connection));
    });
    if (!page.ok())
        filter.errors.push_back({"type", page.error().message, std::nullopt, std::nullopt});

    nlohmann::json results = nlohmann::json::array();
    std::int64_t total = 0;
    int page_count = 1;
    if (page.ok()) {
        total = page->total;
        page_count = page->page_count();
        for (const auto& organisation : page->items)
            results.push_back(
                {{"name", organisation.name},
                 {"short_name", organisation.short_name != organisation.name ? nlohmann::json(organisation.short_name)
                                                                             : nlohmann::json(nullptr)},
                 {"href", "/acteurs/" + organisation.slug},
                 {"type", std::string(organisation.type->label)},
                 {"covered", covered_labels(state, organisation, ", ")},
                 {"to_confirm", organisation.to_confirm}});
    }
    auto params = filter.params();
    auto page_href = [&](int number) {
        auto with_page = params;
        if (number > 1)
            with_page.emplace_back("page", std::to_string(number));
        return "/acteurs" + query_string(with_page);
    };
    bool filtered = !filter.search.empty() || !filter.type.empty() || !filter.territory.empty();
    core::Error error = core::Error::invalid(filter.errors.empty() ? "" : filter.errors.front().message, filter.errors);
    nlohmann::json errors =
        filter.errors.empty()
            ? nlohmann::json{{"summary", nlohmann::json::array()}, {"fields", nlohmann::json::object()}}
            : error_view(error,
                         {{"q", "recherche-mots"}, {"type", "recherche-type"}, {"territoire", "recherche-territoire"}});
    nlohmann::json context{
        {"search", filter.search},
        {"type_options", type_options(counts, filter.type)},
        {"region_options", territory_options(state.registry.regions(), filter.territory)},
        {"department_options", territory_options(state.registry.departments(), filter.territory)},
        {"sort_by_type", filter.sort == "type"},
        {"results", results},
        {"total", core::format_integer(total)},
        {"plural", total > 1},
        {"has_results", !results.empty()},
        {"page_number", filter.page},
        {"page_count", page_count},
        {"beyond_last_page", results.empty() && total > 0},
        {"first_page_href", page_href(1)},
        {"filtered", filtered},
        {"csv_href", "/acteurs.csv" + query_string(params)},
        {"pagination", pagination_view(filter.page, page_count, page_href)},
        {"errors", errors},
    };
    PageMeta meta;
    meta.title = title_with_errors(
        filter.page > 1 ? "Annuaire des acteurs, page " + std::to_string(filter.page) : "Annuaire des acteurs",
        !filter.errors.empty());
    meta.section = "acteurs";
    meta.breadcrumbs = {{"Annuaire des acteurs", ""}};
    meta.status = filter.errors.empty() ? 200 : 422;
    return render_page(state, request, "actors", context, meta);
}

http::Response directory_csv(AppState& state, http::Request& request)
{
    auto filter = read_filter(state, request);
    if (!filter.errors.empty())
        return error_page(state, request, core::Error::invalid(filter.errors.front().message));
    auto query = filter.query(state);
    // The export pages through the same search as the directory, in one read
    // transaction so that the pages are consistent with each other.
    auto organisations = state.database.read([&](storage::Connection& connection) {
        std::vector<actors::Organisation> all;
        query.page = core::PageRequest{1, core::PageRequest::kMaximumSize};
        for (;;) {
            auto page = actors::search_organisations(connection, query);
            if (!page.ok())
                break;
            for (auto& organisation : page->items)
                all.push_back(std::move(organisation));
            if (query.page.number >= page->page_count())
                break;
            ++query.page.number;
        }
        return all;
    });

    render::CsvWriter writer;
    writer.add_row({"Identifiant", "Type", "Nom", "Nom court", "Territoires couverts", "Codes des territoires",
                    "Adresse électronique", "Téléphone", "Site internet", "Adresse postale", "À confirmer"});
    for (const auto& organisation : organisations) {
        std::string keys;
        for (const auto& key : organisation.territories)
            keys += (keys.empty() ? "" : " ") + key.to_string();
        writer.add_row({organisation.slug, std::string(organisation.type->label), organisation.name,
                        organisation.short_name, covered_labels(state, organisation, " ; "), keys, organisation.email,
                        organisation.phone, organisation.website, organisation.address,
                        organisation.to_confirm ? "oui" : "non"});
    }
    auto response = http::Response::text(200, writer.text());
    response.set_header("Content-Type", std::string(render::kCsvContentType));
    response.set_header("Content-Disposition", "attachment; filename=\"acteurs-boussole.csv\"");
    return response;
}

}  // namespace

void register_actor_directory_routes(http::Router& router, AppState& state)
{
    router.get("/acteurs", [&state](http::Request& request) { return directory(state, request); });
    router.get("/acteurs.csv", [&state](http::Request& request) { return directory_csv(state, request); });
}

}  // namespace boussole::web::pages
