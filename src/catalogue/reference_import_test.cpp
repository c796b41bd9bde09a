#include "catalogue/reference_import.hpp"

#include "catalogue/catalogue_changes.hpp"
#include "catalogue/formula.hpp"
#include "core/csv.hpp"
#include "storage/connection.hpp"
#include "support/backends.hpp"
#include "support/reference.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <random>

namespace boussole::catalogue {

namespace {

// A copy of data/catalogue in a temporary directory, to edit in a test.
class CatalogueCopy {
public:
    CatalogueCopy()
    {
        std::random_device random;
        m_directory = std::filesystem::temp_directory_path() / ("boussole-catalogue-" + std::to_string(random()));
        std::filesystem::create_directories(m_directory);
        for (const char* file : {"sources.csv", "data_elements.csv", "indicators.csv"})
            std::filesystem::copy_file(test_support::repository_data_dir() + "/catalogue/" + file, m_directory / file);
    }
    ~CatalogueCopy() { std::filesystem::remove_all(m_directory); }

    std::string path() const { return m_directory.string(); }

    // Replaces the first occurrence of from in a file.
    void replace(const std::string& file, const std::string& from, const std::string& to)
    {
        auto text = *core::read_file((m_directory / file).string());
        auto at = text.find(from);
        ASSERT_NE(at, std::string::npos) << from;
        text.replace(at, from.size(), to);
        std::ofstream(m_directory / file, std::ios::binary) << text;
    }

    void append(const std::string& file, const std::string& line)
    {
        std::ofstream(m_directory / file, std::ios::binary | std::ios::app) << line << "\n";
    }

private:
    std::filesystem::path m_directory;
};

access::Principal administrator()
{
    auto principal = access::Principal::system("admin.national@exemple.fr");
    principal.kind = access::PrincipalKind::User;
    return principal;
}

}  // namespace

class ReferenceCatalogueTest : public test_support::BackendTest {
protected:
    void SetUp() override
    {
        BackendTest::SetUp();
        if (!HasFatalFailure())
            test_support::load_reference(database());
    }

    Catalogue catalogue()
    {
        return database().read([](storage::Connection& connection) { return Catalogue::load(connection); });
    }

