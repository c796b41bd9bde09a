// The home page: the national framework of the cadre de coopération (values,
// action principles, the three axes and their eleven priorities).
#include "framework/framework.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/request_context.hpp"

namespace boussole::web::pages {

namespace {

nlohmann::json item_view(const framework::FrameworkItem& item)
{
    return {{"code", item.code},
            {"number", item.position},
            {"title", item.title},
            {"summary", item.summary},
            {"bullets", item.body},
            {"has_bullets", !item.body.empty()},
            {"awaiting_confirmation", item.awaiting_confirmation},
            {"confirmation_note", item.confirmation_note},
            {"edit_href", "/cadre/" + std::string(framework::to_string(item.kind)) + "/" + item.code}};
}

http::Response home(AppState& state, http::Request& request)
{
    auto framework =
        state.database.read([](storage::Connection& connection) { return framework::load_framework(connection); });
    nlohmann::json values = nlohmann::json::array();
    for (const auto& value : framework.values)
        values.push_back(item_view(value));
    nlohmann::json principles = nlohmann::json::array();
    for (const auto& principle : framework.principles)
        principles.push_back(item_view(principle));
    nlohmann::json axes = nlohmann::json::array();
    for (const auto& axis : framework.axes) {
        auto view = item_view(axis);
        nlohmann::json priorities = nlohmann::json::array();
        for (const auto* priority : framework.priorities_of(axis.code))
            priorities.push_back(item_view(*priority));
        view["priorities"] = priorities;
        axes.push_back(view);
    }
    nlohmann::json context{{"values", values},
                           {"principles", principles},
                           {"axes", axes},
                           {"can_edit", request_context(request).principal.is_national_admin()},
                           {"empty", framework.empty()}};
    PageMeta meta;
    meta.title = "Cadre national de coopération";
    meta.section = "accueil";
    return render_page(state, request, "home", context, meta);
}

}  // namespace

void register_home_routes(http::Router& router, AppState& state)
{
    router.get("/", [&state](http::Request& request) { return home(state, request); });
}

}  // namespace boussole::web::pages
