#pragma once
// What both libpq users of the PostgreSQL backend (the pooled connections and
// the notification listener) do with libpq's messages.

#include <string>

namespace boussole::storage::postgres {

// libpq messages end with a newline and may span lines; a log wants one line.
inline std::string one_line(const char* message)
{
    std::string text = message != nullptr ? message : "";
    for (char& c : text)
        if (c == '\n' || c == '\t')
            c = ' ';
    while (!text.empty() && text.back() == ' ')
        text.pop_back();
    return text;
}

}  // namespace boussole::storage::postgres
