#include "catalogue/catalogue_changes.hpp"

#include "catalogue/catalogue_json.hpp"
#include "storage/connection.hpp"
#include "support/backends.hpp"
#include "support/reference.hpp"

#include <nlohmann/json.hpp>

namespace boussole::catalogue {

namespace {

access::Principal administrator()
{
    auto principal = access::Principal::system("admin.national@exemple.fr");
    principal.kind = access::PrincipalKind::User;
    principal.user_id = std::nullopt;
    principal.display_name = "Camille Administratrice";
    return principal;
}

access::Principal analyst()
{
    auto principal = administrator();
    principal.role = access::Role::NationalAnalyst;
    principal.can_write = false;
    return principal;
}

std::int64_t count(storage::Database& database, const char* sql, const storage::Params& params)
{
    return database.read(
        [&](storage::Connection& connection) { return connection.query(sql, params).front().integer("n"); });
}

constexpr const char* kAuditCount = "SELECT COUNT(*) AS n FROM audit_log WHERE entity_type = $1 AND entity_id = $2";

}  // namespace

class CatalogueChangesTest : public test_support::BackendTest {
protected:
    void SetUp() override
    {
        BackendTest::SetUp();
        if (!HasFatalFailure())
            test_support::load_reference(database());
    }

    DataElement element(std::string_view code)
    {
        return database().read(
            [&](storage::Connection& connection) { return *Catalogue::load(connection).find_element(code); });
    }
};

TEST_P(CatalogueChangesTest, CreatesAnEntryOfEachKindWithItsFirstVersion)
{
    auto admin = administrator();
    auto created = database().write([&](storage::Connection& connection) -> core::Result<Indicator> {
        auto source = create_source(connection, admin, {"cnaf", " CNAF ", "Allocations", "CNAF", "https://www.caf.fr"},
                                    "Nouvelle source");
        if (!source.ok())
            return std::move(source).error();
        DataElement element;
        element.code = "aeeh_beneficiaires";
        element.name = "Bénéficiaires de l'AEEH";
        element.unit = "personnes";
        element.time_aggregation = TimeAggregation::Last;
        element.source_code = "cnaf";
        auto saved = create_element(connection, admin, element, "");
        if (!saved.ok())
            return std::move(saved).error();
        Indicator indicator;
        indicator.code = "aeeh_pour_1000_moins_20";
        indicator.name = "Bénéficiaires de l'AEEH pour 1 000 jeunes de moins de 20 ans";
        indicator.definition = "Bénéficiaires de l'AEEH au 31 décembre pour 1 000 habitants de moins de 20 ans.";
        indicator.numerator = "aeeh_beneficiaires";
        indicator.denominator = "pop_moins_20";
        indicator.factor = 1000;
        indicator.unit = "pour 1 000 habitants de moins de 20 ans";
        indicator.source_code = "cnaf";
        indicator.priorities = {"P6", "P2", "P6"};
        return create_indicator(connection, admin, indicator, "Demande du groupe de travail");
    });
    ASSERT_TRUE(created.ok()) << created.error().message;
    EXPECT_EQ(created->version, 1);
    EXPECT_EQ(created->priorities, (std::vector<std::string>{"P2", "P6"}));

    auto catalogue = database().read([](storage::Connection& connection) { return Catalogue::load(connection); });
    EXPECT_EQ(catalogue.find_source("cnaf")->name, "CNAF");
    ASSERT_NE(catalogue.find_indicator("aeeh_pour_1000_moins_20"), nullptr);
    EXPECT_EQ(catalogue.find_indicator("aeeh_pour_1000_moins_20")->priorities, (std::vector<std::string>{"P2", "P6"}));
    EXPECT_EQ(catalogue.indicators_of_priority("P6").size(), 6u);

    auto history = database().read([](storage::Connection& connection) {
        return entry_history(connection, EntityType::Indicator, "aeeh_pour_1000_moins_20");
    });
    ASSERT_TRUE(history.ok());
    ASSERT_EQ(history->size(), 1u);
    EXPECT_EQ(history->front().changed_by, "Camille Administratrice");
    EXPECT_EQ(history->front().change_note, "Demande du groupe de travail");
    EXPECT_EQ(history->front().origin, ChangeOrigin::User);
    EXPECT_EQ(nlohmann::json::parse(history->front().snapshot).at("denominator"), "pop_moins_20");
    EXPECT_EQ(count(database(), kAuditCount, {"indicator", "aeeh_pour_1000_moins_20"}), 1);
    EXPECT_EQ(count(database(), kAuditCount, {"source", "cnaf"}), 1);
}

TEST_P(CatalogueChangesTest, RefusesWhoIsNotANationalAdministrator)
{
    for (const auto& principal : {analyst(), access::Principal::anonymous()}) {
        auto refused = database().write([&](storage::Connection& connection) {
            return update_element(connection, principal, "mdph_decisions", 1, element("mdph_decisions"), "");
        });
        ASSERT_FALSE(refused.ok());
        EXPECT_EQ(refused.error().code,
                  principal.authenticated() ? core::ErrorCode::Forbidden : core::ErrorCode::Unauthenticated);
        auto created = database().write([&](storage::Connection& connection) {
            return create_source(connection, principal, {"cnaf", "CNAF"}, "");
        });
        EXPECT_FALSE(created.ok());
    }
    EXPECT_EQ(element("mdph_decisions").version, 1);
}

TEST_P(CatalogueChangesTest, UpdatesWithTheVersionReadAndKeepsEveryVersion)
{
    auto admin = administrator();
    auto after = element("mdph_decisions");
    after.name = "Décisions de la CDAPH";
    after.due_days = 30;
    auto updated = database().write([&](storage::Connection& connection) {
        return update_element(connection, admin, "mdph_decisions", 1, after, "Délai raccourci");
    });
    ASSERT_TRUE(updated.ok()) << updated.error().message;
    EXPECT_EQ(updated->version, 2);
    EXPECT_EQ(element("mdph_decisions").due_days, 30);

    // The same write again, from the version now stale: refused.
    after.due_days = 20;
    auto stale = database().write([&](storage::Connection& connection) {
        return update_element(connection, admin, "mdph_decisions", 1, after, "");
    });
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, core::ErrorCode::Conflict);
    EXPECT_NE(stale.error().message.find("version 2"), std::string::npos) << stale.error().message;
    EXPECT_EQ(element("mdph_decisions").due_days, 30);

