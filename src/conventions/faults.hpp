#pragma once
// The faults of one input, gathered so that a form or an API client sees
// them all at once; each names its field. For the conventions module only.

#include "core/error.hpp"

#include <optional>
#include <string>
#include <vector>

namespace boussole::conventions {

class Faults {
public:
    void add(std::string field, std::string message, std::string value = {})
    {
        m_errors.push_back({std::move(field), std::move(message), std::nullopt,
                            value.empty() ? std::nullopt : std::optional<std::string>(std::move(value))});
    }
    bool empty() const { return m_errors.empty(); }
    core::Error error()
    {
        std::string message = m_errors.size() == 1
                                  ? m_errors.front().message
                                  : std::to_string(m_errors.size()) + " champs à corriger. " + m_errors.front().message;
        return core::Error::invalid(std::move(message), std::move(m_errors));
    }

private:
    std::vector<core::FieldError> m_errors;
};

}  // namespace boussole::conventions
