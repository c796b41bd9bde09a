#include "web/api/json_views.hpp"

namespace boussole::web {

nlohmann::json territory_json(const territory::Territory& territory)
{
    return {{"key", territory.key.to_string()},
            {"level", territory::to_string(territory.key.level())},
            {"code", territory.key.code()},
            {"name", territory.name},
            {"label", territory.label()},
            {"name_with_preposition", territory.with_preposition()},
            {"parent", territory.parent ? nlohmann::json(territory.parent->to_string()) : nlohmann::json(nullptr)}};
}

nlohmann::json population_json(const territory::PopulationTable& population, const territory::TerritoryKey& key)
{
    if (!population.find(key, territory::Sex::All))
        return nullptr;
    auto groups = population.groups(key);
    nlohmann::json by_age = nlohmann::json::array();
    const auto* all = population.find(key, territory::Sex::All);
    const auto* men = population.find(key, territory::Sex::Men);
    const auto* women = population.find(key, territory::Sex::Women);
    for (int group = 0; group < territory::kAgeGroupCount; ++group) {
        auto index = static_cast<std::size_t>(group);
        by_age.push_back({{"age_min", group * 5},
                          {"label", territory::age_group_label(group)},
                          {"ensemble", all->counts[index]},
                          {"hommes", men ? men->counts[index] : 0},
                          {"femmes", women ? women->counts[index] : 0}});
    }
    return {{"year", population.year()},
            {"source", population.source()},
            {"total", groups.total},
            {"under_20", groups.under_20},
            {"from_20_to_59", groups.from_20_to_59},
            {"from_60", groups.from_60},
            {"from_75", groups.from_75},
            {"by_age", by_age}};
}

nlohmann::json organisation_json(const actors::Organisation& organisation, const territory::TerritoryRegistry& registry)
{
    auto view = actors::organisation_snapshot(organisation);
    // Territories with their names, for people and clients alike.
    nlohmann::json territories = nlohmann::json::array();
    for (const auto& key : organisation.territories) {
        const auto* territory = registry.find(key);
        territories.push_back({{"key", key.to_string()}, {"name", territory ? territory->label() : key.to_string()}});
    }
    view["territories"] = territories;
    view["type_label"] = organisation.type->label;
    view["origin"] = organisation.origin;
    view["to_confirm"] = organisation.to_confirm;
    view["updated_at"] = core::to_iso8601(organisation.updated_at);
    return view;
}

nlohmann::json framework_item_json(const framework::FrameworkItem& item)
{
    return {{"kind", framework::to_string(item.kind)},
            {"code", item.code},
            {"position", item.position},
            {"axis", item.parent_code.empty() ? nlohmann::json(nullptr) : nlohmann::json(item.parent_code)},
            {"title", item.title},
            {"summary", item.summary},
            {"body", item.body},
            {"awaiting_confirmation", item.awaiting_confirmation},
            {"confirmation_note", item.confirmation_note},
            {"version", item.version},
            {"updated_at", core::to_iso8601(item.updated_at)}};
}

nlohmann::json user_json(const access::User& user)
{
    return {{"id", user.id},
            {"email", user.email},
            {"display_name", user.display_name},
            {"organisation_id", user.organisation_id},
            {"organisation_name", user.organisation_name},
            {"role", access::to_string(user.role)},
            {"role_label", access::label(user.role)},
            {"active", user.active},
            {"synthetic", user.synthetic},
            {"version", user.version},
            {"created_at", core::to_iso8601(user.created_at)},
            {"last_login_at",
             user.last_login_at ? nlohmann::json(core::to_iso8601(*user.last_login_at)) : nlohmann::json(nullptr)}};
}

}  // namespace boussole::web