    // Nothing changed: no new version.
    auto same = database().write([&](storage::Connection& connection) {
        return update_element(connection, admin, "mdph_decisions", 2, element("mdph_decisions"), "");
    });
    ASSERT_TRUE(same.ok());
    EXPECT_EQ(same->version, 2);

    auto history = database().read([](storage::Connection& connection) {
        return entry_history(connection, EntityType::DataElement, "mdph_decisions");
    });
    ASSERT_EQ(history->size(), 2u);
    EXPECT_EQ(history->at(0).version, 2);
    EXPECT_EQ(history->at(0).origin, ChangeOrigin::User);
    EXPECT_EQ(history->at(0).change_note, "Délai raccourci");
    EXPECT_EQ(history->at(1).origin, ChangeOrigin::Reference);
    EXPECT_EQ(history->at(1).changed_by, kReferenceAuthor);
    EXPECT_EQ(nlohmann::json::parse(history->at(1).snapshot).at("due_days"), 45);
    EXPECT_EQ(count(database(), kAuditCount, {"data_element", "mdph_decisions"}), 1);
}

TEST_P(CatalogueChangesTest, RefusesAFormulaThatDoesNotCheckAndWritesNothing)
{
    auto admin = administrator();
    auto indicator = database().read([](storage::Connection& connection) {
        return *Catalogue::load(connection).find_indicator("mdph_delai_traitement");
    });
    indicator.denominator = "mdph_decision * 30,4";
    auto refused = database().write([&](storage::Connection& connection) {
        return update_indicator(connection, admin, "mdph_delai_traitement", 1, indicator, "");
    });
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, core::ErrorCode::Invalid);
    ASSERT_EQ(refused.error().fields.size(), 1u);
    EXPECT_EQ(refused.error().fields[0].field, "denominator");
    EXPECT_NE(refused.error().message.find("position 19"), std::string::npos) << refused.error().message;

    indicator.denominator = "ind:equite_cv_delai_mdph";
    auto equity = database().write([&](storage::Connection& connection) {
        return update_indicator(connection, admin, "mdph_delai_traitement", 1, indicator, "");
    });
    ASSERT_FALSE(equity.ok());
    EXPECT_NE(equity.error().message.find("dispersion"), std::string::npos);

    // The processing time cannot cite the adults' time, which cites nothing
    // back, and then be cited by it: the loop is refused on the second save.
    indicator.denominator = "mdph_decisions * 30.4 + 0 * ind:mdph_delai_traitement_adultes";
    auto first = database().write([&](storage::Connection& connection) {
        return update_indicator(connection, admin, "mdph_delai_traitement", 1, indicator, "");
    });
    ASSERT_TRUE(first.ok()) << first.error().message;
    auto adults = database().read([](storage::Connection& connection) {
        return *Catalogue::load(connection).find_indicator("mdph_delai_traitement_adultes");
    });
    adults.numerator = "ind:mdph_delai_traitement";
    adults.denominator.clear();
    auto loop = database().write([&](storage::Connection& connection) {
        return update_indicator(connection, admin, "mdph_delai_traitement_adultes", 1, adults, "");
    });
    ASSERT_FALSE(loop.ok());
    EXPECT_NE(loop.error().message.find("Référence circulaire"), std::string::npos) << loop.error().message;
}

TEST_P(CatalogueChangesTest, RefusesADuplicateCodeAChangedCodeAndAnUnknownEntry)
{
    auto admin = administrator();
    auto duplicate = database().write([&](storage::Connection& connection) {
        return create_element(connection, admin, element("mdph_decisions"), "");
    });
    ASSERT_FALSE(duplicate.ok());
    EXPECT_EQ(duplicate.error().code, core::ErrorCode::Conflict);

    auto renamed = element("mdph_decisions");
    renamed.code = "mdph_decisions_cdaph";
    auto changed_code = database().write([&](storage::Connection& connection) {
        return update_element(connection, admin, "mdph_decisions", 1, renamed, "");
    });
    ASSERT_FALSE(changed_code.ok());
    EXPECT_EQ(changed_code.error().fields[0].field, "code");

    auto unknown = database().write([&](storage::Connection& connection) {
        return update_element(connection, admin, "mdph_inconnue", 1, renamed, "");
    });
    EXPECT_EQ(unknown.error().code, core::ErrorCode::NotFound);
    auto history = database().read([](storage::Connection& connection) {
        return entry_history(connection, EntityType::Indicator, "mdph_decisions");
    });
    EXPECT_EQ(history.error().code, core::ErrorCode::NotFound);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(CatalogueChangesTest);

}  // namespace boussole::catalogue
