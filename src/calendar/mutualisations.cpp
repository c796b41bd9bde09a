#include "calendar/mutualisations.hpp"

#include "calendar/occurrences.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iterator>
#include <optional>

namespace boussole::calendar {

namespace {

using namespace std::chrono;

// How a kind is named in a sentence: alone with its article, and in the
// plural after « deux ».
struct KindWords {
    EventKind kind;
    const char* one;
    const char* many;
};

constexpr KindWords kKindWords[] = {
    {EventKind::CallForProjects, "un appel à projets", "appels à projets"},
    {EventKind::BudgetCampaign, "une campagne budgétaire", "campagnes budgétaires"},
    {EventKind::CpomNegotiation, "une négociation de CPOM", "négociations de CPOM"},
    {EventKind::Ita, "une instance territoriale de l'autonomie", "instances territoriales de l'autonomie"},
    {EventKind::Cdca, "une réunion du CDCA", "réunions du CDCA"},
    {EventKind::FundersConference, "une conférence des financeurs", "conférences des financeurs"},
    {EventKind::Comex, "une COMEX", "COMEX"},
    {EventKind::Cdaph, "une CDAPH", "CDAPH"},
    {EventKind::DecisionDeadline, "une échéance de décision", "échéances de décision"},
    {EventKind::NationalDay, "une journée nationale", "journées nationales"},
    {EventKind::TerritorialMeeting, "une rencontre territoriale", "rencontres territoriales"},
    {EventKind::ThematicGroup, "un groupe thématique", "groupes thématiques"},
    {EventKind::Training, "une formation", "formations"},
    {EventKind::Other, "un événement", "événements"},
};

const KindWords& words_of(EventKind kind)
{
    for (const auto& words : kKindWords)
        if (words.kind == kind)
            return words;
    return kKindWords[std::size(kKindWords) - 1];
}

constexpr const char* kNumbers[] = {"zéro",     "un",       "deux",     "trois",       "quatre",     "cinq",
                                    "six",      "sept",     "huit",     "neuf",        "dix",        "onze",
                                    "douze",    "treize",   "quatorze", "quinze",      "seize",      "dix-sept",
                                    "dix-huit", "dix-neuf", "vingt",    "vingt et un", "vingt-deux", "vingt-trois"};

// "trois", "une" (before a feminine noun), "52" beyond the words above.
std::string number_words(int value, bool feminine)
{
    if (value < 0 || value >= static_cast<int>(std::size(kNumbers)))
        return std::to_string(value);
    std::string text = kNumbers[value];
    if (feminine && (value == 1 || value == 21))
        text += "e";
    return text;
}

bool is_ars(const std::string& type)
{
    return type == "ars";
}
bool is_cd(const std::string& type)
{
    return type == "departement";
}

std::optional<Occurrence> first_of(const Event& event)
{
    auto span = span_of(event);
    if (!span)
        return std::nullopt;
    return span->first;
}

bool eligible(const Event& event)
{
    return event.status != EventStatus::Cancelled && !event.replaced_by && event.rrule.empty();
}

// The ARS event is held where the CD's is, or for the whole region the
// CD's department belongs to (a regional call for projects meets a
// departmental one).
bool same_ground(const Event& ars_event, const Event& cd_event, const SuggestionContext& context)
{
    if (ars_event.territory == cd_event.territory)
        return true;
    return ars_event.territory.level() == territory::Level::Region &&
           cd_event.territory.level() == territory::Level::Department && context.encloses &&
           context.encloses(ars_event.territory, cd_event.territory);
}

std::string sentence(const Event& earlier, const Event& later, bool same_kind, const std::string& priority_title,
                     int gap)
{
    std::string text = same_kind ? "deux " + std::string(words_of(earlier.kind).many)
                                 : std::string(words_of(earlier.kind).one) + " et " + words_of(later.kind).one;
    if (!priority_title.empty())
        text += " sur « " + priority_title + " »";
    return text + " " + gap_phrase(gap);
}

}  // namespace

std::string gap_phrase(int days)
{
    if (days == 0)
        return "le même jour";
    if (days < 7)
        return "à " + number_words(days, false) + (days == 1 ? " jour" : " jours") + " d'écart";
    auto weeks = static_cast<int>(std::lround(days / 7.0));
    return "à " + number_words(weeks, true) + (weeks == 1 ? " semaine" : " semaines") + " d'écart";
}

std::vector<Suggestion> find_suggestions(const std::vector<Event>& events, const SuggestionContext& context)
{
    struct Candidate {
        const Event* event;
        sys_days first_day;
    };
    std::vector<Candidate> ars, cd;
    for (const auto& event : events) {
        if (!eligible(event))
            continue;
        auto first = first_of(event);
        if (!first)
            continue;
        auto type = context.organisation_type(event.organiser_id);
        if (is_ars(type))
            ars.push_back({&event, sys_days{first->first_day}});
        else if (is_cd(type))
            cd.push_back({&event, sys_days{first->first_day}});
    }
    std::vector<std::pair<sys_days, Suggestion>> found;
    for (const auto& a : ars)
        for (const auto& c : cd) {
            const auto& ars_event = *a.event;
            const auto& cd_event = *c.event;
            if (!same_ground(ars_event, cd_event, context) || ars_event.id == cd_event.id ||
                context.decided.contains({ars_event.id, cd_event.id}))
                continue;
            // Already held together: nothing to mutualise.
            auto ars_holders = ars_event.holders();
            auto cd_holders = cd_event.holders();
            if (std::binary_search(ars_holders.begin(), ars_holders.end(), cd_event.organiser_id) ||
                std::binary_search(cd_holders.begin(), cd_holders.end(), ars_event.organiser_id))
                continue;
            auto gap = static_cast<int>(std::abs((a.first_day - c.first_day).count()));
            if (gap > context.window_days)
                continue;
            Suggestion suggestion;
            suggestion.same_kind = ars_event.kind == cd_event.kind;
            std::set_intersection(ars_event.priority_codes.begin(), ars_event.priority_codes.end(),
                                  cd_event.priority_codes.begin(), cd_event.priority_codes.end(),
                                  std::back_inserter(suggestion.shared_priorities));
            if (!suggestion.same_kind && suggestion.shared_priorities.empty())
                continue;
            suggestion.gap_days = gap;
            bool ars_first = a.first_day <= c.first_day;
            const auto& earlier = ars_first ? ars_event : cd_event;
            const auto& later = ars_first ? cd_event : ars_event;
            std::string priority = suggestion.shared_priorities.empty()
                                       ? std::string()
                                       : context.priority_title(suggestion.shared_priorities.front());
            suggestion.message = sentence(earlier, later, suggestion.same_kind, priority, gap);
            suggestion.ars_event = ars_event;
            suggestion.cd_event = cd_event;
            found.emplace_back(std::min(a.first_day, c.first_day), std::move(suggestion));
        }
    std::stable_sort(found.begin(), found.end(), [](const auto& x, const auto& y) {
        if (x.first != y.first)
            return x.first < y.first;
        return x.second.gap_days < y.second.gap_days;
    });
    std::vector<Suggestion> suggestions;
    for (auto& [day, suggestion] : found)
        suggestions.push_back(std::move(suggestion));
    return suggestions;
}

}  // namespace boussole::calendar
