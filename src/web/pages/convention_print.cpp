// The convention as the official document, for printing (parties, titles
// and articles, signature blocks; print CSS in boussole.css), and the
// national count of conventions and commitments for the national roles,
// from the conventions module's statistics.
#include "conventions/commitments.hpp"
#include "conventions/convention.hpp"
#include "conventions/statistics.hpp"
#include "conventions/template.hpp"
#include "core/french.hpp"
#include "web/pages/convention_pages.hpp"
#include "web/pages/data_pages.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/page.hpp"
#include "web/request_context.hpp"

#include <map>

namespace boussole::web::pages {

namespace {

std::string number_text(const std::optional<double>& value)
{
    return value ? form_number(*value) : "—";
}

http::Response print_page(AppState& state, http::Request& request)
{
    auto id = parse_id(request.path_param("id"));
    const auto& principal = request_context(request).principal;
    struct Loaded {
        conventions::Convention convention;
        std::vector<conventions::Commitment> commitments;
        std::map<std::string, std::string> names;  // organisation slug -> name
    };
    auto loaded = state.database.read([&](storage::Connection& connection) -> core::Result<Loaded> {
        auto convention = id ? conventions::find_convention(connection, *id) : std::nullopt;
        if (!convention)
            return core::Error::not_found("Convention introuvable : revenez à la liste des conventions.");
        BOUSSOLE_TRY(conventions::may_read(principal, *convention));
        Loaded result{*convention, conventions::list_commitments(connection, convention->id), {}};
        for (const auto& party : convention->parties)
            result.names[party.slug] = party.name;
        return result;
    });
    if (!loaded.ok())
        return error_page(state, request, loaded.error());
    const auto& convention = loaded->convention;
    auto name_of = [&](const std::string& slug) {
        auto found = loaded->names.find(slug);
        return found == loaded->names.end() ? slug : found->second;
    };
    std::string departments;
    for (const auto& key : convention.territories) {
        const auto* territory = state.registry.find(key);
        departments += (departments.empty() ? "" : ", ") + (territory ? territory->label() : key.to_string());
    }
    nlohmann::json sections = nlohmann::json::array();
    int number = 0;
    int article = 0;
    for (auto section : {conventions::Section::Socle, conventions::Section::Local, conventions::Section::Partner}) {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& commitment : loaded->commitments) {
            if (commitment.section != section)
                continue;
            std::string contributors;
            for (const auto& slug : commitment.contributors)
                contributors += (contributors.empty() ? "" : ", ") + name_of(slug);
            items.push_back(
                {{"article", ++article},
                 {"title", commitment.title},
                 {"text", commitment.text},
                 {"priority", commitment.priority},
                 {"lead", name_of(commitment.lead)},
                 {"partner", commitment.partner.empty() ? "" : name_of(commitment.partner)},
                 {"contributors", contributors},
                 {"has_contributors", !contributors.empty()},
                 {"indicator", commitment.indicator},
                 {"baseline", commitment.baseline_value
                                  ? number_text(commitment.baseline_value) +
                                        (commitment.baseline_period ? " (" + commitment.baseline_period->label() + ")"
                                                                    : std::string())
                                  : std::string("non renseignée")},
                 {"target", number_text(commitment.target_value)},
                 {"deadline", commitment.deadline ? commitment.deadline->label() : std::string("—")}});
        }
        std::string title = conventions::label(section);
        title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
        sections.push_back({{"id", conventions::to_string(section)},
                            {"number", ++number},
                            {"title", title},
                            {"commitments", items},
                            {"empty", items.empty()}});
    }
    nlohmann::json parties = nlohmann::json::array();
    for (const auto& party : convention.parties)
        parties.push_back({{"name", party.name},
                           {"role", conventions::label(party.role)},
                           {"signed", party.signed_at.has_value()},
                           {"signed_by", party.signed_by},
                           {"signed_at", party.signed_at ? core::format_datetime(*party.signed_at) : ""}});
    nlohmann::json context{{"title", convention.title},
                           {"period", conventions::period_text(convention.period_start, convention.period_end)},
                           {"departments", departments},
                           {"status", conventions::label(convention.status)},
                           {"amended", convention.amendment > 0},
                           {"amendment", convention.amendment},
                           {"parties", parties},
                           {"sections", sections},
                           {"back_href", convention_href(convention.id)}};
    PageMeta meta;
    meta.title = convention.title + " — version imprimable";
    meta.section = "conventions";
    meta.breadcrumbs = {{"Conventions territoriales", "/conventions"},
                        {convention.title, convention_href(convention.id)},
                        {"Version imprimable", ""}};
    return render_page(state, request, "convention_print", context, meta);
}

http::Response national_page(AppState& state, http::Request& request)
{
    const auto& principal = request_context(request).principal;
    if (!principal.authenticated())
        return error_page(state, request,
                          core::Error::unauthenticated("Connectez-vous pour voir le décompte national."));
    if (!principal.scope.national())
        return error_page(state, request,
                          core::Error::forbidden("Le décompte national des conventions est réservé aux rôles "
                                                 "nationaux ; votre convention est sur la page Conventions."));
    auto statistics = state.database.read([&](storage::Connection& connection) {
        return conventions::statistics(connection, principal, state.registry);
    });
    int cap = statistics["commitment_cap"].get<int>();
    nlohmann::json by_status = nlohmann::json::array();
    for (const auto& [status, count] : statistics["by_status"].items()) {
        auto parsed = conventions::parse_status(status);
        by_status.push_back({{"label", parsed.ok() ? conventions::label(*parsed) : status.c_str()}, {"count", count}});
    }
    nlohmann::json by_priority = nlohmann::json::array();
    for (const auto& [code, count] : statistics["by_priority"].items())
        by_priority.push_back({{"code", code}, {"count", count}});
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& row : statistics["per_convention"]) {
        std::string evolution;
        for (const auto& version : row["versions"])
            evolution += (evolution.empty() ? "" : " → ") +
                         std::string(version["number"].get<int>() == 0
                                         ? "texte initial"
                                         : "avenant " + std::to_string(version["number"].get<int>())) +
                         " : " + std::to_string(version["commitments"].get<int>());
        auto status = conventions::parse_status(row["status"].get<std::string>());
        rows.push_back({{"href", convention_href(row["id"].get<std::int64_t>())},
                        {"title", row["title"]},
                        {"status", status.ok() ? conventions::label(*status) : ""},
                        {"commitments", row["commitments"]},
                        {"over_cap", row["commitments"].get<int>() > cap},
                        {"evolution", evolution.empty() ? "aucune version en vigueur" : evolution}});
    }
    nlohmann::json context{{"conventions", statistics["conventions"]},
                           {"commitments", statistics["commitments"]},
                           {"cap", cap},
                           {"by_status", by_status},
                           {"by_priority", by_priority},
                           {"per_convention", rows}};
    PageMeta meta;
    meta.title = "Décompte national des conventions";
    meta.section = "conventions";
    meta.breadcrumbs = {{"Conventions territoriales", "/conventions"}, {"Décompte national", ""}};
    return render_page(state, request, "conventions_national", context, meta);
}

}  // namespace

void register_convention_print_routes(http::Router& router, AppState& state)
{
    router.get("/conventions/{id}/impression", [&state](http::Request& request) { return print_page(state, request); });
    router.get("/conventions/bilan-national",
               [&state](http::Request& request) { return national_page(state, request); });
}

}  // namespace boussole::web::pages
