#pragma once
// The faults of one input, gathered so that a form or an API client sees them
// all at once, each naming its field; error() makes them one Invalid error
// whose message starts with how many fields are to be corrected.

#include "core/error.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace boussole::core {

class Faults {
public:
    // value: what was received, quoted back when it helps (empty: nothing).
    void add(std::string field, std::string message, std::string value = {})
    {
        m_errors.push_back({std::move(field), std::move(message), std::nullopt,
                            value.empty() ? std::nullopt : std::optional<std::string>(std::move(value))});
    }
    // The field errors of an error from a lower layer.
    void add(const Error& error)
    {
        for (const auto& field : error.fields)
            m_errors.push_back(field);
    }
    bool empty() const { return m_errors.empty(); }
    Error error()
    {
        std::string message = m_errors.size() == 1
                                  ? m_errors.front().message
                                  : std::to_string(m_errors.size()) + " champs à corriger. " + m_errors.front().message;
        return Error::invalid(std::move(message), std::move(m_errors));
    }

private:
    std::vector<FieldError> m_errors;
};

}  // namespace boussole::core
