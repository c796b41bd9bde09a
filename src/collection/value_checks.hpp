#pragma once
// The checks of one value input that need no database: the element, the
// territory (a department, within the writer's scope), the period, the value
// against the element's rules, the comment. Used by write_values before it
// reads any cell; the messages are French and say what is expected.

#include "collection/data_values.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace boussole::collection {

// The largest magnitude accepted: beyond 10^15 a double no longer holds every
// integer exactly, and no count of the branch comes near it.
inline constexpr double kLargestValue = 1e15;
inline constexpr std::size_t kLongestComment = 2000;  // characters

// An input whose fields passed every check.
struct CheckedInput {
    const ValueInput* input = nullptr;
    const catalogue::DataElement* element = nullptr;
    const territory::Territory* territory = nullptr;
    core::Period period = core::Period::year(2000);
    std::optional<double> value;
    std::string comment;  // trimmed
};

// Checks every field of the input and appends one fault per faulty field to
// faults (line, field, value as received, message). Returns the checked input
// when there was none. today is the date (Paris) that periods must not start
// after.
std::optional<CheckedInput> check_input(const ValueInput& input, const access::Principal& principal,
                                        const territory::TerritoryRegistry& registry,
                                        const catalogue::Catalogue& catalogue, std::chrono::year_month_day today,
                                        std::vector<core::FieldError>& faults);

// The territory of a value: "DEP-33" or a bare department code "33".
// Regions and the nation are refused: values are collected by department.
core::Result<const territory::Territory*> resolve_department(const territory::TerritoryRegistry& registry,
                                                             std::string_view text);

// The value checked against the element's type and bounds.
core::Status check_value(const catalogue::DataElement& element, double value);

// The comment trimmed, or Invalid (not UTF-8, control characters, too long).
core::Result<std::string> check_comment(std::string_view comment);

// A number as a French reader reads it: "1 234", "12,5", "-0,25".
std::string format_value(double value);

// Text received from a client, fit to be quoted in a report: at most 100
// characters, and « (texte illisible : pas en UTF-8) » when it is not UTF-8.
std::string shown(std::string_view text);

// Today in Paris, the calendar the branch's periods follow.
std::chrono::year_month_day paris_today(core::Timestamp now);

}  // namespace boussole::collection
