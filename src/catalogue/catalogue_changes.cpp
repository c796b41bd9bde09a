#include "catalogue/catalogue_changes.hpp"

#include "access/audit.hpp"
#include "access/policy.hpp"
#include "catalogue/catalogue_json.hpp"
#include "catalogue/catalogue_rows.hpp"
#include "catalogue/validation.hpp"
#include "core/text.hpp"
#include "framework/framework.hpp"
#include "storage/connection.hpp"

namespace boussole::catalogue {

namespace {

constexpr const char* kWhat = "modifier le catalogue des indicateurs";

constexpr const char* kSelectHistory =
    "SELECT version, snapshot, changed_at, changed_by, change_note, origin FROM catalogue_history "
    "WHERE entity_type = $1 AND code = $2 ORDER BY version DESC";

template <typename Entry>
struct Traits;

template <>
struct Traits<Source> {
    static constexpr EntityType type = EntityType::Source;
    static constexpr const char* noun = "La source";
    static constexpr const char* e = "e";  // the feminine agreement of the noun
    static const Source* find(const Catalogue& catalogue, std::string_view code) { return catalogue.find_source(code); }
    static core::Status validate(const Source& source, const Catalogue&, const std::vector<std::string>&)
    {
        return validate_source(source);
    }
};

template <>
struct Traits<DataElement> {
    static constexpr EntityType type = EntityType::DataElement;
    static constexpr const char* noun = "La donnée";
    static constexpr const char* e = "e";
    static const DataElement* find(const Catalogue& catalogue, std::string_view code)
    {
        return catalogue.find_element(code);
    }
    static core::Status validate(const DataElement& element, const Catalogue& catalogue,
                                 const std::vector<std::string>&)
    {
        return validate_element(element, with_entry(catalogue, element));
    }
};

template <>
struct Traits<Indicator> {
    static constexpr EntityType type = EntityType::Indicator;
    static constexpr const char* noun = "L'indicateur";
    static constexpr const char* e = "";
    static const Indicator* find(const Catalogue& catalogue, std::string_view code)
    {
        return catalogue.find_indicator(code);
    }
    static core::Status validate(const Indicator& indicator, const Catalogue& catalogue,
                                 const std::vector<std::string>& priorities)
    {
        return validate_indicator(indicator, with_entry(catalogue, indicator), priorities);
    }
};

std::string author(const access::Principal& principal)
{
    return principal.display_name.empty() ? principal.label : principal.display_name;
}

core::Status check_change_note(std::string_view note)
{
    if (!core::is_valid_utf8(note) || core::utf8_length(note) > 1000)
        return core::Error::invalid(
            "Motif de la modification : 1 000 caractères au plus, en UTF-8.",
            {{"change_note", "Motif de la modification : 1 000 caractères au plus.", std::nullopt, std::nullopt}});
    return {};
}

template <typename Entry>
void record(storage::Connection& connection, const access::Principal& principal, const char* action,
            const Entry* before, const Entry& after, std::string_view change_note, const std::string& now)
{
    auto snapshot = to_json(after).dump();
    rows::insert_version(connection, {Traits<Entry>::type, after.code, after.version, snapshot, now, author(principal),
                                      std::string(core::trim(change_note)), ChangeOrigin::User});
    access::record_audit(connection, principal,
                         {action, to_string(Traits<Entry>::type), after.code,
                          before ? std::optional<std::string>(to_json(*before).dump()) : std::nullopt, snapshot});
}

template <typename Entry>
std::vector<std::string> priorities_for(storage::Connection& connection)
{
    if constexpr (std::is_same_v<Entry, Indicator>)
        return framework_priority_codes(connection);
    else
        return {};
}

template <typename Entry>
core::Result<Entry> create(storage::Connection& connection, const access::Principal& principal, Entry entry,
                           std::string_view change_note)
{
    BOUSSOLE_TRY(access::require_national_admin(principal, kWhat));
    BOUSSOLE_TRY(check_change_note(change_note));
    normalise(entry);
    entry.version = 1;
    auto catalogue = Catalogue::load(connection);
    if (const auto* existing = Traits<Entry>::find(catalogue, entry.code))
        return core::Error::conflict(std::string(Traits<Entry>::noun) + " « " + entry.code + " » existe déjà (" +
                                     existing->name + ") : choisissez un autre code, ou modifiez l'existant" +
                                     Traits<Entry>::e + ".");
    BOUSSOLE_TRY(Traits<Entry>::validate(entry, catalogue, priorities_for<Entry>(connection)));
    auto now = core::to_iso8601(core::now());
    rows::insert(connection, entry, now);
    record<Entry>(connection, principal, "create", nullptr, entry, change_note, now);
    return entry;
}

template <typename Entry>
core::Result<Entry> update(storage::Connection& connection, const access::Principal& principal, std::string_view code,
                           int expected_version, Entry after, std::string_view change_note)
{
    BOUSSOLE_TRY(access::require_national_admin(principal, kWhat));
    BOUSSOLE_TRY(check_change_note(change_note));
    auto catalogue = Catalogue::load(connection);
    const auto* found = Traits<Entry>::find(catalogue, code);
    if (!found)
        return core::Error::not_found(std::string(Traits<Entry>::noun) + " « " + std::string(code) +
                                      " » n'existe pas : vérifiez le code sur la page Catalogue.");
    Entry before = *found;
    normalise(after);
    if (after.code != before.code)
        return core::Error::invalid(
            "Le code d'une entrée du catalogue ne se modifie pas : les formules, les valeurs "
            "et l'historique y renvoient. Créez une nouvelle entrée si besoin.",
            {{"code", "Code : ne se modifie pas.", std::nullopt, after.code}});
    if (before.version != expected_version)
        return core::Error::conflict(std::string(Traits<Entry>::noun) + " « " + before.code + " » a été modifié" +
                                     Traits<Entry>::e + " entre-temps (version " + std::to_string(before.version) +
                                     ", vous partiez de la version " + std::to_string(expected_version) +
                                     ") : rechargez la page et refaites votre modification.");
    after.version = before.version;
    if (content_of(to_json(after)) == content_of(to_json(before)))
        return before;
    BOUSSOLE_TRY(Traits<Entry>::validate(after, catalogue, priorities_for<Entry>(connection)));
    auto now = core::to_iso8601(core::now());
    if (!rows::update(connection, after, expected_version, now))
        return core::Error::conflict(std::string(Traits<Entry>::noun) + " « " + before.code +
                                     " » vient d'être modifié" + Traits<Entry>::e +
                                     " par quelqu'un d'autre : rechargez la page et refaites "
                                     "votre modification.");
    after.version = expected_version + 1;
    record<Entry>(connection, principal, "update", &before, after, change_note, now);
    return after;
}

}  // namespace

const char* to_string(EntityType type)
{
    switch (type) {
    case EntityType::Source: return "source";
    case EntityType::DataElement: return "data_element";
    case EntityType::Indicator: return "indicator";
    }
    return "source";
}

const char* to_string(ChangeOrigin origin)
{
    return origin == ChangeOrigin::Reference ? "reference" : "user";
}

std::vector<std::string> framework_priority_codes(storage::Connection& connection)
{
    std::vector<std::string> codes;
    for (const auto& priority : framework::load_framework(connection).priorities)
        codes.push_back(priority.code);
    return codes;
}

core::Result<Source> create_source(storage::Connection& connection, const access::Principal& principal, Source source,
                                   std::string_view change_note)
{
    return create(connection, principal, std::move(source), change_note);
}

core::Result<DataElement> create_element(storage::Connection& connection, const access::Principal& principal,
                                         DataElement element, std::string_view change_note)
{
    return create(connection, principal, std::move(element), change_note);
}

core::Result<Indicator> create_indicator(storage::Connection& connection, const access::Principal& principal,
                                         Indicator indicator, std::string_view change_note)
{
    return create(connection, principal, std::move(indicator), change_note);
}

core::Result<Source> update_source(storage::Connection& connection, const access::Principal& principal,
                                   std::string_view code, int expected_version, Source after,
                                   std::string_view change_note)
{
    return update(connection, principal, code, expected_version, std::move(after), change_note);
}

core::Result<DataElement> update_element(storage::Connection& connection, const access::Principal& principal,
                                         std::string_view code, int expected_version, DataElement after,
                                         std::string_view change_note)
{
    return update(connection, principal, code, expected_version, std::move(after), change_note);
}

core::Result<Indicator> update_indicator(storage::Connection& connection, const access::Principal& principal,
                                         std::string_view code, int expected_version, Indicator after,
                                         std::string_view change_note)
{
    return update(connection, principal, code, expected_version, std::move(after), change_note);
}

core::Result<std::vector<CatalogueVersion>> entry_history(storage::Connection& connection, EntityType type,
                                                          std::string_view code)
{
    std::vector<CatalogueVersion> versions;
    if (!core::is_valid_utf8(code) || code.size() > 100)
        return core::Error::not_found("Entrée du catalogue introuvable : vérifiez son code.");
    for (auto row : connection.query(kSelectHistory, {to_string(type), code}))
        versions.push_back({static_cast<int>(row.integer("version")), row.text("snapshot"),
                            core::parse_iso8601(row.text("changed_at")).value_or(core::Timestamp{}),
                            row.text("changed_by"), row.text("change_note"),
                            row.text("origin") == "reference" ? ChangeOrigin::Reference : ChangeOrigin::User});
    if (versions.empty())
        return core::Error::not_found("« " + std::string(code) +
                                      " » n'est pas dans le catalogue : vérifiez le code "
                                      "sur la page Catalogue.");
    return versions;
}

}  // namespace boussole::catalogue
