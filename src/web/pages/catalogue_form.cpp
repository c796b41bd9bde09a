#include "web/pages/catalogue_form.hpp"

#include "catalogue/formula.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace boussole::web::pages {

namespace {

// Without spaces (ordinary or no-break) and with a decimal point.
std::string plain_number(std::string_view text)
{
    std::string plain;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == ' ' || text[i] == '\t')
            continue;
        if (text.substr(i, 2) == "\xc2\xa0" || text.substr(i, 3) == "\xe2\x80\xaf") {
            i += text.substr(i, 2) == "\xc2\xa0" ? 1 : 2;
            continue;
        }
        plain += text[i] == ',' ? '.' : text[i];
    }
    return plain;
}

}  // namespace

FieldIds field_ids(const std::vector<FormField>& fields)
{
    FieldIds ids;
    for (const auto& field : fields)
        ids.emplace(field.name, field.id);
    return ids;
}

nlohmann::json fields_view(const std::vector<FormField>& fields, const nlohmann::json& messages)
{
    nlohmann::json views = nlohmann::json::array();
    for (const auto& field : fields) {
        nlohmann::json choices = nlohmann::json::array();
        for (std::size_t i = 0; i < field.options.size(); ++i) {
            const auto& option = field.options[i];
            bool selected = field.kind == FieldKind::Checkboxes ? std::find(field.checked.begin(), field.checked.end(),
                                                                            option.value) != field.checked.end()
                                                                : option.value == field.value;
            choices.push_back({{"value", option.value},
                               {"label", option.label},
                               {"selected", selected},
                               {"option_id", field.id + "-" + std::to_string(i + 1)}});
        }
        auto message = messages.find(field.name);
        views.push_back({{"name", field.name},
                         {"id", field.id},
                         {"label", field.label},
                         {"hint", field.hint.empty() ? nlohmann::json(nullptr) : nlohmann::json(field.hint)},
                         {"value", field.value},
                         {"checked", field.value == "1"},
                         {"options", choices},
                         {"error", message == messages.end() ? nlohmann::json(nullptr) : *message},
                         {"is_text", field.kind == FieldKind::Text},
                         {"is_textarea", field.kind == FieldKind::TextArea},
                         {"is_select", field.kind == FieldKind::Select},
                         {"is_checkboxes", field.kind == FieldKind::Checkboxes},
                         {"is_checkbox", field.kind == FieldKind::Checkbox}});
    }
    return views;
}

std::optional<double> read_decimal(std::string_view text, const std::string& field, const std::string& label,
                                   std::vector<core::FieldError>& errors)
{
    auto plain = plain_number(text);
    double value = 0;
    auto parsed = std::from_chars(plain.data(), plain.data() + plain.size(), value);
    if (plain.empty() || parsed.ec != std::errc() || parsed.ptr != plain.data() + plain.size() ||
        !std::isfinite(value)) {
        errors.push_back({field, label + " : nombre attendu, par exemple 1000 ou 30,4.", std::nullopt,
                          std::string(text.substr(0, 100))});
        return std::nullopt;
    }
    return value;
}

std::optional<int> read_whole(std::string_view text, const std::string& field, const std::string& label,
                              std::vector<core::FieldError>& errors)
{
    auto plain = plain_number(text);
    int value = 0;
    auto parsed = std::from_chars(plain.data(), plain.data() + plain.size(), value);
    if (plain.empty() || parsed.ec != std::errc() || parsed.ptr != plain.data() + plain.size()) {
        errors.push_back({field, label + " : nombre entier attendu, par exemple 45.", std::nullopt,
                          std::string(text.substr(0, 100))});
        return std::nullopt;
    }
    return value;
}

std::string decimal_text(double value)
{
    auto text = catalogue::format_number(value);
    std::replace(text.begin(), text.end(), '.', ',');
    return text;
}

std::vector<FieldOption> options(std::initializer_list<std::pair<const char*, const char*>> pairs)
{
    std::vector<FieldOption> result;
    for (const auto& [value, label] : pairs)
        result.push_back({value, label});
    return result;
}

}  // namespace boussole::web::pages
