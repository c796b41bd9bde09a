// The national administrators' forms for an indicator and for a data
// element, with the entry's versions below. Each save is a new version with
// its reason; the rules are the catalogue module's (the same as the API's).
#include "access/policy.hpp"
#include "catalogue/catalogue_changes.hpp"
#include "framework/framework.hpp"
#include "web/pages/catalogue_edit_fields.hpp"
#include "web/pages/catalogue_form.hpp"
#include "web/pages/catalogue_views.hpp"
#include "web/pages/page.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

namespace boussole::web::pages {

namespace {

constexpr const char* kWhat = "modifier le catalogue des indicateurs";

template <typename Entry>
struct Kind;

template <>
struct Kind<catalogue::DataElement> {
    static constexpr catalogue::EntityType type = catalogue::EntityType::DataElement;
    static constexpr const char* noun = "la donnée";
    static std::string href(const std::string& code) { return element_href(code); }
    static const catalogue::DataElement* find(const catalogue::Catalogue& catalogue, std::string_view code)
    {
        return catalogue.find_element(code);
    }
    static core::Result<catalogue::DataElement> update(storage::Connection& connection,
                                                       const access::Principal& principal, std::string_view code,
                                                       int version, catalogue::DataElement after, std::string_view note)
    {
        return catalogue::update_element(connection, principal, code, version, std::move(after), note);
    }
};

template <>
struct Kind<catalogue::Indicator> {
    static constexpr catalogue::EntityType type = catalogue::EntityType::Indicator;
    static constexpr const char* noun = "l'indicateur";
    static std::string href(const std::string& code) { return indicator_href(code); }
    static const catalogue::Indicator* find(const catalogue::Catalogue& catalogue, std::string_view code)
    {
        return catalogue.find_indicator(code);
    }
    static core::Result<catalogue::Indicator> update(storage::Connection& connection,
                                                     const access::Principal& principal, std::string_view code,
                                                     int version, catalogue::Indicator after, std::string_view note)
    {
        return catalogue::update_indicator(connection, principal, code, version, std::move(after), note);
    }
};

core::Status may_edit(const http::Request& request)
{
    const auto& principal = request_context(request).principal;
    if (!principal.authenticated())
        return core::Error::unauthenticated(
            "Connectez-vous avec un compte d'administrateur national pour modifier "
            "le catalogue des indicateurs.");
    return access::require_national_admin(principal, kWhat);
}

struct Loaded {
    catalogue::Catalogue catalogue;
    std::vector<const framework::FrameworkItem*> priorities;
    framework::Framework framework;
};

Loaded load(AppState& state)
{
    auto [loaded, framework] = state.database.read([](storage::Connection& connection) {
        return std::pair(catalogue::Catalogue::load(connection), framework::load_framework(connection));
    });
    Loaded result{std::move(loaded), {}, std::move(framework)};
    for (const auto& priority : result.framework.priorities)
        result.priorities.push_back(&priority);
    return result;
}

std::vector<FormField> fields_of(const catalogue::DataElement& element, const Loaded& loaded)
{
    return element_fields(element, loaded.catalogue);
}

std::vector<FormField> fields_of(const catalogue::Indicator& indicator, const Loaded& loaded)
{
    return indicator_fields(indicator, loaded.catalogue, loaded.priorities);
}

template <typename Entry>
http::Response edit_page(AppState& state, http::Request& request, const Entry& shown, int version,
                         std::vector<FormField> fields, const std::string& change_note,
                         const std::optional<core::Error>& error)
{
    auto history = state.database.read([&](storage::Connection& connection) {
        return catalogue::entry_history(connection, Kind<Entry>::type, shown.code);
    });
    bool invalid = error && error->code == core::ErrorCode::Invalid;
    auto ids = field_ids(fields);
    ids.emplace("change_note", "catalogue-motif");
    auto errors = invalid ? error_view(*error, ids)
                          : nlohmann::json{{"summary", nlohmann::json::array()}, {"fields", nlohmann::json::object()}};
    std::string heading = "Modifier " + std::string(Kind<Entry>::noun) + " « " + shown.name + " »";
    nlohmann::json context{{"heading", heading},
                           {"action", Kind<Entry>::href(shown.code) + "/modifier"},
                           {"cancel_href", Kind<Entry>::href(shown.code)},
                           {"code", shown.code},
                           {"version", version},
                           {"fields", fields_view(fields, errors.at("fields"))},
                           {"change_note", change_note},
                           {"errors", errors},
                           {"history", history.ok() ? history_rows(*history) : nlohmann::json::array()}};
    PageMeta meta;
    meta.title = title_with_errors(heading, invalid);
    meta.section = "catalogue";
    meta.breadcrumbs = {{"Catalogue", "/catalogue"}, {shown.name, Kind<Entry>::href(shown.code)}, {"Modifier", ""}};
    if (error && error->code == core::ErrorCode::Conflict)
        meta.flash = Flash{FlashType::Error, "Cette entrée a été modifiée entre-temps",
                           error->message +
                               " Vos saisies sont conservées ci-dessous ; la version enregistrée "
                               "entre-temps figure en tête de l'historique."};
    if (error)
        meta.status = status_of(error->code);
    return render_page(state, request, "catalogue_edit", context, meta);
}

template <typename Entry>
http::Response show_edit(AppState& state, http::Request& request)
{
    if (auto allowed = may_edit(request); !allowed.ok())
        return error_page(state, request, allowed.error());
    auto loaded = load(state);
    const auto* entry = Kind<Entry>::find(loaded.catalogue, request.path_param("code"));
    if (!entry)
        return error_page(state, request,
                          core::Error::not_found("Cette entrée n'est pas dans le catalogue : revenez à la page "
                                                 "Catalogue pour la retrouver."));
    return edit_page(state, request, *entry, entry->version, fields_of(*entry, loaded), "", std::nullopt);
}

template <typename Entry>
http::Response submit_edit(AppState& state, http::Request& request)
{
    if (auto allowed = may_edit(request); !allowed.ok())
        return error_page(state, request, allowed.error());
    auto form = request.form();
    if (!form.ok())
        return error_page(state, request, form.error());
    auto loaded = load(state);
    const auto* current = Kind<Entry>::find(loaded.catalogue, request.path_param("code"));
    if (!current)
        return error_page(state, request,
                          core::Error::not_found("Cette entrée n'est pas dans le catalogue : revenez à la page "
                                                 "Catalogue pour la retrouver."));
    int version = parse_positive_int(form->get("version").value_or("")).value_or(0);
    std::string change_note(form->get("change_note").value_or(""));
    Entry after = *current;
    auto read = read_form(*form, after);
    std::optional<core::Error> error;
    if (!read.ok()) {
        error = read.error();
    } else {
        auto saved = state.database.write([&](storage::Connection& connection) {
            return Kind<Entry>::update(connection, request_context(request).principal, current->code, version, after,
                                       change_note);
        });
        if (saved.ok())
            return redirect_with_message(Kind<Entry>::href(current->code), "catalogue-enregistre");
        error = saved.error();
    }
    if (error->code != core::ErrorCode::Invalid && error->code != core::ErrorCode::Conflict)
        return error_page(state, request, *error);
    // After a conflict the form carries the version now saved, so that saving
    // again is a deliberate choice made with the newer version in view.
    if (error->code == core::ErrorCode::Conflict)
        version = current->version;
    // What was typed stays in the form, even a number that did not read.
    auto fields = fields_of(after, loaded);
    for (auto& field : fields)
        if (field.kind == FieldKind::Text || field.kind == FieldKind::TextArea)
            field.value = std::string(form->get(field.name).value_or(""));
    return edit_page(state, request, *current, version, std::move(fields), change_note, error);
}

}  // namespace

void register_catalogue_edit_routes(http::Router& router, AppState& state)
{
    router.get("/catalogue/indicateurs/{code}/modifier",
               [&state](http::Request& request) { return show_edit<catalogue::Indicator>(state, request); });
    router.post("/catalogue/indicateurs/{code}/modifier",
                [&state](http::Request& request) { return submit_edit<catalogue::Indicator>(state, request); });
    router.get("/catalogue/donnees/{code}/modifier",
               [&state](http::Request& request) { return show_edit<catalogue::DataElement>(state, request); });
    router.post("/catalogue/donnees/{code}/modifier",
                [&state](http::Request& request) { return submit_edit<catalogue::DataElement>(state, request); });
}

}  // namespace boussole::web::pages
