// Simplification, a principle of the cadre de coopération: the national cap
// on the commitments of a convention and the near-duplicate warnings.
#include "conventions/commitments.hpp"

#include "access/audit.hpp"
#include "access/policy.hpp"
#include "core/clock.hpp"
#include "core/french.hpp"
#include "core/text.hpp"
#include "storage/connection.hpp"

#include <set>
#include <sstream>

namespace boussole::conventions {

namespace {

constexpr const char* kCapKey = "conventions.commitment_cap";
constexpr const char* kReadSetting = "SELECT value FROM settings WHERE key = $1";
constexpr const char* kWriteSetting =
    "INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at";

// Words that say nothing about what a commitment is about.
const std::set<std::string> kStopWords = {"les", "des", "une", "pour", "aux",   "par", "dans", "sur", "avec",
                                          "est", "son", "ses", "leur", "leurs", "du",  "de",   "la",  "le",
                                          "et",  "en",  "un",  "au",   "a",     "d",   "l"};

std::set<std::string> words_of(const std::string& title)
{
    std::set<std::string> words;
    std::istringstream stream(core::fold_for_search(title));
    std::string word;
    while (stream >> word)
        if (!kStopWords.contains(word))
            words.insert(word);
    return words;
}

// Titles whose meaningful words mostly coincide (Jaccard index of 0.75 or
// more): "Réduire le délai de traitement MDPH" and "Réduire les délais de
// traitement de la MDPH" differ by plural only after folding and filtering.
bool similar(const std::set<std::string>& a, const std::set<std::string>& b)
{
    if (a.empty() || b.empty())
        return false;
    std::size_t common = 0;
    for (const auto& word : a)
        common += b.contains(word) ? 1 : 0;
    auto together = a.size() + b.size() - common;
    return common * 4 >= together * 3;
}

std::set<std::string> singular(const std::set<std::string>& words)
{
    std::set<std::string> result;
    for (auto word : words) {
        if (word.size() > 3 && (word.back() == 's' || word.back() == 'x'))
            word.pop_back();
        result.insert(word);
    }
    return result;
}

}  // namespace

std::vector<Warning> warnings(const std::vector<Commitment>& commitments)
{
    std::vector<Warning> found;
    std::vector<const Commitment*> live;
    for (const auto& commitment : commitments)
        if (!commitment.deleted)
            live.push_back(&commitment);
    std::vector<std::set<std::string>> words;
    for (const auto* commitment : live)
        words.push_back(singular(words_of(commitment->title)));
    for (std::size_t i = 0; i < live.size(); ++i)
        for (std::size_t j = i + 1; j < live.size(); ++j) {
            const auto& a = *live[i];
            const auto& b = *live[j];
            if (!a.indicator.empty() && a.indicator == b.indicator)
                found.push_back({"same_indicator",
                                 {a.id, b.id},
                                 "« " + a.title + " » et « " + b.title + " » suivent le même indicateur (« " +
                                     a.indicator + " ») : un seul engagement suffit peut-être."});
            else if (similar(words[i], words[j]))
                found.push_back({"similar_titles",
                                 {a.id, b.id},
                                 "« " + a.title + " » et « " + b.title +
                                     " » ont des intitulés très proches : s'agit-il du même engagement ?"});
        }
    return found;
}

int commitment_cap(storage::Connection& connection)
{
    auto rows = connection.query(kReadSetting, {kCapKey});
    if (rows.empty())
        return kDefaultCommitmentCap;
    auto value = core::parse_positive_integer(rows.front().text("value"));
    return value ? static_cast<int>(*value) : kDefaultCommitmentCap;
}

core::Result<int> set_commitment_cap(storage::Connection& connection, const access::Principal& principal, int cap)
{
    BOUSSOLE_TRY(access::require_national_admin(principal, "fixer le plafond d'engagements des conventions"));
    if (cap < 1 || cap > 500)
        return core::Error::invalid(
            "Plafond d'engagements : un nombre entier entre 1 et 500.",
            {{"commitment_cap", "Plafond d'engagements : entre 1 et 500.", std::nullopt, std::to_string(cap)}});
    auto before = commitment_cap(connection);
    connection.execute(kWriteSetting, {kCapKey, std::to_string(cap), core::to_iso8601(core::now())});
    access::record_audit(connection, principal,
                         {"update", "setting", kCapKey, nlohmann::json{{"value", before}}.dump(),
                          nlohmann::json{{"value", cap}}.dump()});
    return cap;
}

}  // namespace boussole::conventions
