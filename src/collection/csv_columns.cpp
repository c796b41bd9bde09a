#include "collection/csv_columns.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace boussole::collection {

namespace {

struct Synonyms {
    ImportColumn column;
    std::vector<std::string_view> names;  // folded by core::fold_for_search
};

const std::array<Synonyms, 5>& synonyms()
{
    static const std::array<Synonyms, 5> kSynonyms = {{
        {ImportColumn::Element,
         {"donnee", "donnees", "element", "code donnee", "code element", "donnee elementaire", "data element",
          "element code", "data element code"}},
        {ImportColumn::Territory,
         {"territoire", "departement", "territory", "department", "code territoire", "code departement",
          "territory code", "department code"}},
        {ImportColumn::Period, {"periode", "period", "code periode", "period code"}},
        {ImportColumn::Value, {"valeur", "value"}},
        {ImportColumn::Comment, {"commentaire", "commentaires", "comment", "comments"}},
    }};
    return kSynonyms;
}

int& slot(ColumnMap& map, ImportColumn column)
{
    switch (column) {
    case ImportColumn::Element: return map.element;
    case ImportColumn::Territory: return map.territory;
    case ImportColumn::Period: return map.period;
    case ImportColumn::Value: return map.value;
    case ImportColumn::Comment: return map.comment;
    }
    return map.comment;
}

}  // namespace

const char* header_name(ImportColumn column)
{
    switch (column) {
    case ImportColumn::Element: return "donnee";
    case ImportColumn::Territory: return "territoire";
    case ImportColumn::Period: return "periode";
    case ImportColumn::Value: return "valeur";
    case ImportColumn::Comment: return "commentaire";
    }
    return "";
}

int ColumnMap::index(ImportColumn column) const
{
    return slot(const_cast<ColumnMap&>(*this), column);
}

core::Result<ColumnMap> map_columns(const std::vector<std::string>& header)
{
    ColumnMap map;
    map.width = header.size();
    for (std::size_t i = 0; i < header.size(); ++i) {
        std::string folded = core::fold_for_search(header[i]);
        bool matched = false;
        for (const auto& entry : synonyms()) {
            if (std::find(entry.names.begin(), entry.names.end(), folded) == entry.names.end())
                continue;
            int& position = slot(map, entry.column);
            if (position >= 0)
                return core::Error::invalid("La colonne « " + std::string(header_name(entry.column)) +
                                                " » apparaît deux fois dans l'en-tête (colonnes " +
                                                std::to_string(position + 1) + " et " + std::to_string(i + 1) +
                                                ") : gardez-en une seule.",
                                            {{"en-tête", "colonne en double", 1L, header[i]}});
            position = static_cast<int>(i);
            matched = true;
        }
        if (!matched && !header[i].empty())
            map.ignored.push_back(header[i]);
    }

    std::vector<std::string> missing;
    for (auto column : {ImportColumn::Element, ImportColumn::Territory, ImportColumn::Period, ImportColumn::Value})
        if (map.index(column) < 0)
            missing.push_back(header_name(column));
    if (missing.empty())
        return map;

    std::string names;
    for (std::size_t i = 0; i < missing.size(); ++i)
        names += (i == 0 ? "" : i + 1 == missing.size() ? " et " : ", ") + ("« " + missing[i] + " »");
    std::string read;
    for (std::size_t i = 0; i < header.size(); ++i)
        read += (i == 0 ? "« " : ", « ") + header[i] + " »";
    std::string message =
        (missing.size() == 1 ? "Colonne obligatoire absente : " : "Colonnes obligatoires absentes : ") + names +
        ". La première ligne du fichier doit nommer les colonnes donnee, territoire, periode et "
        "valeur (commentaire est facultatif), dans n'importe quel ordre ; les noms anglais element, "
        "territory, period et value sont acceptés aussi. Colonnes lues : " +
        read + ".";
    std::vector<core::FieldError> fields;
    for (const auto& name : missing)
        fields.push_back({"en-tête", "colonne « " + name + " » absente", 1L, std::nullopt});
    return core::Error::invalid(std::move(message), std::move(fields));
}

const std::vector<ColumnDoc>& column_docs()
{
    static const std::vector<ColumnDoc> kDocs = {
        {"donnee", "element, code donnée, data element", true,
         "Code de la donnée élémentaire, tel qu'il figure au catalogue.", "mdph_decisions"},
        {"territoire", "departement, territory, department", true,
         "Département : code INSEE (01 à 95, 2A, 2B, 971 à 976) ou clé de territoire (DEP-33).", "33"},
        {"periode", "period", true,
         "Période au format de la donnée : année 2025, trimestre 2025-T3 (ou 2025-Q3), mois 2025-07.", "2025-T3"},
        {"valeur", "value", true,
         "Nombre, avec virgule ou point décimal et espaces de milliers au besoin (1 234,5 ou 1234.5). "
         "Une cellule vide supprime la valeur enregistrée.",
         "1 234"},
        {"commentaire", "comment", false, "Texte libre, facultatif : source, précision, caractère provisoire…",
         "Chiffre provisoire"},
    };
    return kDocs;
}

std::string import_template_csv()
{
    return "\xEF\xBB\xBF"
           "# Modèle d'import Boussole : une ligne par valeur. Les lignes qui commencent par # sont ignorées. "
           "donnee = code de la donnée au catalogue ; territoire = département (33, 2A, 971 ou DEP-33) ; "
           "periode = 2025 (année), 2025-T3 (trimestre) ou 2025-07 (mois) selon la donnée ; "
           "valeur = nombre (1 234,5 ou 1234.5), vide pour supprimer la valeur ; commentaire = facultatif. "
           "Remplacez les deux lignes d'exemple par vos données.\r\n"
           "donnee;territoire;periode;valeur;commentaire\r\n"
           "mdph_decisions;33;2025-T3;4 512;\r\n"
           "cfppa_montants_engages;DEP-33;2025;1 234 567,89;Chiffre provisoire\r\n";
}

}  // namespace boussole::collection
