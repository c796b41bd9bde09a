// The data entry form: a person chooses a department within their scope and a
// period, then sees every collected element of that period's type with its
// current value, status, comment and outlier warning, and saves them all at
// once (all or nothing, the errors next to their fields). Emptying a field
// deletes its value, which stays in the history. Validated values are shown,
// not offered for editing: they are locked until reopened.
#include "access/policy.hpp"
#include "collection/approval.hpp"
#include "collection/value_checks.hpp"
#include "core/text.hpp"
#include "web/pages/data_pages.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

#include <map>

namespace boussole::web::pages {

namespace {

constexpr const char* kPath = "/donnees/saisie";

struct Choice {
    std::string territory_text;
    std::string period_text;
    const territory::Territory* department = nullptr;
    std::optional<core::Period> period;
    std::optional<core::Error> error;  // fields "territory" and "period"

    bool ready() const { return department && period && !error; }
};

Choice read_choice(const AppState& state, const access::Principal& principal, std::string_view territory_text,
                   std::string_view period_text)
{
    Choice choice{std::string(core::trim(territory_text)), std::string(core::trim(period_text))};
    if (choice.territory_text.empty() && choice.period_text.empty())
        return choice;
    std::vector<core::FieldError> faults;
    for (const auto* department : departments_of(state, principal))
        if (department->key.to_string() == choice.territory_text)
            choice.department = department;
    if (!choice.department)
        faults.push_back({"territory", "Choisissez un département dans la liste : ceux de votre périmètre.",
                          std::nullopt, std::nullopt});
    auto period = core::is_valid_utf8(choice.period_text)
                      ? core::Period::parse(choice.period_text)
                      : core::Result<core::Period>(core::Error::invalid("Période illisible : saisissez par "
                                                                        "exemple 2025, 2025-T3 ou 2025-07."));
    if (!period.ok())
        faults.push_back({"period", period.error().message, std::nullopt, std::nullopt});
    else if (period->first_day() > collection::paris_today(core::now()))
        faults.push_back({"period",
                          "La période " + period->label() +
                              " n'a pas commencé : choisissez une période "
                              "en cours ou passée.",
                          std::nullopt, std::nullopt});
    else
        choice.period = *period;
    if (!faults.empty()) {
        auto message = faults.size() == 1 ? faults.front().message : "Choisissez un département et une période.";
        choice.error = core::Error::invalid(message, faults);
    }
    return choice;
}

// What the form shows in each field when it comes back with errors.
struct Typed {
    std::string value;
    std::string comment;
};

struct Faults {
    std::map<std::string, std::string> value;    // element code -> message
    std::map<std::string, std::string> comment;  // element code -> message
    nlohmann::json summary = nlohmann::json::array();
};

nlohmann::json sheet_view(const access::Principal& principal, const Choice& choice,
                          const std::vector<const catalogue::DataElement*>& elements,
                          const std::map<std::string, collection::DataValue>& current,
                          const std::map<std::string, Typed>* typed, const Faults* faults, bool can_write,
                          bool can_submit)
{
    nlohmann::json rows = nlohmann::json::array();
    int drafts = 0;
    for (const auto* element : elements) {
        const auto found = current.find(element->code);
        const collection::DataValue* value = found == current.end() ? nullptr : &found->second;
        bool present = value && !value->deleted;
        bool locked = present && value->status == collection::ValueStatus::Validated;
        drafts += present && value->status == collection::ValueStatus::Draft ? 1 : 0;
        std::string shown_value = present && value->value ? form_number(*value->value) : "";
        std::string shown_comment = present ? value->comment : "";
        if (typed) {
            if (auto entry = typed->find(element->code); entry != typed->end()) {
                shown_value = entry->second.value;
                shown_comment = entry->second.comment;
            }
        }
        nlohmann::json row{
            {"code", element->code},
            {"name", element->name},
            {"unit", element->unit},
            {"editable", can_write && !locked},
            {"value", shown_value},
            {"value_text", shown_value.empty() ? "non saisie" : shown_value},
            {"comment", shown_comment},
            {"has_status", present},
            {"status", present ? status_view(value->status) : nlohmann::json(nullptr)},
            {"locked", locked},
            {"outlier", present && value->outlier},
            {"history_href", value ? nlohmann::json(history_href(element->code, choice.department->key, *choice.period))
                                   : nlohmann::json(nullptr)}};
        if (faults) {
            if (auto message = faults->value.find(element->code); message != faults->value.end())
                row["value_error"] = message->second;
            if (auto message = faults->comment.find(element->code); message != faults->comment.end())
                row["comment_error"] = message->second;
        }
        rows.push_back(std::move(row));
    }
    bool has_errors = faults && !faults->summary.empty();
    std::string read_only_reason;
    if (!can_write)
        read_only_reason = access::require_territorial_write(principal, {choice.department->key},
                                                             "saisir des valeurs pour ce département")
                               .error()
                               .message;
    return {{"territory_label", choice.department->label()},
            {"territory", choice.department->key.to_string()},
            {"period", choice.period->to_string()},
            {"period_label", choice.period->label()},
            {"period_type_label", core::label(choice.period->type())},
            {"rows", rows},
            {"has_rows", !rows.empty()},
            {"read_only", !can_write},
            {"read_only_reason", read_only_reason},
            {"errors",
             {{"any", has_errors},
              {"plural", faults && faults->summary.size() > 1},
              {"summary", faults ? faults->summary : nlohmann::json::array()}}},
            {"can_submit", can_submit && drafts > 0},
            {"drafts", drafts},
            {"drafts_plural", drafts > 1},
            {"back", entry_href(choice.department->key, *choice.period)}};
}

http::Response render(AppState& state, http::Request& request, const Choice& choice,
                      const std::map<std::string, Typed>* typed, const Faults* faults)
{
    const auto& principal = request_context(request).principal;
    auto departments = departments_of(state, principal);
    nlohmann::json context{{"tabs", data_tabs("saisie")},
                           {"departments", department_options(departments, choice.territory_text)},
                           {"has_departments", !departments.empty()},
                           {"period_text", choice.period_text},
                           {"chooser",
                            {{"errors", choice.error ? error_view(*choice.error, {{"territory", "saisie-territoire"},
                                                                                  {"period", "saisie-periode"}})
                                                     : nlohmann::json{{"any", false}}}}},
                           {"sheet", nullptr}};
    if (choice.ready()) {
        auto sheet = state.database.read([&](storage::Connection& connection) {
            auto catalogue = catalogue::Catalogue::load(connection);
            std::vector<const catalogue::DataElement*> elements;
            for (const auto& element : catalogue.elements())
                if (element.collected && element.period_type == choice.period->type())
                    elements.push_back(&element);
            std::map<std::string, collection::DataValue> current;
            collection::ValueQuery query;
            query.territory = choice.department->key;
            query.from = query.to = *choice.period;
            query.include_deleted = true;
            query.page = {1, 1000};
            auto values = collection::find_values(connection, state.registry, query);
            if (values.ok())
                for (auto& value : values->items)
                    current.emplace(value.element, std::move(value));
            bool can_write =
                access::require_territorial_write(principal, {choice.department->key}, "saisir des valeurs").ok();
            bool can_submit = collection::may_approve(connection, principal, collection::ApprovalAction::Submit,
                                                      choice.department->key)
                                  .ok();
            return sheet_view(principal, choice, elements, current, typed, faults, can_write, can_submit);
        });
        context["sheet"] = std::move(sheet);
    }
    bool has_errors = (faults && !faults->summary.empty()) || choice.error;
    PageMeta meta;
    meta.title =
        title_with_errors(choice.ready() ? "Saisie : " + choice.department->label() + ", " + choice.period->label()
                                         : "Saisie des valeurs",
                          has_errors);
    meta.section = kDataSection;
    meta.breadcrumbs = {{"Données", ""}};
    if (has_errors)
        meta.status = 422;
    return render_page(state, request, "data_entry", context, meta);
}

http::Response show(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "saisir des valeurs"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    const auto& principal = request_context(request).principal;
    auto choice = read_choice(state, principal, request.query_param("territoire").value_or(""),
                              request.query_param("periode").value_or(""));
    return render(state, request, choice, nullptr, nullptr);
}

// "« Nom » : message", for the summary at the top of the form.
std::string about(const catalogue::DataElement& element, const std::string& message)
{
    return "« " + element.name + " » : " + message;
}

http::Response save(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "saisir des valeurs"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto form = request.form();
    if (!form.ok())
        return error_page(state, request, form.error());
    const auto& principal = request_context(request).principal;
    auto choice =
        read_choice(state, principal, form->get("territoire").value_or(""), form->get("periode").value_or(""));
    if (!choice.ready())
        return render(state, request, choice, nullptr, nullptr);

    std::map<std::string, Typed> typed;
    Faults faults;
    std::optional<collection::WriteReport> report;
    auto outcome = state.database.write([&](storage::Connection& connection) -> core::Status {
        auto catalogue = catalogue::Catalogue::load(connection);
        std::vector<collection::ValueInput> inputs;
        std::vector<const catalogue::DataElement*> line_elements;
        for (const auto& element : catalogue.elements()) {
            if (!element.collected || element.period_type != choice.period->type())
                continue;
            auto field = form->get("valeur-" + element.code);
            if (!field)
                continue;  // not offered (a locked value): nothing to write
            Typed entry{std::string(*field), std::string(form->get("commentaire-" + element.code).value_or(""))};
            typed[element.code] = entry;
            auto text = core::trim(entry.value);
            std::optional<double> number;
            if (!text.empty()) {
                number = parse_form_number(text);
                if (!number) {
                    auto message =
                        "« " + collection::shown(text) + " » n'est pas un nombre : saisissez par exemple 1234 ou 12,5.";
                    faults.value[element.code] = message;
                    faults.summary.push_back(
                        {{"href", "#saisie-" + element.code}, {"message", about(element, message)}});
                    continue;
                }
            } else {
                auto stored = collection::find_value(connection, element.code, choice.department->key, *choice.period);
                if (!stored || stored->deleted)
                    continue;  // empty and never filled: nothing to do
            }
            line_elements.push_back(&element);
            inputs.push_back({static_cast<long>(line_elements.size()), element.code, choice.department->key.to_string(),
                              choice.period->to_string(), number, entry.comment});
        }
        auto written = collection::write_values(
            connection, principal, state.registry, catalogue, inputs,
            {collection::ValueOrigin::User, std::nullopt, collection::WriteMode::AllOrNothing});
        if (!written.ok())
            return std::move(written).error();
        report = std::move(written).value();
        for (const auto& fault : report->rejected) {
            const auto* element =
                fault.line && *fault.line >= 1 && static_cast<std::size_t>(*fault.line) <= line_elements.size()
                    ? line_elements[static_cast<std::size_t>(*fault.line - 1)]
                    : nullptr;
            if (!element) {
                faults.summary.push_back({{"href", nullptr}, {"message", fault.message}});
                continue;
            }
            bool on_comment = fault.field == "comment";
            (on_comment ? faults.comment : faults.value)[element->code] = fault.message;
            faults.summary.push_back({{"href", "#saisie-" + element->code + (on_comment ? "-commentaire" : "")},
                                      {"message", about(*element, fault.message)}});
        }
        // A number that could not be read refuses the whole form, like any
        // other fault: the transaction ends without the values.
        if (!faults.summary.empty() && report->applied)
            return core::Error::invalid("formulaire refusé");
        return {};
    });
    if (!outcome.ok() && !report)
        return error_page(state, request, outcome.error());
    if (faults.summary.empty())
        return redirect_with_message(entry_href(choice.department->key, *choice.period), "valeurs-enregistrees");
    return render(state, request, choice, &typed, &faults);
}

}  // namespace

void register_data_entry_routes(http::Router& router, AppState& state)
{
    router.get(kPath, [&state](http::Request& request) { return show(state, request); });
    router.post(kPath, [&state](http::Request& request) { return save(state, request); });
}

}  // namespace boussole::web::pages
