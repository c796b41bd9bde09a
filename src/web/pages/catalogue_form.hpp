#pragma once
// The fields of the catalogue's edit forms, described once and rendered by
// one template (catalogue_edit.mustache): text, long text, list, check boxes.
// Reading numbers the French way ("30,4", "1 000") belongs here too.

#include "core/error.hpp"
#include "web/pages/forms.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace boussole::web::pages {

enum class FieldKind { Text, TextArea, Select, Checkboxes, Checkbox };

struct FieldOption {
    std::string value;
    std::string label;
};

struct FormField {
    std::string name;  // the domain's field name, also the form's
    std::string id;    // the input's id
    std::string label;
    std::string hint;
    FieldKind kind = FieldKind::Text;
    std::string value;                 // Text, TextArea, Select; "1" for a checked Checkbox
    std::vector<FieldOption> options;  // Select, Checkboxes
    std::vector<std::string> checked;  // Checkboxes
};

// The ids of the inputs, for error_view.
FieldIds field_ids(const std::vector<FormField>& fields);

// The fields for the template, with the message of each faulty one (from
// error_view's "fields").
nlohmann::json fields_view(const std::vector<FormField>& fields, const nlohmann::json& messages);

// "30,4", "30.4", "1 000" (spaces, including no-break ones, ignored). An
// error for field, in French, naming label, otherwise.
std::optional<double> read_decimal(std::string_view text, const std::string& field, const std::string& label,
                                   std::vector<core::FieldError>& errors);
std::optional<int> read_whole(std::string_view text, const std::string& field, const std::string& label,
                              std::vector<core::FieldError>& errors);

// 30.4 -> "30,4"; 1000 -> "1000" (a form keeps numbers without separators).
std::string decimal_text(double value);

// The options of an enumeration: the stored codes with their French labels.
std::vector<FieldOption> options(std::initializer_list<std::pair<const char*, const char*>> pairs);

}  // namespace boussole::web::pages
