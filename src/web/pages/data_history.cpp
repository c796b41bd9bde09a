// The history of one cell (data element, department, period): every
// version, the first included, with who changed it, when, how (entry, API,
// import), the status it had and the reason given for a reopening.
#include "access/policy.hpp"
#include "collection/value_checks.hpp"
#include "core/french.hpp"
#include "web/pages/data_pages.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/request_context.hpp"

namespace boussole::web::pages {

namespace {

core::Error cell_not_found(const std::string& detail)
{
    return core::Error::not_found(detail +
                                  " Revenez à la saisie des valeurs et suivez le lien « Historique » d'un "
                                  "élément.");
}

http::Response show(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "voir l'historique d'une valeur"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    const auto& principal = request_context(request).principal;
    auto context = state.database.read([&](storage::Connection& connection) -> core::Result<nlohmann::json> {
        auto catalogue = catalogue::Catalogue::load(connection);
        auto element = catalogue.element(request.path_param("element"));
        if (!element.ok())
            return cell_not_found(element.error().message);
        auto department = collection::resolve_department(state.registry, request.path_param("territory"));
        if (!department.ok())
            return cell_not_found(department.error().message);
        auto period = core::Period::parse(request.path_param("period"), (*element)->period_type);
        if (!period.ok())
            return cell_not_found(period.error().message);
        BOUSSOLE_TRY(access::require_territorial_read(principal, (*department)->key));
        auto versions = collection::value_history(connection, (*element)->code, (*department)->key, *period);
        if (!versions.ok())
            return cell_not_found(versions.error().message);
        auto current = collection::find_value(connection, (*element)->code, (*department)->key, *period);

        nlohmann::json rows = nlohmann::json::array();
        for (const auto& version : *versions)
            rows.push_back({{"version", version.version},
                            {"changed_at", core::format_datetime(version.changed_at)},
                            {"action", collection::action_label(version.action)},
                            {"value", version.value ? collection::format_value(*version.value) : "—"},
                            {"status", status_view(version.status)},
                            {"origin", collection::label(version.origin)},
                            {"comment", version.comment},
                            {"changed_by", version.changed_by},
                            {"reason", version.reason}});
        bool present = current && !current->deleted;
        return nlohmann::json{{"tabs", data_tabs("saisie")},
                              {"element_name", (*element)->name},
                              {"element_code", (*element)->code},
                              {"unit", (*element)->unit},
                              {"territory_label", (*department)->label()},
                              {"period_label", period->label()},
                              {"present", present},
                              {"value", present && current->value ? collection::format_value(*current->value) : ""},
                              {"status", current ? status_view(current->status) : nlohmann::json(nullptr)},
                              {"outlier", present && current->outlier},
                              {"rows", rows},
                              {"count", rows.size()},
                              {"plural", rows.size() > 1},
                              {"entry_href", entry_href((*department)->key, *period)},
                              {"title", (*element)->name + " — " + (*department)->label() + ", " + period->label()}};
    });
    if (!context.ok())
        return error_page(state, request, context.error());
    PageMeta meta;
    meta.title = "Historique : " + context->value("title", std::string());
    meta.section = kDataSection;
    meta.breadcrumbs = {{"Données", "/donnees/saisie"},
                        {"Saisie", context->value("entry_href", std::string("/donnees/saisie"))},
                        {"Historique", ""}};
    return render_page(state, request, "data_history", *context, meta);
}

}  // namespace

void register_data_history_routes(http::Router& router, AppState& state)
{
    router.get("/donnees/historique/{element}/{territory}/{period}",
               [&state](http::Request& request) { return show(state, request); });
}

}  // namespace boussole::web::pages