    core::Result<CatalogueImportReport> import(const std::string& directory)
    {
        return database().write(
            [&](storage::Connection& connection) { return import_reference_catalogue(connection, directory); });
    }
};

TEST_P(ReferenceCatalogueTest, ShipsEveryIndicatorOfTheStartingCatalogue)
{
    auto loaded = catalogue();
    EXPECT_EQ(loaded.sources().size(), 16u);
    EXPECT_EQ(loaded.elements().size(), 72u);
    EXPECT_EQ(loaded.indicators().size(), 43u);
    const std::map<std::string, std::size_t> per_priority{{"P1", 4}, {"P2", 6},  {"P3", 3}, {"P4", 3},
                                                          {"P5", 4}, {"P6", 5},  {"P7", 5}, {"P8", 4},
                                                          {"P9", 3}, {"P10", 3}, {"P11", 3}};
    for (const auto& [priority, expected] : per_priority)
        EXPECT_EQ(loaded.indicators_of_priority(priority).size(), expected) << priority;

    // The example of INDICATORS.md, as written there.
    const auto* delay = loaded.find_indicator("mdph_delai_traitement");
    ASSERT_NE(delay, nullptr);
    EXPECT_EQ(delay->numerator, "mdph_jours_traitement_cumules");
    EXPECT_EQ(delay->denominator, "mdph_decisions * 30.4");
    EXPECT_EQ(delay->periodicity, core::PeriodType::Quarter);
    EXPECT_EQ(delay->definition_status, DefinitionStatus::Published);
    EXPECT_NE(delay->reference_note.find("4,5 mois"), std::string::npos);

    // P1: dispersions computed by Boussole from another indicator.
    std::map<std::string, std::pair<std::string, EquityStatistic>> equity{
        {"equite_cv_equipement_ehpad_ssiad", {"taux_equipement_ehpad_ssiad", EquityStatistic::CoefficientOfVariation}},
        {"equite_cv_delai_mdph", {"mdph_delai_traitement", EquityStatistic::CoefficientOfVariation}},
        {"equite_ecart_type_aah", {"aah_premieres_attributions_pour_1000", EquityStatistic::StandardDeviation}}};
    for (const auto& [code, expected] : equity) {
        const auto* indicator = loaded.find_indicator(code);
        ASSERT_NE(indicator, nullptr) << code;
        EXPECT_EQ(indicator->kind, IndicatorKind::Equity);
        EXPECT_EQ(indicator->base_indicator_code, expected.first);
        EXPECT_EQ(indicator->statistic, expected.second);
        EXPECT_EQ(indicator->priorities, std::vector<std::string>{"P1"});
    }
    EXPECT_EQ(loaded.find_indicator("aah_premieres_attributions_pour_1000")->denominator, "pop_20_64");
    EXPECT_EQ(loaded.find_indicator("aah_premieres_attributions_pour_1000")->definition_status,
              DefinitionStatus::ToConfirm);
    EXPECT_EQ(loaded.find_indicator("feuille_de_route_part_coconstruite")->definition_status,
              DefinitionStatus::ToConfirm);

    // The marks of INDICATORS.md: 25 published, 18 to confirm.
    int published = 0;
    for (const auto& indicator : loaded.indicators()) {
        published += indicator.definition_status == DefinitionStatus::Published;
        EXPECT_TRUE(loaded.find_source(indicator.source_code)) << indicator.code;
        EXPECT_FALSE(indicator.definition.empty()) << indicator.code;
    }
    EXPECT_EQ(published, 25);

    // Population: yearly, from INSEE, computed by Boussole, never uploaded.
    for (const char* code : {"pop_totale", "pop_moins_20", "pop_20_59", "pop_20_64", "pop_60_plus", "pop_75_plus",
                             "pop_totale_hommes", "pop_totale_femmes", "pop_75_plus_femmes"}) {
        const auto* element = loaded.find_element(code);
        ASSERT_NE(element, nullptr) << code;
        EXPECT_FALSE(element->collected) << code;
        EXPECT_EQ(element->source_code, "insee");
        EXPECT_EQ(element->period_type, core::PeriodType::Year);
        EXPECT_EQ(element->time_aggregation, TimeAggregation::Last);
    }
    // Satisfaction is collected as two counts, one bounded by the other.
    EXPECT_EQ(loaded.find_element("mdph_repondants_satisfaits")->not_above_code, "mdph_repondants");
    EXPECT_EQ(loaded.find_element("mdph_raccordee_dernier_palier")->territory_aggregation,
              TerritoryAggregation::Average);
    EXPECT_EQ(loaded.find_element("mdph_demandeurs")->time_aggregation, TimeAggregation::None);
    for (const auto& element : loaded.elements())
        EXPECT_EQ(element.collected, element.source_code != "insee") << element.code;
}

TEST_P(ReferenceCatalogueTest, ImportsAgainWithoutWritingAnything)
{
    auto again = import(test_support::repository_data_dir() + "/catalogue");
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(again->created, 0);
    EXPECT_EQ(again->updated, 0);
    EXPECT_EQ(again->unchanged, 16 + 72 + 43);
    EXPECT_TRUE(again->kept.empty());
    auto history = database().read([](storage::Connection& connection) {
        return entry_history(connection, EntityType::Indicator, "mdph_delai_traitement");
    });
    EXPECT_EQ(history->size(), 1u);
}

TEST_P(ReferenceCatalogueTest, FollowsTheFilesButNeverOverwritesAnAdministratorsEdit)
{
    auto decisions = *catalogue().find_element("mdph_decisions");
    decisions.name = "Décisions de la CDAPH";
    auto edited = database().write([&](storage::Connection& connection) {
        return update_element(connection, administrator(), "mdph_decisions", 1, decisions, "Libellé de la CDAPH");
    });
    ASSERT_TRUE(edited.ok()) << edited.error().message;

    CatalogueCopy files;
    files.replace("data_elements.csv", "mdph_decisions,Décisions rendues par la MDPH",
                  "mdph_decisions,Décisions rendues (nouvelle version des fichiers)");
    files.replace("data_elements.csv", "mdph_demandes,Demandes déposées à la MDPH",
                  "mdph_demandes,Demandes déposées auprès de la MDPH");
    files.append("sources.csv", "cnaf,CNAF,Caisse nationale des allocations familiales,Allocations,https://www.caf.fr");
    auto report = import(files.path());
    ASSERT_TRUE(report.ok()) << report.error().message;
    EXPECT_EQ(report->created, 1);
    EXPECT_EQ(report->updated, 1);
    EXPECT_EQ(report->kept, std::vector<std::string>{"data_element:mdph_decisions"});

    auto loaded = catalogue();
    EXPECT_EQ(loaded.find_element("mdph_decisions")->name, "Décisions de la CDAPH");
    EXPECT_EQ(loaded.find_element("mdph_demandes")->name, "Demandes déposées auprès de la MDPH");
    EXPECT_EQ(loaded.find_element("mdph_demandes")->version, 2);
    EXPECT_EQ(loaded.find_source("cnaf")->producer, "Caisse nationale des allocations familiales");
    auto history = database().read([](storage::Connection& connection) {
        return entry_history(connection, EntityType::DataElement, "mdph_demandes");
    });
    ASSERT_EQ(history->size(), 2u);
    EXPECT_EQ(history->front().origin, ChangeOrigin::Reference);
    EXPECT_EQ(history->front().change_note, "Mise à jour d'après data/catalogue");

    // The kept entry stays kept on every later import.
    auto later = import(files.path());
    ASSERT_TRUE(later.ok());
    EXPECT_EQ(later->updated, 0);
    EXPECT_EQ(later->kept.size(), 1u);
}

TEST_P(ReferenceCatalogueTest, RefusesFaultyFilesWholeAndSaysWhere)
{
    CatalogueCopy files;
    files.replace("sources.csv", "SI MDPH,CNSA", "SI MDPH (modifié),CNSA");
    files.replace("indicators.csv", "mdph_decisions * 30.4", "mdph_decision * 30.4");
    files.replace("data_elements.csv", "integer,quarter,sum,,sum,si_mdph", "entier,quarter,sum,,sum,si_mdph");
    files.append("indicators.csv",
                 "nouvel_indicateur,P12,Nom,Définition,ratio,pop_totale,,1,,,%,1,neutral,year,"
                 "insee,published,");
    auto refused = import(files.path());
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, core::ErrorCode::Invalid);
    EXPECT_NE(refused.error().message.find("rien n'a été importé"), std::string::npos);
    std::map<std::string, std::string> by_field;
    for (const auto& field : refused.error().fields) {
        EXPECT_TRUE(field.line.has_value()) << field.message;
        by_field[field.field] = field.message;
    }
    EXPECT_NE(by_field["denominator"].find("indicators.csv, ligne "), std::string::npos) << by_field["denominator"];
    EXPECT_NE(by_field["denominator"].find("Vouliez-vous dire : mdph_decisions"), std::string::npos);
    EXPECT_NE(by_field["value_type"].find("data_elements.csv, ligne "), std::string::npos);
    EXPECT_NE(by_field["priorities"].find("P12"), std::string::npos);
    EXPECT_EQ(catalogue().find_source("si_mdph")->name, "SI MDPH") << "nothing written";
    EXPECT_EQ(catalogue().find_indicator("nouvel_indicateur"), nullptr);

    auto missing = import("/nonexistent/catalogue");
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().message.find("/nonexistent/catalogue"), std::string::npos);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(ReferenceCatalogueTest);

}  // namespace boussole::catalogue
