#include "catalogue/catalogue_json.hpp"

#include <cmath>
#include <set>

namespace boussole::catalogue {

namespace {

nlohmann::json text_or_null(const std::string& text)
{
    return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

nlohmann::json number_or_null(const std::optional<double>& number)
{
    return number ? nlohmann::json(*number) : nlohmann::json(nullptr);
}

// Reads the members of one body, collecting a FieldError for each faulty one.
class Reader {
public:
    Reader(const nlohmann::json& body, std::initializer_list<const char*> members) : m_body(body)
    {
        if (!body.is_object()) {
            fault("body", "un objet JSON est attendu");
            return;
        }
        std::set<std::string> known(members.begin(), members.end());
        known.insert({"version", "change_note"});
        for (const auto& [name, value] : body.items())
            if (!known.count(name))
                fault(name,
                      "membre inconnu : vérifiez son orthographe (les membres acceptés sont ceux de la "
                      "représentation renvoyée par GET)");
    }

    void text(const char* member, std::string& target)
    {
        if (auto value = find(member)) {
            if (value->is_string())
                target = value->get<std::string>();
            else
                fault(member, "texte attendu");
        }
    }

    // null or "" for none.
    void optional_text(const char* member, std::string& target)
    {
        if (auto value = find(member)) {
            if (value->is_null())
                target.clear();
            else if (value->is_string())
                target = value->get<std::string>();
            else
                fault(member, "texte ou null attendu");
        }
    }

    void number(const char* member, double& target)
    {
        if (auto value = find(member)) {
            if (value->is_number() && std::isfinite(value->get<double>()))
                target = value->get<double>();
            else
                fault(member, "nombre attendu (point décimal, ex. 1000 ou 30.4)");
        }
    }

    void optional_number(const char* member, std::optional<double>& target)
    {
        if (auto value = find(member)) {
            if (value->is_null())
                target.reset();
            else if (value->is_number() && std::isfinite(value->get<double>()))
                target = value->get<double>();
            else
                fault(member, "nombre ou null attendu");
        }
    }

    void integer(const char* member, int& target)
    {
        if (auto value = find(member)) {
            if (value->is_number_integer() && value->get<std::int64_t>() >= -1000000 &&
                value->get<std::int64_t>() <= 1000000)
                target = value->get<int>();
            else
                fault(member, "nombre entier attendu");
        }
    }

    void boolean(const char* member, bool& target)
    {
        if (auto value = find(member)) {
            if (value->is_boolean())
                target = value->get<bool>();
            else
                fault(member, "true ou false attendu");
        }
    }

    void texts(const char* member, std::vector<std::string>& target)
    {
        if (auto value = find(member)) {
            bool valid = value->is_array();
            if (valid)
                for (const auto& entry : *value)
                    valid = valid && entry.is_string();
            if (valid)
                target = value->get<std::vector<std::string>>();
            else
                fault(member, "liste de textes attendue (ex. [\"P2\"])");
        }
    }

    template <typename Enum>
    void enumeration(const char* member, Enum& target, core::Result<Enum> (*parse)(std::string_view))
    {
        if (auto value = find(member)) {
            if (!value->is_string()) {
                fault(member, "texte attendu");
                return;
            }
            auto parsed = parse(value->get<std::string>());
            if (parsed.ok())
                target = *parsed;
            else
                fault(member, parsed.error().message, value->get<std::string>());
        }
    }

    template <typename Enum>
    void optional_enumeration(const char* member, std::optional<Enum>& target,
                              core::Result<Enum> (*parse)(std::string_view))
    {
        if (auto value = find(member);
            value && (value->is_null() || (value->is_string() && value->get<std::string>().empty()))) {
            target.reset();
            return;
        }
        Enum parsed{};
        auto before = m_errors.size();
        enumeration(member, parsed, parse);
        if (find(member) && m_errors.size() == before)
            target = parsed;
    }

    core::Status finish()
    {
        if (m_errors.empty())
            return {};
        std::string message =
            m_errors.size() == 1 ? m_errors.front().message
                                 : std::to_string(m_errors.size()) + " membres à corriger. " + m_errors.front().message;
        return core::Error::invalid(message, std::move(m_errors));
    }

private:
    const nlohmann::json* find(const char* member) const
    {
        if (!m_body.is_object())
            return nullptr;
        auto it = m_body.find(member);
        return it == m_body.end() ? nullptr : &*it;
    }

    void fault(const std::string& member, const std::string& reason, std::optional<std::string> value = std::nullopt)
    {
        m_errors.push_back({member, "« " + member + " » : " + reason + ".", std::nullopt, std::move(value)});
    }

    const nlohmann::json& m_body;
    std::vector<core::FieldError> m_errors;
};

}  // namespace

nlohmann::json to_json(const Source& source)
{
    return {{"code", source.code},         {"name", source.name}, {"description", source.description},
            {"producer", source.producer}, {"url", source.url},   {"version", source.version}};
}

nlohmann::json to_json(const DataElement& element)
{
    return {{"code", element.code},
            {"name", element.name},
            {"description", element.description},
            {"unit", element.unit},
            {"value_type", to_string(element.value_type)},
            {"period_type", core::to_string(element.period_type)},
            {"territory_aggregation", to_string(element.territory_aggregation)},
            {"weight_element_code", text_or_null(element.weight_element_code)},
            {"time_aggregation", to_string(element.time_aggregation)},
            {"source_code", element.source_code},
            {"minimum", number_or_null(element.minimum)},
            {"maximum", number_or_null(element.maximum)},
            {"not_above_code", text_or_null(element.not_above_code)},
            {"due_days", element.due_days},
            {"collected", element.collected},
            {"version", element.version}};
}

nlohmann::json to_json(const Indicator& indicator)
{
    return {{"code", indicator.code},
            {"name", indicator.name},
            {"definition", indicator.definition},
            {"kind", to_string(indicator.kind)},
            {"numerator", indicator.numerator},
            {"denominator", indicator.denominator},
            {"factor", indicator.factor},
            {"base_indicator_code", text_or_null(indicator.base_indicator_code)},
            {"statistic", indicator.statistic ? nlohmann::json(to_string(*indicator.statistic)) : nullptr},
            {"unit", indicator.unit},
            {"decimals", indicator.decimals},
            {"direction", to_string(indicator.direction)},
            {"periodicity", core::to_string(indicator.periodicity)},
            {"source_code", indicator.source_code},
            {"definition_status", to_string(indicator.definition_status)},
            {"reference_note", indicator.reference_note},
            {"priorities", indicator.priorities},
            {"version", indicator.version}};
}

core::Status merge_json(const nlohmann::json& body, Source& into)
{
    Reader reader(body, {"code", "name", "description", "producer", "url"});
    reader.text("code", into.code);
    reader.text("name", into.name);
    reader.text("description", into.description);
    reader.text("producer", into.producer);
    reader.text("url", into.url);
    return reader.finish();
}

core::Status merge_json(const nlohmann::json& body, DataElement& into)
{
    Reader reader(body, {"code", "name", "description", "unit", "value_type", "period_type", "territory_aggregation",
                         "weight_element_code", "time_aggregation", "source_code", "minimum", "maximum",
                         "not_above_code", "due_days", "collected"});
    reader.text("code", into.code);
    reader.text("name", into.name);
    reader.text("description", into.description);
    reader.text("unit", into.unit);
    reader.enumeration("value_type", into.value_type, parse_value_type);
    reader.enumeration("period_type", into.period_type, core::parse_period_type);
    reader.enumeration("territory_aggregation", into.territory_aggregation, parse_territory_aggregation);
    reader.optional_text("weight_element_code", into.weight_element_code);
    reader.enumeration("time_aggregation", into.time_aggregation, parse_time_aggregation);
    reader.text("source_code", into.source_code);
    reader.optional_number("minimum", into.minimum);
    reader.optional_number("maximum", into.maximum);
    reader.optional_text("not_above_code", into.not_above_code);
    reader.integer("due_days", into.due_days);
    reader.boolean("collected", into.collected);
    return reader.finish();
}

core::Status merge_json(const nlohmann::json& body, Indicator& into)
{
    Reader reader(body, {"code", "name", "definition", "kind", "numerator", "denominator", "factor",
                         "base_indicator_code", "statistic", "unit", "decimals", "direction", "periodicity",
                         "source_code", "definition_status", "reference_note", "priorities"});
    reader.text("code", into.code);
    reader.text("name", into.name);
    reader.text("definition", into.definition);
    reader.enumeration("kind", into.kind, parse_indicator_kind);
    reader.text("numerator", into.numerator);
    reader.text("denominator", into.denominator);
    reader.number("factor", into.factor);
    reader.optional_text("base_indicator_code", into.base_indicator_code);
    reader.optional_enumeration("statistic", into.statistic, parse_equity_statistic);
    reader.text("unit", into.unit);
    reader.integer("decimals", into.decimals);
    reader.enumeration("direction", into.direction, parse_direction);
    reader.enumeration("periodicity", into.periodicity, core::parse_period_type);
    reader.text("source_code", into.source_code);
    reader.enumeration("definition_status", into.definition_status, parse_definition_status);
    reader.text("reference_note", into.reference_note);
    reader.texts("priorities", into.priorities);
    return reader.finish();
}

nlohmann::json content_of(nlohmann::json snapshot)
{
    snapshot.erase("version");
    return snapshot;
}

}  // namespace boussole::catalogue
